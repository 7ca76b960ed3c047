// Resolves a JSON path of a document to the closest source range (Spectral's document model): the key when
// asked for the key, the value otherwise, and the nearest existing ancestor's key when the path is absent.
// A document fast-yaml read for its value is looked up in its positions, without building its nodes: the same
// walk, over the same keys and ranges.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { MAP_ENTRY, MAP_POSITIONS, SEQ_ENTRY, SEQ_POSITIONS, type Positions } from './fast-yaml.js';
import type { SourceDocument } from './source.js';
import type { OffsetRange, Path } from './types.js';

export type RangeTarget = 'key' | 'value';

export interface PathLookup {
  offsets: OffsetRange;
  /** False when the path does not exist and an ancestor's range was used. */
  exact: boolean;
  /** How many segments of the path were found. */
  depth: number;
}

interface Step {
  node: Node | null;
  pair?: Pair<unknown, unknown>;
}

/** Walks `path` through the document's nodes; returns every step that exists, the root first. */
export function walkPath(doc: SourceDocument, path: Path): Step[] {
  const steps: Step[] = [{ node: (doc.yaml.contents as Node | null) ?? null }];
  let current = resolveAlias(doc, steps[0]!.node);
  for (const segment of path) {
    if (isMap(current)) {
      const pair = pairOf(current, segment);
      if (!pair) break;
      const value = resolveAlias(doc, (pair.value as Node | null) ?? null);
      steps.push({ node: value, pair: pair as Pair<unknown, unknown> });
      current = value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined;
      if (item === undefined) break;
      const value = resolveAlias(doc, item ?? null);
      steps.push({ node: value });
      current = value;
    } else {
      break;
    }
  }
  return steps;
}

/** The yaml node at `path`, or undefined when the path does not exist. */
export function nodeAtPath(doc: SourceDocument, path: Path): Node | null | undefined {
  const steps = walkPath(doc, path);
  if (steps.length !== path.length + 1) return undefined;
  return steps[steps.length - 1]!.node;
}

export function rangeOfPath(doc: SourceDocument, path: Path, target: RangeTarget = 'value'): PathLookup {
  if (doc.read) return rangeInPositions(doc, path, target);
  const steps = walkPath(doc, path);
  const exact = steps.length === path.length + 1;
  const last = steps[steps.length - 1]!;
  const depth = steps.length - 1;
  const key = isNodeWithRange(last.pair?.key) ? last.pair.key : undefined;
  if (exact) {
    if (target === 'value' && last.node?.range) return { offsets: valueOffsets(doc, last.node), exact, depth };
    if (key) return { offsets: [key.range[0], key.range[1]], exact, depth };
    // A sequence item has no key: its value stands for it.
    if (last.node?.range) return { offsets: valueOffsets(doc, last.node), exact, depth };
    return { offsets: firstLineOf(doc, last.node), exact, depth };
  }
  // The path does not exist: point at the closest ancestor that does, by its key or its first line.
  if (key) return { offsets: [key.range[0], key.range[1]], exact, depth };
  return { offsets: firstLineOf(doc, last.node), exact, depth };
}

/** The first line of a node's source (a mapping's first key line; a document's first line). */
export function firstLineOf(doc: SourceDocument, node: Node | null | undefined): OffsetRange {
  const range = node?.range;
  return range ? firstLine(doc, range[0], range[1]) : firstLine(doc, doc.read?.range[0] ?? doc.yaml.range[0]);
}

/** The first line of the node at `path` (firstLineOf of nodeAtPath), or of the document when there is none. */
export function firstLineAt(doc: SourceDocument, path: Path): OffsetRange {
  if (!doc.read) return firstLineOf(doc, nodeAtPath(doc, path));
  const found = findInPositions(doc, path);
  return found.depth === path.length ? firstLine(doc, found.start, found.end) : firstLine(doc, doc.read.range[0]);
}

/** The first line from `start`, up to `nodeEnd` when the node ends on it. */
function firstLine(doc: SourceDocument, start: number, nodeEnd?: number): OffsetRange {
  const text = doc.file.text;
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text[end - 1] === '\r') end -= 1;
  return [start, Math.max(start, Math.min(end, nodeEnd ?? end))];
}

function valueOffsets(doc: SourceDocument, node: Node): OffsetRange {
  const [start, end] = node.range!;
  return valueExtent(doc, start, end);
}

function valueExtent(doc: SourceDocument, start: number, end: number): OffsetRange {
  if (end > start) return [start, end];
  // An empty value (`key:`) has no extent; underline where it would be.
  return firstLine(doc, start, end);
}

