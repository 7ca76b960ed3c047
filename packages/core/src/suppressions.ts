// Inline suppressions, applied by the engine so that no rule deals with them:
//   # podlint-disable-next-line <id>[, <id>] -- reason      # podlint-disable-line <id>
//   # podlint-disable <id> ... # podlint-enable <id>          # podlint-disable-file [<id>]
// and the annotation `podlint.io/ignore: "<id>,<id>"` on an object or its pod template.
// Lines are counted as every position is (lineStartsOf: `\n`, `\r\n` or a lone `\r` ends one), so a directive
// covers the line a diagnostic reports. Blocks and annotated objects are kept per rule as sorted, merged spans and
// looked up by binary search: a file of thousands of blocks and diagnostics once compared every pair.
// A directive is a comment: `# podlint-disable...` inside a scalar (a line of a block scalar, a quoted string) is
// data, and neither counts nor hides anything; yaml's lexer says which `#` start comments.
import { Lexer } from 'yaml';
import { lineAt, lineStartsOf } from './source.js';
import type { OffsetRange } from './types.js';

export const IGNORE_ANNOTATION = 'podlint.io/ignore';

/** Global, to go on past a match in a scalar: `lastIndex` is set before each use. */
const DIRECTIVE = /(?<=^|\s)#\s*podlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)([^\r\n]*)/g;

/** Rule ids named by a directive or annotation; undefined means every rule. */
export type RuleSet = ReadonlySet<string> | undefined;

/** Stands for every rule in SpanIndex: no rule id holds a space. */
const EVERY_RULE = ' *';

/** Half-open spans [from, to) per rule id; merged and sorted on the first lookup after a change. */
class SpanIndex {
  private readonly spans = new Map<string, number[]>();
  private sorted = true;

  add(rules: RuleSet, from: number, to: number): void {
    for (const id of rules ?? [EVERY_RULE]) {
      let list = this.spans.get(id);
      if (!list) {
        list = [];
        this.spans.set(id, list);
      }
      list.push(from, to);
    }
    this.sorted = false;
  }

  covers(ruleId: string, point: number): boolean {
    if (this.spans.size === 0) return false;
    if (!this.sorted) this.mergeAll();
    return inSpans(this.spans.get(EVERY_RULE), point) || inSpans(this.spans.get(ruleId), point);
  }

  private mergeAll(): void {
    for (const [id, list] of this.spans) this.spans.set(id, merged(list));
    this.sorted = true;
  }
}

