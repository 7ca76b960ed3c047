// The text edits that turn a regular container of a pod into a native sidecar: the item leaves `containers`
// (with its own lines, or its comma in flow style) and joins `initContainers` (created before `containers`
// when missing) with `restartPolicy: Always` added. Indentation, quoting style and the comments above the
// item move with it; everything else stays byte for byte. Undefined when the layout is too unusual to edit
// safely (aliases, a block item bound for a flow list...): the rule then reports without a suggestion.
import { collectionLayout, hasAliases, lineEndAfter, lineStartOf, removalRange, type CollectionLayout, type EntryLayout, type Path, type SourceDocument, type TextEdit } from '@podlint/core';

export function nativeSidecarEdits(doc: SourceDocument, podSpecPath: Path, index: number): TextEdit[] | undefined {
  // With aliases, moving text inside an anchored node would change every place that repeats it.
  if (hasAliases(doc)) return undefined;
  const text = doc.file.text;
  const spec = collectionLayout(doc, podSpecPath);
  const containers = collectionLayout(doc, [...podSpecPath, 'containers']);
  const item = containers?.entries[index];
  if (!spec || spec.kind !== 'map' || !containers || containers.kind !== 'seq' || !item) return undefined;
  if (!inside(containers, spec) || !inside(item, containers)) return undefined;
  const containersKey = spec.entries.find((entry) => entry.key === 'containers');
  const hasInit = spec.entries.some((entry) => entry.key === 'initContainers');
  const init = hasInit ? collectionLayout(doc, [...podSpecPath, 'initContainers']) : undefined;
  if (!containersKey || (hasInit && (!init || init.kind !== 'seq' || !inside(init, spec)))) return undefined;
  const itemPath = [...podSpecPath, 'containers', index];
  const withPolicy = withRestartPolicy(doc, itemPath, item);
  if (withPolicy === undefined) return undefined;
  const removal = removalRange(doc, itemPath, { withLeadingComments: !containers.flow });
  if (!removal) return undefined;
  if (!containers.flow) {
    if (init?.flow) {
      // A flow item (`- {name: proxy, ...}`) can join a flow list as it is.
      if (text[item.start] !== '{' || withPolicy.includes('\n')) return undefined;
      return [flowInsertion(init, withPolicy, ', '), { range: removal, text: '' }];
    }
    // The moved lines: leading comments, the item with its policy, and the comment lines under it.
    const lines = text.slice(removal[0], item.start) + withPolicy + text.slice(item.end, removal[1]);
    const block = lines.endsWith('\n') ? lines : `${lines}\n`;
    const dashColumn = columnOf(text, dashOf(text, item.start));
    if (init && init.entries.length > 0) {
      const lastPath = [...podSpecPath, 'initContainers', init.entries.length - 1];
      const lastEnd = removalRange(doc, lastPath)?.[1];
      const initDash = columnOf(text, dashOf(text, init.entries[0]!.start));
      if (lastEnd === undefined) return undefined;
      const insertion = lastEnd === text.length && !text.endsWith('\n') ? `\n${reindent(block, initDash - dashColumn)}` : reindent(block, initDash - dashColumn);
      return [{ range: [lastEnd, lastEnd], text: insertion }, { range: removal, text: '' }];
    }
    if (init) return undefined;
    const keyLine = removalRange(doc, [...podSpecPath, 'containers'], { withLeadingComments: true });
    if (!keyLine || spec.flow) return undefined;
    const keyIndent = ' '.repeat(containersKey.start - lineStartOf(text, containersKey.start));
    if (text.slice(lineStartOf(text, keyLine[0]), keyLine[0]).trim() !== '') return undefined;
    const keyText = text[containersKey.start] === '"' ? '"initContainers"' : 'initContainers';
    return [{ range: [keyLine[0], keyLine[0]], text: `${keyIndent}${keyText}:\n${block}` }, { range: removal, text: '' }];
  }
  // Flow style: the item keeps its text; the separator between the containers' items is reused.
  const separator = text.slice(containers.entries[0]!.end, containers.entries[1]?.start ?? containers.entries[0]!.end) || ', ';
  if (init && !init.flow) {
    // A one-line flow item joins a block list as `- {...}`.
    const last = init.entries.length > 0 ? removalRange(doc, [...podSpecPath, 'initContainers', init.entries.length - 1])?.[1] : undefined;
    if (last === undefined || withPolicy.includes('\n')) return undefined;
    const dash = ' '.repeat(columnOf(text, dashOf(text, init.entries[0]!.start)));
    return [{ range: [last, last], text: `${last === text.length && !text.endsWith('\n') ? '\n' : ''}${dash}- ${withPolicy}\n` }, { range: removal, text: '' }];
  }
  if (init) return [flowInsertion(init, withPolicy, separator), { range: removal, text: '' }];
  const keyText = text[containersKey.start] === '"' ? '"initContainers"' : 'initContainers';
  // A list written one item per line gets its new list written the same way.
  const itemLineStart = lineStartOf(text, item.start);
  const list = text.slice(itemLineStart, item.start).trim() === '' ? `[\n${text.slice(itemLineStart, item.start)}${withPolicy}\n${' '.repeat(containersKey.start - lineStartOf(text, containersKey.start))}]` : `[${withPolicy}]`;
  if (!spec.flow) {
    const keyIndent = ' '.repeat(containersKey.start - lineStartOf(text, containersKey.start));
    if (text.slice(lineStartOf(text, containersKey.start), containersKey.start).trim() !== '') return undefined;
    return [{ range: [lineStartOf(text, containersKey.start), lineStartOf(text, containersKey.start)], text: `${keyIndent}${keyText}: ${list}\n` }, { range: removal, text: '' }];
  }
  const position = spec.entries.indexOf(containersKey);
  const gapStart = position > 0 ? afterComma(text, spec.entries[position - 1]!.end) : spec.start + 1;
  const gap = text.slice(gapStart, containersKey.start);
  const pairGap = /\n[ \t]*$/.exec(gap)?.[0] ?? (/^\s*$/.test(gap) ? gap || ' ' : ' ');
  return [{ range: [containersKey.start, containersKey.start], text: `${keyText}: ${list},${pairGap}` }, { range: removal, text: '' }];
}

