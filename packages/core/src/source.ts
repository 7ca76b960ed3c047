// Parses a file into YAML documents that keep every position (STYLE.md point 1): the yaml Document with its
// own line index is the source of truth; plain JS values are derived from it, lazily, once. A file of the common
// shape is read for its values and their positions first (fast-yaml.ts), and its yaml Documents are built only when
// something asks for them: most documents are never reported on.
import { type CST, Document, Lexer, Parser, YAMLParseError, isAlias, isCollection, parseAllDocuments, visit, type Alias, type DocumentOptions, type Node, type ParseOptions, type SchemaOptions } from 'yaml';
import { parseCommonYaml, readCommonYaml, type ValueDocument } from './fast-yaml.js';
import { duplicateKeys } from './duplicate-keys.js';
import { forEachNode } from './yaml-walk.js';
import { kubectlYamlTags } from './kubectl-scalars.js';
import { AliasCycleError, CollectionKeyError, aliasInsideItsAnchor, fastToJS, firstCollectionKey } from './to-js.js';
import type { OffsetRange, Position, Range } from './types.js';

/** How many alias expansions one document may need before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * How many anchors and aliases a document that only yaml's toJS can build (one fastToJS leaves to it: an anchor on
 * what a merge key merges, !!set, !!omap) may hold: yaml looks each alias up by scanning the document, so time grows
 * with their square (10,000 merges took 10 s).
 */
export const MAX_ANCHORS_FOR_MERGES = 10_000;

/**
 * How deep flow collections (and the implicit mappings inside them, `[a: b: c]`) may nest before a file is reported
 * as too deep instead of parsed: yaml's parser and composer recurse once per level, and running out of stack twice
 * in one process made V8 abort (a native crash, no report). No Kubernetes object nests a few dozen levels.
 */
export const MAX_FLOW_DEPTH = 500;

/**
 * How deep block collections may nest before a file is reported as too deep instead of parsed. Found by catching the
 * composer's stack overflow, they were reported where the stack happened to run out: at another place each run,
 * sometimes twice.
 */
export const MAX_BLOCK_DEPTH = 500;

const TOO_DEEP = 'the document nests too deeply to be read (hundreds of levels; no Kubernetes object does that)';

export interface YamlProblem {
  code: string;
  message: string;
  offsets: OffsetRange;
}

const NO_ERRORS: readonly YAMLParseError[] = [];

export class SourceDocument {
  private yamlDocument: Document.Parsed | undefined;
  /** The document as fast-yaml read it for its value and positions; undefined when it was parsed into nodes. */
  readonly read: ValueDocument | undefined;
  private jsValue: unknown;
  private jsError: YamlProblem | undefined;
  private converted = false;
  /** Found by fastToJS while it built the value; undefined until then, or when yaml's toJS built it. */
  private convertedDuplicateKeys: Node[] | undefined;
  private problems: YamlProblem[] | undefined;

  constructor(
    readonly file: SourceFile,
    readonly index: number,
    source: Document.Parsed | ValueDocument,
  ) {
    if (source instanceof Document) {
      this.yamlDocument = source;
    } else {
      this.read = source;
      this.jsValue = source.value;
      this.converted = true;
    }
  }

  /** The yaml Document, with every node; for a document read for its value, built (for the whole file) on first use. */
  get yaml(): Document.Parsed {
    this.yamlDocument ??= this.file.yamlDocumentAt(this.index);
    return this.yamlDocument;
  }

  /**
   * A document known only by its value, parsed elsewhere (another worker thread of the run): it has no source,
   * so nothing may be reported on it; rules across resources read its objects.
   */
  static detached(file: SourceFile, index: number, value: unknown): SourceDocument {
    const doc = new SourceDocument(file, index, new Document(null) as Document.Parsed);
    doc.jsValue = value;
    doc.converted = true;
    return doc;
  }

  /** yaml's own parser errors, as it reports them: none for a document fast-yaml read (it reads only what yaml reads without one). */
  get yamlErrors(): readonly YAMLParseError[] {
    return this.read ? NO_ERRORS : this.yaml.errors;
  }

  /** Parser errors of this document (syntax and duplicate keys), in the order of their positions. */
  get errors(): YamlProblem[] {
    this.problems ??= this.findProblems();
    return this.problems;
  }

