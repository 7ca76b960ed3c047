// Where a lint run spends its time (`podlint --timing`): each rule's create() and visitors, and the parsing of
// files. A Linter records into one only when it is given one, so that a run without it makes no clock calls. One
// recorder can outlive several runs (the passes of --fix add up), and the records of several threads add up too.

/** What a recorder holds, as plain data that can be sent between threads. */
export interface TimingsRecord {
  /** Milliseconds per rule id. */
  rules: [string, number][];
  /** Milliseconds spent parsing files (Linter.prepare). */
  parseMs: number;
}

export interface RuleTime {
  ruleId: string;
  ms: number;
}

export class LintTimings {
  private readonly ruleMs = new Map<string, number>();
  private parsed = 0;

  /**
   * `now` returns milliseconds: performance.now, unless a test gives a clock of its own whose times are the same
   * on every run.
   */
  constructor(readonly now: () => number = () => performance.now()) {}

  addRule(ruleId: string, ms: number): void {
    this.ruleMs.set(ruleId, (this.ruleMs.get(ruleId) ?? 0) + ms);
  }

  addParse(ms: number): void {
    this.parsed += ms;
  }

  /** Adds another recorder's times (another thread's). */
  add(record: TimingsRecord): void {
    for (const [ruleId, ms] of record.rules) this.addRule(ruleId, ms);
    this.parsed += record.parseMs;
  }

  record(): TimingsRecord {
    return { rules: [...this.ruleMs], parseMs: this.parsed };
  }

  /** Forgets every time recorded (a run that is started over). */
  clear(): void {
    this.ruleMs.clear();
    this.parsed = 0;
  }

  /** Every rule that ran, the slowest first; rules of equal time by id, so that the order is always the same. */
  rules(): RuleTime[] {
    return [...this.ruleMs].map(([ruleId, ms]) => ({ ruleId, ms })).sort((a, b) => b.ms - a.ms || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  }

  get rulesMs(): number {
    let total = 0;
    for (const ms of this.ruleMs.values()) total += ms;
    return total;
  }

  get parseMs(): number {
    return this.parsed;
  }
}
