// Plain data shared by the engine, the rules, the formatters and the language server.
// Positions are 0-based inside podlint (like LSP); formatters convert to 1-based.

/** A JSON path inside one YAML document: map keys and sequence indexes. */
export type Path = readonly (string | number)[];

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column, in UTF-16 code units (what editors and LSP count). */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offsets into the file's text: [start, end). */
export type OffsetRange = readonly [number, number];

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  /** Offsets into the original text. */
  range: OffsetRange;
  text: string;
}

export interface Fix {
  edits: TextEdit[];
}

export interface Suggestion {
  messageId: string;
  message: string;
  fix: Fix;
}

export interface LintMessage {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  filePath: string;
  range: Range;
  /** Offsets of `range`, for fixes and de-duplication. */
  offsets: OffsetRange;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** apiVersion/kind/namespace/name of the object the message is about, when there is one. */
  object?: ObjectRef;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

export type SkipReason =
  | { kind: 'template'; message: string }
  | { kind: 'not-kubernetes'; message: string }
  | { kind: 'ignored'; message: string; /** A folder (a link to one) that was not searched. */ folder?: true }
  | { kind: 'unreadable'; message: string; /** A folder that could not be read: none of its files were linted. */ folder?: true };

export interface DocumentCounts {
  /** Documents (and List items) holding a Kubernetes object that were linted. */
  resources: number;
  /** Lists (kind: List, PodList...) with no items (`items: []` or null): Kubernetes documents with nothing to lint. */
  emptyLists: number;
  /**
   * Entries of Lists that hold no object podlint could lint (not a mapping, or without apiVersion or kind where
   * kubectl needs them; `items` that are not a list count as one): the schema rules report each of them.
   */
  unlintedListItems: number;
  /**
   * Documents meant as Kubernetes objects that could not be linted: they name an apiVersion or a kind but not both
   * as strings (`kind: Pod` alone); schema-required reports each. Counted even with that rule off.
   */
  unlintedDocuments: number;
  /** YAML documents that are not Kubernetes objects (neither apiVersion nor kind): nothing to lint. */
  otherDocuments: number;
  /** Documents that did not parse. */
  brokenDocuments: number;
}

export interface FileResult {
  filePath: string;
  messages: LintMessage[];
  /** Set when the whole file was not linted, with the reason; counted in the summary. */
  skipped?: SkipReason;
  counts: DocumentCounts;
  /** The file's text as linted (kept for fixes and formatters that print source). */
  source?: string;
}
