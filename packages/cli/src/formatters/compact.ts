// One line per problem, `file:line:col: severity message [rule-id]`, which editors' error parsers
// (Vim's errorformat, Emacs' compilation mode) and grep read; skipped files get a `file: reason` line.
import { escapeControlCharacters } from '@podlint/core';
import { displayPath } from './paths.js';
import { oneLine } from './text.js';
import type { Formatter } from './types.js';

const compact: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const name = escapeControlCharacters(displayPath(result.filePath, context.cwd));
    if (result.skipped) lines.push(`${name}: ${oneLine(result.skipped.message)}`);
    for (const message of result.messages) {
      const { line, character } = message.range.start;
      // A line break inside a message would split the problem over two records.
      lines.push(`${name}:${line + 1}:${character + 1}: ${message.severity} ${oneLine(message.message)} [${message.ruleId}]`);
    }
  }
  return lines.map((line) => `${line}\n`);
};

export default compact;