/** Flat [from, to, from, to, ...] spans sorted and merged where they overlap or touch. */
function merged(flat: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let index = 0; index < flat.length; index += 2) if (flat[index]! < flat[index + 1]!) pairs.push([flat[index]!, flat[index + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const result: number[] = [];
  for (const [from, to] of pairs) {
    const last = result.length - 1;
    if (result.length > 0 && from <= result[last]!) result[last] = Math.max(result[last]!, to);
    else result.push(from, to);
  }
  return result;
}

/** Whether `point` lies in one of the sorted, disjoint spans. */
function inSpans(spans: readonly number[] | undefined, point: number): boolean {
  if (!spans || spans.length === 0) return false;
  // The last span starting at or before `point`.
  let low = 0;
  let high = spans.length / 2 - 1;
  if (spans[0]! > point) return false;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (spans[middle * 2]! <= point) low = middle;
    else high = middle - 1;
  }
  return point < spans[low * 2 + 1]!;
}

export class Suppressions {
  private readonly lineRules = new Map<number, RuleSet[]>();
  /** disable ... enable blocks, by line. */
  private readonly blocks = new SpanIndex();
  private readonly fileRules: RuleSet[] = [];
  /** Annotated objects, by offset. */
  private readonly objects = new SpanIndex();

  /** Reads the directives of a file's comments; `lineStartsOfText` gives its lines (lineStartsOf) when the caller keeps them. */
  static fromText(text: string, lineStartsOfText: () => readonly number[] = () => lineStartsOf(text)): Suppressions {
    const suppressions = new Suppressions();
    if (!text.includes('podlint-')) return suppressions;
    const lineStarts = lineStartsOfText();
    const open = new Map<string, number>();
    const lineCount = lineStarts.length;
    let comments: readonly number[] | undefined;
    for (let index = 0; index < lineCount; index += 1) {
      const start = lineStarts[index]!;
      // Most lines hold no directive: a line is cut out of the text only when it mentions one.
      const mention = text.indexOf('podlint-', start);
      const end = index + 1 < lineCount ? lineStarts[index + 1]! : text.length;
      if (mention === -1) break;
      if (mention >= end) {
        index = lineAt(lineStarts, mention) - 1;
        continue;
      }
      const line = text.slice(start, end);
      DIRECTIVE.lastIndex = 0;
      let match = DIRECTIVE.exec(line);
      while (match && !inSpans((comments ??= commentSpans(text)), start + match.index)) {
        DIRECTIVE.lastIndex = match.index + 1;
        match = DIRECTIVE.exec(line);
      }
      if (!match) continue;
      const kind = match[1]!;
      const rules = parseRuleList(match[2]!);
      switch (kind) {
        case 'disable-next-line':
          suppressions.addLine(index + 1, rules);
          break;
        case 'disable-line':
          suppressions.addLine(index, rules);
          break;
        case 'disable-file':
          suppressions.fileRules.push(rules);
          break;
        case 'disable':
          for (const id of rules ?? ['*']) if (!open.has(id)) open.set(id, index);
          break;
        case 'enable':
          for (const id of rules ?? [...open.keys()]) {
            const from = open.get(id);
            if (from === undefined) continue;
            suppressions.blocks.add(id === '*' ? undefined : new Set([id]), from, index + 1);
            open.delete(id);
          }
          break;
      }
    }
    for (const [id, from] of open) suppressions.blocks.add(id === '*' ? undefined : new Set([id]), from, lineCount + 1);
    return suppressions;
  }

  /** Suppresses rules for everything inside an object's source range (the podlint.io/ignore annotation). */
  addObject(offsets: OffsetRange, annotation: string): void {
    this.objects.add(parseRuleList(annotation), offsets[0], offsets[1]);
  }

  isSuppressed(ruleId: string, line: number, offset: number): boolean {
    if (this.fileRules.some((rules) => covers(rules, ruleId))) return true;
    if (this.lineRules.get(line)?.some((rules) => covers(rules, ruleId))) return true;
    return this.blocks.covers(ruleId, line) || this.objects.covers(ruleId, offset);
  }

  private addLine(line: number, rules: RuleSet): void {
    const list = this.lineRules.get(line) ?? [];
    list.push(rules);
    this.lineRules.set(line, list);
  }
}

/** yaml's lexer marks documents, flow ends and scalars with tokens of one control character not in the text. */
const LEXER_MARKS = new Set(['\x02', '\x18', '\x1f']);
const SCALAR_MARK = '\x1f';

/**
 * The comments of a YAML (or JSON) text as yaml's lexer reads them, as flat sorted [from, to) spans. A directive may
 * stand after the start of one: yaml reads a lone \r as part of a comment, where positions count a new line.
 */
function commentSpans(text: string): number[] {
  const spans: number[] = [];
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (LEXER_MARKS.has(token) && !text.startsWith(token, offset)) {
      scalarNext = token === SCALAR_MARK;
      continue;
    }
    // A token after the scalar mark is the scalar's text, which may begin with `#` (a block scalar's line).
    if (token.charCodeAt(0) === 0x23 && !scalarNext) spans.push(offset, offset + token.length);
    scalarNext = false;
    offset += token.length;
  }
  return spans;
}

function covers(rules: RuleSet, ruleId: string): boolean {
  return rules === undefined || rules.has(ruleId);
}

/** `a, b -- reason` → {a, b}; nothing (or `*`) → every rule. */
function parseRuleList(text: string): RuleSet {
  const withoutReason = text.split(/\s--\s|\s--$|^--\s/)[0] ?? '';
  const ids = withoutReason
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0 || ids.includes('*')) return undefined;
  return new Set(ids);
}
