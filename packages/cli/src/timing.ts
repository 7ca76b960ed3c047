// `podlint --timing`: where a run spent its time, as ESLint's TIMING=1 shows it: the rules that took the longest
// (time in create() and visitors, summed over files, threads and fix passes) with their share of all rule time, then
// the run's phases. Printed to stderr after the reports, so that stdout holds the same report with or without it.
import { LintTimings } from '@podlint/core';

/** The phases of a run, in the order they happen. */
export type RunPhase = 'read' | 'lint' | 'output';

/** One run's times: the Linter's (rules, parsing) and the command's phases, each measured from the end of the last. */
export class RunTiming {
  readonly linter = new LintTimings();
  private readonly phases = new Map<RunPhase, number>();
  private phaseStarted = performance.now();

  /** Ends `phase`: the time since the previous phase ended (or since this was made) is its time. */
  endPhase(phase: RunPhase): void {
    const now = performance.now();
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + now - this.phaseStarted);
    this.phaseStarted = now;
  }

  phaseMs(phase: RunPhase): number {
    return this.phases.get(phase) ?? 0;
  }
}

/**
 * The table of the `rows` slowest rules (Infinity: all), a line for the others, and one for the phases:
 *
 *     rule                 time (ms)  relative
 *     schema-type            812.123     31.2%
 *     ...
 *     15 more rules: 120.300 ms, 3.9% (--timing all lists every rule)
 *     phases: read 40.1 ms, lint 3900.2 ms (parse 1203.5 ms, rules 2601.0 ms), output 12.3 ms, total 3952.6 ms
 */
export function timingReport(timing: RunTiming, rows: number, threads: number): string {
  const rules = timing.linter.rules();
  const total = timing.linter.rulesMs;
  const share = (ms: number) => `${(total > 0 ? (ms / total) * 100 : 0).toFixed(1)}%`;
  const shown = rules.slice(0, rows);
  const cells = shown.map((rule) => [rule.ruleId, rule.ms.toFixed(3), share(rule.ms)] as const);
  const header = ['rule', 'time (ms)', 'relative'] as const;
  const width = (column: 0 | 1 | 2) => Math.max(header[column].length, ...cells.map((row) => row[column].length));
  const line = (row: readonly [string, string, string]) => `${row[0].padEnd(width(0))}  ${row[1].padStart(width(1))}  ${row[2].padStart(width(2))}`;
  const lines = [line(header), ...cells.map(line)];
  if (rules.length === 0) lines.push('(no rule ran: no file was linted)');
  const others = rules.slice(shown.length);
  if (others.length > 0) {
    const ms = others.reduce((sum, rule) => sum + rule.ms, 0);
    const noun = others.length === 1 ? 'rule' : 'rules';
    lines.push(`${others.length} more ${noun}: ${ms.toFixed(3)} ms, ${share(ms)} (--timing all lists every rule)`);
  }
  lines.push(phasesLine(timing, threads));
  return `${lines.join('\n')}\n`;
}

/**
 * Read and output happen in this thread; lint is its time in this thread too, while parse and rules are summed over
 * every thread (and fix pass) that linted: with threads they can add up to more than lint.
 */
function phasesLine(timing: RunTiming, threads: number): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const parts = `parse ${ms(timing.linter.parseMs)}, rules ${ms(timing.linter.rulesMs)}`;
  const lint = threads > 1 ? `${ms(timing.phaseMs('lint'))} in ${threads} threads (summed over them: ${parts})` : `${ms(timing.phaseMs('lint'))} (${parts})`;
  const total = timing.phaseMs('read') + timing.phaseMs('lint') + timing.phaseMs('output');
  return `phases: read ${ms(timing.phaseMs('read'))}, lint ${lint}, output ${ms(timing.phaseMs('output'))}, total ${ms(total)}`;
}
