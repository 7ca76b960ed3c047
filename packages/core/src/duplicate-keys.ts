// Duplicate mapping keys, found in one pass. yaml's own check (uniqueKeys) compares each key with every earlier key
// of its mapping: quadratic, so a ConfigMap of 50,000 keys took 31 s to parse. The parse runs with uniqueKeys off
// and this finds the same keys yaml would: two scalar keys whose values are identical (===), the later one reported.
import { Scalar, YAMLMap, type Document, type Node } from 'yaml';
import { forEachNode } from './yaml-walk.js';

/**
 * The keys that repeat an earlier key of their mapping, in the order of their positions: for documents fastToJS
 * did not convert (it finds them as it builds the values, without a walk of its own).
 */
export function duplicateKeys(doc: Document.Parsed): Node[] {
  const found: Node[] = [];
  forEachNode(doc.contents, (node) => {
    if (node instanceof YAMLMap) checkMap(node, found);
  });
  return sortByPosition(found);
}

/** Keys in the order of their positions. */
export function sortByPosition(keys: Node[]): Node[] {
  return keys.sort((a, b) => a.range![0] - b.range![0]);
}

/** Small mappings are compared pairwise (no allocation); larger ones through a Set of the values seen. */
const PAIRWISE_LIMIT = 12;

/** What keyAt gives for a key that is never a duplicate: not a scalar, or NaN (NaN !== NaN for yaml too). */
export const NOT_COMPARED = Symbol('not compared');

/**
 * Calls `found` with the index of each of a mapping's `count` keys whose value (keyAt) is identical (===) to an
 * earlier key's: yaml's duplicate keys, for yaml's nodes (checkMap) and for fast-yaml's values mode alike.
 */
export function repeatedKeys(count: number, keyAt: (index: number) => unknown, found: (index: number) => void): void {
  if (count < 2) return;
  if (count <= PAIRWISE_LIMIT) {
    for (let later = 1; later < count; later += 1) {
      const key = keyAt(later);
      if (key === NOT_COMPARED) continue;
      for (let earlier = 0; earlier < later; earlier += 1) {
        if (keyAt(earlier) === key) {
          found(later);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<unknown>();
  for (let index = 0; index < count; index += 1) {
    const key = keyAt(index);
    if (key === NOT_COMPARED) continue;
    if (seen.has(key)) found(index);
    else seen.add(key);
  }
}

/** Adds the keys of `map` that repeat an earlier key of it to `found` (fastToJS calls this for every mapping it builds). */
export function checkMap(map: YAMLMap, found: Node[]): void {
  const { items } = map;
  repeatedKeys(
    items.length,
    (index) => {
      const key = scalarKey(items[index]!.key);
      return key === undefined ? NOT_COMPARED : key.value;
    },
    (index) => found.push(items[index]!.key as Node),
  );
}

/** A key yaml compares by value: a scalar with a range, whose value is not NaN (NaN !== NaN for yaml too). */
function scalarKey(key: unknown): Scalar | undefined {
  if (!(key instanceof Scalar) || !key.range) return undefined;
  const { value } = key;
  return typeof value === 'number' && Number.isNaN(value) ? undefined : key;
}
