// What every formatter receives: the results of a run (with what --fix and a baseline did to them) and how to
// present them.
import type { FileResult, Severity } from '@podlint/core';

/** A file's result as the command reports it. */
export interface ReportedFile extends FileResult {
  /** The text after fixes, when --fix or --fix-dry-run changed it (ESLint's `output`). */
  output?: string;
  /** How many fixes were applied (or would be, with --fix-dry-run). */
  fixed?: number;
  /** How many problems were left out because the baseline records them. */
  baselined?: number;
}

export interface RuleSummary {
  description: string;
  url?: string;
  /** The rule's default severity. */
  severity: Severity;
}

export interface FormatterContext {
  cwd: string;
  color: boolean;
  /** Rule metadata for formats that describe rules. */
  rulesMeta: Readonly<Record<string, RuleSummary>>;
  /** podlint's version, for formats that name the tool. */
  version: string;
  /** Set when fixes were applied (`fix`) or only computed (`dry-run`). */
  fixMode?: 'fix' | 'dry-run';
}

/**
 * The report, in pieces written one after another: the report of a run of a million problems is longer than one
 * JavaScript string may be (about 512 MB), so no formatter joins it into one.
 */
export type Formatter = (results: readonly ReportedFile[], context: FormatterContext) => readonly string[];
