// The tokenizer of the shell reader (shell.ts): splits a `sh -c` script into words, operators, redirections
// and newlines. Quotes, escapes and expansions ($(...), ${...}, backquotes, $((...))) are read whole so that
// their contents never look like operators; comments and heredoc bodies are skipped.

export interface Word {
  /** The word with quotes removed and escapes applied; expansions are kept as written (`$HOME`). */
  value: string;
  /** The source text. */
  raw: string;
  start: number;
  end: number;
  /** Some part was quoted. */
  quoted: boolean;
  /** Contains a parameter, command or arithmetic expansion. */
  expansion: boolean;
}

export type Token =
  | { kind: 'word'; word: Word; arithmetic?: boolean }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'redirect'; op: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number };

/** A script the reader does not understand; the parser turns it into `undefined`. */
export class ShellSyntaxError extends Error {}

const OPERATORS = ['&&', '||', ';;&', ';;', ';&', '|&', '&>>', '&>', '>>', '>&', '>|', '<<<', '<<-', '<<', '<&', '<>', '<', '>', '&', '|', ';', '(', ')'];
const REDIRECTS = new Set(['&>>', '&>', '>>', '>&', '>|', '<<<', '<<-', '<<', '<&', '<>', '<', '>']);
const METACHARACTERS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Splits a script into tokens; heredoc bodies and comments are skipped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let closers: Map<number, number> | undefined;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === ' ' || char === '\t' || char === '\r') {
      index += 1;
    } else if (char === '\\' && text[index + 1] === '\n') {
      index += 2;
    } else if (char === '#') {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (char === '\n') {
      tokens.push({ kind: 'newline', start: index, end: index + 1 });
      index += 1;
      for (const heredoc of pendingHeredocs.splice(0)) index = skipHeredoc(text, index, heredoc.delimiter, heredoc.stripTabs);
    } else if (char === '(' && text[index + 1] === '(' && arithmeticEnd(text, index, (closers ??= matchingParentheses(text))) !== undefined) {
      const end = arithmeticEnd(text, index, closers)!;
      const raw = text.slice(index, end);
      tokens.push({ kind: 'word', word: { value: raw, raw, start: index, end, quoted: false, expansion: true }, arithmetic: true });
      index = end;
    } else {
      const op = METACHARACTERS.has(char) ? OPERATORS.find((candidate) => text.startsWith(candidate, index)) : undefined;
      if (op && (op === '<' || op === '>') && text[index + 1] === '(') {
        const word = readWord(text, index);
        tokens.push({ kind: 'word', word });
        index = word.end;
      } else if (op) {
        const start = index;
        index += op.length;
        if (REDIRECTS.has(op)) {
          tokens.push({ kind: 'redirect', op, start, end: index });
          if (op === '<<' || op === '<<-') {
            while (text[index] === ' ' || text[index] === '\t') index += 1;
            const delimiter = readWord(text, index);
            if (delimiter.raw === '') throw new ShellSyntaxError('heredoc without a delimiter');
            pendingHeredocs.push({ delimiter: delimiter.value, stripTabs: op === '<<-' });
            tokens.push({ kind: 'word', word: delimiter });
            index = delimiter.end;
          }
        } else {
          tokens.push({ kind: 'op', op, start, end: index });
        }
      } else {
        const word = readWord(text, index);
        // `2>&1`: a file descriptor number glued to a redirection belongs to it.
        if (/^\d+$/.test(word.raw) && (text[word.end] === '<' || text[word.end] === '>')) {
          index = word.end;
          continue;
        }
        tokens.push({ kind: 'word', word });
        index = word.end;
      }
    }
  }
  return tokens;
}

function skipHeredoc(text: string, start: number, delimiter: string, stripTabs: boolean): number {
  let index = start;
  while (index < text.length) {
    let lineEnd = text.indexOf('\n', index);
    if (lineEnd === -1) lineEnd = text.length;
    let line = text.slice(index, lineEnd).replace(/\r$/, '');
    if (stripTabs) line = line.replace(/^\t+/, '');
    index = Math.min(text.length, lineEnd + 1);
    if (line === delimiter) return index;
  }
  return index;
}

/**
 * The end of `(( ... ))` starting at `start`, when the two closing parentheses are adjacent: the `)` that closes
 * the second `(` must be followed by another. `closers` holds, for each `(`, the `)` that closes it.
 */
function arithmeticEnd(text: string, start: number, closers: ReadonlyMap<number, number>): number | undefined {
  const close = closers.get(start + 1);
  return close !== undefined && text[close + 1] === ')' ? close + 2 : undefined;
}

/**
 * For each `(` of the script, the position of the `)` that closes it, counting every parenthesis (quoted or not).
 * Worked out once per script: searched from each `((`, a script of thousands of `(` took time by its square.
 */
