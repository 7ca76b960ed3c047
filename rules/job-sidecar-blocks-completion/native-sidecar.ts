// The text edits that turn a regular container of a pod into a native sidecar: the item leaves `containers`
// (with its own lines, or its comma in flow style) and joins `initContainers` (created before `containers`
// when missing) with `restartPolicy: Always` added. Indentation, quoting style and the comments above the
// item move with it; everything else stays byte for byte. Undefined when the layout is too unusual to edit
// safely (aliases, a block item bound for a flow list...): the rule then reports without a suggestion.
import { collectionLayout, dashBefore, lineEndAfter, lineStartOf, removalRange, type CollectionLayout, type EntryLayout, type OffsetRange, type Path, type SourceDocument, type TextEdit } from '@podlint/core';

/** The yaml layout the edits are computed from. */
interface Layout {
  doc: SourceDocument;
  text: string;
  podSpecPath: Path;
  spec: CollectionLayout;
  containers: CollectionLayout;
  containersKey: EntryLayout;
  /** `initContainers`, when the pod spec has one. */
  init: CollectionLayout | undefined;
  item: EntryLayout;
  /** The item's text with `restartPolicy: Always` set. */
  moved: string;
  /** What removes the item from `containers`. */
  removal: OffsetRange;
}

export function nativeSidecarEdits(doc: SourceDocument, podSpecPath: Path, index: number): TextEdit[] | undefined {
  const layout = readLayout(doc, podSpecPath, index);
  if (!layout) return undefined;
  const insertion = layout.containers.flow ? insertFlowItem(layout) : insertBlockItem(layout);
  return insertion && [insertion, { range: layout.removal, text: '' }];
}

function readLayout(doc: SourceDocument, podSpecPath: Path, index: number): Layout | undefined {
  const spec = collectionLayout(doc, podSpecPath);
  const containers = collectionLayout(doc, [...podSpecPath, 'containers']);
  const item = containers?.entries[index];
  const containersKey = spec?.entries.find((entry) => entry.key === 'containers');
  if (spec?.kind !== 'map' || containers?.kind !== 'seq' || !item || !containersKey || !inside(containers, spec) || !inside(item, containers)) return undefined;
  const hasInit = spec.entries.some((entry) => entry.key === 'initContainers');
  const init = hasInit ? collectionLayout(doc, [...podSpecPath, 'initContainers']) : undefined;
  // `initContainers:` with no list (or something else) is left to the user.
  if (hasInit && (init?.kind !== 'seq' || !inside(init, spec))) return undefined;
  const itemPath = [...podSpecPath, 'containers', index];
  const moved = withRestartPolicy(doc, itemPath, item);
  const removal = removalRange(doc, itemPath, { withLeadingComments: !containers.flow });
  if (moved === undefined || !removal) return undefined;
  return { doc, text: doc.file.text, podSpecPath, spec, containers, containersKey, init, item, moved, removal };
}

/** A block item (`- name: x` and its lines) joins `initContainers`, or a new `initContainers:` before `containers:`. */
function insertBlockItem(layout: Layout): TextEdit | undefined {
  const { doc, text, init, item, moved, removal } = layout;
  if (init?.flow) {
    // A flow item (`- {name: proxy, ...}`) can join a flow list as it is.
    return text[item.start] === '{' && !moved.includes('\n') ? flowInsertion(init, moved, ', ') : undefined;
  }
  // The moved lines: leading comments, the item with its policy, and the comment lines under it.
  const lines = text.slice(removal[0], item.start) + moved + text.slice(item.end, removal[1]);
  const block = lines.endsWith('\n') ? lines : `${lines}\n`;
  const dashColumn = columnOf(text, dashBefore(text, item.start));
  if (init) {
    const lastEnd = removalRange(doc, [...layout.podSpecPath, 'initContainers', init.entries.length - 1])?.[1];
    if (lastEnd === undefined) return undefined;
    const shifted = reindent(block, columnOf(text, dashBefore(text, init.entries[0]!.start)) - dashColumn);
    return { range: [lastEnd, lastEnd], text: `${missingNewline(text, lastEnd)}${shifted}` };
  }
  // Above `containers:` and the comments that introduce it.
  const keyStart = removalRange(doc, [...layout.podSpecPath, 'containers'], { withLeadingComments: true })?.[0];
  if (keyStart === undefined || layout.spec.flow || !startsLine(text, keyStart)) return undefined;
  return { range: [keyStart, keyStart], text: `${indentOf(text, layout.containersKey.start)}${initKey(layout)}:\n${block}` };
}

/** A flow item (`{...}`) joins `initContainers`, or a new `initContainers: [...]` before `containers`. */
function insertFlowItem(layout: Layout): TextEdit | undefined {
  const { doc, text, spec, containers, containersKey, init, item, moved } = layout;
  if (init && !init.flow) {
    // A one-line flow item joins a block list as `- {...}`.
    const lastEnd = removalRange(doc, [...layout.podSpecPath, 'initContainers', init.entries.length - 1])?.[1];
    if (lastEnd === undefined || moved.includes('\n')) return undefined;
    const dash = ' '.repeat(columnOf(text, dashBefore(text, init.entries[0]!.start)));
    return { range: [lastEnd, lastEnd], text: `${missingNewline(text, lastEnd)}${dash}- ${moved}\n` };
  }
  // The separator between the containers' own items is reused.
  const separator = text.slice(containers.entries[0]!.end, containers.entries[1]?.start ?? containers.entries[0]!.end) || ', ';
  if (init) return flowInsertion(init, moved, separator);
  // A list written one item per line gets its new list written the same way.
  const list = startsLine(text, item.start) ? `[\n${indentOf(text, item.start)}${moved}\n${indentOf(text, containersKey.start)}]` : `[${moved}]`;
  if (!spec.flow) {
    if (!startsLine(text, containersKey.start)) return undefined;
    const lineStart = lineStartOf(text, containersKey.start);
    return { range: [lineStart, lineStart], text: `${indentOf(text, containersKey.start)}${initKey(layout)}: ${list}\n` };
  }
  // In a flow mapping, the new pair goes before `containers` with the same spacing as the pair before it.
  const position = spec.entries.indexOf(containersKey);
  const gapStart = position > 0 ? afterComma(text, spec.entries[position - 1]!.end) : spec.start + 1;
  const gap = text.slice(gapStart, containersKey.start);
  const pairGap = /\n[ \t]*$/.exec(gap)?.[0] ?? (/^\s*$/.test(gap) && gap !== '' ? gap : ' ');
  return { range: [containersKey.start, containersKey.start], text: `${initKey(layout)}: ${list},${pairGap}` };
}

/** Appends an item to a flow list: after its last item with `separator`, or inside its empty brackets. */
function flowInsertion(list: CollectionLayout, item: string, separator: string): TextEdit {
  const last = list.entries[list.entries.length - 1];
  return last ? { range: [last.end, last.end], text: `${separator}${item}` } : { range: [list.start + 1, list.start + 1], text: item };
}

/** `initContainers`, quoted like the `containers` key (JSON). */
function initKey(layout: Layout): string {
  return layout.text[layout.containersKey.start] === '"' ? '"initContainers"' : 'initContainers';
}

function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === '';
}

function indentOf(text: string, offset: number): string {
  return ' '.repeat(offset - lineStartOf(text, offset));
}

/** A newline to put first when inserting at the end of a text that does not end with one. */
function missingNewline(text: string, offset: number): string {
  return offset === text.length && !text.endsWith('\n') ? '\n' : '';
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
