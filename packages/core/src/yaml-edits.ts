// Text edits computed from the yaml nodes, for fixes and suggestions that must keep the rest of a file byte
// for byte: the layout of a mapping or sequence (block or flow, where each entry starts and ends), and the
// range that removes one entry with its own lines (block) or its separating comma (flow).
import { isMap, isNode, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair } from 'yaml';
import { nodeAtPath } from './ranges.js';
import { lineAt, type SourceDocument } from './source.js';
import type { OffsetRange, Path } from './types.js';

export interface EntryLayout {
  /** The key of a mapping entry (as text), or the index of a sequence item. */
  key: string | number;
  /** Where the entry starts: a pair's key, a sequence item's value (after its `- `). */
  start: number;
  /** Where the entry's value ends (before any comma or newline). */
  end: number;
  /** Where the value starts (a pair's value, or the item itself). */
  valueStart: number;
}

export interface CollectionLayout {
  kind: 'map' | 'seq';
  flow: boolean;
  /** The collection's own range (a flow collection's brackets included). */
  start: number;
  end: number;
  entries: EntryLayout[];
}

/** The layout of the mapping or sequence at `path`, or undefined when there is none (or an alias is in the way). */
export function collectionLayout(doc: SourceDocument, path: Path): CollectionLayout | undefined {
  return indexedLayout(doc, path)?.layout;
}

/** A collection's layout, with each entry's index by its key and, in a mapping, each entry's key node. */
interface IndexedLayout {
  layout: CollectionLayout;
  /** The first entry with each key (as text). */
  indexOf: Map<string, number>;
  /** Each entry's key node (undefined for a sequence's items), by the entry's index. */
  keys: (Node | undefined)[];
}

/**
 * Layouts by document and path. A fix for each of thousands of entries (containers moved to initContainers,
 * server fields removed from every item of a List) would lay the same collection out again for each, and the
 * layout's size grows with theirs. Parsed documents are never changed (fixes are text edits), so a layout stays true.
 */
const layouts = new WeakMap<SourceDocument, Map<string, IndexedLayout | undefined>>();

function indexedLayout(doc: SourceDocument, path: Path): IndexedLayout | undefined {
  let byPath = layouts.get(doc);
  if (!byPath) layouts.set(doc, (byPath = new Map()));
  const pathKey = JSON.stringify(path);
  if (!byPath.has(pathKey)) byPath.set(pathKey, layOut(doc, path));
  return byPath.get(pathKey);
}

function layOut(doc: SourceDocument, path: Path): IndexedLayout | undefined {
  const node = nodeAtPath(doc, path);
  if (!(isMap(node) || isSeq(node)) || !node.range) return undefined;
  const entries: EntryLayout[] = [];
  const keys: (Node | undefined)[] = [];
  node.items.forEach((item: unknown, index: number) => {
    if (isPair(item)) {
      const pair = item as Pair<unknown, unknown>;
      const key = pair.key;
      if (!isNode(key) || !key.range) return;
      const value = isNode(pair.value) && pair.value.range ? pair.value : undefined;
      const valueEnd = value ? valueEndOf(doc, value) : key.range[1];
      entries.push({ key: isScalar(key) ? String(key.value) : String(index), start: key.range[0], end: valueEnd, valueStart: value ? value.range![0] : key.range[1] });
      keys.push(key);
    } else if (isNode(item) && item.range) {
      entries.push({ key: index, start: item.range[0], end: valueEndOf(doc, item), valueStart: item.range[0] });
      keys.push(undefined);
    }
  });
  const indexOf = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!indexOf.has(String(entry.key))) indexOf.set(String(entry.key), index);
  });
  const layout: CollectionLayout = { kind: isMap(node) ? 'map' : 'seq', flow: Boolean(node.flow), start: node.range[0], end: node.range[1], entries };
  return { layout, indexOf, keys };
}

/**
 * True when the document uses an alias (`*name`, `<<: *name`): text edits inside an anchored node would
 * then change every place that repeats it, so edits that move text should not be offered.
 */
