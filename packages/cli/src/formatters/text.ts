// What the line-based formats (stylish, compact) print of a message: one line, with nothing in it that a
// terminal or a CI log would act on. Messages arrive with the manifest's values escaped already (core's
// formatMessage); a message made elsewhere (a crash's reason) may still hold line breaks.
import { escapeControlCharacters } from '@podlint/core';

/** A message on one line: each line break, with the spaces around it, is one space; other controls are escaped. */
export function oneLine(text: string): string {
  if (!text.includes('\n') && !text.includes('\r')) return escapeControlCharacters(text);
  // split(), not replace(/\s*[\r\n]+\s*/g): that expression reads a long run of spaces again from each of them.
  const parts = text.split(/[\r\n]+/);
  const joined = parts.map((part, index) => (index === 0 ? part.trimEnd() : index === parts.length - 1 ? part.trimStart() : part.trim())).join(' ');
  return escapeControlCharacters(joined);
}

