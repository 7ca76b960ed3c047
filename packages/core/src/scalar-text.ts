// The text of scalars as YAML reads it, for fast-yaml.ts: escapes of double-quoted scalars, and line folding (a line
// break is a space, blank lines are line breaks, spaces around them go) of quoted, plain and folded block scalars, as
// yaml does it.
import { BACKSLASH, NEWLINE, SPACE } from './char-codes.js';

/** What each escape of a double-quoted scalar stands for (besides `\x`, `\u`, `\U` and an escaped line break). */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The value of a double-quoted scalar's content, as YAML reads it: escapes replaced, a line break folded to a
 * space (n blank lines to n line breaks), spaces around line breaks dropped, an escaped line break joining lines;
 * undefined for an escape YAML does not have (yaml reports it).
 */
export function doubleQuotedValue(inner: string): string | undefined {
  // The value is built from parts joined once: appending a character at a time makes a chain of thousands of
  // strings for a long description, which the document then keeps. Only line breaks and backslashes change the
  // text, so the search goes from one to the next (stopping at each space too made long descriptions slow).
  const parts: string[] = [];
  let from = 0;
  for (let i = nextBreakOrEscape(inner, 0); i < inner.length; i = nextBreakOrEscape(inner, from)) {
    if (inner[i] === '\n') {
      // Spaces before a line break are not part of the value.
      let end = i;
      while (end > from && inner.charCodeAt(end - 1) === SPACE) end--;
      parts.push(inner.slice(from, end));
      let breaks = '';
      for (let next = inner[i + 1]; next === ' ' || next === '\n'; next = inner[++i + 1]) if (next === '\n') breaks += '\n';
      parts.push(breaks || ' ');
    } else {
      parts.push(inner.slice(from, i));
      const next = inner[++i]!;
      const digits = HEX_DIGITS[next];
      if (next === '\n') {
        while (inner[i + 1] === ' ') i++;
      } else if (ESCAPES[next] !== undefined) {
        parts.push(ESCAPES[next]);
      } else if (digits !== undefined) {
        const hex = inner.slice(i + 1, i + 1 + digits);
        const code = hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!(code <= 0x10ffff)) return undefined;
        parts.push(String.fromCodePoint(code));
        i += digits;
      } else return undefined;
    }
    from = i + 1;
  }
  parts.push(inner.slice(from));
  return parts.join('');
}

/** The offset of the next line break or backslash from `from`, or the text's length. */
function nextBreakOrEscape(text: string, from: number): number {
  const length = text.length;
  for (let i = from; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || c === BACKSLASH) return i;
  }
  return length;
}

/** A single-quoted scalar's content over lines, folded as YAML folds it (before `''` becomes `'`). */
export function unfoldLines(inner: string): string {
  const lines = inner.split('\n');
  const parts = [trimSpaces(lines[0]!, false, true)];
  let sep = ' ';
  for (let i = 1; i < lines.length - 1; i++) {
    const line = trimSpaces(lines[i]!, true, true);
    if (line === '') {
      if (sep === '\n') parts.push(sep);
      else sep = '\n';
    } else {
      parts.push(sep, line);
      sep = ' ';
    }
  }
  parts.push(sep, trimSpaces(lines[lines.length - 1]!, true, false));
  return parts.join('');
}

/** `text` without its leading and/or trailing spaces (only U+0020: YAML's white space, tabs aside). */
function trimSpaces(text: string, leading: boolean, trailing: boolean): string {
  let start = 0;
  let end = text.length;
  if (leading) while (start < end && text.charCodeAt(start) === SPACE) start++;
  if (trailing) while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
  return text.slice(start, end);
}

/**
 * The value of a folded block scalar's lines (without their indentation; '' for a blank line), with a final line
 * break or not: a line break between two lines is a space, n blank lines are n line breaks, but lines indented deeper
 * (which keep their extra spaces) keep the line breaks around them, and one more before them after a line that is not.
 */
export function foldedLines(lines: readonly string[], finalBreak: boolean): string {
  // Joined once from parts, so that the value is one string rather than a chain of them.
  const parts: string[] = [];
  let sep = '';
  let afterMoreIndented = false;
  for (const line of lines) {
    if (line === '') {
      if (sep === '\n') parts.push('\n');
      else sep = '\n';
    } else if (line.charCodeAt(0) === SPACE) {
      if (sep === ' ') sep = '\n';
      else if (sep === '\n' && !afterMoreIndented) sep = '\n\n';
      parts.push(sep, line);
      sep = '\n';
      afterMoreIndented = true;
    } else {
      parts.push(sep, line);
      sep = ' ';
      afterMoreIndented = false;
    }
  }
  // A block scalar without lines (at the end of the text) is empty, without a line break.
  if (finalBreak && lines.length > 0) parts.push('\n');
  return parts.join('');
}
