// A parser for the common shape of Kubernetes manifests that builds the very documents eemeli `yaml` builds (the
// same node classes, values, types, formats, tags and ranges) without yaml's lexer, CST parser and composer, which
// cost about three quarters of a corpus run (issue #8). It reads block mappings and sequences; plain, quoted and
// block scalars, on one line or several; flow collections, on one line or several (KYAML, JSON, `args: [` with an
// item a line); comments, blank lines, `---` and `...`; LF or CRLF line breaks. On anything else (anchors, aliases,
// tags, tabs, a lone CR, directives, anything yaml would report) it gives up and yaml parses the file. Comments are
// not attached to nodes (podlint reads them from the text). It is longer than STYLE.md's 400 lines because its range
// rules only make sense next to each other: every range ends where yaml's parser puts the trailing comment and blank
// lines (see `Trailer`), and fast-yaml.test.ts compares it with yaml node by node, on fixtures, the corpus and
// generated manifests.
//
// It reads in one of two modes. readCommonYaml first reads for values: each document's plain JS value (as fastToJS
// builds it from yaml's nodes) and the positions of its keys and values, without any yaml node. Building the nodes
// and then converting them was most of a schema-only corpus run, its garbage a fifth of it; most documents are never
// reported on. A document's nodes are built when something asks for them (SourceDocument.yaml): by the same parser
// in its node mode, which reads the text exactly as values mode did.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type DocumentOptions, type ParseOptions, type Schema, type SchemaOptions } from 'yaml';
import { COLON, DASH, DOUBLE_QUOTE, HASH, NEWLINE, SINGLE_QUOTE, SPACE } from './char-codes.js';
import { NOT_COMPARED, repeatedKeys } from './duplicate-keys.js';
import { readJsonDocument } from './fast-json.js';
import { doubleQuotedValue, foldedLines, unfoldLines } from './scalar-text.js';

type Options = ParseOptions & DocumentOptions & SchemaOptions;
type Tag = { tag: string; default?: boolean | 'key'; test?: RegExp; format?: string; resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown };
type Node = Scalar | YAMLMap | YAMLSeq;

/**
 * What values mode builds for a node, kept only until its collection takes in its value and range: the node's
 * range (as yaml's), its JS value, and for a collection its positions.
 */
interface Slot {
  range: [number, number, number];
  value: unknown;
  positions: Positions | null;
}

/** What either mode builds for a node: a yaml node, or a Slot. */
type Built = Node | Slot;

/**
 * Where the entries of a collection read in values mode are, flat: MAP_POSITIONS then, for each pair in source
 * order, its key's value (before it became a property name), the key's start and end, the value's start and end
 * (range[0] and range[1] of yaml's nodes) and the value's own positions (null for a scalar); or SEQ_POSITIONS then,
 * for each item, its start, end and positions.
 */
export type Positions = unknown[];
export const MAP_POSITIONS = 1;
export const SEQ_POSITIONS = 2;
export const MAP_ENTRY = 6;
export const SEQ_ENTRY = 3;

/** A document as values mode reads it. */
export interface ValueDocument {
  /** Its JS value, as fastToJS builds it from the document's nodes. */
  value: unknown;
  /** The document's range, as yaml's Document.range. */
  range: [number, number, number];
  /** Its contents' start and end (range[0] and range[1] of the root node). */
  contents: [number, number];
  /** The root collection's positions. */
  positions: Positions | null;
  /** Whether it starts with `---`. */
  docStart: boolean;
  /** The keys that repeat an earlier key of their mapping, as start and end offsets, in the order of their positions. */
  duplicateKeys: number[];
}

const STR = 'tag:yaml.org,2002:str';
/**
 * How deep collections may nest before the file goes to yaml (and to the too-deep check before it, source.ts): far
 * below where that check reports a file, so that a file read here is never one it would have reported.
 */
const MAX_DEPTH = 200;
/** yaml reports implicit keys over 1024 characters; such files go to yaml. */
const MAX_KEY_LENGTH = 1000;

/** Thrown, and caught in parseCommonYaml, when the text is not of the common shape. */
class GiveUp {
  constructor(readonly reason: string) {}
}

function giveUp(reason: string): never {
  throw new GiveUp(reason);
}

/**
 * The comment and blank lines after a node's last value, up to the next content (or `---`, or the end): yaml's
 * parser hands them from a collection to its parent, and a collection keeps them (its range ends after them) when
 * one of their comments is indented as deep as its items (and it is not at column 0). `end` is where they end,
 * `deepest` the column of their deepest comment (-1: none, or nothing to keep).
 */
interface Trailer {
  end: number;
  deepest: number;
}

/** Where the next content is: a document start or end, the end of the text, or a token at a column. */
const enum Next {
  Content,
  DocumentStart,
  /** `...`: for what comes before, the end of the text. */
  DocumentEnd,
  End,
}