/** What walkPath finds in a document's positions: how deep the path goes, the last value found, and its key. */
interface PositionsStep {
  depth: number;
  start: number;
  end: number;
  /** The key's offsets, -1 when the last value found is an item or the root. */
  keyStart: number;
  keyEnd: number;
}

/** walkPath over the positions fast-yaml read: the same keys (the first of equal ones) and items. */
function findInPositions(doc: SourceDocument, path: Path): PositionsStep {
  const read = doc.read!;
  const step: PositionsStep = { depth: 0, start: read.contents[0], end: read.contents[1], keyStart: -1, keyEnd: -1 };
  let positions = read.positions;
  for (const segment of path) {
    if (positions === null) break;
    let entry: number;
    if (positions[0] === MAP_POSITIONS) {
      entry = entryOf(positions, segment);
      if (entry < 0) break;
      step.keyStart = positions[entry + 1] as number;
      step.keyEnd = positions[entry + 2] as number;
      step.start = positions[entry + 3] as number;
      step.end = positions[entry + 4] as number;
      positions = positions[entry + MAP_ENTRY - 1] as Positions | null;
    } else if (positions[0] === SEQ_POSITIONS && typeof segment === 'number') {
      entry = 1 + segment * SEQ_ENTRY;
      if (!Number.isInteger(segment) || segment < 0 || entry >= positions.length) break;
      step.keyStart = -1;
      step.keyEnd = -1;
      step.start = positions[entry] as number;
      step.end = positions[entry + 1] as number;
      positions = positions[entry + SEQ_ENTRY - 1] as Positions | null;
    } else {
      break;
    }
    step.depth += 1;
  }
  return step;
}

/** rangeOfPath for a document fast-yaml read for its value. */
function rangeInPositions(doc: SourceDocument, path: Path, target: RangeTarget): PathLookup {
  const found = findInPositions(doc, path);
  const { depth } = found;
  const exact = depth === path.length;
  const key: OffsetRange | undefined = found.keyStart >= 0 ? [found.keyStart, found.keyEnd] : undefined;
  if (exact) {
    if (target === 'value' || !key) return { offsets: valueExtent(doc, found.start, found.end), exact, depth };
    return { offsets: key, exact, depth };
  }
  // The path does not exist: point at the closest ancestor that does, by its key or its first line.
  return { offsets: key ?? firstLine(doc, found.start, found.end), exact, depth };
}

/** Position lookups by key of each large mapping read for its value, built on first use, as pairIndexes. */
const entryIndexes = new WeakMap<Positions, Map<string, number>>();

/** Where in a mapping's positions the first key that reads as `segment` is, or -1. */
function entryOf(positions: Positions, segment: string | number): number {
  const name = String(segment);
  if (positions.length <= 1 + SCANNED_MAP_SIZE * MAP_ENTRY) {
    for (let entry = 1; entry < positions.length; entry += MAP_ENTRY) if (String(positions[entry]) === name) return entry;
    return -1;
  }
  let index = entryIndexes.get(positions);
  if (!index) {
    index = new Map();
    for (let entry = 1; entry < positions.length; entry += MAP_ENTRY) {
      const key = String(positions[entry]);
      if (!index.has(key)) index.set(key, entry);
    }
    entryIndexes.set(positions, index);
  }
  return index.get(name) ?? -1;
}

function keyMatches(key: unknown, segment: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(segment);
  return false;
}

/** Mappings up to this size are searched pair by pair; larger ones through an index built once. */
const SCANNED_MAP_SIZE = 16;

/** The pairs of each large mapping by key (the first of equal keys), built on the first lookup: a file is never edited in place. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * The first pair of `map` whose key reads as `segment`. A report on each of 20,000 keys of one mapping once
 * searched the mapping for each of them (10,000 unknown fields took 9 s).
 */
function pairOf(map: YAMLMap, segment: string | number): Pair | undefined {
  const { items } = map;
  if (items.length <= SCANNED_MAP_SIZE) return items.find((item) => keyMatches(item.key, segment)) as Pair | undefined;
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of items) {
      if (!isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!index.has(key)) index.set(key, item as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(String(segment));
}

function resolveAlias(doc: SourceDocument, node: Node | null): Node | null {
  if (!isAlias(node)) return node;
  try {
    return (node.resolve(doc.yaml) as Node | undefined) ?? null;
  } catch {
    return null;
  }
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}

export { isPair };
