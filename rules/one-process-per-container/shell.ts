// A small POSIX-shell (and common bash) reader for the scripts containers run with `sh -c`: enough of the
// grammar to see which programs a script starts, in what order, and which it sends to the background.
// Quotes, escapes, expansions ($(...), ${...}, backquotes, $((...))), heredocs and comments are read so that
// their contents never look like operators; compound commands (subshells, groups, if, while/until, for, case,
// functions, [[ ]], (( ))) become nodes. A script it cannot read yields undefined, and the rule stays silent.

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

export interface SimpleCommand {
  type: 'simple';
  assignments: Word[];
  words: Word[];
  start: number;
  end: number;
}

export interface Subshell { type: 'subshell'; body: Statement[] }
export interface Group { type: 'group'; body: Statement[] }
export interface IfCommand { type: 'if'; branches: { condition: Statement[]; body: Statement[] }[]; otherwise: Statement[] | undefined }
export interface LoopCommand { type: 'while' | 'until'; condition: Statement[]; body: Statement[] }
export interface ForCommand { type: 'for'; infinite: boolean; body: Statement[] }
export interface CaseCommand { type: 'case'; arms: Statement[][] }
export interface FunctionDefinition { type: 'function'; name: string; body: Command }
/** `(( ... ))` and `[[ ... ]]`: tests and arithmetic, which start no program. */
export interface TestCommand { type: 'test' }

export type Command = SimpleCommand | Subshell | Group | IfCommand | LoopCommand | ForCommand | CaseCommand | FunctionDefinition | TestCommand;

export interface Pipeline { negated: boolean; commands: Command[] }

/** One and-or list (`a && b || c`) and how it ends: `&` sends it to the background. */
export interface Statement {
  pipelines: Pipeline[];
  operators: ('&&' | '||')[];
  background: boolean;
  start: number;
  end: number;
}

export type Token =
  | { kind: 'word'; word: Word; arithmetic?: boolean }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'redirect'; op: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number };

class ShellSyntaxError extends Error {}

