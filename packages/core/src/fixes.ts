// Applies text edits the way ESLint does: in order, skipping any edit that overlaps one already applied.
import type { Fix, TextEdit } from './types.js';

export interface FixOutcome {
  output: string;
  applied: number;
  skipped: number;
}

export function applyFixes(text: string, fixes: readonly Fix[]): FixOutcome {
  const sorted = [...fixes]
    .map((fix) => ({ fix, start: Math.min(...fix.edits.map((edit) => edit.range[0])), end: Math.max(...fix.edits.map((edit) => edit.range[1])) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const accepted: TextEdit[] = [];
  let lastEnd = -1;
  let skipped = 0;
  for (const { fix, start, end } of sorted) {
    if (start < lastEnd || (start === lastEnd && start === end && accepted.length > 0 && accepted[accepted.length - 1]!.range[0] === start)) {
      skipped += 1;
      continue;
    }
    accepted.push(...fix.edits);
    lastEnd = end;
  }
  accepted.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  for (const edit of accepted) {
    output += text.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  output += text.slice(cursor);
  return { output, applied: sorted.length - skipped, skipped };
}
