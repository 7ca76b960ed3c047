// A small POSIX-shell (and common bash) reader for the scripts containers run with `sh -c`: enough of the
// grammar to see which programs a script starts, in what order, and which it sends to the background.
// Compound commands (subshells, groups, if, while/until, for, case, functions, [[ ]], (( ))) become nodes
// over the tokens of shell-tokens.ts. A script it cannot read yields undefined, and the rule stays silent.
import { ShellSyntaxError, tokenize, type Token, type Word } from './shell-tokens.js';

export type { Word } from './shell-tokens.js';
export { tokenize } from './shell-tokens.js';

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

/**
 * Parses a script; undefined when it is not shell syntax this reader understands, or nests thousands of levels
 * deep (`$($($(...)))`, `{ { { ...`): the reader is recursive, as the script is.
 */
export function parseShell(text: string): Statement[] | undefined {
  try {
    return new Parser(tokenize(text)).parseScript();
  } catch (error) {
    if (error instanceof ShellSyntaxError) return undefined;
    if (error instanceof RangeError && /call stack/i.test(error.message)) return undefined;
    throw error;
  }
}