const OPERATORS = ['&&', '||', ';;&', ';;', ';&', '|&', '&>>', '&>', '>>', '>&', '>|', '<<<', '<<-', '<<', '<&', '<>', '<', '>', '&', '|', ';', '(', ')'];
const REDIRECTS = new Set(['&>>', '&>', '>>', '>&', '>|', '<<<', '<<-', '<<', '<&', '<>', '<', '>']);
const METACHARACTERS = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Splits a script into tokens; heredoc bodies and comments are skipped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
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
    } else if (char === '(' && text[index + 1] === '(' && arithmeticEnd(text, index) !== undefined) {
      const end = arithmeticEnd(text, index)!;
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

/** The end of `(( ... ))` starting at `start`, when the two closing parentheses are adjacent. */
function arithmeticEnd(text: string, start: number): number | undefined {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 1) return text[index + 1] === ')' ? index + 2 : undefined;
    } else if (char === '\n' || char === ';' || char === '&' || char === '|') {
      if (depth < 2) return undefined;
    }
  }
  return undefined;
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

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'function', '{', '}', '!', '[[', ']]', 'in']);

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parseScript(): Statement[] {
    const list = this.parseList(new Set());
    if (this.position < this.tokens.length) throw new ShellSyntaxError(`unexpected ${describe(this.tokens[this.position]!)}`);
    return list;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isReserved(token: Token | undefined, words: ReadonlySet<string>): boolean {
    return token?.kind === 'word' && !token.word.quoted && !token.word.expansion && words.has(token.word.raw);
  }

  private isOp(token: Token | undefined, ...ops: string[]): boolean {
    return token?.kind === 'op' && ops.includes(token.op);
  }

  private expectWord(word: string): void {
    const token = this.peek();
    if (!this.isReserved(token, new Set([word]))) throw new ShellSyntaxError(`expected "${word}"`);
    this.position += 1;
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.position += 1;
  }

  /** Statements up to one of the reserved words or operators in `terminators` (not consumed) or the end. */
  private parseList(terminators: ReadonlySet<string>): Statement[] {
    const list: Statement[] = [];
    for (;;) {
      while (this.peek()?.kind === 'newline' || this.isOp(this.peek(), ';')) this.position += 1;
      const token = this.peek();
      if (!token || this.isReserved(token, terminators) || (token.kind === 'op' && terminators.has(token.op))) return list;
      const statement = this.parseAndOr();
      const separator = this.peek();
      if (this.isOp(separator, '&')) {
        statement.background = true;
        statement.end = (separator as { end: number }).end;
        this.position += 1;
      } else if (this.isOp(separator, ';') || separator?.kind === 'newline') {
        this.position += 1;
      } else if (separator && !this.isReserved(separator, terminators) && !(separator.kind === 'op' && terminators.has(separator.op))) {
        throw new ShellSyntaxError(`unexpected ${describe(separator)}`);
      }
      list.push(statement);
    }
  }

  private parseAndOr(): Statement {
    const start = tokenStart(this.peek());
    const pipelines = [this.parsePipeline()];
    const operators: ('&&' | '||')[] = [];
    while (this.isOp(this.peek(), '&&', '||')) {
      operators.push((this.peek() as { op: '&&' | '||' }).op);
      this.position += 1;
      this.skipNewlines();
      pipelines.push(this.parsePipeline());
    }
    return { pipelines, operators, background: false, start, end: tokenEnd(this.tokens[this.position - 1]) };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    if (this.isReserved(this.peek(), new Set(['!']))) {
      negated = true;
      this.position += 1;
    }
    const timed = this.peek();
    if (timed?.kind === 'word' && !timed.word.quoted && timed.word.raw === 'time') this.position += 1;
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|', '|&')) {
      this.position += 1;
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    const token = this.peek();
    if (!token) throw new ShellSyntaxError('unexpected end of script');
    let command: Command;
    if (this.isOp(token, '(')) {
      this.position += 1;
      const body = this.parseList(new Set([')']));
      if (!this.isOp(this.peek(), ')')) throw new ShellSyntaxError('unclosed (');
      this.position += 1;
      command = { type: 'subshell', body };
    } else if (token.kind === 'word' && token.arithmetic) {
      this.position += 1;
      command = { type: 'test' };
    } else if (token.kind === 'word' && !token.word.quoted && !token.word.expansion && RESERVED.has(token.word.raw)) {
      command = this.parseCompound(token.word.raw);
    } else if (token.kind === 'word' && this.isOp(this.tokens[this.position + 1], '(') && this.isOp(this.tokens[this.position + 2], ')')) {
      this.position += 3;
      this.skipNewlines();
      command = { type: 'function', name: token.word.value, body: this.parseCommand() };
    } else {
      return this.parseSimple();
    }
    this.skipRedirections();
    return command;
  }

  private parseCompound(keyword: string): Command {
    this.position += 1;
    switch (keyword) {
      case '{': {
        const body = this.parseList(new Set(['}']));
        this.expectWord('}');
        return { type: 'group', body };
      }
      case 'if': {
        const branches: IfCommand['branches'] = [];
        let otherwise: Statement[] | undefined;
        for (;;) {
          const condition = this.parseList(new Set(['then']));
          this.expectWord('then');
          branches.push({ condition, body: this.parseList(new Set(['elif', 'else', 'fi'])) });
          const next = this.peek();
          this.position += 1;
          if (this.isReserved(next, new Set(['elif']))) continue;
          if (this.isReserved(next, new Set(['else']))) {
            otherwise = this.parseList(new Set(['fi']));
            this.expectWord('fi');
          } else if (!this.isReserved(next, new Set(['fi']))) throw new ShellSyntaxError('unclosed if');
          return { type: 'if', branches, otherwise };
        }
      }
      case 'while':
      case 'until': {
        const condition = this.parseList(new Set(['do']));
        this.expectWord('do');
        const body = this.parseList(new Set(['done']));
        this.expectWord('done');
        return { type: keyword, condition, body };
      }
      case 'for':
      case 'select': {
        const header = this.peek();
        let infinite = false;
        if (header?.kind === 'word' && header.arithmetic) infinite = /^\(\(\s*;\s*;\s*\)\)$/.test(header.word.raw);
        else if (header?.kind !== 'word') throw new ShellSyntaxError('for without a variable');
        this.position += 1;
        while (this.peek()?.kind === 'word' || this.peek()?.kind === 'newline' || this.isOp(this.peek(), ';')) {
          if (this.isReserved(this.peek(), new Set(['do']))) break;
          this.position += 1;
        }
        this.expectWord('do');
        const body = this.parseList(new Set(['done']));
        this.expectWord('done');
        return { type: 'for', infinite: infinite || keyword === 'select', body };
      }
      case 'case': {
        if (this.peek()?.kind !== 'word') throw new ShellSyntaxError('case without a word');
        this.position += 1;
        this.skipNewlines();
        this.expectWord('in');
        const arms: Statement[][] = [];
        for (;;) {
          this.skipNewlines();
          if (this.isReserved(this.peek(), new Set(['esac']))) break;
          if (this.isOp(this.peek(), '(')) this.position += 1;
          while (this.peek() && !this.isOp(this.peek(), ')')) {
            if (this.peek()!.kind === 'newline') throw new ShellSyntaxError('case pattern without )');
            this.position += 1;
          }
          if (!this.peek()) throw new ShellSyntaxError('unclosed case');
          this.position += 1;
          arms.push(this.parseList(new Set([';;', ';&', ';;&', 'esac'])));
          if (this.isOp(this.peek(), ';;', ';&', ';;&')) this.position += 1;
        }
        this.expectWord('esac');
        return { type: 'case', arms };
      }
      case 'function': {
        const name = this.peek();
        if (name?.kind !== 'word') throw new ShellSyntaxError('function without a name');
        this.position += 1;
        if (this.isOp(this.peek(), '(') && this.isOp(this.tokens[this.position + 1], ')')) this.position += 2;
        this.skipNewlines();
        return { type: 'function', name: name.word.value, body: this.parseCommand() };
      }
      case '[[': {
        while (this.peek() && !this.isReserved(this.peek(), new Set([']]']))) this.position += 1;
        this.expectWord(']]');
        return { type: 'test' };
      }
      default:
        throw new ShellSyntaxError(`unexpected "${keyword}"`);
    }
  }

  private skipRedirections(): void {
    while (this.peek()?.kind === 'redirect') {
      this.position += 1;
      if (this.peek()?.kind !== 'word') throw new ShellSyntaxError('redirection without a target');
      this.position += 1;
    }
  }

  private parseSimple(): SimpleCommand {
    const assignments: Word[] = [];
    const words: Word[] = [];
    const first = this.position;
    const start = tokenStart(this.peek());
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'redirect') {
        this.skipRedirections();
      } else if (token?.kind === 'word') {
        this.position += 1;
        if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(token.word.raw)) assignments.push(token.word);
        else words.push(token.word);
      } else break;
    }
    if (this.position === first) {
      const token = this.peek();
      throw new ShellSyntaxError(token ? `unexpected ${describe(token)}` : 'unexpected end of script');
    }
    return { type: 'simple', assignments, words, start, end: tokenEnd(this.tokens[this.position - 1]) };
  }
}

function tokenStart(token: Token | undefined): number {
  if (!token) return -1;
  return token.kind === 'word' ? token.word.start : token.start;
}

function tokenEnd(token: Token | undefined): number {
  if (!token) return -1;
  return token.kind === 'word' ? token.word.end : token.end;
}

function describe(token: Token): string {
  if (token.kind === 'word') return `"${token.word.raw}"`;
  if (token.kind === 'newline') return 'end of line';
  return `"${token.op}"`;
}

/** Parses a script; undefined when it is not shell syntax this reader understands. */
export function parseShell(text: string): Statement[] | undefined {
  try {
    return new Parser(tokenize(text)).parseScript();
  } catch (error) {
    if (error instanceof ShellSyntaxError) return undefined;
    throw error;
  }
}
