// Plain JS values from a composed yaml Document, built as yaml's own toJS builds them (same keys, same values,
// the later of two equal keys wins, `__proto__` stays an own key, an alias is the very value of its anchor) but
// without its per-node bookkeeping. Profiling the corpus showed toJS at a tenth of the whole lint; and yaml finds
// each alias's anchor by scanning every anchor and alias before it, so 50,000 aliases took 200 s.
// Merge keys (`<<`) are built as yaml builds them too: each merge converts its source mapping again (fresh objects,
// its anchors registered afresh), counts its aliases, and adds the keys the mapping does not have yet.
// Anything unusual (!!set / !!omap / !!pairs, scalars that resolved to objects, an alias without an anchor, an anchor
// on what a merge key merges) is left to yaml's toJS, which the caller runs instead. An alias inside the node it
// repeats is refused (AliasCycleError), as go-yaml refuses it: the value would be endless, and every walk of it
// (schema validation, CRD conversion, hashing) would run out of stack or never end.
import { Alias, Scalar, YAMLMap, YAMLSeq, isCollection, isMap, isPair, isSeq, visit, type Document, type Node } from 'yaml';
import { checkMap, sortByPosition } from './duplicate-keys.js';

/** Thrown when a document needs yaml's full toJS. */
const NEEDS_FULL_CONVERSION = Symbol('needs yaml toJS');

/** A mapping key that is itself a mapping or a list: JSON, and so the Kubernetes API, has no such key. */
export class CollectionKeyError extends Error {
  constructor(readonly key: Node) {
    super('a mapping key must be a plain value (a string, number or boolean); kubectl cannot read a key that is a mapping or a list');
  }
}

/**
 * An alias inside the node whose anchor it names (`&a {b: *a}`): the value would contain itself. kubectl (go-yaml)
 * refuses such a document with "anchor 'a' value contains itself".
 */
export class AliasCycleError extends Error {
  constructor(readonly alias: Alias) {
    super(
      `the alias *${alias.source} is inside the node it repeats (&${alias.source}), so the value would contain itself without end; kubectl refuses it too ("anchor '${alias.source}' value contains itself")`,
    );
  }
}

/** What an anchored node converted to, and yaml's two counters for its aliases (see aliasValue); count starts at 1, as yaml's. */
interface AnchorData {
  value: unknown;
  count: number;
  aliasCount: number;
}

interface Conversion {
  maxAliasCount: number;
  /** The latest node of each anchor name so far, in document order: what an alias met now refers to. */
  anchors: Map<string, Node>;
  data: Map<Node, AnchorData>;
  /** Where each alias met so far led. */
  aliasSources: Map<Alias, Node>;
  /** Anchored collections being built: an alias to one of them is a cycle (AliasCycleError). */
  building: Set<Node>;
  /** Keys that repeat an earlier key of their mapping, as duplicateKeys finds them. */
  duplicateKeys: Node[];
  /** Whether the schema reads a plain `<<` as a merge key (YAML 1.1, or `merge: true`). */
  merges: boolean;
  /**
   * Above 0 while a merge converts a mapping met earlier in the document again: its anchors keep the positions they
   * had (names are not registered again), its aliases lead where they led, and its keys were checked already.
   */
  reconverting: number;
}

/**
 * The document's contents as plain JS, with its duplicate keys (in the order of their positions, as
 * duplicateKeys gives them: one walk does both), or `undefined` when only yaml's toJS can build it (the caller
 * then calls that). Throws CollectionKeyError for a key that is a collection, AliasCycleError for an alias inside
 * its own anchor, and yaml's own ReferenceError for an alias bomb (more than `maxAliasCount` expansions, counted as
 * yaml counts them).
 */