  private findProblems(): YamlProblem[] {
    const { read } = this;
    if (read) {
      // fast-yaml reads only what yaml reads without errors: what is left is the document start and duplicate keys.
      const problems: YamlProblem[] = [];
      if (this.lacksDocumentStart) problems.push(this.missingDocumentStart(read.contents[0], read.range[1]));
      for (let index = 0; index < read.duplicateKeys.length; index += 2) {
        problems.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', offsets: clampToText(this.file.text, read.duplicateKeys[index]!, read.duplicateKeys[index + 1]!) });
      }
      return problems;
    }
    const problems: YamlProblem[] = this.yaml.errors.map((error) => {
      const offsets = errorOffsets(this, error.message, error.pos);
      const bracket = this.file.text[offsets[0]];
      const unclosed = /end with an? [\]}]/.test(error.message) && (bracket === '[' || bracket === '{');
      return {
        code: error.code,
        message: unclosed ? `this "${bracket}" is never closed: add the matching "${bracket === '[' ? ']' : '}'}"` : firstLine(error.message),
        offsets,
      };
    });
    if (this.lacksDocumentStart) problems.unshift(this.missingDocumentStart(this.yaml.contents?.range?.[0] ?? this.yaml.range[0], this.yaml.range[1]));
    const duplicates = this.convertedDuplicateKeys ?? duplicateKeys(this.yaml);
    if (duplicates.length === 0) return problems;
    for (const key of duplicates) {
      problems.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', offsets: clampToText(this.file.text, key.range![0], key.range![1]) });
    }
    // Array sort is stable: problems at one position keep the parser's order.
    return problems.sort((a, b) => a.offsets[0] - b.offsets[0]);
  }

  /** The problem of a document after `...` without `---`, whose contents start at `start` (it ends by `end`). */
  private missingDocumentStart(start: number, end: number): YamlProblem {
    return {
      code: 'MISSING_DOCUMENT_START',
      message: 'a document that follows "..." must begin with "---" (YAML 1.1, which kubectl reads)',
      offsets: [start, Math.max(start + 1, Math.min(end, lineEndOffset(this.file, start)))],
    };
  }

  /**
   * Tags no YAML 1.1 schema knows (`!Ref`, `!!js/function`, `!!python/object`): like the Kubernetes decoder,
   * podlint reads their values as plain strings, and never runs or constructs anything from them.
   */
  get unknownTags(): { tag: string; offsets: OffsetRange }[] {
    // fast-yaml gives up on every tag.
    if (this.read) return [];
    return this.yaml.warnings
      .filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')
      .map((warning) => {
        const offsets = clampToText(this.file.text, warning.pos[0], warning.pos[1]);
        return { tag: this.file.text.slice(offsets[0], offsets[1]), offsets };
      });
  }

  get hasSyntaxErrors(): boolean {
    return this.lacksDocumentStart || this.yamlErrors.some((error) => error.code !== 'DUPLICATE_KEY');
  }

  /** YAML 1.2 allows a bare document after `...`; YAML 1.1 (go-yaml, PyYAML) requires `---`. */
  private get lacksDocumentStart(): boolean {
    // fast-yaml always has contents (an empty document's is an empty scalar).
    if (this.read) return this.index > 0 && !this.read.docStart;
    return this.index > 0 && this.yaml.directives?.docStart !== true && this.yaml.contents !== null;
  }

  /** The document as plain JS (YAML 1.1 semantics, as the Kubernetes decoder reads it); undefined when it can't be built. */
  get value(): unknown {
    this.convert();
    return this.jsValue;
  }

  /** Why `value` could not be built (an unresolved alias, an alias inside its own anchor, an alias bomb), if it could not. */
  get conversionError(): YamlProblem | undefined {
    this.convert();
    return this.jsError;
  }

  /** The first alias of the document (the first one that resolves to nothing, when asked). */
  private firstAlias(unresolvedOnly: boolean): Alias | undefined {
    let found: Alias | undefined;
    visit(this.yaml, {
      Alias: (_key, node) => {
        if (unresolvedOnly && !isUnresolved(this.yaml, node)) return undefined;
        found = node;
        return visit.BREAK;
      },
    });
    return found;
  }

  private convert(): void {
    if (this.converted) return;
    this.converted = true;
    try {
      const fast = fastToJS(this.yaml, MAX_ALIAS_COUNT);
      if (fast) {
        this.jsValue = fast.value;
        this.convertedDuplicateKeys = fast.duplicateKeys;
        return;
      }
      const collectionKey = firstCollectionKey(this.yaml);
      if (collectionKey) throw new CollectionKeyError(collectionKey);
      const cycle = aliasInsideItsAnchor(this.yaml.contents);
      if (cycle) throw new AliasCycleError(cycle);
      if (countAnchorsAndAliases(this.yaml, MAX_ANCHORS_FOR_MERGES) > MAX_ANCHORS_FOR_MERGES) {
        const range = this.yaml.contents?.range ?? this.yaml.range;
        this.jsError = {
          code: 'ALIAS',
          message: `it holds over ${MAX_ANCHORS_FOR_MERGES.toLocaleString('en-US')} anchors and aliases as well as merge keys (<<), which podlint does not resolve (the time grows with the square of their number)`,
          offsets: [range[0], Math.min(range[1], lineEndOffset(this.file, range[0]))],
        };
        return;
      }
      this.jsValue = this.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      if (error instanceof CollectionKeyError) {
        const range = error.key.range ?? this.yaml.range;
        this.jsError = { code: 'KEY', message: error.message, offsets: [range[0], Math.min(range[1], lineEndOffset(this.file, range[0]))] };
        return;
      }
      if (error instanceof AliasCycleError) {
        const range = error.alias.range ?? this.yaml.range;
        this.jsError = { code: 'ALIAS', message: error.message, offsets: [range[0], Math.min(range[1], lineEndOffset(this.file, range[0]))] };
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const alias = this.firstAlias(/Unresolved alias/.test(message));
      const range = alias?.range ?? this.yaml.contents?.range ?? this.yaml.range;
      this.jsError = {
        code: 'ALIAS',
        message: /Excessive alias count/.test(message)
          ? `too many alias expansions (over ${MAX_ALIAS_COUNT}; an alias bomb?)`
          : message.replace(/ \(the anchor must be set before the alias\)/, ''),
        offsets: [range[0], Math.min(range[1], lineEndOffset(this.file, range[0]))],
      };
    }
  }
}

