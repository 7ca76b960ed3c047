// The default terminal format: problems grouped by file, `line:col  severity  message  rule-id`, skip notices,
// and a summary that accounts for every file and document. Colour only when the context allows it.
import { escapeControlCharacters, type LintMessage } from '@podlint/core';
import { displayPath } from './paths.js';
import { oneLine } from './text.js';
import type { Formatter, FormatterContext, ReportedFile } from './types.js';

const CODES = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1, underline: 4 } as const;

const stylish: Formatter = (results, context) => {
  const paint = (code: keyof typeof CODES, text: string) => (context.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const result of results) {
    const name = escapeControlCharacters(displayPath(result.filePath, context.cwd));
    if (result.skipped) {
      lines.push(paint('underline', name), `  ${paint('dim', oneLine(result.skipped.message))}`, '');
      continue;
    }
    if (result.messages.length === 0) continue;
    lines.push(paint('underline', name));
    const rows = result.messages.map((message) => {
      if (message.severity === 'error') errors += 1;
      else if (message.severity === 'warning') warnings += 1;
      else infos += 1;
      if (message.fix) fixable += 1;
      return [`${message.range.start.line + 1}:${message.range.start.character + 1}`, message.severity, oneLine(message.message), message.ruleId] as const;
    });
    // A loop, not Math.max(...lengths): a file of hundreds of thousands of messages would overflow the stack.
    const widths = [0, 0];
    for (const row of rows) {
      widths[0] = Math.max(widths[0]!, row[0].length);
      widths[1] = Math.max(widths[1]!, row[1].length);
    }
    for (const [location, severity, message, ruleId] of rows) {
      const severityText = severity.padEnd(widths[1]!);
      lines.push(
        `  ${paint('dim', location.padEnd(widths[0]!))}  ${paint(severityColour(severity), severityText)}  ${message}  ${paint('dim', ruleId)}`,
      );
    }
    lines.push('');
  }
  lines.push(summary(results, { errors, warnings, infos, fixable }, paint), ...afterFixAndBaseline(results, context));
  return lines.map((line) => `${line}\n`);
};

export default stylish;

function severityColour(severity: LintMessage['severity']): keyof typeof CODES {
  return severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan';
}

function summary(
  results: readonly ReportedFile[],
  totals: { errors: number; warnings: number; infos: number; fixable: number },
  paint: (code: keyof typeof CODES, text: string) => string,
): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const problems = totals.errors + totals.warnings + totals.infos;
  const linted = results.filter((result) => !result.skipped);
  // Files that could not be read make the run incomplete (exit code 2): they are never summed up as fine.
  const notReadResults = results.filter((result) => result.skipped?.kind === 'unreadable');
  const notRead = notReadResults.length;
  const skipped = results.length - linted.length - notRead;
  // "2 files and 1 folder": the search also reports folders it could not read or did not enter.
  const filesAndFolders = (entries: readonly ReportedFile[]) => {
    const folders = entries.filter((result) => result.skipped !== undefined && 'folder' in result.skipped && result.skipped.folder).length;
    return [...(entries.length > folders ? [plural(entries.length - folders, 'file')] : []), ...(folders > 0 ? [plural(folders, 'folder')] : [])].join(' and ');
  };
  const notReadWords = filesAndFolders(notReadResults);
  const skippedWords = filesAndFolders(results.filter((result) => result.skipped && result.skipped.kind !== 'unreadable'));
  const total = (count: keyof ReportedFile['counts']) => linted.reduce((sum, result) => sum + result.counts[count], 0);
  const objects = total('resources');
  const emptyLists = total('emptyLists');
  const unlintedItems = total('unlintedListItems');
  const unlintedDocuments = total('unlintedDocuments');
  const other = total('otherDocuments');
  const broken = total('brokenDocuments');
  const accounting = [
    `${plural(linted.length, 'file')} linted`,
    `${plural(objects, 'object')}`,
    ...(emptyLists > 0 ? [plural(emptyLists, 'empty List')] : []),
    ...(unlintedItems > 0 ? [`${plural(unlintedItems, 'List item')} not linted`] : []),
    ...(unlintedDocuments > 0 ? [`${plural(unlintedDocuments, 'document')} without apiVersion or kind not linted`] : []),
    ...(other > 0 ? [`${plural(other, 'non-Kubernetes document')} passed over`] : []),
    ...(broken > 0 ? [`${plural(broken, 'unparsable document')}`] : []),
    ...(skipped > 0 ? [`${skippedWords} skipped`] : []),
    ...(notRead > 0 ? [`${notReadWords} not read`] : []),
  ].join(', ');
  if (problems === 0 && notRead === 0) return `${paint('green', '✔ no problems')} (${accounting})`;
  if (problems === 0) return `${paint('bold', paint('red', `✖ no problems found, but ${notReadWords} could not be read`))} (${accounting})`;
  const counts = [plural(totals.errors, 'error'), plural(totals.warnings, 'warning'), ...(totals.infos > 0 ? [`${totals.infos} info`] : [])].join(', ');
  const head = paint(totals.errors > 0 ? 'red' : 'yellow', `✖ ${plural(problems, 'problem')} (${counts})`);
  const fixHint = totals.fixable > 0 ? `\n  ${totals.fixable} of them can be fixed automatically.` : '';
  return `${paint('bold', head)} (${accounting})${fixHint}`;
}

/** What --fix (or --fix-dry-run) changed and what the baseline hid, so the counts above are not misread. */
function afterFixAndBaseline(results: readonly ReportedFile[], context: FormatterContext): string[] {
  const fixed = results.reduce((sum, result) => sum + (result.fixed ?? 0), 0);
  const files = results.filter((result) => (result.fixed ?? 0) > 0).length;
  const baselined = results.reduce((sum, result) => sum + (result.baselined ?? 0), 0);
  const lines: string[] = [];
  if (fixed > 0) {
    const where = `${fixed} ${fixed === 1 ? 'fix' : 'fixes'} in ${files} ${files === 1 ? 'file' : 'files'}`;
    lines.push(context.fixMode === 'dry-run' ? `  ${where} would be applied (--fix-dry-run wrote nothing).` : `  Applied ${where}.`);
  }
  if (baselined > 0) lines.push(`  ${baselined} known ${baselined === 1 ? 'problem' : 'problems'} not shown: the baseline records ${baselined === 1 ? 'it' : 'them'}.`);
  return lines;
}
