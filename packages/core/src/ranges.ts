// Resolves a JSON path of a document to the closest source range (Spectral's document model): the key when
// asked for the key, the value otherwise, and the nearest existing ancestor's key when the path is absent.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
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
  const text = doc.file.text;
  const start = node?.range?.[0] ?? doc.yaml.range[0];
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text[end - 1] === '\r') end -= 1;
  const nodeEnd = node?.range?.[1] ?? end;
  return [start, Math.max(start, Math.min(end, nodeEnd))];
}

function valueOffsets(doc: SourceDocument, node: Node): OffsetRange {
  const [start, end] = node.range!;
  if (end > start) return [start, end];
  // An empty value (`key:`) has no extent; underline where it would be.
  return firstLineOf(doc, node);
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
