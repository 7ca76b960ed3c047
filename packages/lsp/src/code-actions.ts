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
        fileDirective ??= findFileDirective(document);
        actions.push(action(`Disable ${message.ruleId} for this line`, CodeActionKind.QuickFix, edit(request, [disableLineEdit(document, message, fileDirective.lineEnd)]), diagnostics));
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

const NEXT_LINE_DIRECTIVE = /^(\s*#\s*podlint-disable-next-line\s+[\w\s,-]*?)\s*$/;
const FILE_DIRECTIVE = /^(\s*#\s*podlint-disable-file\s+[\w\s,-]*?)\s*$/;

/** `# podlint-disable-next-line <rule>` above the diagnostic's line, indented like it; added to one already there. */
function disableLineEdit(document: TextDocument, message: LintMessage, lineEnd: string): TextEdit {
  const line = message.range.start.line;
  const previous = line > 0 ? lineText(document, line - 1) : undefined;
  const existing = previous === undefined ? null : NEXT_LINE_DIRECTIVE.exec(previous);
  if (existing && !/\s--(\s|$)/.test(previous!)) {
    const at = { line: line - 1, character: existing[1]!.length };
    return { range: { start: at, end: at }, newText: `, ${message.ruleId}` };
  }
  const indent = /^[ \t]*/.exec(lineText(document, line))![0];
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}# podlint-disable-next-line ${message.ruleId}${lineEnd}` };
}

/** Where `# podlint-disable-file` rules go: the end of such a line when there is one, else a new first line. */
interface FileDirective {
  /** The end of the directive's rule list on an existing line. */
  existing?: Range['start'];
  lineEnd: string;
}

function findFileDirective(document: TextDocument): FileDirective {
  const lineEnd = eol(document);
  for (let line = 0; line < document.lineCount; line += 1) {
    const text = lineText(document, line);
    const existing = FILE_DIRECTIVE.exec(text);
    if (existing && !/\s--(\s|$)/.test(text)) return { existing: { line, character: existing[1]!.length }, lineEnd };
  }
  return { lineEnd };
}

/** `# podlint-disable-file <rule>` as the file's first line; added to such a line when there is one. */
function disableFileEdit(directive: FileDirective, ruleId: string): TextEdit {
  if (directive.existing) return { range: { start: directive.existing, end: directive.existing }, newText: `, ${ruleId}` };
  const start = { line: 0, character: 0 };
  return { range: { start, end: start }, newText: `# podlint-disable-file ${ruleId}${directive.lineEnd}` };
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
