// Plain JS values from a composed yaml Document, built as yaml's own toJS builds them (same keys, same values,
// the later of two equal keys wins, `__proto__` stays an own key) but without its per-node bookkeeping for
// anchors, which most manifests never use. Profiling the corpus showed toJS at a tenth of the whole lint.
// Anything unusual (aliases, merge keys, !!set / !!omap / !!pairs, scalars that resolved to objects) is left to
// yaml's toJS, which the caller runs instead.
import { Scalar, YAMLMap, YAMLSeq, isCollection, isPair, visit, type Document, type Node } from 'yaml';

/** Thrown when a document needs yaml's full toJS. */
const NEEDS_FULL_CONVERSION = Symbol('needs yaml toJS');

/** A mapping key that is itself a mapping or a list: JSON, and so the Kubernetes API, has no such key. */
export class CollectionKeyError extends Error {
  constructor(readonly key: Node) {
    super('a mapping key must be a plain value (a string, number or boolean); kubectl cannot read a key that is a mapping or a list');
  }
}

/**
 * The document's contents as plain JS, or `undefined` when only yaml's toJS can build it (the caller then calls
 * that). Throws CollectionKeyError for a key that is a collection.
 */
export function fastToJS(doc: Document.Parsed): { value: unknown } | undefined {
  try {
    return { value: convert(doc.contents) };
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

function convert(node: unknown): unknown {
  if (node === null) return null;
  const prototype = Object.getPrototypeOf(node) as object;
  if (prototype === Scalar.prototype) return scalarValue(node as Scalar);
  if (prototype === YAMLMap.prototype) {
    const result: Record<string, unknown> = {};
    for (const pair of (node as YAMLMap).items) {
      const key = mapKey(pair.key);
      const value = convert(pair.value ?? null);
      // As yaml does: a key that `in` finds (`__proto__`, `toString`, a duplicate) becomes an own data property.
      if (key in result) Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
      else result[key] = value;
    }
    return result;
  }
  if (prototype === YAMLSeq.prototype) {
    const items = (node as YAMLSeq).items;
    const result = new Array<unknown>(items.length);
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      if (isPair(item)) throw NEEDS_FULL_CONVERSION;
      result[index] = convert(item ?? null);
    }
    return result;
  }
  throw NEEDS_FULL_CONVERSION;
}

function scalarValue(scalar: Scalar): unknown {
  const { value } = scalar;
  if (value === null || (typeof value !== 'object' && typeof value !== 'bigint' && typeof value !== 'symbol')) return value;
  throw NEEDS_FULL_CONVERSION;
}

function mapKey(key: unknown): string {
  if (key === null || key === undefined) return key === null ? '' : 'undefined';
  const prototype = Object.getPrototypeOf(key) as object;
  if (prototype === Scalar.prototype && !(key as { addToJSMap?: unknown }).addToJSMap) {
    const value = scalarValue(key as Scalar);
    // A plain `<<` is a merge key for yaml's toJS (isMergeKey), whatever its tag resolved to.
    if (value === '<<' && ((key as Scalar).type === undefined || (key as Scalar).type === Scalar.PLAIN)) throw NEEDS_FULL_CONVERSION;
    return value === null ? '' : String(value);
  }
  if (prototype === YAMLMap.prototype || prototype === YAMLSeq.prototype) throw new CollectionKeyError(key as Node);
  throw NEEDS_FULL_CONVERSION;
}