/** The options a file is parsed with (by parseCommonYaml, or by yaml), for each YAML version SourceFile reads. */
function parseOptions(version: '1.1' | '1.2'): ParseOptions & DocumentOptions & SchemaOptions {
  return {
    // sigs.k8s.io/yaml reads YAML 1.1: `0644` is octal, `yes` is a boolean, `<<` merges.
    version,
    // Plain scalars resolve as go-yaml v2 (kubectl's) resolves them: a date or `1:20` is a string, `.` is not NaN.
    customTags: version === '1.1' ? kubectlYamlTags : undefined,
    merge: true,
    prettyErrors: false,
    // yaml's own warnings would go to the process (stderr); podlint reports problems as diagnostics instead.
    logLevel: 'error',
    // Duplicate keys are found in one pass (duplicate-keys.ts); yaml's own check is quadratic in a mapping's size.
    uniqueKeys: false,
  };
}

const MANIFEST_PARSE_OPTIONS = parseOptions('1.1');
const CONFIG_PARSE_OPTIONS = parseOptions('1.2');

export class SourceFile {
  private documentsCache: SourceDocument[] | undefined;
  /** The yaml Documents of a file whose documents were read for their values, once something asked for one. */
  private yamlDocuments: Document.Parsed[] | undefined;
  private lineStartsCache: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    /** Manifests are read as YAML 1.1, like sigs.k8s.io/yaml; podlint's own config as 1.2 (`off` is a string). */
    private readonly yamlVersion: '1.1' | '1.2' = '1.1',
  ) {}

  /**
   * The file's YAML documents, parsed on first use: a Helm template is skipped on its text alone, and parsing one
   * (always by yaml, the fast path gives up on `{{ }}`) was most of what such a file cost.
   */
  get documents(): readonly SourceDocument[] {
    this.documentsCache ??= this.parse();
    return this.documentsCache;
  }

  private parse(): SourceDocument[] {
    const { text } = this;
    const options = this.parseOptions;
    // Most manifests are of a shape readCommonYaml reads (values and positions, several times faster than yaml); it
    // gives up long before a file nests too deeply, so only the files yaml parses need that check.
    const read = readCommonYaml(text, options);
    if (read && 'values' in read) return read.values.map((doc, index) => new SourceDocument(this, index, doc));
    let docs = read?.nodes;
    if (docs === undefined) {
      const tooDeep = nestsTooDeeply(text);
      if (tooDeep !== undefined) return [new SourceDocument(this, 0, tooDeepDocument(text, tooDeep))];
      docs = parseAllDocuments(text, options) as Document.Parsed[];
    }
    // A stream of only comments or whitespace parses to an EmptyStream: no documents, nothing wrong.
    const list = Array.isArray(docs) ? docs : [];
    return list.map((doc, index) => new SourceDocument(this, index, doc as Document.Parsed));
  }

  /**
   * The yaml Document of a document read for its value: the file is parsed again into nodes, by the same parser,
   * which reads it as it did (yaml parses it should that ever differ, and a document it lacks is empty).
   */
  yamlDocumentAt(index: number): Document.Parsed {
    const options = this.parseOptions;
    this.yamlDocuments ??= parseCommonYaml(this.text, options) ?? [...(parseAllDocuments(this.text, options) as Document.Parsed[])];
    return this.yamlDocuments[index] ?? (new Document(null, options) as Document.Parsed);
  }

  /** The options this file's YAML version is read with, by fast-yaml and by yaml alike. */
  private get parseOptions(): ParseOptions & DocumentOptions & SchemaOptions {
    return this.yamlVersion === '1.1' ? MANIFEST_PARSE_OPTIONS : CONFIG_PARSE_OPTIONS;
  }

  /** Offsets where lines start (lineStartsOf), built on first use only. */
  get lineStarts(): readonly number[] {
    this.lineStartsCache ??= lineStartsOf(this.text);
    return this.lineStartsCache;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lineAt(this.lineStarts, clamped);
    return { line, character: clamped - this.lineStarts[line]! };
  }

  /**
   * Offsets moved off the middle of a character: a start or end between the halves of a surrogate pair (an emoji)
   * takes in the whole pair, and one between `\r` and `\n` moves to the line's end, before the `\r`, where LSP
   * positions can point. Parser errors can point anywhere; every reported range goes through here.
   */
  wholeCharacters(offsets: OffsetRange): OffsetRange {
    const { text } = this;
    const splitsPair = (offset: number) => isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
    const insideLineBreak = (offset: number) => text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
    let [start, end] = offsets;
    if (splitsPair(start) || insideLineBreak(start)) start -= 1;
    if (splitsPair(end)) end += 1;
    else if (insideLineBreak(end)) end -= 1;
    return start === offsets[0] && end === offsets[1] ? offsets : [start, Math.max(start, end)];
  }

  rangeOf(offsets: OffsetRange): Range {
    return { start: this.positionAt(offsets[0]), end: this.positionAt(offsets[1]) };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    const lineStart = starts[Math.min(position.line, starts.length - 1)] ?? 0;
    return Math.min(lineStart + position.character, this.text.length);
  }

  /** The 0-based line of an offset. */
  lineOf(offset: number): number {
    return this.positionAt(offset).line;
  }
}