function matchingParentheses(text: string): Map<number, number> {
  const closers = new Map<number, number>();
  const open: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(') open.push(index);
    else if (char === ')' && open.length > 0) closers.set(open.pop()!, index);
  }
  return closers;
}

/** Reads one word from `start`: quotes, escapes and expansions included, up to an unquoted metacharacter. */
function readWord(text: string, start: number): Word {
  let index = start;
  let value = '';
  let quoted = false;
  let expansion = false;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\') {
      if (text[index + 1] === '\n') index += 2;
      else {
        value += text[index + 1] ?? '';
        quoted = true;
        index += 2;
      }
    } else if (char === "'") {
      const close = text.indexOf("'", index + 1);
      if (close === -1) throw new ShellSyntaxError('unterminated single quote');
      value += text.slice(index + 1, close);
      quoted = true;
      index = close + 1;
    } else if (char === '"') {
      const result = readDoubleQuoted(text, index + 1);
      value += result.value;
      expansion ||= result.expansion;
      quoted = true;
      index = result.end;
    } else if (char === '$' && text[index + 1] === "'") {
      const end = skipAnsiQuoted(text, index + 2);
      value += decodeAnsi(text.slice(index + 2, end - 1));
      quoted = true;
      index = end;
    } else if (char === '$' || char === '`') {
      const end = skipExpansion(text, index);
      value += text.slice(index, end);
      expansion = true;
      index = end;
    } else if ((char === '<' || char === '>') && index === start && text[index + 1] === '(') {
      const end = skipBalanced(text, index + 1, '(', ')');
      value += text.slice(index, end);
      expansion = true;
      index = end;
    } else if (char === '(' && (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(value) || /[@!+*?]$/.test(value))) {
      // An array assignment `a=(x y)` or an extended glob `@(a|b)`.
      const end = skipBalanced(text, index, '(', ')');
      value += text.slice(index, end);
      index = end;
    } else if (METACHARACTERS.has(char) || char === '\r') {
      break;
    } else {
      value += char;
      index += 1;
    }
  }
  return { value, raw: text.slice(start, index), start, end: index, quoted, expansion };
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number; expansion: boolean } {
  let index = start;
  let value = '';
  let expansion = false;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') return { value, end: index + 1, expansion };
    if (char === '\\') {
      const next = text[index + 1] ?? '';
      if (next === '\n') {
        // A line continuation inside double quotes disappears.
      } else if ('$`"\\'.includes(next)) value += next;
      else value += `\\${next}`;
      index += 2;
    } else if (char === '$' || char === '`') {
      const end = skipExpansion(text, index);
      value += text.slice(index, end);
      expansion = end > index + 1 || char === '`';
      index = end;
    } else {
      value += char;
      index += 1;
    }
  }
  throw new ShellSyntaxError('unterminated double quote');
}

function skipAnsiQuoted(text: string, start: number): number {
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === "'") return index + 1;
  }
  throw new ShellSyntaxError('unterminated $\'...\' quote');
}

function decodeAnsi(body: string): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', e: '\u001b', a: '\u0007' };
  return body.replace(/\\(.)/g, (_match, char: string) => escapes[char] ?? `\\${char}`);
}

/** The end of an expansion starting with `$` or a backquote at `start`. */
function skipExpansion(text: string, start: number): number {
  if (text[start] === '`') {
    for (let index = start + 1; index < text.length; index += 1) {
      if (text[index] === '\\') index += 1;
      else if (text[index] === '`') return index + 1;
    }
    throw new ShellSyntaxError('unterminated backquote');
  }
  const next = text[start + 1];
  if (next === '(') return skipBalanced(text, start + 1, '(', ')');
  if (next === '{') return skipBalanced(text, start + 1, '{', '}');
  const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(text.slice(start + 1));
  return start + 1 + (name ? name[0].length : 0);
}

/** The end of a bracketed region starting at `start` (which holds `open`), skipping quotes inside it. */
function skipBalanced(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\\') index += 1;
    else if (char === "'") {
      const end = text.indexOf("'", index + 1);
      if (end === -1) throw new ShellSyntaxError('unterminated single quote');
      index = end;
    } else if (char === '"') index = readDoubleQuoted(text, index + 1).end - 1;
    else if (char === '`') index = skipExpansion(text, index) - 1;
    else if (char === '$' && (text[index + 1] === '(' || text[index + 1] === '{')) {
      index = skipBalanced(text, index + 1, text[index + 1]!, text[index + 1] === '(' ? ')' : '}') - 1;
    } else if (char === open) depth += 1;
    else if (char === close) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  throw new ShellSyntaxError(`unbalanced ${open}`);
}
