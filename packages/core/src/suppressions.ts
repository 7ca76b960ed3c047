// Inline suppressions, applied by the engine so that no rule deals with them:
//   # podlint-disable-next-line <id>[, <id>] -- reason      # podlint-disable-line <id>
//   # podlint-disable <id> ... # podlint-enable <id>          # podlint-disable-file [<id>]
// and the annotation `podlint.io/ignore: "<id>,<id>"` on an object or its pod template.
import type { OffsetRange } from './types.js';

export const IGNORE_ANNOTATION = 'podlint.io/ignore';

const DIRECTIVE = /(?:^|\s)#\s*podlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)([^\r\n]*)/;

/** Rule ids named by a directive or annotation; undefined means every rule. */
export type RuleSet = ReadonlySet<string> | undefined;

interface Block {
  rules: RuleSet;
  fromLine: number;
  toLine: number;
}

export class Suppressions {
  private readonly lineRules = new Map<number, RuleSet[]>();
  private readonly blocks: Block[] = [];
  private readonly fileRules: RuleSet[] = [];
  private readonly objectRules: { offsets: OffsetRange; rules: RuleSet }[] = [];

  /** Reads the directives of a file's comments. */
  static fromText(text: string): Suppressions {
    const suppressions = new Suppressions();
    if (!text.includes('podlint-')) return suppressions;
    const open = new Map<string, number>();
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      const match = DIRECTIVE.exec(line);
      if (!match) return;
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
            suppressions.blocks.push({ rules: id === '*' ? undefined : new Set([id]), fromLine: from, toLine: index });
            open.delete(id);
          }
          break;
      }
    });
    for (const [id, from] of open) {
      suppressions.blocks.push({ rules: id === '*' ? undefined : new Set([id]), fromLine: from, toLine: lines.length });
    }
    return suppressions;
  }

  /** Suppresses rules for everything inside an object's source range (the podlint.io/ignore annotation). */
  addObject(offsets: OffsetRange, annotation: string): void {
    this.objectRules.push({ offsets, rules: parseRuleList(annotation) });
  }

  isSuppressed(ruleId: string, line: number, offset: number): boolean {
    if (this.fileRules.some((rules) => covers(rules, ruleId))) return true;
    if (this.lineRules.get(line)?.some((rules) => covers(rules, ruleId))) return true;
    if (this.blocks.some((block) => line >= block.fromLine && line <= block.toLine && covers(block.rules, ruleId))) return true;
    return this.objectRules.some(({ offsets, rules }) => offset >= offsets[0] && offset < offsets[1] && covers(rules, ruleId));
  }

  private addLine(line: number, rules: RuleSet): void {
    const list = this.lineRules.get(line) ?? [];
    list.push(rules);
    this.lineRules.set(line, list);
  }
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
