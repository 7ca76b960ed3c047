// GitHub Actions workflow commands: each problem becomes an annotation on its file and lines (error, warning,
// or notice for info), shown on the pull request's diff; a last plain line keeps the log readable, since
// the runner hides the commands themselves. Escaping follows the runner's rules for data and properties.
import type { LintMessage } from '@podlint/core';
import { portablePath } from './paths.js';
import type { Formatter } from './types.js';

const COMMANDS: Record<LintMessage['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

const github: Formatter = (results, context) => {
  const lines: string[] = [];
  const totals = { error: 0, warning: 0, info: 0 };
  for (const result of results) {
    const file = portablePath(result.filePath, context.cwd);
    if (result.skipped) {
      const command = result.skipped.kind === 'unreadable' ? 'error' : 'notice';
      lines.push(`::${command} ${properties({ file, title: 'podlint' })}::${escapeData(result.skipped.message)}`);
    }
    for (const message of result.messages) {
      totals[message.severity] += 1;
      const { start, end } = message.range;
      const location = { file, line: start.line + 1, endLine: end.line + 1, col: start.character + 1, endColumn: end.character + 1 };
      lines.push(`::${COMMANDS[message.severity]} ${properties({ ...location, title: message.ruleId })}::${escapeData(message.message)}`);
    }
  }
  const linted = results.filter((result) => !result.skipped).length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  lines.push(`podlint: ${plural(totals.error, 'error')}, ${plural(totals.warning, 'warning')}, ${totals.info} info in ${plural(linted, 'file')}`);
  return lines.map((line) => `${line}\n`);
};

export default github;

function properties(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
}

/** The message after `::`: a newline would end the command, a `%` would start an escape. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: additionally `:` and `,`, which separate the command's parts. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