export function fastToJS(doc: Document.Parsed, maxAliasCount = -1): { value: unknown; duplicateKeys: Node[] } | undefined {
  const conversion: Conversion = {
    maxAliasCount,
    anchors: new Map(),
    data: new Map(),
    aliasSources: new Map(),
    building: new Set(),
    duplicateKeys: [],
    merges: doc.schema.tags.some((tag) => tag.tag === MERGE_TAG && Boolean(tag.default)),
    reconverting: 0,
  };
  try {
    const value = convert(doc.contents, conversion);
    return { value, duplicateKeys: sortByPosition(conversion.duplicateKeys) };
  } catch (error) {
    if (error === NEEDS_FULL_CONVERSION) return undefined;
    throw error;
  }
}

/** The first mapping key of the document that is a collection, for documents converted by yaml's toJS. */
export function firstCollectionKey(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = pair.key;
      return visit.BREAK;
    },
  });
  return found;
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';

function convert(node: unknown, conversion: Conversion): unknown {
  if (node === null) return null;
  const prototype = Object.getPrototypeOf(node) as object;
  if (prototype === Scalar.prototype) {
    const value = scalarValue(node as Scalar);
    if ((node as Scalar).anchor) anchor(node as Scalar, value, conversion);
    return value;
  }
  if (prototype === YAMLMap.prototype) {
    const anchored = (node as YAMLMap).anchor ? (node as YAMLMap) : undefined;
    // yaml sees an anchor before what it holds, so an alias inside its own anchor is a cycle (AliasCycleError).
    if (anchored) beginAnchor(anchored, conversion);
    const result: Record<string, unknown> = {};
    // Indexed: for-of made an iterator and a result object per pair until V8 optimized this (every mapping of a run).
    const pairs = (node as YAMLMap<unknown, unknown>).items;
    for (let index = 0; index < pairs.length; index += 1) {
      const pair = pairs[index]!;
      if (isMergeKey(pair.key, conversion)) {
        merge(result, pair.value ?? null, conversion);
        continue;
      }
      const key = mapKey(pair.key, conversion);
      const value = convert(pair.value ?? null, conversion);
      // As yaml does: a key that `in` finds (`__proto__`, `toString`, a duplicate) becomes an own data property.
      if (key in result) Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
      else result[key] = value;
    }
    if (conversion.reconverting === 0) checkMap(node as YAMLMap, conversion.duplicateKeys);
    if (anchored) endAnchor(anchored, result, conversion);
    return result;
  }
  if (prototype === YAMLSeq.prototype) {
    const anchored = (node as YAMLSeq).anchor ? (node as YAMLSeq) : undefined;
    if (anchored) beginAnchor(anchored, conversion);
    const items = (node as YAMLSeq).items;
    const result = new Array<unknown>(items.length);
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      if (isPair(item)) throw NEEDS_FULL_CONVERSION;
      result[index] = convert(item ?? null, conversion);
    }
    if (anchored) endAnchor(anchored, result, conversion);
    return result;
  }
  if (prototype === Alias.prototype) return aliasValue(node as Alias, conversion);
  throw NEEDS_FULL_CONVERSION;
}

function anchor(node: Node, value: unknown, conversion: Conversion): void {
  if (conversion.reconverting === 0) conversion.anchors.set(node.anchor!, node);
  conversion.data.set(node, { value, count: 1, aliasCount: 0 });
}

function beginAnchor(node: YAMLMap | YAMLSeq, conversion: Conversion): void {
  if (conversion.reconverting === 0) conversion.anchors.set(node.anchor!, node);
  conversion.building.add(node);
}

function endAnchor(node: YAMLMap | YAMLSeq, value: unknown, conversion: Conversion): void {
  conversion.building.delete(node);
  conversion.data.set(node, { value, count: 1, aliasCount: 0 });
}

/**
 * An alias is its anchor's value (the same object, as yaml gives it). yaml's guard against alias bombs, kept
 * exactly: each use of an anchor counts, times how many expansions one use of it holds; over maxAliasCount, it
 * throws.
 */
function aliasValue(alias: Alias, conversion: Conversion): unknown {
  return conversion.data.get(resolveAlias(alias, conversion))!.value;
}

/**
 * The node an alias stands for (the latest anchor of its name before it; the one it led to before, when a merge
 * converts it again), counted as yaml counts every resolution of an alias, merges included.
 */
