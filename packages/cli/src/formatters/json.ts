// ESLint's JSON result shape (1-based lines and columns, `output` after fixes), plus podlint's `level`
// (error/warning/info), `skipped` notices and document counts. A fix's edits are merged into ESLint's single
// {range, text}.
import type { Fix, LintMessage } from '@podlint/core';
import type { Formatter, ReportedFile } from './types.js';

/** The JSON array, one piece per file (what JSON.stringify of the whole array gives, byte for byte). */
const json: Formatter = (results) => ['[', ...results.map((result, index) => `${index === 0 ? '' : ','}${JSON.stringify(toEslintResult(result))}`), ']'];

export default json;

export function toEslintResult(result: ReportedFile) {
  const count = (severity: LintMessage['severity'], fixable = false) =>
    result.messages.filter((message) => message.severity === severity && (!fixable || message.fix)).length;
  return {
    filePath: result.filePath,
    messages: result.messages.map((message) => toEslintMessage(message, result.source ?? '')),
    errorCount: count('error'),
    fatalErrorCount: result.messages.filter((message) => message.ruleId === 'yaml-syntax').length,
    warningCount: count('warning'),
    infoCount: count('info'),
    fixableErrorCount: count('error', true),
    fixableWarningCount: count('warning', true),
    ...(result.output !== undefined ? { output: result.output } : {}),
    ...(result.skipped ? { skipped: result.skipped } : {}),
    counts: result.counts,
  };
}

function toEslintMessage(message: LintMessage, source: string) {
  return {
    ruleId: message.ruleId,
    messageId: message.messageId,
    severity: message.severity === 'error' ? 2 : 1,
    level: message.severity,
    message: message.message,
    line: message.range.start.line + 1,
    column: message.range.start.character + 1,
    endLine: message.range.end.line + 1,
    endColumn: message.range.end.character + 1,
    ...(message.object ? { object: message.object } : {}),
    ...(message.fix ? { fix: mergeFix(message.fix, source) } : {}),
    ...(message.suggestions
      ? { suggestions: message.suggestions.map((suggestion) => ({ messageId: suggestion.messageId, desc: suggestion.message, fix: mergeFix(suggestion.fix, source) })) }
      : {}),
  };
}

function mergeFix(fix: Fix, source: string): { range: [number, number]; text: string } {
  const edits = [...fix.edits].sort((a, b) => a.range[0] - b.range[0]);
  const start = edits[0]!.range[0];
  const end = Math.max(...edits.map((edit) => edit.range[1]));
  let text = '';
  let cursor = start;
  for (const edit of edits) {
    text += source.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  return { range: [start, end], text };
}