/** Characters a plain scalar cannot start with (YAML's indicators), where podlint hands the file to yaml. */
const INDICATOR = new Uint8Array(128);
for (const ch of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[ch.charCodeAt(0)] = 1;
/** Characters that end a plain scalar inside a flow collection. */
const FLOW_END = new Uint8Array(128);
for (const ch of ',[]{}') FLOW_END[ch.charCodeAt(0)] = 1;

/** Why values mode gives up on a text that node mode reads: a scalar that yaml resolves to an object. */
const NEEDS_NODES = 'a value that only yaml nodes hold';

/**
 * The documents of `text`: read for their values and positions (`values`), or as yaml's nodes (`nodes`) when a
 * scalar resolves to what only a node holds; undefined when the text is not of the common shape, and yaml must
 * parse it.
 */
export function readCommonYaml(text: string, options: Options): { values: ValueDocument[] } | { nodes: Document.Parsed[] } | undefined {
  const values = read(text, options, true);
  if (values !== NEEDS_NODES) return values && { values: values as ValueDocument[] };
  const nodes = parseCommonYaml(text, options);
  return nodes && { nodes };
}

/**
 * The documents of `text` as yaml's parseAllDocuments builds them with these options (none for only comments and
 * blank lines, as yaml's empty stream), or undefined when the text is not of the common shape: then yaml must
 * parse it.
 */
export function parseCommonYaml(text: string, options: Options): Document.Parsed[] | undefined {
  const documents = read(text, options, false);
  return documents === NEEDS_NODES ? undefined : (documents as Document.Parsed[] | undefined);
}

/** `json`: in values mode, try reading the text as JSON first (fast-json.ts). */
function read(text: string, options: Options, values: boolean, json = values): (Document.Parsed | ValueDocument)[] | typeof NEEDS_NODES | undefined {
  // Two indexOf scans, not /[\t\uFEFF]/: a regular expression over a whole corpus took 9 ms of a cold run on Node 20.
  if (text.includes('\t') || text.includes('\uFEFF')) return undefined;
  const breaks = text.includes('\r') ? crlfBreaks(text) : [];
  if (breaks === undefined) return undefined;
  if (json) {
    const document = readJsonDocument(text, MAX_DEPTH, () => {
      const documents = read(text, options, true, false);
      return Array.isArray(documents) && documents.length === 1 ? (documents[0] as ValueDocument) : undefined;
    });
    if (document) return [document];
  }
  try {
    if (breaks.length === 0) return new CommonYamlParser(text, options, values).documents();
    // CRLF (Windows) files are read with LF line breaks, then every offset is moved back onto the text.
    const documents = new CommonYamlParser(text.replaceAll('\r\n', '\n'), options, values).documents();
    const move = crlfMove(breaks);
    for (const doc of documents) {
      if (doc instanceof Document) moveRanges(doc, move);
      else moveValueRanges(doc, move);
    }
    return documents;
  } catch (error) {
    if (error instanceof GiveUp) {
      if (process.env.FAST_YAML_TRACE) process.stderr.write(`fast-yaml: ${error.reason}\n`);
      return error.reason === NEEDS_NODES ? NEEDS_NODES : undefined;
    }
    throw error;
  }
}

/** Where the text's CRLF line breaks are, as offsets of their `\n` once each `\r\n` is `\n`; undefined for a lone `\r`. */
function crlfBreaks(text: string): number[] | undefined {
  const breaks: number[] = [];
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== NEWLINE) return undefined;
    breaks.push(i - breaks.length);
  }
  return breaks;
}

