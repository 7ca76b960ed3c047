// Applies text edits the way ESLint does: in order, skipping any fix that overlaps one already taken.
import type { Fix, TextEdit } from './types.js';

export interface FixOutcome {
  output: string;
  applied: number;
  skipped: number;
}

export interface FixSelection {
  /** The edits of the fixes taken, sorted by offset; no two overlap. */
  edits: TextEdit[];
  applied: number;
  skipped: number;
}

/** Picks the fixes that can be applied together (an editor's "fix all" applies exactly these edits). */
export function selectFixes(fixes: readonly Fix[]): FixSelection {
  const sorted = [...fixes]
    .map((fix) => ({
      fix,
      // reduce, not Math.min(...): a spread of a very long list of edits would overflow the stack.
      start: fix.edits.reduce((first, edit) => Math.min(first, edit.range[0]), Number.POSITIVE_INFINITY),
      end: fix.edits.reduce((last, edit) => Math.max(last, edit.range[1]), Number.NEGATIVE_INFINITY),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const accepted: TextEdit[] = [];
  let lastEnd = -1;
  let skipped = 0;
  for (const { fix, start, end } of sorted) {
    if (start < lastEnd || (start === lastEnd && start === end && accepted.length > 0 && accepted[accepted.length - 1]!.range[0] === start)) {
      skipped += 1;
      continue;
    }
    for (const edit of fix.edits) accepted.push(edit);
    lastEnd = end;
  }
  accepted.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return { edits: accepted, applied: sorted.length - skipped, skipped };
}

export function applyFixes(text: string, fixes: readonly Fix[]): FixOutcome {
  const { edits, applied, skipped } = selectFixes(fixes);
  let output = '';
  let cursor = 0;
  for (const edit of edits) {
    output += text.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  output += text.slice(cursor);
  return { output, applied, skipped };
}