/**
 * Offsets where the lines of a text start: the line model of every position podlint reports. Computed from the
 * text, not yaml's LineCounter, which skips the line starts inside multi-line tokens; `\n`, `\r\n` and a lone
 * `\r` end a line, as in LSP (U+2028 and U+2029 do not).
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  // Without a \r, every line ends at a \n, found by indexOf: several times faster than reading every character.
  if (!text.includes('\r')) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    return starts;
  }
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10) starts.push(index + 1);
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) starts.push(index + 1);
  }
  return starts;
}

/**
 * The line that holds `offset`: the index of the last of the ascending `lineStarts` (the first being 0) at or
 * before it.
 */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Where the text's collections nest too deeply to be parsed safely, if they do anywhere. */
function nestsTooDeeply(text: string): number | undefined {
  if (flowTooDeep(text, MAX_FLOW_DEPTH) !== undefined) {
    const flow = lexedFlowTooDeep(text, MAX_FLOW_DEPTH);
    if (flow !== undefined) return flow;
  }
  return hasIndentationRun(text, MAX_BLOCK_DEPTH) ? parsedBlockTooDeep(text, MAX_BLOCK_DEPTH) : undefined;
}

/**
 * True when the text has a run of `length` spaces, tabs, `-` and `?`: each level of block collections takes at
 * least one of them (a deeper indentation, or a compact `- ` or `? ` on the same line), so without such a run no
 * block collection nests that deep. Only every length-th character is looked at first, since a run that long
 * covers one of them: a regular expression looking everywhere cost twice the rest of the depth checks.
 */