export function hasAliases(doc: SourceDocument): boolean {
  // fast-yaml gives up on every alias: a document it read for its value has none.
  if (doc.read) return false;
  let found = aliasesFound.get(doc);
  if (found === undefined) {
    found = false;
    // An alias needs a `*` in the document's text; most documents have none, and are not walked.
    const range = doc.yaml.range as Document.Parsed['range'] | undefined;
    const star = range ? doc.file.text.indexOf('*', range[0]) : 0;
    if (range && (star === -1 || star >= range[2])) {
      aliasesFound.set(doc, false);
      return false;
    }
    visit(doc.yaml, {
      Alias: () => {
        found = true;
        return visit.BREAK;
      },
    });
    aliasesFound.set(doc, found);
  }
  return found;
}

/** hasAliases' answers: asked for every fix of a document, and a visit of the whole document each time was quadratic. */
const aliasesFound = new WeakMap<SourceDocument, boolean>();

/** A value's end, with a block collection's trailing newline left out. */
function valueEndOf(doc: SourceDocument, node: Node): number {
  let end = node.range![1];
  const text = doc.file.text;
  while (end > node.range![0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end -= 1;
  return end;
}

export interface RemovalOptions {
  /** Other entries of the same collection removed by the same run of fixes: flow ranges are chosen so that none overlap. */
  alsoRemoved?: readonly (string | number)[];
  /** Take the comment lines directly above a block entry along (when moving it elsewhere). */
  withLeadingComments?: boolean;
}

/**
 * The range that removes the entry at `path`. A block entry goes with its whole lines (the key line, the value's
 * lines, comment lines indented under it and the trailing newline) but not the comments above or below it; a
 * flow entry goes with one separating comma.
 */
export function removalRange(doc: SourceDocument, path: Path, options: RemovalOptions = {}): OffsetRange | undefined {
  const indexed = indexedLayout(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!indexed || key === undefined) return undefined;
  const index = indexed.indexOf.get(String(key));
  if (index === undefined || decoratedKey(doc.file.text, indexed.keys[index])) return undefined;
  const layout = indexed.layout;
  if (layout.flow) return flowRemoval(doc.file.text, layout, index, new Set([String(key), ...(options.alsoRemoved ?? []).map(String)]));
  return blockRemoval(doc.file.text, layout, index, options.withLeadingComments ?? false);
}

/**
 * True when a mapping entry's key has an anchor, a tag or the explicit-key `?` before it: the layout's entry starts
 * at the key's text, so removing from there would leave them behind, to join the next line (or swallow a `---`).
 */
function decoratedKey(text: string, key: Node | undefined): boolean {
  if (!key?.range) return false;
  if (key.anchor || key.tag) return true;
  let before = key.range[0] - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before -= 1;
  return text[before] === '?';
}

/**
 * In a flow collection, the removed entries form runs of neighbours. Each run is removed as one range (its
 * own lines when it sits on lines of its own, with the comma that separates it from the entries that stay)
 * and that range is split between the run's entries, so that every entry's fix stands alone and none overlap.
 */
function flowRemoval(text: string, layout: CollectionLayout, index: number, removed: ReadonlySet<string>): OffsetRange {
  const entries = layout.entries;
  const isRemoved = (at: number) => at >= 0 && at < entries.length && removed.has(String(entries[at]!.key));
  let first = index;
  while (isRemoved(first - 1)) first -= 1;
  let last = index;
  while (isRemoved(last + 1)) last += 1;
  const keptBefore = entries[first - 1];
  const keptAfter = entries[last + 1];
  const ownLine = (at: number) => onOwnLine(text, entries[at]!);
  const lineStart = (at: number) => (ownLine(at) ? lineStartOf(text, entries[at]!.start) : entries[at]!.start);
  if (keptAfter || !keptBefore) {
    // Each entry takes what follows it up to the next one: `a: 1, ` or its whole line.
    const runEnd = ownLine(last) ? lineEndAfter(text, entries[last]!.end) : keptAfter ? keptAfter.start : afterComma(text, entries[last]!.end);
    const start = index === first ? lineStart(first) : lineStart(index);
    const end = index === last ? runEnd : lineStart(index + 1);
    return [start, end];
  }
  // The run ends the collection: each entry takes the comma before it, so the last kept entry loses its own.
  const runEnd = ownLine(last) ? lineContentEnd(text, entries[last]!.end) : entries[last]!.end;
  return [entries[index - 1]!.end, index === last ? runEnd : entries[index]!.end];
}

/** True when a flow entry has its line to itself (only indentation before it, a comma and a comment after it). */
function onOwnLine(text: string, entry: EntryLayout): boolean {
  const before = text.slice(lineStartOf(text, entry.start), entry.start);
  const after = text.slice(entry.end, lineEndAfter(text, entry.end));
  return before.trim() === '' && /^[ \t]*,?[ \t]*(#.*)?\r?\n?$/.test(after);
}

/** Past the comma and spaces that follow `offset`, if there are any. */
function afterComma(text: string, offset: number): number {
  const match = /^[ \t]*,[ \t]*/.exec(text.slice(offset));
  return match ? offset + match[0].length : offset;
}

/** The end of the line's content after `offset`: past a trailing comma and comment, before the newline. */
function lineContentEnd(text: string, offset: number): number {
  let end = lineEndAfter(text, offset);
  if (text[end - 1] === '\n') end -= 1;
  if (text[end - 1] === '\r') end -= 1;
  return end;
}

function blockRemoval(text: string, layout: CollectionLayout, index: number, withLeadingComments: boolean): OffsetRange {
  const entry = layout.entries[index]!;
  const marker = layout.kind === 'seq' ? dashBefore(text, entry.start) : entry.start;
  const lineStart = lineStartOf(text, marker);
  const column = marker - lineStart;
  if (text.slice(lineStart, marker).trim() !== '') {
    // The entry shares its line with a parent's `- `: pull the next sibling up instead of removing the line.
    const next = layout.entries[index + 1];
    if (next) return [marker, layout.kind === 'seq' ? dashBefore(text, next.start) : next.start];
    return [marker, lineEndAfter(text, entry.end)];
  }
  let start = lineStart;
  if (withLeadingComments) {
    for (;;) {
      const previousStart = start === 0 ? -1 : lineStartOf(text, start - 1);
      if (previousStart < 0) break;
      const line = text.slice(previousStart, start);
      if (!/^[ \t]*#/.test(line) || indentOf(line) !== column) break;
      start = previousStart;
    }
  }
  let end = lineEndAfter(text, entry.end);
  // Comment lines indented under the entry belong to it.
  while (end < text.length) {
    const next = lineEndAfter(text, end);
    const line = text.slice(end, next);
    if (!/^[ \t]*#/.test(line) || indentOf(line) <= column) break;
    end = next;
  }
  return [start, end];
}

/** The offset of the `- ` that introduces a block sequence item whose value starts at `start`. */
export function dashBefore(text: string, start: number): number {
  let index = start - 1;
  while (index >= 0 && (text[index] === ' ' || text[index] === '\t')) index -= 1;
  return index >= 0 && text[index] === '-' ? index : start;
}

/** Where the line holding `offset` starts (just after a `\n`, or at the text's start). */
export function lineStartOf(text: string, offset: number): number {
  // Most lines are short: look back a little before searching the text's lines.
  const nearest = Math.max(0, offset - NEARBY);
  for (let index = offset - 1; index >= nearest; index -= 1) if (text.charCodeAt(index) === 10) return index + 1;
  if (nearest === 0) return 0;
  const starts = newlineStartsOf(text);
  return starts[lineAt(starts, offset)]!;
}

/** The offset just after the newline that ends the line holding `offset` (or the text's end). */
export function lineEndAfter(text: string, offset: number): number {
  const nearest = Math.min(text.length, offset + NEARBY);
  for (let index = offset; index < nearest; index += 1) if (text.charCodeAt(index) === 10) return index + 1;
  if (nearest === text.length) return text.length;
  const starts = newlineStartsOf(text);
  return starts[lineAt(starts, offset) + 1] ?? text.length;
}

/**
 * How far lineStartOf and lineEndAfter look before they search the text's lines. Searching from the offset each
 * time made fixes on a one-line JSON file cost its length each: 3,000 pods of a List took 12 s.
 */
const NEARBY = 256;

/**
 * The starts of the lines (after each `\n` only: edits keep a `\r` with its line) of the last text with long lines
 * asked about: fixes are worked out a document at a time.
 */
let lineIndex: { text: string; starts: number[] } | undefined;

function newlineStartsOf(text: string): number[] {
  if (lineIndex?.text !== text) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    lineIndex = { text, starts };
  }
  return lineIndex.starts;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}
