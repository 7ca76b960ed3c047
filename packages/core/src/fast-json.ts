// JSON manifests (kubectl's -o json, jsonnet and cdk8s output, the schema files of a repository) read by JSON.parse,
// which is native: fast-yaml's flow collections read the corpus's five JSON files (1.4 MB, as much text as its
// 1,400 YAML files) in 70-80 ms of a cold run, JSON.parse in a few. YAML reads a JSON text to the same values
// (fast-json.test.ts checks every kind of number, escape and key), so only what the value cannot tell is looked
// for in the text: duplicate keys (JSON.parse keeps the last, silently) and what fast-yaml would not read. The
// positions of keys and values are read by fast-yaml, once something asks for them.
import { BACKSLASH, COLON, DOUBLE_QUOTE, NEWLINE, RETURN, SPACE } from './char-codes.js';
import type { Positions, ValueDocument } from './fast-yaml.js';

/**
 * The document of a JSON text whose root is an object or array, or undefined when the text is not JSON, or holds
 * what fast-yaml reads otherwise or not at all: a duplicate key, a key on another line than its `:`, nesting deeper
 * than `maxDepth`, a first bracket not at column 0. `readFully` reads the text with fast-yaml, for the document's positions.
 */
export function readJsonDocument(text: string, maxDepth: number, readFully: () => ValueDocument | undefined): ValueDocument | undefined {
  const start = skipWhitespace(text, 0);
  const first = text.charCodeAt(start);
  if (first !== 123 /* { */ && first !== 91 /* [ */) return undefined;
  // fast-yaml reads a document that starts at column 0.
  if (start > 0 && text.charCodeAt(start - 1) !== NEWLINE) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = countKeys(text, maxDepth);
  if (keys === undefined || keys !== countProperties(value)) return undefined;
  return new JsonDocument(value, readFully);
}

/** A JSON document: its value from JSON.parse, its positions from fast-yaml on first use. */
class JsonDocument implements ValueDocument {
  readonly docStart = false;
  readonly duplicateKeys: number[] = [];
  private read: ValueDocument | undefined;

  constructor(
    readonly value: unknown,
    private readonly readFully: () => ValueDocument | undefined,
  ) {}

  get range(): [number, number, number] {
    return this.fully().range;
  }

  get contents(): [number, number] {
    return this.fully().contents;
  }

  get positions(): Positions | null {
    return this.fully().positions;
  }

  private fully(): ValueDocument {
    // readJsonDocument takes only texts fast-yaml reads (fast-json.test.ts); should one slip through, its reports
    // point at the start of the text rather than fail.
    this.read ??= this.readFully() ?? { value: this.value, range: [0, 0, 0], contents: [0, 0], positions: null, docStart: false, duplicateKeys: [] };
    return this.read;
  }
}

/**
 * The keys of a JSON text (its strings followed by a `:`), or undefined when one is on another line than its `:`
 * (YAML ends an implicit key at its line) or collections nest deeper than `maxDepth`.
 */
function countKeys(text: string, maxDepth: number): number | undefined {
  let keys = 0;
  let depth = 0;
  const { length } = text;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === DOUBLE_QUOTE) {
      let end = text.indexOf('"', index + 1);
      while (isEscaped(text, end)) end = text.indexOf('"', end + 1);
      let after = end + 1;
      while (text.charCodeAt(after) === SPACE) after += 1;
      const next = text.charCodeAt(after);
      if (next === COLON) keys += 1;
      else if ((next === NEWLINE || next === RETURN) && text.charCodeAt(skipWhitespace(text, after)) === COLON) return undefined;
      index = end;
    } else if (code === 123 || code === 91) {
      depth += 1;
      if (depth > maxDepth) return undefined;
    } else if (code === 125 || code === 93) {
      depth -= 1;
    }
  }
  return keys;
}

/** Whether the quote at `offset` is escaped: after an odd number of backslashes. */
function isEscaped(text: string, offset: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(offset - 1 - backslashes) === BACKSLASH) backslashes += 1;
  return backslashes % 2 === 1;
}

/** The properties of every object in a parsed JSON value. */
function countProperties(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) count += countProperties(value[index]);
    return count;
  }
  const keys = Object.keys(value);
  count += keys.length;
  for (let index = 0; index < keys.length; index += 1) count += countProperties((value as Record<string, unknown>)[keys[index]!]);
  return count;
}

/** The offset of the first character from `offset` that is not JSON whitespace (tabs are left out earlier). */
function skipWhitespace(text: string, offset: number): number {
  let index = offset;
  for (let code = text.charCodeAt(index); code === SPACE || code === NEWLINE || code === RETURN; code = text.charCodeAt(index)) index += 1;
  return index;
}