function hasIndentationRun(text: string, length: number): boolean {
  const inRun = (offset: number) => {
    const code = text.charCodeAt(offset);
    return code === 32 || code === 9 || code === 45 || code === 63;
  };
  for (let sample = length - 1; sample < text.length; sample += length) {
    if (!inRun(sample)) continue;
    let start = sample;
    while (start > 0 && inRun(start - 1)) start -= 1;
    let end = sample + 1;
    while (end < text.length && inRun(end)) end += 1;
    if (end - start >= length) return true;
  }
  return false;
}

/**
 * The offset of the first collection nested over `limit` levels, in the syntax tree of yaml's parser, which builds
 * it without recursing (its composer does recurse). Only read when the text has a run of indentation that long.
 */
function parsedBlockTooDeep(text: string, limit: number): number | undefined {
  for (const document of new Parser().parse(text)) {
    if (document.type !== 'document') continue;
    const pending: [CST.Token | null | undefined, number][] = [[document.value, 1]];
    let deepest: number | undefined;
    while (pending.length > 0) {
      const [token, depth] = pending.pop()!;
      if (!token || (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')) continue;
      if (depth > limit) {
        deepest = Math.min(deepest ?? token.offset, token.offset);
        continue;
      }
      for (const item of token.items) {
        if ('key' in item) pending.push([item.key, depth + 1]);
        pending.push([item.value, depth + 1]);
      }
    }
    if (deepest !== undefined) return deepest;
  }
  return undefined;
}

/**
 * Whether flow collections may nest over `limit` levels, counting each implicit key (`a: `) of an entry as a level:
 * the offset where they seem to, or undefined. A quick scan of the text, not a parse, that may count too much but
 * not too little: in block context every bracket counts (even inside a quoted or block scalar); inside flow
 * collections, quotes that start a value are skipped, and comments everywhere. A count over the limit is checked
 * with yaml's lexer (lexedFlowTooDeep) before the file is called too deep.
 */
function flowTooDeep(text: string, limit: number): number | undefined {
  if (text.length < limit) return undefined;
  let depth = 0;
  let keys = 0;
  // Only these characters matter, fewer of them outside flow collections: regular expressions skip the rest natively.
  const inBlock = /[[{#]/g;
  const inFlow = /[[\]{},:"'#]/g;
  let at = 0;
  for (;;) {
    const markers = depth === 0 ? inBlock : inFlow;
    markers.lastIndex = at;
    const match = markers.exec(text);
    if (match === null) return undefined;
    const index = match.index;
    const char = match[0];
    at = index + 1;
    if (char === '[' || char === '{') {
      depth += 1;
      keys = 0;
    } else if (char === ']' || char === '}') {
      depth -= 1;
      keys = 0;
    } else if (char === ',') {
      keys = 0;
    } else if (char === ':') {
      if (/[\s,\]}]/.test(text[index + 1] ?? ' ')) keys += 1;
    } else if (char === '#') {
      if (index === 0 || /\s/.test(text[index - 1]!)) at = lineEnd(text, index);
    } else if (startsValue(text, index)) {
      at = quoteEnd(text, index) + 1;
    }
    if (depth + keys > limit) return index;
  }
}

/** True when the character at `index` starts a value in a flow collection: only indicators and spaces before it. */
function startsValue(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before -= 1;
  return before < 0 || '[{,:?'.includes(text[before]!);
}

/**
 * The offset where flow collections nest over `limit` levels (as flowTooDeep counts them), read from yaml's
 * lexer, which knows quoted and block scalars and comments exactly and, unlike its composer, does not recurse.
 */
function lexedFlowTooDeep(text: string, limit: number): number | undefined {
  let depth = 0;
  let keys = 0;
  let offset = 0;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    // The lexer marks documents, scalars and flow ends with control characters that are not in the text; what
    // follows a scalar's mark is the scalar itself.
    const mark = token.length === 1 && (token === '\x02' || token === '\x18' || token === '\x1f') && previous !== '\x1f';
    previous = token;
    if (mark) continue;
    if (token === '[' || token === '{') {
      depth += 1;
      keys = 0;
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
      keys = 0;
    } else if (token === ',') {
      keys = 0;
    } else if (token === ':' && depth > 0) {
      keys += 1;
    }
    if (depth + keys > limit) return offset;
    offset += token.length;
  }
  return undefined;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

/** The offset of the quote that closes the one at `start` (the end of the text when none does). */
function quoteEnd(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index += 1) {
    if (quote === '"' && text[index] === '\\') index += 1;
    else if (text[index] === quote) {
      if (quote === "'" && text[index + 1] === "'") index += 1;
      else return index;
    }
  }
  return text.length;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A document that stands for a whole file nested too deeply to parse, with one error where it got too deep. */
function tooDeepDocument(text: string, offset: number): Document.Parsed {
  const doc = new Document(null) as Document.Parsed;
  doc.range = [0, text.length, text.length];
  doc.errors.push(new YAMLParseError([offset, offset + 1], 'UNEXPECTED_TOKEN', TOO_DEEP));
  return doc;
}

/** Anchors and aliases of a document, counted up to just over `limit`. */
function countAnchorsAndAliases(doc: Document.Parsed, limit: number): number {
  let count = 0;
  forEachNode(doc.contents, (node) => {
    if (isAlias(node) || node.anchor) count += 1;
    return count > limit;
  });
  return count;
}

function isUnresolved(doc: Document.Parsed, alias: Alias): boolean {
  try {
    return alias.resolve(doc) === undefined;
  } catch {
    return true;
  }
}

function firstLine(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) {
    return TOO_DEEP;
  }
  const line = message.split('\n')[0] ?? message;
  // yaml appends " at line L, column C:"; editors and the CLI show positions themselves.
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

function lineEndOffset(file: SourceFile, offset: number): number {
  const newline = file.text.indexOf('\n', offset);
  const end = newline === -1 ? file.text.length : newline;
  return end > 0 && file.text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * Where to show a parser error: an unclosed `[` or `{` is shown at the bracket, not where the parser gave up;
 * anything else as the parser says, kept inside the text.
 */
function errorOffsets(doc: SourceDocument, message: string, pos: [number, number]): OffsetRange {
  const [start, end] = pos;
  if (/end with an? [\]}]/.test(message)) {
    const opening = unclosedFlowStart(doc, start);
    if (opening !== undefined) return [opening, opening + 1];
  }
  return clampToText(doc.file.text, start, end);
}

/** Offsets inside the text: an error at the very end moves back onto the last non-blank character. */
function clampToText(text: string, start: number, end: number): OffsetRange {
  let from = start;
  if (from >= text.length) {
    from = text.length - 1;
    while (from > 0 && /\s/.test(text[from]!)) from -= 1;
  }
  from = Math.max(0, from);
  return [from, Math.min(Math.max(end, from + 1), text.length)];
}

/**
 * The `[` or `{` of the innermost flow collection that is still open at `position`: of the flow collections
 * starting before it, the last whose brackets, counted from its start (outside quotes), are not all closed.
 * Linear in the text and the tree: a file of 10,000 unclosed `[` took 11 s when each collection counted its
 * own text and yaml's visit() copied the path at every level.
 */
function unclosedFlowStart(doc: SourceDocument, position: number): number | undefined {
  const text = doc.file.text;
  const starts: number[] = [];
  forEachNode(doc.yaml.contents, (node) => {
    if (!isCollection(node)) return;
    const start = node.range?.[0];
    if (node.flow && start !== undefined && start < position && (text[start] === '[' || text[start] === '{')) starts.push(start);
  });
  if (starts.length === 0) return undefined;
  starts.sort((a, b) => a - b);
  // One pass from the first start: the bracket counts before each start, and at `position`.
  const countsBefore = new Map<number, readonly [number, number]>();
  let squares = 0;
  let braces = 0;
  let quote: string | undefined;
  let next = 0;
  for (let index = starts[0]!; index < position; index += 1) {
    if (index === starts[next]) {
      countsBefore.set(index, [squares, braces]);
      // A collection starts outside quotes: a quote "open" here was an apostrophe inside a plain scalar.
      quote = undefined;
      while (starts[next] === index) next += 1;
    }
    const char = text[index]!;
    if (quote) {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[') squares += 1;
    else if (char === ']') squares -= 1;
    else if (char === '{') braces += 1;
    else if (char === '}') braces -= 1;
  }
  for (let index = starts.length - 1; index >= 0; index -= 1) {
    const start = starts[index]!;
    const [squaresBefore, bracesBefore] = countsBefore.get(start)!;
    if (text[start] === '[' ? squares - squaresBefore > 0 : braces - bracesBefore > 0) return start;
  }
  return undefined;
}
