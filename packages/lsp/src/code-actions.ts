// Code actions for podlint's diagnostics: the rule's fix, its suggestions, turning the rule off for a line or the
// file with a comment, and "fix all" (the fixes core would apply together: none overlaps another). Every edit
// is tied to the document version it was computed for, so an editor refuses it once the text has moved on.
import { INTERNAL_ERROR_RULE, selectFixes, type Fix, type LintMessage, type TextEdit as OffsetEdit } from '@podlint/core';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { MultiLineScalar, MultiLineScalarLookup } from './multi-line-scalars.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.podlint`;

export interface CodeActionRequest {
  document: TextDocument;
  messages: readonly LintMessage[];
  range: Range;
  /** The kinds the client asked for (undefined: any). */
  only?: readonly string[];
  /** The client applies `documentChanges` (versioned edits); otherwise plain `changes`. */
  versionedEdits: boolean;
  /** Comments can suppress (YAML); JSON has no comments. */
  allowComments: boolean;
  /** Where a comment line would land inside a value (see multi-line-scalars). */
  multiLineScalarAt: MultiLineScalarLookup;
  toDiagnostic(message: LintMessage): Diagnostic;
}

export function codeActions(request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  const { document } = request;
  if (wants(request.only, CodeActionKind.QuickFix)) {
    // Where a file-wide directive goes, and the line end: looked up once, not once per diagnostic (a range over
    // 20,000 diagnostics of a long file made that take minutes).
    let fileDirective: FileDirective | undefined;
    for (const message of request.messages) {
      if (!intersects(message.range, request.range)) continue;
      const diagnostics = [request.toDiagnostic(message)];
      if (message.fix) {
        actions.push(action(`Fix this ${message.ruleId} problem`, CodeActionKind.QuickFix, edit(request, fixEdits(document, message.fix)), diagnostics, true));
      }
      for (const suggestion of message.suggestions ?? []) {
        actions.push(action(suggestion.message, CodeActionKind.QuickFix, edit(request, fixEdits(document, suggestion.fix)), diagnostics));
      }
      if (request.allowComments && message.ruleId !== INTERNAL_ERROR_RULE) {
        fileDirective ??= findFileDirective(document, request.multiLineScalarAt);
        const lineEdits = disableLineEdits(document, message, fileDirective.lineEnd, request.multiLineScalarAt);
        if (lineEdits) actions.push(action(`Disable ${message.ruleId} for this line`, CodeActionKind.QuickFix, edit(request, lineEdits), diagnostics));
        actions.push(action(`Disable ${message.ruleId} for this file`, CodeActionKind.QuickFix, edit(request, [disableFileEdit(fileDirective, message.ruleId)]), diagnostics));
      }
    }
  }
  if (wants(request.only, FIX_ALL_KIND)) {
    const fixes = request.messages.flatMap((message) => (message.fix ? [message.fix] : []));
    if (fixes.length > 0) {
      const { edits } = selectFixes(fixes);
      actions.push(action('Fix all auto-fixable podlint problems', FIX_ALL_KIND, edit(request, edits.map((item) => toTextEdit(document, item)))));
    }
  }
  return actions;
}

/** LSP: an action of kind K is wanted when `only` is absent or names K or a parent of K (`source` for `source.fixAll`). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function action(title: string, kind: string, workspaceEdit: WorkspaceEdit, diagnostics?: Diagnostic[], isPreferred?: boolean): CodeAction {
  const result: CodeAction = { title, kind, edit: workspaceEdit };
  if (diagnostics) result.diagnostics = diagnostics;
  if (isPreferred) result.isPreferred = true;
  return result;
}

function edit(request: CodeActionRequest, edits: TextEdit[]): WorkspaceEdit {
  const { uri, version } = request.document;
  if (request.versionedEdits) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

function fixEdits(document: TextDocument, fix: Fix): TextEdit[] {
  return [...fix.edits].sort((a, b) => a.range[0] - b.range[0]).map((item) => toTextEdit(document, item));
}

function toTextEdit(document: TextDocument, item: OffsetEdit): TextEdit {
  return { range: { start: document.positionAt(item.range[0]), end: document.positionAt(item.range[1]) }, newText: item.text };
}

// A whole-line directive with its rule ids and any ` -- reason`: group 1 ends after the last id, where another
// id is added (a reason stays last, where core reads it).
const RULE_IDS = String.raw`(?!--(?:\s|$))[\w-]+(?:[\s,]+(?!--(?:\s|$))[\w-]+)*`;
const directiveLine = (kind: string) => new RegExp(String.raw`^(\s*#\s*podlint-${kind}\s+${RULE_IDS})(?:\s+--(?:\s.*)?)?\s*$`);
const NEXT_LINE_DIRECTIVE = directiveLine('disable-next-line');
const FILE_DIRECTIVE = directiveLine('disable-file');

/**
 * `# podlint-disable-next-line <rule>` above the diagnostic's line, indented like it; added to one already there.
 * Undefined when no comment can cover the line without changing a value.
 */
