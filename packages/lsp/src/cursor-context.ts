// Where the cursor is in Kubernetes terms: the object's apiVersion and kind, the field's path inside the object
// (list items as indexes), and whether the cursor is on a key or a value. Hover asks about an existing field;
// completion asks where a new key or value goes, even on a line that is not YAML yet (`      ima`): the word
// being typed is replaced by a placeholder key, so the parser says which mapping it belongs to.
import { itemTypeOf, type ObjectType, type OffsetRange, type Path } from '@podlint/core';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export type { ObjectType };

export interface CursorContext extends ObjectType {
  /** The field under the cursor, inside the object. */
  path: Path;
  at: 'key' | 'value';
  /** The key or scalar under the cursor (offsets into the text given). */
  word: OffsetRange;
}

export interface CompletionSite extends ObjectType {
  /** at 'key': the mapping that gets a new key; at 'value': the field whose value is typed. */
  path: Path;
  at: 'key' | 'value';
  /** Keys the mapping already has (not offered again). */
  existingKeys: string[];
  /** What a chosen item replaces. */
  word: OffsetRange;
  /** Written before an item: a space when the word starts right after its key's colon (`key:Always` is no pair). */
  textBefore: '' | ' ';
  /** Written after a key: its colon, unless the key has one already (`args: : IfNotPresent` is no pair either). */
  textAfter: '' | ': ';
}

interface Located {
  path: Path;
  at: 'key' | 'value';
  word: OffsetRange;
  /** The keys of the mapping that holds the cursor's key or value. */
  siblings: string[];
}

const PLACEHOLDER = 'podlintCompletionPlaceholder';

/**
 * The field at `offset` of one YAML document's text (the editor passes the document around the cursor).
 * `parsed`: that text as the linter parsed it, when it has, so that it is not parsed again.
 */
export function cursorContext(text: string, offset: number, parsed?: Document.Parsed): CursorContext | undefined {
  const found = locateInText(text, offset, parsed);
  if (!found) return undefined;
  return found.object ? { ...found.object, path: found.located.path, at: found.located.at, word: found.located.word } : undefined;
}

/** Where a new key or value goes; `parsed` as for cursorContext (a key being typed needs a parse of its own). */
export function completionSite(text: string, offset: number, parsed?: Document.Parsed): CompletionSite | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd).replace(/\r$/, '');
  const typingKey = /^(\s*(?:-\s+)*)([A-Za-z0-9_.\/-]*)$/.exec(before);
  if (typingKey && /^[A-Za-z0-9_.\/-]*\s*$/.test(after)) {
    const wordStart = lineStart + typingKey[1]!.length;
    const wordEnd = offset + /^[A-Za-z0-9_.\/-]*/.exec(after)![0].length;
    const patched = `${text.slice(0, wordStart)}${PLACEHOLDER}: ${text.slice(wordEnd)}`;
    const found = locateInText(patched, wordStart);
    if (!found?.object || found.located.at !== 'key' || found.located.path[found.located.path.length - 1] !== PLACEHOLDER) return undefined;
    return {
      ...found.object,
      path: found.located.path.slice(0, -1),
      at: 'key',
      existingKeys: found.located.siblings.filter((key) => key !== PLACEHOLDER),
      word: [wordStart, wordEnd],
      textBefore: '',
      textAfter: ': ',
    };
  }
  const found = locateInText(text, offset, parsed);
  if (!found?.object) return undefined;
  const { located } = found;
  if (located.at === 'value') {
    return { ...found.object, path: located.path, at: 'value', existingKeys: [], word: located.word, textBefore: text[located.word[0] - 1] === ':' ? ' ' : '', textAfter: '' };
  }
  const key = located.path[located.path.length - 1];
  return {
    ...found.object,
    path: located.path.slice(0, -1),
    at: 'key',
    existingKeys: located.siblings.filter((sibling) => sibling !== key),
    word: located.word,
    textBefore: '',
    // A key of the mapping already: only its name is replaced (its colon is missing only in `? key` or `{key}`).
    textAfter: /^[ \t]*:/.test(text.slice(located.word[1])) ? '' : ': ',
  };
}

/** The text parsed as hover and completion read it, when the linter has no parse of it. */
export function parseForCursor(text: string): Document.Parsed {
  return parseDocument(text, { version: '1.1', prettyErrors: false, keepSourceTokens: false, uniqueKeys: false });
}

function locateInText(text: string, offset: number, parsed?: Document.Parsed): { located: Located; object: ObjectType | undefined } | undefined {
  const doc = parsed ?? parseForCursor(text);
  const contents = doc.contents as Node | null;
  const located = locate(text, contents, [], offset);
  if (!located) return undefined;
  return objectOf(contents, located);
}

function locate(text: string, node: Node | null | undefined, path: Path, offset: number): Located | undefined {
  if (isMap(node)) {
    const siblings = node.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || !key.range) continue;
      const name = String(key.value);
      const [keyStart, keyEnd] = key.range;
      if (offset >= keyStart && offset <= keyEnd) return { path: [...path, name], at: 'key', word: [keyStart, keyEnd], siblings };
      const value = pair.value as Node | null;
      if (value?.range && offset >= value.range[0] && offset <= value.range[1]) {
        if (isScalar(value)) return { path: [...path, name], at: 'value', word: [value.range[0], value.range[1]], siblings };
        // A block collection's range runs to the next line's start, which may be the next key's.
        const inside = locate(text, value, [...path, name], offset);
        if (inside) return inside;
        continue;
      }
      // `key: ` with nothing typed after it yet, the cursor further right on the same line.
      const empty = value === null || (isScalar(value) && value.value === null);
      if (empty && offset > keyEnd && !text.slice(keyEnd, offset).includes('\n')) {
        return { path: [...path, name], at: 'value', word: [offset, offset], siblings };
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const itemNode = item as Node | null;
      if (!itemNode?.range || offset < itemNode.range[0] || offset > itemNode.range[1]) continue;
      if (isScalar(itemNode)) return { path: [...path, index], at: 'value', word: [itemNode.range[0], itemNode.range[1]], siblings: [] };
      const inside = locate(text, itemNode, [...path, index], offset);
      if (inside) return inside;
    }
    return undefined;
  }
  if (isScalar(node) && node.range && offset >= node.range[0] && offset <= node.range[1]) {
    return { path, at: 'value', word: [node.range[0], node.range[1]], siblings: [] };
  }
  return undefined;
}

/** The object the path is in (a List's item when the path goes through `items`) and the path inside it. */
function objectOf(contents: Node | null, located: Located): { located: Located; object: ObjectType | undefined } {
  const top = typeOf(contents);
  const [first, second] = located.path;
  if (top && /List$/.test(top.kind) && first === 'items' && typeof second === 'number' && isMap(contents)) {
    const items = contents.get('items', true) as Node | undefined;
    const item = isSeq(items) ? (items.items[second] as Node | null) : null;
    // An item of a typed list (PodList) with neither apiVersion nor kind has the list's type, as kubectl reads it.
    const typedByList = isMap(item) && !item.has('apiVersion') && !item.has('kind') ? itemTypeOf(top) : undefined;
    return { located: { ...located, path: located.path.slice(2) }, object: typeOf(item) ?? typedByList };
  }
  return { located, object: top };
}

function typeOf(node: Node | null | undefined): ObjectType | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = node.get('apiVersion');
  const kind = node.get('kind');
  return typeof apiVersion === 'string' && typeof kind === 'string' && apiVersion !== '' && kind !== '' ? { apiVersion, kind } : undefined;
}