function resolveAlias(alias: Alias, conversion: Conversion): Node {
  const source = conversion.aliasSources.get(alias) ?? conversion.anchors.get(alias.source);
  if (source === undefined) throw NEEDS_FULL_CONVERSION;
  if (conversion.building.has(source)) throw new AliasCycleError(alias);
  const data = conversion.data.get(source);
  if (data === undefined) throw NEEDS_FULL_CONVERSION;
  conversion.aliasSources.set(alias, source);
  if (conversion.maxAliasCount >= 0) {
    data.count += 1;
    if (data.aliasCount === 0) data.aliasCount = aliasCount(source, conversion);
    if (data.count * data.aliasCount > conversion.maxAliasCount) {
      throw new ReferenceError('Excessive alias count indicates a resource exhaustion attack');
    }
  }
  return source;
}

/**
 * The first alias inside the node it repeats, found on the composed document (for documents yaml's toJS builds,
 * which would build the cyclic value): anchors as yaml resolves them, the latest of a name before the alias, an
 * anchored collection's own anchor registered before what it holds. One walk, with an explicit stack.
 */
export function aliasInsideItsAnchor(root: unknown): Alias | undefined {
  const latest = new Map<string, Node>();
  const open = new Set<Node>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || item === undefined) continue;
    if (item instanceof LeaveNode) {
      open.delete(item.node);
      continue;
    }
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (item instanceof Alias) {
      const source = latest.get(item.source);
      if (source && open.has(source)) return item;
      continue;
    }
    const node = item as Node;
    if (node.anchor) latest.set(node.anchor, node);
    if (!isCollection(node)) continue;
    if (node.anchor) {
      open.add(node);
      stack.push(new LeaveNode(node));
    }
    for (let index = node.items.length - 1; index >= 0; index -= 1) stack.push(node.items[index]);
  }
  return undefined;
}

/** Marks, on aliasInsideItsAnchor's stack, where the walk leaves an anchored collection. */
class LeaveNode {
  constructor(readonly node: Node) {}
}

/** A plain `<<` key (or one tagged !!merge), which yaml's toJS merges instead of setting. */
function isMergeKey(key: unknown, conversion: Conversion): boolean {
  // Every key of every mapping comes here: its value first, which rules out nearly all of them.
  const value = (key as Scalar | null | undefined)?.value;
  if (value !== '<<' && typeof value !== 'symbol') return false;
  if (Object.getPrototypeOf(key) !== Scalar.prototype) return false;
  if ((key as { addToJSMap?: unknown }).addToJSMap) return typeof value === 'symbol' && value.description === '<<';
  const { type } = key as Scalar;
  return conversion.merges && value === '<<' && (type === undefined || type === Scalar.PLAIN);
}

/**
 * Adds to `target` the keys of the mapping(s) a merge key names that it does not have yet, as yaml's
 * addMergeToJSMap: one mapping, an alias of one, or a list of those (a list through an alias too), the earlier
 * mapping of a list winning.
 */
function merge(target: MergeTarget, value: unknown, conversion: Conversion): void {
  if (value instanceof Alias) {
    mergeAliased(target, value, conversion, mergeSources);
    return;
  }
  if (value !== null && (value as Node).anchor) throw NEEDS_FULL_CONVERSION;
  mergeSources(target, value, conversion);
}

type MergeTarget = Record<string, unknown> | Map<unknown, unknown>;

/** Merges what an alias leads to, with `mergeWith`: nodes met earlier in the document, converted again. */
function mergeAliased(target: MergeTarget, alias: Alias, conversion: Conversion, mergeWith: (target: MergeTarget, source: unknown, conversion: Conversion) => void): void {
  const source = resolveAlias(alias, conversion);
  conversion.reconverting += 1;
  try {
    mergeWith(target, source, conversion);
  } finally {
    conversion.reconverting -= 1;
  }
}

