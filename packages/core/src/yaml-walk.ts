// One walk over the nodes of a composed yaml document, with an explicit stack: hostile documents nest thousands
// of levels deep, and yaml's own visit() recurses and copies the path at every level.
import { isCollection, isPair, type Node } from 'yaml';

/**
 * Calls `fn` for every node under `root` (collections, scalars, aliases; a pair's key, then its value), in
 * document order. Stops as soon as `fn` returns true.
 */
export function forEachNode(root: unknown, fn: (node: Node) => boolean | void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || item === undefined) continue;
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (fn(item as Node) === true) return;
    if (isCollection(item)) {
      for (let index = item.items.length - 1; index >= 0; index -= 1) stack.push(item.items[index]);
    }
  }
}
