// ESLint's JSON result shape (1-based lines and columns, `output` after fixes), plus podlint's `level`
// (error/warning/info), `skipped` notices and document counts. A fix's edits are merged into ESLint's single
// {range, text}, which holds the text between them too: a suggestion that moves an item far holds everything
// in between, so a file's suggestions are given only while their merged text stays within a budget.
import type { Fix, LintMessage } from '@podlint/core';
import type { Formatter, ReportedFile } from './types.js';

/** The JSON array, one piece per file (what JSON.stringify of the whole array gives, byte for byte). */
const json: Formatter = (results) => ['[', ...results.map((result, index) => `${index === 0 ? '' : ','}${JSON.stringify(toEslintResult(result))}`), ']'];

export default json;

/**
 * How much merged suggestion text one file's result may hold, beyond twice its source: a Job of 20,000 sidecars,
 * each with a suggestion holding the containers before it, needed gigabytes and ran out of memory. Fixes are
 * always given (they are applied one per range, so they cannot pile up like this); problems always are.
 */
const SUGGESTION_TEXT_BUDGET = 16 * 1024 * 1024;

export function toEslintResult(result: ReportedFile) {
  const count = (severity: LintMessage['severity'], fixable = false) =>
    result.messages.filter((message) => message.severity === severity && (!fixable || message.fix)).length;
  const source = result.source ?? '';
  let suggestionTextLeft = SUGGESTION_TEXT_BUDGET + 2 * source.length;
  const suggestionsOf = (message: LintMessage) => {
    const suggestions = [];
    for (const suggestion of message.suggestions ?? []) {
      if (suggestionTextLeft <= 0) break;
      const fix = mergeFix(suggestion.fix, source);
      suggestionTextLeft -= fix.text.length;
      if (suggestionTextLeft < 0) break;
      suggestions.push({ messageId: suggestion.messageId, desc: suggestion.message, fix });
    }
    return suggestions;
  };
  return {
    filePath: result.filePath,
    messages: result.messages.map((message) => toEslintMessage(message, source, suggestionsOf(message))),
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

function toEslintMessage(message: LintMessage, source: string, suggestions: readonly { messageId: string; desc: string; fix: MergedFix }[]) {
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
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

interface MergedFix {
  range: [number, number];
  text: string;
}

function mergeFix(fix: Fix, source: string): MergedFix {
  const edits = [...fix.edits].sort((a, b) => a.range[0] - b.range[0]);
  const start = edits[0]!.range[0];
  const end = edits.reduce((last, edit) => Math.max(last, edit.range[1]), start);
  let text = '';
  let cursor = start;
  for (const edit of edits) {
    text += source.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  return { range: [start, end], text };
}
