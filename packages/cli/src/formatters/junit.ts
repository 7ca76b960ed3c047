// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure): one testcase per file, one
// <failure> per problem; unreadable files are <error>s and other skipped files <skipped>.
import { portablePath } from './paths.js';
import type { Formatter } from './types.js';

const junit: Formatter = (results, context) => {
  const cases: string[] = [];
  let failing = 0;
  let errors = 0;
  let skipped = 0;
  for (const result of results) {
    const file = escapeXml(portablePath(result.filePath, context.cwd));
    const children: string[] = [];
    if (result.skipped?.kind === 'unreadable') {
      errors += 1;
      children.push(`<error message="${escapeXml(result.skipped.message)}"/>`);
    } else if (result.skipped) {
      skipped += 1;
      children.push(`<skipped message="${escapeXml(result.skipped.message)}"/>`);
    }
    for (const message of result.messages) {
      const { line, character } = message.range.start;
      const text = `${line + 1}:${character + 1} ${message.severity} ${message.message} [${message.ruleId}]`;
      children.push(`<failure type="${escapeXml(message.ruleId)}" message="${escapeXml(message.message)}">${escapeXml(text)}</failure>`);
    }
    if (result.messages.length > 0) failing += 1;
    const open = `    <testcase classname="podlint" name="${file}" file="${file}"`;
    cases.push(children.length === 0 ? `${open}/>` : `${open}>\n${children.map((child) => `      ${child}\n`).join('')}    </testcase>`);
  }
  const counts = `tests="${results.length}" failures="${failing}" errors="${errors}" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="podlint" ${counts}>`,
    `  <testsuite name="podlint" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].map((line) => `${line}\n`);
};

export default junit;

/** Text and attribute values: markup characters as entities, line breaks kept, characters XML forbids replaced. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