/** Appends an item to a flow list: after its last item with `separator`, or inside its empty brackets. */
function flowInsertion(list: CollectionLayout, item: string, separator: string): TextEdit {
  const last = list.entries[list.entries.length - 1];
  return last ? { range: [last.end, last.end], text: `${separator}${item}` } : { range: [list.start + 1, list.start + 1], text: item };
}

/** The item's own text (from its first key or `{` to its end) with `restartPolicy: Always` set. */
function withRestartPolicy(doc: SourceDocument, itemPath: Path, item: EntryLayout): string | undefined {
  const text = doc.file.text;
  const map = collectionLayout(doc, itemPath);
  if (!map || map.kind !== 'map' || map.entries.length === 0) return undefined;
  const own = text.slice(item.start, item.end);
  const relative = (offset: number) => offset - item.start;
  const existing = map.entries.find((entry) => entry.key === 'restartPolicy');
  const quoted = text[map.entries[0]!.start] === '"';
  const value = quoted ? '"Always"' : 'Always';
  if (existing) return own.slice(0, relative(existing.valueStart)) + value + own.slice(relative(existing.end));
  const pair = `${quoted ? '"restartPolicy"' : 'restartPolicy'}: ${value}`;
  if (!map.flow) {
    // After the name (usually the first line), at the indentation of the item's keys.
    const anchor = map.entries.find((entry) => entry.key === 'name') ?? map.entries[0]!;
    const at = relative(lineEndAfter(text, anchor.end));
    const indent = ' '.repeat(map.entries[0]!.start - lineStartOf(text, map.entries[0]!.start));
    const line = `${indent}${pair}\n`;
    return at >= own.length ? `${own}\n${line.replace(/\n$/, '')}` : own.slice(0, at) + line + own.slice(at);
  }
  const last = map.entries[map.entries.length - 1]!;
  const lastLineStart = lineStartOf(text, last.start);
  const onOwnLine = text.slice(lastLineStart, last.start).trim() === '';
  const addition = onOwnLine ? `,\n${text.slice(lastLineStart, last.start)}${pair}` : `, ${pair}`;
  return own.slice(0, relative(last.end)) + addition + own.slice(relative(last.end));
}

function inside(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function dashOf(text: string, start: number): number {
  let index = start - 1;
  while (index >= 0 && (text[index] === ' ' || text[index] === '\t')) index -= 1;
  return index >= 0 && text[index] === '-' ? index : start;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Shifts every non-empty line by `delta` columns (removing only spaces when moving left). */
function reindent(block: string, delta: number): string {
  if (delta === 0) return block;
  return block
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      if (delta > 0) return ' '.repeat(delta) + line;
      const removable = Math.min(-delta, /^ */.exec(line)![0].length);
      return line.slice(removable);
    })
    .join('\n');
}

function afterComma(text: string, offset: number): number {
  const match = /^[ \t]*,/.exec(text.slice(offset));
  return match ? offset + match[0].length : offset;
}