function mergeSources(target: MergeTarget, source: unknown, conversion: Conversion): void {
  if (source !== null && isSeq(source)) {
    // An !!omap or !!pairs is a list to yaml too, but of pairs: left to it.
    if (Object.getPrototypeOf(source) !== YAMLSeq.prototype) throw NEEDS_FULL_CONVERSION;
    for (const item of source.items) {
      if (item instanceof Alias) {
        mergeAliased(target, item, conversion, mergeMap);
      } else {
        if (item !== null && conversion.reconverting === 0 && (item as Node).anchor) throw NEEDS_FULL_CONVERSION;
        mergeMap(target, item ?? null, conversion);
      }
    }
    return;
  }
  mergeMap(target, source, conversion);
}

function mergeMap(target: MergeTarget, source: unknown, conversion: Conversion): void {
  if (source === null || !isMap(source)) throw new Error('Merge sources must be maps or map aliases');
  if (Object.getPrototypeOf(source) !== YAMLMap.prototype) throw NEEDS_FULL_CONVERSION;
  for (const [key, value] of mapEntries(source as YAMLMap, conversion)) {
    if (target instanceof Map) {
      if (!target.has(key)) target.set(key, value);
    } else if (!Object.prototype.hasOwnProperty.call(target, key as PropertyKey)) {
      Object.defineProperty(target, key as PropertyKey, { value, writable: true, enumerable: true, configurable: true });
    }
  }
}

/**
 * A mapping converted as yaml's toJSON(null, ctx, Map) converts a merge source: into a Map whose keys are the keys'
 * own values (1, null, true: a merge turns them into property names only as it adds them), the later of two equal
 * keys setting the value and a merge key adding only keys not there yet. The mapping's own anchor is not registered
 * again; anchors inside it are, as toJS registers them.
 */
function mapEntries(map: YAMLMap, conversion: Conversion): Map<unknown, unknown> {
  const result = new Map<unknown, unknown>();
  for (const pair of map.items) {
    if (isMergeKey(pair.key, conversion)) {
      merge(result, pair.value ?? null, conversion);
      continue;
    }
    result.set(entryKey(pair.key, conversion), convert(pair.value ?? null, conversion));
  }
  if (conversion.reconverting === 0) checkMap(map, conversion.duplicateKeys);
  return result;
}

/** A key as toJS gives it (its scalar's value): mapEntries' keys, and mapKey's before they become property names. */
function entryKey(key: unknown, conversion: Conversion): unknown {
  if (key === null || key === undefined) return key;
  const prototype = Object.getPrototypeOf(key) as object;
  if (prototype === Scalar.prototype && !(key as { addToJSMap?: unknown }).addToJSMap) {
    const value = scalarValue(key as Scalar);
    if ((key as Scalar).anchor) anchor(key as Scalar, value, conversion);
    return value;
  }
  if (prototype === YAMLMap.prototype || prototype === YAMLSeq.prototype) throw new CollectionKeyError(key as Node);
  throw NEEDS_FULL_CONVERSION;
}

/** yaml's getAliasCount: the expansions one use of a node holds (its aliases' counts, the largest of its items'). */
function aliasCount(node: unknown, conversion: Conversion): number {
  if (node instanceof Alias) {
    const source = conversion.aliasSources.get(node);
    const data = source && conversion.data.get(source);
    return data ? data.count * data.aliasCount : 0;
  }
  if (isCollection(node)) {
    let count = 0;
    for (const item of node.items) count = Math.max(count, aliasCount(item, conversion));
    return count;
  }
  if (isPair(node)) return Math.max(aliasCount(node.key, conversion), aliasCount(node.value, conversion));
  return 1;
}

function scalarValue(scalar: Scalar): unknown {
  const { value } = scalar;
  if (value === null || (typeof value !== 'object' && typeof value !== 'bigint' && typeof value !== 'symbol')) return value;
  throw NEEDS_FULL_CONVERSION;
}

function mapKey(key: unknown, conversion: Conversion): string {
  const value = entryKey(key, conversion);
  return value === null ? '' : String(value);
}