function disableLineEdits(document: TextDocument, message: LintMessage, lineEnd: string, scalarAt: MultiLineScalarLookup): TextEdit[] | undefined {
  const line = message.range.start.line;
  const scalar = scalarAt(document.offsetAt({ line, character: 0 }));
  if (scalar) return disableAroundScalarEdits(document, scalar, message.ruleId, lineEnd, scalarAt);
  const previous = line > 0 ? lineText(document, line - 1) : undefined;
  const existing = previous === undefined ? null : NEXT_LINE_DIRECTIVE.exec(previous);
  // Text like a directive on the last line of a block scalar is the value's, not a comment.
  if (existing && !scalarAt(document.offsetAt({ line: line - 1, character: 0 }))) {
    const at = { line: line - 1, character: existing[1]!.length };
    return [{ range: { start: at, end: at }, newText: `, ${message.ruleId}` }];
  }
  const indent = /^[ \t]*/.exec(lineText(document, line))![0];
  const start = lineStart(document, line);
  return [{ range: { start, end: start }, newText: `${indent}# podlint-disable-next-line ${message.ruleId}${lineEnd}` }];
}

/**
 * The diagnostic's line continues a multi-line scalar: a comment there would be part of the value (or end it).
 * Above the line where the scalar's key (or sequence entry) starts, a next-line directive would cover that line
 * only, and core suppresses by the line a problem starts on, which is a later one. So the node goes between
 * `# podlint-disable <rule>` above it and `# podlint-enable <rule>` below the scalar, which cover the lines
 * between them. Undefined when either comment would land inside another multi-line scalar.
 */
function disableAroundScalarEdits(document: TextDocument, scalar: MultiLineScalar, ruleId: string, lineEnd: string, scalarAt: MultiLineScalarLookup): TextEdit[] | undefined {
  let first = document.positionAt(scalar.holderStart).line;
  const indent = /^[ \t]*/.exec(lineText(document, first))![0];
  // A next-line directive right above the key stays right above it.
  if (first > 0 && NEXT_LINE_DIRECTIVE.test(lineText(document, first - 1))) first -= 1;
  if (scalarAt(document.offsetAt({ line: first, character: 0 }))) return undefined;
  const start = lineStart(document, first);
  const edits: TextEdit[] = [{ range: { start, end: start }, newText: `${indent}# podlint-disable ${ruleId}${lineEnd}` }];
  // A block scalar's value takes its last line break; a quoted one ends on its line.
  const endsLine = /[\r\n]/.test(document.getText({ start: document.positionAt(scalar.end - 1), end: document.positionAt(scalar.end) }));
  const after = document.positionAt(scalar.end).line + (endsLine ? 0 : 1);
  // Nothing after the scalar: the block runs to the end of the file, where the scalar ends (a line break added
  // after a block scalar that ends the file without one would become part of its value).
  if (after >= document.lineCount) return edits;
  if (scalarAt(document.offsetAt({ line: after, character: 0 }))) return undefined;
  const end = { line: after, character: 0 };
  edits.push({ range: { start: end, end }, newText: `${indent}# podlint-enable ${ruleId}${lineEnd}` });
  return edits;
}

/** Where `# podlint-disable-file` rules go: the end of such a line when there is one, else a new first line. */
interface FileDirective {
  /** The end of the directive's rule list on an existing line. */
  existing?: Range['start'];
  /** Where the text starts, after any byte order mark. */
  start: Range['start'];
  lineEnd: string;
}

function findFileDirective(document: TextDocument, scalarAt: MultiLineScalarLookup): FileDirective {
  const lineEnd = eol(document);
  for (let line = 0; line < document.lineCount; line += 1) {
    const text = lineText(document, line);
    const existing = FILE_DIRECTIVE.exec(text);
    if (existing && !scalarAt(document.offsetAt({ line, character: 0 }))) {
      return { existing: { line, character: existing[1]!.length }, start: lineStart(document, 0), lineEnd };
    }
  }
  return { start: lineStart(document, 0), lineEnd };
}

/** `# podlint-disable-file <rule>` as the file's first line; added to such a line when there is one. */
function disableFileEdit(directive: FileDirective, ruleId: string): TextEdit {
  if (directive.existing) return { range: { start: directive.existing, end: directive.existing }, newText: `, ${ruleId}` };
  return { range: { start: directive.start, end: directive.start }, newText: `# podlint-disable-file ${ruleId}${directive.lineEnd}` };
}

/**
 * Where a line's text starts: after a byte order mark on the first line. A line written before it would move the
 * BOM into the YAML, where parsers that do not skip it read it as part of a key.
 */
function lineStart(document: TextDocument, line: number): Range['start'] {
  const bom = line === 0 && document.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF';
  return { line, character: bom ? 1 : 0 };
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

function eol(document: TextDocument): string {
  return document.getText().includes('\r\n') ? '\r\n' : '\n';
}

function intersects(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
