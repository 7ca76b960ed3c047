// podlint's results as LSP diagnostics: code = rule id, a link to the rule's page, severity as configured.
// Core's ranges are 0-based and count UTF-16 code units, as LSP does, so they pass through unchanged.
import type { ConfigError, LintMessage, RuleRegistry, Severity } from '@podlint/core';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';

export const DIAGNOSTIC_SOURCE = 'podlint';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(message: LintMessage, registry: RuleRegistry): Diagnostic {
  const diagnostic: Diagnostic = {
    range: message.range,
    severity: SEVERITIES[message.severity],
    code: message.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: message.message,
  };
  const url = registry[message.ruleId]?.meta.docs.url;
  if (url) diagnostic.codeDescription = { href: url };
  return diagnostic;
}

/**
 * A config error where it is: ConfigError has a 1-based line and column, and where the key or value at fault ends
 * when it is known. A range on one line is underlined as it is (the end of `eror` in `{bare-pod: eror}}]`);
 * otherwise the word at the start (a mapping at fault would underline many lines).
 */
export function configErrorDiagnostic(error: ConfigError, text: string): Diagnostic {
  const lines = text.split('\n');
  const line = Math.max(0, Math.min(error.line - 1, lines.length - 1));
  const lineText = (lines[line] ?? '').replace(/\r$/, '');
  const start = Math.max(0, Math.min(error.column - 1, lineText.length));
  if (error.end && error.end.line === error.line && error.end.column > error.column) {
    const range: Range = { start: { line, character: start }, end: { line, character: Math.min(error.end.column - 1, Math.max(lineText.length, start + 1)) } };
    return { range, severity: DiagnosticSeverity.Error, code: 'config', source: DIAGNOSTIC_SOURCE, message: error.message };
  }
  const rest = lineText.slice(start);
  // A key stops at its colon; a value at a comment; either way no trailing blanks, and never less than one character.
  const keyEnd = rest.search(/:(\s|$)/);
  const commentStart = rest.search(/\s#/);
  const cut = [keyEnd, commentStart].filter((index) => index > 0);
  const length = Math.max(1, (cut.length > 0 ? rest.slice(0, Math.min(...cut)) : rest).trimEnd().length);
  const range: Range = { start: { line, character: start }, end: { line, character: Math.min(start + length, Math.max(lineText.length, start + 1)) } };
  return { range, severity: DiagnosticSeverity.Error, code: 'config', source: DIAGNOSTIC_SOURCE, message: error.message };
}

/** The one diagnostic of a file too large to lint, on its first line. */
export function notLintedDiagnostic(reason: string, text: string): Diagnostic {
  const firstLine = text.slice(0, 1000).split('\n')[0]!.replace(/\r$/, '');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.max(1, firstLine.length) } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    message: `podlint did not lint this file: ${reason}; raise the limit with the podlint.maxFileSize setting (MB), or 0 for no limit.`,
  };
}
