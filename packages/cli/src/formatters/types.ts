// What every formatter receives: the results of a run and how to present them.
import type { FileResult } from '@podlint/core';

export interface FormatterContext {
  cwd: string;
  color: boolean;
  /** Rule metadata for formats that describe rules. */
  rulesMeta: Readonly<Record<string, { description: string; url?: string }>>;
}

export type Formatter = (results: readonly FileResult[], context: FormatterContext) => string;