/** Moves an offset of the text read with LF line breaks onto the CRLF text: one more for each `\r` before it. */
function crlfMove(breaks: readonly number[]): (offset: number) => number {
  return (offset: number): number => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (breaks[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    return offset + low;
  };
}

/** Moves every range of a document read with LF line breaks onto the CRLF text. */
function moveRanges(doc: Document.Parsed, move: (offset: number) => number): void {
  const moveNode = (node: unknown): void => {
    if (!(node instanceof Scalar || node instanceof YAMLMap || node instanceof YAMLSeq)) return;
    const range = node.range!;
    node.range = [move(range[0]), move(range[1]), move(range[2])];
    if (node instanceof Scalar) return;
    for (const item of node.items) {
      if (item instanceof Pair) {
        moveNode(item.key);
        moveNode(item.value);
      } else moveNode(item);
    }
  };
  doc.range = [move(doc.range[0]), move(doc.range[1]), move(doc.range[2])];
  moveNode(doc.contents);
}

/** Moves every offset of a document read for values with LF line breaks onto the CRLF text. */
function moveValueRanges(doc: ValueDocument, move: (offset: number) => number): void {
  const movePositions = (positions: Positions | null): void => {
    if (positions === null) return;
    const map = positions[0] === MAP_POSITIONS;
    const stride = map ? MAP_ENTRY : SEQ_ENTRY;
    for (let entry = 1; entry < positions.length; entry += stride) {
      const first = map ? entry + 1 : entry;
      for (let offset = first; offset < entry + stride - 1; offset += 1) positions[offset] = move(positions[offset] as number);
      movePositions(positions[entry + stride - 1] as Positions | null);
    }
  };
  doc.range = [move(doc.range[0]), move(doc.range[1]), move(doc.range[2])];
  doc.contents = [move(doc.contents[0]), move(doc.contents[1])];
  doc.duplicateKeys = doc.duplicateKeys.map(move);
  movePositions(doc.positions);
}

/** What the documents read with one options object share: those options with one Schema, its tags, its str tag. */
interface SchemaContext {
  options: Options;
  schema: Schema;
  /** The options a document made with `options` has, which tags resolve scalars with. */
  documentOptions: unknown;
  tags: Tag[];
  strTag: Tag;
  /** Short plain scalars (keys apart) seen in any file, with their tag and one string for each spelling. */
  shortValues: Map<string, KnownScalar>;
  shortKeys: Map<string, KnownScalar>;
}

/** A plain scalar's spelling and the tag it resolves by. */
interface KnownScalar {
  source: string;
  tag: Tag;
  /** What it resolves to, once resolved, when that is not an object (objects are made afresh for each node). */
  value: unknown;
  resolved: boolean;
}

/**
 * Scalars up to this long are remembered across files, and every document that spells one alike shares its string
 * (`name`, `apiVersion`, `v1` thousands of times): strings this short are copies, never slices that would keep a
 * file's text alive. MAX_SHORT_SCALARS bounds what a long editor session remembers.
 */
const SHORT_SCALAR_LENGTH = 12;
const MAX_SHORT_SCALARS = 20_000;

/** A collection's range until it ends (values mode). */
const NO_RANGE: [number, number, number] = [-1, -1, -1];

/** What fastToJS leaves to yaml's toJS: a value that is an object, a bigint or a symbol. */
function isObject(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol');
}

/** Adds the keys of a mapping read in values mode that repeat an earlier key of it to `found`, as checkMap finds them on nodes. */
function findDuplicateKeys(positions: Positions, found: [number, number][]): void {
  // Most mappings are of one key, and need no comparison (nor the closures below).
  if (positions.length < 1 + 2 * MAP_ENTRY) return;
  repeatedKeys(
    (positions.length - 1) / MAP_ENTRY,
    (index) => {
      const key = positions[1 + index * MAP_ENTRY];
      return typeof key === 'number' && Number.isNaN(key) ? NOT_COMPARED : key;
    },
    (index) => found.push([positions[2 + index * MAP_ENTRY] as number, positions[3 + index * MAP_ENTRY] as number]),
  );
}

/**
 * One Schema for all the documents read with the same options (yaml makes one per document, with its tag lists):
 * nothing here changes a schema, and a run's documents all stay in memory.
 */
const schemaContexts = new WeakMap<Options, SchemaContext>();

function schemaContext(options: Options): SchemaContext {
  let context = schemaContexts.get(options);
  if (context === undefined) {
    const { schema } = new Document(undefined, options);
    const tags = schema.tags as unknown as Tag[];
    const strTag = tags.find((tag) => tag.tag === STR && !('collection' in tag && tag.collection));
    if (!strTag) giveUp('no str tag');
    const documentOptions = { ...options, schema };
    context = { options: documentOptions, schema, documentOptions: new Document(undefined, documentOptions).options, tags, strTag, shortValues: new Map(), shortKeys: new Map() };
    schemaContexts.set(options, context);
  }
  return context;
}

class CommonYamlParser {
  private readonly length: number;
  /** The next content found by scanTrivia: its kind, offset and column. */
  private next: Next = Next.End;
  private nextOffset = 0;
  private nextColumn = 0;
  private readonly context: SchemaContext;
  /** Longer plain scalars seen in this file. */
  private readonly knownValues = new Map<string, KnownScalar>();
  private readonly keys = new Map<string, KnownScalar>();
  /** How many collections enclose the one being read. */
  private depth = 0;
  /** Values mode: the duplicate keys of the document being read, as [start, end]. */
  private duplicates: [number, number][] = [];

  /** `values`: read for values and positions (Slots, ValueDocuments) instead of yaml's nodes. */
  constructor(
    private readonly text: string,
    options: Options,
    private readonly values: boolean,
  ) {
    this.length = text.length;
    this.context = schemaContext(options);
  }

  documents(): (Document.Parsed | ValueDocument)[] {
    const documents: (Document.Parsed | ValueDocument)[] = [];
    this.scanTrivia(0);
    if (this.at(Next.End)) return documents;
    // A document ends at a `---` (document() reads on only after a `...`, where the next may start without one).
    for (;;) {
      documents.push(this.document());
      if (this.at(Next.End)) return documents;
    }
  }

  private document(): Document.Parsed | ValueDocument {
    this.duplicates = [];
    const start = this.nextOffset;
    // A `...` where a document would start ends an empty one.
    if (this.at(Next.DocumentEnd)) return this.documentEnd(this.emptyScalar(start), [start, start, start], false);
    const docStart = this.at(Next.DocumentStart);
    if (docStart) {
      const markerEnd = this.skipSpaces(start + 3);
      if (markerEnd < this.length && this.code(markerEnd) !== NEWLINE) giveUp('content after ---');
      const trivia = this.scanTrivia(markerEnd < this.length ? markerEnd + 1 : markerEnd);
      if (!this.at(Next.Content)) {
        const empty = this.emptyScalar(markerEnd);
        // With a comment, the empty document takes in every line up to the next one.
        if (trivia.deepest >= 0) empty.range![2] = trivia.end;
        return this.documentEnd(empty, [start, empty.range![2], empty.range![2]], true);
      }
    }
    if (this.nextColumn !== 0) giveUp('indented document');
    const offset = this.nextOffset;
    const ch = this.code(offset);
    const colon = this.keyColon(offset);
    let node: Built;
    let trailer: Trailer;
    if (ch === DASH && this.isSpaceOrEnd(offset + 1)) [node, trailer] = this.blockSeq(offset, 0);
    else if (colon >= 0) [node, trailer] = this.blockMap(offset, 0, colon);
    else if (ch === 91 || ch === 123) [node, trailer] = this.rootFlowCollection(offset);
    else giveUp('document is not a collection');
    const contentEnd = node.range![2];
    if (this.at(Next.Content)) giveUp('content after the document');
    return this.documentEnd(node, [start, contentEnd, Math.max(contentEnd, trailer.end)], docStart);
  }

  /**
   * The document of `contents` with `range`. A `...` after a document's content ends it as the end of the text would
   * (the comment and blank lines before it go to the content as they would there); the document's range takes in
   * the rest of its line, a comment. A document may follow without `---`.
   */
  private documentEnd(contents: Built, range: [number, number, number], docStart: boolean): Document.Parsed | ValueDocument {
    const docEnd = this.at(Next.DocumentEnd);
    if (docEnd) {
      const end = this.restOfLine(this.nextOffset + 3);
      if (end < this.length && this.code(end - 1) !== NEWLINE) giveUp('content after ...');
      range[2] = end;
      this.scanTrivia(end);
    }
    if (this.values) {
      const slot = contents as Slot;
      const duplicateKeys = this.duplicates.sort((a, b) => a[0] - b[0]).flat();
      return { value: slot.value, range, contents: [slot.range[0], slot.range[1]], positions: slot.positions, docStart, duplicateKeys };
    }
    const doc = new Document(undefined, this.context.options) as Document.Parsed;
    if (docStart) doc.directives.docStart = true;
    if (docEnd) doc.directives.docEnd = true;
    doc.contents = contents as Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed;
    doc.range = range;
    return doc;
  }

  /**
   * A flow collection at a document's root. Its range takes in the rest of its last line; the document's, one
   * line more when that line is blank or a comment (yaml leaves the lines after it to the stream).
   */
  private rootFlowCollection(offset: number): [Built, Trailer] {
    const [node, closeEnd] = this.flowCollection(offset, -1, false);
    const end = this.restOfLine(closeEnd);
    if (end < this.length && this.code(end - 1) !== NEWLINE) giveUp('content after a flow collection');
    node.range![2] = end;
    const p = this.skipSpaces(end);
    const c = this.code(p);
    let documentEnd = end;
    if (p >= this.length) documentEnd = p;
    else if (c === NEWLINE || c === HASH) {
      const lineEnd = this.lineEnd(p);
      documentEnd = lineEnd < this.length ? lineEnd + 1 : lineEnd;
    }
    this.scanTrivia(end);
    return [node, { end: documentEnd, deepest: -1 }];
  }

  // ---- block collections

  /** A block mapping whose first key starts at `offset`, at column `indent`, and ends at the `:` at `firstColon`. */
  private blockMap(offset: number, indent: number, firstColon: number): [Built, Trailer] {
    this.enter();
    const map = this.newCollection(true, false);
    let p = offset;
    let colon = firstColon;
    let valueEnd = offset;
    let trailer: Trailer;
    for (;;) {
      const key = this.key(p, colon);
      let value: Built;
      const r = this.skipSpaces(colon + 1);
      if (this.endsLine(r)) [value, trailer] = this.valueOnLaterLine(r, indent, true);
      else [value, trailer] = this.inlineValue(r, indent);
      this.addPair(map, key, value);
      valueEnd = value.range![2];
      if (!this.at(Next.Content) || this.nextColumn < indent) break;
      if (this.nextColumn > indent) giveUp('more indented line after a value');
      p = this.nextOffset;
      colon = this.keyColon(p);
      if (colon < 0) giveUp('not a key at the mapping indent');
    }
    return this.endCollection(map, offset, valueEnd, indent, trailer);
  }

  /** A block sequence whose first `-` is at `offset`, at column `indent`. */
  private blockSeq(offset: number, indent: number): [Built, Trailer] {
    this.enter();
    const seq = this.newCollection(false, false);
    let p = offset;
    let valueEnd = offset;
    let trailer: Trailer;
    for (;;) {
      const r = this.skipSpaces(p + 1);
      const ch = this.code(r);
      let value: Built;
      if (this.endsLine(r)) {
        [value, trailer] = this.valueOnLaterLine(r, indent, false);
      } else if (ch === DASH && this.isSpaceOrEnd(r + 1)) {
        [value, trailer] = this.blockSeq(r, r - this.lineStart(r));
      } else {
        const colon = this.keyColon(r);
        if (colon >= 0) [value, trailer] = this.blockMap(r, r - this.lineStart(r), colon);
        else [value, trailer] = this.inlineValue(r, indent);
      }
      this.addItem(seq, value);
      valueEnd = value.range![2];
      if (!this.at(Next.Content) || this.nextColumn < indent) break;
      if (this.nextColumn > indent) giveUp('more indented line after an item');
      p = this.nextOffset;
      if (!this.isSequenceItem(p)) break;
    }
    return this.endCollection(seq, offset, valueEnd, indent, trailer);
  }

  /** Whether nothing but a comment follows `offset` on its line. */
  private endsLine(offset: number): boolean {
    const c = this.code(offset);
    return offset >= this.length || c === NEWLINE || c === HASH;
  }

  /**
   * The value of a key or `-` whose line ends at `offset` (maybe with a comment): a block collection on the lines
   * after it (in a mapping, a sequence may start at the mapping's column), a scalar there, or an empty value. An
   * empty value keeps the comment and blank lines after it, up to the next content, and ends after them when they
   * hold a comment (in a mapping, see emptyValueEnd).
   */
  private valueOnLaterLine(offset: number, indent: number, inMapping: boolean): [Built, Trailer] {
    const comment = this.code(offset) === HASH;
    const lineEnd = this.lineEnd(offset);
    const trivia = this.scanTrivia(lineEnd < this.length ? lineEnd + 1 : lineEnd);
    if (this.at(Next.Content) && this.nextColumn > indent) return this.blockNode(this.nextOffset, this.nextColumn, indent);
    if (inMapping && this.at(Next.Content) && this.nextColumn === indent && this.isSequenceItem(this.nextOffset)) return this.blockSeq(this.nextOffset, indent);
    const value = this.emptyScalar(offset);
    if (comment || trivia.deepest >= 0) value.range![2] = inMapping ? this.emptyValueEnd(offset, indent, trivia.end) : trivia.end;
    return [value, { end: value.range![2], deepest: -1 }];
  }

  /** Sets a collection's range, keeping the trailing lines yaml keeps in it; what it does not keep goes up. */
  private endCollection(node: Built, offset: number, valueEnd: number, indent: number, trailer: Trailer): [Built, Trailer] {
    this.depth -= 1;
    this.finishCollection(node);
    if (indent !== 0 && trailer.deepest >= indent) {
      node.range = [offset, valueEnd, trailer.end];
      return [node, { end: trailer.end, deepest: -1 }];
    }
    node.range = [offset, valueEnd, valueEnd];
    return [node, trailer];
  }

  /**
   * Where yaml ends an empty mapping value at `offset` that has comments after it (on its line or the lines before
   * the next content, which starts at `next`): it keeps the lines up to the next content, but when that is at the
   * mapping's column, those from its second line break on (counted again after each comment indented deeper than the mapping)
   * belong to the next key. The value ends with the lines it keeps, when they hold a comment.
   */
  private emptyValueEnd(offset: number, indent: number, next: number): number {
    // A `---` at the mapping's column counts here as a next key would (yaml's parser checks the column only).
    const continues = (this.at(Next.Content) || this.at(Next.DocumentStart)) && this.nextColumn === indent;
    let firstComment = this.code(offset) === HASH ? offset : -1;
    const breaks: number[] = [];
    let p = this.lineEnd(offset);
    if (p < this.length) breaks.push(p);
    for (p += 1; p < next; ) {
      const s = this.skipSpaces(p);
      if (s >= next) break;
      if (this.code(s) === HASH) {
        if (firstComment < 0) firstComment = s;
        if (s - p > indent) breaks.length = 0;
      }
      const end = this.lineEnd(s);
      if (end < this.length) breaks.push(end);
      p = end + 1;
    }
    const kept = continues && breaks.length >= 2 ? breaks[1]! : next;
    return firstComment >= 0 && firstComment < kept ? kept : offset;
  }

  /** A value that starts a line after its key or `-`: a block collection, or a scalar or flow collection. */
  private blockNode(offset: number, column: number, parentIndent: number): [Built, Trailer] {
    if (this.isSequenceItem(offset)) return this.blockSeq(offset, column);
    const colon = this.keyColon(offset);
    if (colon >= 0) return this.blockMap(offset, column, colon);
    // A scalar or flow collection on the line after its key (or `-`) reads as it would on that line: what goes on
    // over lines (a block scalar's body, a flow collection's items) is indented against the parent collection.
    return this.inlineValue(offset, parentIndent);
  }

  /** A value that starts on its key's (or `-`'s) line, in a collection at column `indent`. */
  private inlineValue(offset: number, indent: number): [Built, Trailer] {
    const ch = this.code(offset);
    if (ch === 124 /* | */ || ch === 62 /* > */) return this.blockScalar(offset, indent);
    let node: Built;
    let end: number;
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
      [node, end] = this.quoted(offset, indent);
    } else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      [node, end] = this.flowCollection(offset, indent, false);
    } else {
      if (!this.canStartPlain(offset, false)) giveUp(`value starts with ${String.fromCharCode(ch)}`);
      end = this.plainValueEnd(offset);
      const lastLineEnd = this.plainContinuationEnd(end, indent);
      node = lastLineEnd === end ? this.plainScalar(offset, end, false) : this.plainScalar(offset, lastLineEnd, false, unfoldLines(this.text.slice(offset, lastLineEnd)));
      end = lastLineEnd;
    }
    const lineEnd = this.lineRest(end);
    const afterLine = lineEnd < this.length ? lineEnd + 1 : lineEnd;
    const absorbed = this.absorbIndentedComments(afterLine, indent);
    node.range![2] = absorbed;
    const trailer = this.scanTrivia(absorbed);
    if (this.at(Next.Content) && this.nextColumn > indent) giveUp('continuation line');
    return [node, trailer];
  }

  // ---- scalars

  /**
   * The key at `offset` (plain or quoted, on one line) before the `:` at `colon` (found by keyColon); spaces between
   * them (`key : value`) are in neither the key's value nor its range.
   */
  private key(offset: number, colon: number): Built {
    if (colon - offset > MAX_KEY_LENGTH) giveUp('long key');
    const ch = this.code(offset);
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) return this.quoted(offset)[0];
    if (!this.canStartPlain(offset, false)) giveUp(`key starts with ${String.fromCharCode(ch)}`);
    let end = colon;
    while (this.code(end - 1) === SPACE) end--;
    return this.plainScalar(offset, end, true);
  }

  /**
   * Where the mapping key that starts the content at `offset` ends: the offset of the `:` (followed by a space or
   * the line's end) after a one-line key and maybe spaces, or -1 when the content is not a key.
   */
  private keyColon(offset: number): number {
    const ch = this.code(offset);
    if (ch === 91 || ch === 123) return -1;
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
      const close = this.quoteEnd(offset);
      if (close < 0) return -1;
      const colon = this.skipSpaces(close);
      return this.code(colon) === COLON && this.isSpaceOrEnd(colon + 1) ? colon : -1;
    }
    return this.plainKeyColon(offset);
  }

  /** The offset of the `:` that ends a plain key at `offset`, or -1 when the line has none before a comment. */
  private plainKeyColon(offset: number): number {
    const { text, length } = this;
    for (let i = offset; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) return -1;
      if (c === COLON && this.isSpaceOrEnd(i + 1)) return i;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /**
   * Where a plain value that ends its first line at `end` ends: at the last line that goes on with it (lines deeper
   * than the collection at column `indent`, maybe after blank lines), or at `end`. Lines that might read otherwise
   * (starting with an indicator, holding `: ` or ` #`) go to yaml.
   */
  private plainContinuationEnd(end: number, indent: number): number {
    const { text, length } = this;
    let last = end;
    let p = this.lineEnd(end);
    if (this.skipSpaces(end) !== p) return end; // a comment ends the value on its first line
    while (p < length) {
      const lineStart = p + 1;
      const s = this.skipSpaces(lineStart);
      if (s >= length) break;
      const c = text.charCodeAt(s);
      if (c === NEWLINE) {
        p = s;
        continue;
      }
      if (s - lineStart <= indent || c === HASH) break;
      if (c < 128 && INDICATOR[c]) giveUp('plain continuation line starts with an indicator');
      const lineEnd = this.lineEnd(s);
      last = this.plainValueEnd(s);
      if (last !== lineEnd && this.skipSpaces(last) !== lineEnd) giveUp('comment after a plain continuation line');
      p = lineEnd;
    }
    return last;
  }

  /** The end of a plain value at `offset` in block context (before trailing spaces and a comment). */
  private plainValueEnd(offset: number): number {
    const { text, length } = this;
    let end = offset;
    for (let i = offset; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) break;
      if (c === SPACE) continue;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (c === COLON && this.isSpaceOrEnd(i + 1)) giveUp('": " in a plain value');
      end = i + 1;
    }
    return end;
  }

  /** Whether a plain scalar may start at `offset`: not at an indicator, but `-`, `?` and `:` followed by text may. */
  private canStartPlain(offset: number, inFlow: boolean): boolean {
    const ch = this.code(offset);
    if (ch >= 128 || !INDICATOR[ch]) return true;
    if (ch !== DASH && ch !== 63 /* ? */ && ch !== COLON) return false;
    const after = this.code(offset + 1);
    return !this.isSpaceOrEnd(offset + 1) && !(inFlow && after < 128 && FLOW_END[after]);
  }

  private plainScalar(start: number, end: number, atKey: boolean, folded?: string): Built {
    const spelling = folded ?? this.text.slice(start, end);
    const short = spelling.length <= SHORT_SCALAR_LENGTH;
    const known = short ? (atKey ? this.context.shortKeys : this.context.shortValues) : atKey ? this.keys : this.knownValues;
    let scalarKind = known.get(spelling);
    if (scalarKind === undefined) {
      const tag = this.context.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(spelling)) ?? this.context.strTag;
      if (tag.tag === 'tag:yaml.org,2002:merge') giveUp('merge key');
      scalarKind = { source: spelling, tag, value: undefined, resolved: false };
      if (!short || known.size < MAX_SHORT_SCALARS) known.set(spelling, scalarKind);
    }
    const { source, tag } = scalarKind;
    if (!scalarKind.resolved) {
      // Tags resolve nulls and booleans to a Scalar of their own: a Scalar of the same value, all it holds.
      const resolved = tag.resolve(source, giveUp, this.context.documentOptions);
      const value = resolved instanceof Scalar ? resolved.value : resolved;
      if (isObject(value)) return this.scalar(resolved, [start, end, end], source, Scalar.PLAIN, tag.format);
      scalarKind.value = value;
      scalarKind.resolved = true;
    }
    return this.scalar(scalarKind.value, [start, end, end], source, Scalar.PLAIN, tag.format);
  }

  /** A scalar of the str tag (quoted or block) with its value. */
  private stringScalar(value: string, type: Scalar.Type, range: [number, number, number]): Built {
    return this.scalar(this.context.strTag.resolve(value, giveUp, this.context.documentOptions), range, value, type, undefined);
  }

  /** A scalar resolved to `value`: a yaml Scalar, or in values mode a Slot. */
  private scalar(value: unknown, range: [number, number, number], source: string, type: Scalar.Type, format: string | undefined): Built {
    if (this.values) {
      const plain = value instanceof Scalar ? value.value : value;
      // What fastToJS leaves to yaml's toJS (a scalar a tag resolved to an object) needs the nodes.
      if (isObject(plain)) giveUp(NEEDS_NODES);
      return { range, value: plain, positions: null };
    }
    const scalar = value instanceof Scalar ? value : new Scalar(value);
    scalar.range = range;
    scalar.source = source;
    scalar.type = type;
    if (format) scalar.format = format;
    return scalar;
  }

  // ---- what the modes build

  /** An empty mapping or sequence (its range is set when it ends). */
  private newCollection(isMap: boolean, flow: boolean): Built {
    if (this.values) return { range: NO_RANGE, value: isMap ? {} : [], positions: [isMap ? MAP_POSITIONS : SEQ_POSITIONS] };
    const collection = isMap ? new YAMLMap(this.context.schema) : new YAMLSeq(this.context.schema);
    if (flow) collection.flow = true;
    return collection;
  }

  private addPair(map: Built, key: Built, value: Built): void {
    if (!this.values) {
      (map as YAMLMap).items.push(new Pair(key, value));
      return;
    }
    const { range: keyRange, value: keyValue } = key as Slot;
    const { range, value: item, positions } = value as Slot;
    const slot = map as Slot;
    const object = slot.value as Record<string, unknown>;
    const name = keyValue === null ? '' : String(keyValue);
    // As fastToJS (and yaml) does: a key that `in` finds (`__proto__`, `toString`, a duplicate) becomes an own data property.
    if (name in object) Object.defineProperty(object, name, { value: item, writable: true, enumerable: true, configurable: true });
    else object[name] = item;
    slot.positions!.push(keyValue, keyRange[0], keyRange[1], range[0], range[1], positions);
  }

  private addItem(seq: Built, value: Built): void {
    if (!this.values) {
      (seq as YAMLSeq).items.push(value);
      return;
    }
    const { range, value: item, positions } = value as Slot;
    const slot = seq as Slot;
    (slot.value as unknown[]).push(item);
    slot.positions!.push(range[0], range[1], positions);
  }

  /** Trims a collection's arrays once its last item is in; in values mode, notes a mapping's duplicate keys. */
  private finishCollection(node: Built): void {
    // Pushed items leave an array room for 17 or more; a copy holds just them (a tenth of a run's memory).
    if (!this.values) {
      (node as YAMLMap | YAMLSeq).items = (node as YAMLMap | YAMLSeq).items.slice();
      return;
    }
    const slot = node as Slot;
    const positions = slot.positions!.slice();
    slot.positions = positions;
    if (Array.isArray(slot.value)) slot.value = slot.value.slice();
    else findDuplicateKeys(positions, this.duplicates);
  }

  /** The offset after the closing quote of a one-line quoted scalar at `offset`, or -1. */
  private quoteEnd(offset: number): number {
    const { text, length } = this;
    const quote = text.charCodeAt(offset);
    for (let i = offset + 1; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) return -1;
      if (quote === DOUBLE_QUOTE && c === 92 /* \ */) i++;
      else if (c === quote) {
        if (quote === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE) i++;
        else return i + 1;
      }
    }
    return -1;
  }

  /**
   * A quoted scalar at `offset` and the offset after its closing quote. A key (`indent` undefined) stays on its line;
   * a value may go on over lines that, unless blank, start deeper than `indent` (the column of the collection it is
   * in; -1 at the root of a flow document).
   */
  private quoted(offset: number, indent?: number): [Built, number] {
    const { text, length } = this;
    const double = text.charCodeAt(offset) === DOUBLE_QUOTE;
    const quote = double ? DOUBLE_QUOTE : SINGLE_QUOTE;
    let lines = false;
    let end = -1;
    for (let i = offset + 1; i < length; i++) {
      let c = text.charCodeAt(i);
      if (double && c === 92 /* \ */) c = text.charCodeAt(++i);
      else if (c === quote) {
        if (!double && text.charCodeAt(i + 1) === SINGLE_QUOTE) i++;
        else {
          end = i + 1;
          break;
        }
      }
      if (c === NEWLINE) {
        if (indent === undefined) giveUp('quoted key over lines');
        lines = true;
        const s = this.skipSpaces(i + 1);
        if (s < length && text.charCodeAt(s) !== NEWLINE) {
          if (s - (i + 1) <= indent) giveUp('quoted scalar goes on at a column yaml does not take');
          if (s === i + 1 && (text.startsWith('---', s) || text.startsWith('...', s))) giveUp('document marker in a quoted scalar');
        }
      }
    }
    if (end < 0) giveUp('quoted scalar without its closing quote');
    const inner = text.slice(offset + 1, end - 1);
    let value: string;
    if (double) value = (lines || inner.includes('\\') ? doubleQuotedValue(inner) : inner) ?? giveUp('an escape YAML does not have');
    else value = (lines ? unfoldLines(inner) : inner).replaceAll("''", "'");
    return [this.stringScalar(value, double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE, [offset, end, end]), end];
  }

  /** A literal or folded block scalar whose header is at `offset`, in a collection at column `indent`. */
  private blockScalar(offset: number, indent: number): [Built, Trailer] {
    const { text, length } = this;
    const folded = text.charCodeAt(offset) === 62;
    let p = offset + 1;
    let strip = false;
    if (text.charCodeAt(p) === DASH) {
      strip = true;
      p++;
    }
    p = this.skipSpaces(p);
    if (p >= length || text.charCodeAt(p) !== NEWLINE) giveUp('block scalar header');
    const bodyStart = p + 1;
    let lineStart = bodyStart;
    let bodyIndent = -1;
    let bodyEnd = bodyStart;
    const lines: string[] = [];
    let blankLines = 0;
    while (lineStart < length) {
      const s = this.skipSpaces(lineStart);
      const lineEnd = this.lineEnd(s);
      const column = s - lineStart;
      if (s >= length || text.charCodeAt(s) === NEWLINE) {
        if (bodyIndent < 0) giveUp('block scalar starts with a blank line');
        if (column > bodyIndent) giveUp('more indented blank line in a block scalar');
        blankLines++;
      } else {
        if (bodyIndent < 0) {
          if (column <= indent) giveUp('empty block scalar');
          bodyIndent = column;
        } else if (column < bodyIndent) break;
        for (; blankLines > 0; blankLines--) lines.push('');
        lines.push(text.slice(lineStart + bodyIndent, lineEnd));
        bodyEnd = lineEnd < length ? lineEnd + 1 : lineEnd;
      }
      lineStart = lineEnd + 1;
    }
    let value: string;
    // Joined once from parts, so that the value is one string rather than a chain of them.
    if (folded) {
      value = foldedLines(lines, !strip);
    } else {
      if (!strip) lines.push('');
      value = lines.join('\n');
    }
    const scalar = this.stringScalar(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, [offset, bodyEnd, bodyEnd]);
    const trailer = this.scanTrivia(bodyEnd);
    if (this.at(Next.Content) && this.nextColumn > indent) giveUp('line after a block scalar');
    return [scalar, trailer];
  }

  // ---- flow collections

  /**
   * A flow collection at `offset` and the offset after its closing bracket, on one line or over lines, with comments
   * and a trailing comma (KYAML, JSON, `args: [` with an item a line). `indent` is the column of the block collection
   * the outermost flow collection is a value in (-1 at a document's root), which its lines must be deeper than;
   * `nested` whether this one is in another flow collection.
   */
  private flowCollection(offset: number, indent: number, nested: boolean): [Built, number] {
    this.enter();
    const isMap = this.code(offset) === 123;
    const close = isMap ? 125 : 93;
    const collection = this.newCollection(isMap, true);
    let p = this.flowTrivia(offset + 1, indent, nested);
    while (this.code(p) !== close) {
      if (isMap) {
        const [key, keyEnd] = this.flowNode(p, true, indent);
        // Spaces may come before the `:` (`{a : 1}`), in neither the key's value nor its range.
        const colon = this.skipSpaces(keyEnd);
        if (this.code(colon) !== COLON) giveUp('flow map entry without ":"');
        // The value may be on a later line (yaml's own style for a collection in a collection).
        const q = this.flowTrivia(colon + 1, indent, nested);
        const [value, valueEnd] = this.flowNode(q, false, indent);
        // A value's range takes in the rest of its line (spaces, a comment, the newline), as yaml ends it there.
        value.range![2] = this.restOfLine(valueEnd);
        this.addPair(collection, key, value);
        const after = value.range![2];
        // yaml reports a comment at column 0 right after a value's line (nothing separates it from the value).
        if (this.code(after) === HASH && this.code(after - 1) === NEWLINE) giveUp('comment at column 0 after a flow value');
        p = this.flowTrivia(after, indent, nested);
      } else {
        const [item, itemEnd] = this.flowNode(p, false, indent);
        // A sequence item's range runs to the next `,` or `]`, across comments and lines.
        p = this.flowTrivia(itemEnd, indent, nested);
        item.range![2] = p;
        if (this.code(p) === COLON) giveUp('pair in a flow sequence');
        this.addItem(collection, item);
      }
      const c = this.code(p);
      if (c === close) break;
      if (c !== 44 /* , */) giveUp('no "," or closing bracket after a flow item');
      p = this.flowTrivia(p + 1, indent, nested);
      if (this.code(p) === 44) giveUp('empty flow item');
    }
    collection.range = [offset, p + 1, p + 1];
    this.finishCollection(collection);
    this.depth -= 1;
    return [collection, p + 1];
  }

  /** Counts one more enclosing collection (endCollection and flowCollection count it off). */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) giveUp('nested too deeply');
  }

  /**
   * A key or value in a flow collection at `offset` (its range ends where it does), and that end; `indent` as for
   * flowCollection.
   */
  private flowNode(offset: number, atKey: boolean, indent: number): [Built, number] {
    const ch = this.code(offset);
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) return this.quoted(offset, atKey ? undefined : indent);
    if (ch === 91 || ch === 123) {
      if (atKey) giveUp('collection as a flow key');
      return this.flowCollection(offset, indent, true);
    }
    if (offset >= this.length || ch === NEWLINE || ch === HASH || !this.canStartPlain(offset, true)) giveUp(`flow item starts with ${String.fromCharCode(ch)}`);
    const { text, length } = this;
    let end = offset;
    for (let i = offset; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE || (c < 128 && FLOW_END[c])) break;
      if (c === COLON && (this.isSpaceOrEnd(i + 1) || FLOW_END[text.charCodeAt(i + 1)])) break;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (c !== SPACE) end = i + 1;
    }
    return [this.plainScalar(offset, end, atKey), end];
  }

  /**
   * From `offset`, the spaces, line breaks and comments before the next token of a flow collection; the token's
   * offset. `indent` and `nested` as for flowCollection.
   */
  private flowTrivia(offset: number, indent: number, nested: boolean): number {
    let p = offset;
    for (;;) {
      const lineStart = this.code(p - 1) === NEWLINE ? p : -1;
      p = this.skipSpaces(p);
      const c = this.code(p);
      if (c === NEWLINE) p += 1;
      else if (c === HASH) {
        const before = this.code(p - 1);
        if (before !== SPACE && before !== NEWLINE) giveUp('comment not separated by a space');
        p = this.lineEnd(p);
      } else {
        if (lineStart >= 0 && p < this.length) this.flowLineStart(lineStart, p, indent, nested);
        return p;
      }
    }
  }

  /** Gives up where a line of a flow collection starting at `lineStart` with a token at `offset` ends it (an error). */
  private flowLineStart(lineStart: number, offset: number, indent: number, nested: boolean): void {
    // A `---` or `...` at column 0 ends the document.
    if (offset === lineStart && this.isDocumentMarker(offset)) giveUp('document marker in a flow collection');
    // So does a line no deeper than the block collection the flow collection is in, but for the outermost one's
    // closing bracket at that very column.
    const column = offset - lineStart;
    const c = this.code(offset);
    if (column <= indent && !(column === indent && !nested && (c === 93 || c === 125))) giveUp('flow collection line not indented enough');
  }

  /** After a token that ends at `offset`: the end of its line when only spaces and a comment follow, else the next token. */
  private restOfLine(offset: number): number {
    const p = this.skipSpaces(offset);
    const c = this.code(p);
    if (c === NEWLINE) return p + 1;
    if (c === HASH) {
      if (p === offset) giveUp('comment not separated by a space');
      const end = this.lineEnd(p);
      return end < this.length ? end + 1 : end;
    }
    return p;
  }

  // ---- lines and trivia

  /** Whether the next content (found by the last scanTrivia) is of this kind. */
  private at(kind: Next): boolean {
    return this.next === kind;
  }

  private code(offset: number): number {
    return this.text.charCodeAt(offset);
  }

  private isSpaceOrEnd(offset: number): boolean {
    const c = this.text.charCodeAt(offset);
    return offset >= this.length || c === SPACE || c === NEWLINE;
  }

  /** Whether a `---` or `...` (followed by a space or the line's end) is at `offset`. */
  private isDocumentMarker(offset: number): boolean {
    const c = this.code(offset);
    return (c === DASH || c === 46 /* . */) && this.code(offset + 1) === c && this.code(offset + 2) === c && this.isSpaceOrEnd(offset + 3);
  }

  private isSequenceItem(offset: number): boolean {
    return this.code(offset) === DASH && this.isSpaceOrEnd(offset + 1);
  }

  private skipSpaces(offset: number): number {
    while (this.text.charCodeAt(offset) === SPACE) offset++;
    return offset;
  }

  /** The offset of the newline that ends the line of `offset`, or the text's length. */
  private lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end < 0 ? this.length : end;
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** After a value that ends at `offset`: its line may hold only spaces and a comment; the newline's offset. */
  private lineRest(offset: number): number {
    const p = this.skipSpaces(offset);
    if (p >= this.length) return p;
    const c = this.code(p);
    if (c === NEWLINE) return p;
    if (c === HASH && p > offset) return this.lineEnd(p);
    return giveUp('content after a value');
  }

  /**
   * The comment lines after a value (from `offset`, a line start) that yaml's parser adds to the value's end: those
   * indented deeper than the collection (at column `indent`) it is in, with the blank lines between them.
   */
  private absorbIndentedComments(offset: number, indent: number): number {
    let absorbed = offset;
    let p = offset;
    while (p < this.length) {
      const s = this.skipSpaces(p);
      if (s >= this.length) break;
      const c = this.code(s);
      if (c === NEWLINE) p = s + 1;
      else if (c === HASH && s - p > indent) {
        const end = this.lineEnd(s);
        p = end < this.length ? end + 1 : end;
        absorbed = p;
      } else break;
    }
    return absorbed;
  }

  /**
   * Blank and comment lines from `offset` (a line start) to the next content, which it records in `next`: a token
   * (with its column), `---`, `...`, or the end of the text.
   */
  private scanTrivia(offset: number): Trailer {
    let deepest = -1;
    let p = offset;
    const { text, length } = this;
    for (;;) {
      const s = this.skipSpaces(p);
      if (s >= length) {
        this.next = Next.End;
        this.nextOffset = length;
        return { end: length, deepest };
      }
      const c = text.charCodeAt(s);
      if (c === NEWLINE) {
        p = s + 1;
      } else if (c === HASH) {
        if (s - p > deepest) deepest = s - p;
        const end = this.lineEnd(s);
        p = end < length ? end + 1 : end;
      } else {
        if (s === p) {
          if (c === 37 /* % */) giveUp('directive');
          if (this.isDocumentMarker(s)) {
            this.next = c === DASH ? Next.DocumentStart : Next.DocumentEnd;
            this.nextOffset = s;
            this.nextColumn = 0;
            return { end: s, deepest };
          }
        }
        this.next = Next.Content;
        this.nextOffset = s;
        this.nextColumn = s - p;
        return { end: s, deepest };
      }
    }
  }

  /** An empty (null) value at `offset`, where yaml puts it: after the indicator and its spaces. */
  private emptyScalar(offset: number): Built {
    return this.plainScalar(offset, offset, false);
  }
}
