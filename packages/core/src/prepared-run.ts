// A run of files, parsed and ready to lint against the whole run (Linter.lintFiles), or against the objects of
// other threads around it (one share of `podlint --jobs`, lint-worker.ts).
//
// Every file's documents stay parsed until the file is linted, since its rules report on them, and parsed documents
// take 20 to 40 times the text's size in memory. A run of more text than the budget is therefore parsed twice: once
// for the plain values of its objects (a fifth of the size of the documents), which rules across resources read, then
// part by part again to be linted, each part against its own objects and the other parts' values on documents
// without source (as between threads). The last part is parsed only once: it is linted first, while still parsed.
// Measured before: 110 MB of YAML peaked at 4.7 GB, next to the 4.3 GB heap limit of a 24 GB machine, and with a
// 1.5 GB limit the run collected garbage for five minutes and then died ("JavaScript heap out of memory").
import { getHeapStatistics } from 'node:v8';
import type { Resource } from './kubernetes.js';
import { ownResources, type Linter, type LintInput, type PreparedFile } from './linter.js';
import { ProjectIndex } from './project.js';
import { detachedResources, transferableResources, type TransferredFile } from './transfer.js';
import type { FileResult } from './types.js';

/** Consecutive files of a run, from `start` up to (not including) `end`. */
export interface RunPart {
  start: number;
  end: number;
}

/**
 * How much text (in UTF-16 code units) a run keeps parsed at once: a 64th of what the JS heap has left below its
 * limit (about 67 MB with the 4.3 GB limit Node sets on a machine of 16 GB or more, 16 MB with a 1 GB limit).
 * Measured, a run of 56 MB peaked at 1.4 GB, one of 110 MB at 4.7 GB.
 */
export function parsedTextBudget(): number {
  const heap = getHeapStatistics();
  return Math.floor(Math.max(0, heap.heap_size_limit - heap.used_heap_size) / 64);
}

/** The run split into parts of at most `budget` characters each (a larger file is a part of its own). */
export function runParts(inputs: readonly LintInput[], budget: number): RunPart[] {
  const parts: RunPart[] = [];
  let start = 0;
  let size = 0;
  for (let index = 0; index < inputs.length; index += 1) {
    const length = inputs[index]!.text.length;
    if (index > start && size + length > budget) {
      parts.push({ start, end: index });
      start = index;
      size = 0;
    }
    size += length;
  }
  if (inputs.length > start) parts.push({ start, end: inputs.length });
  return parts;
}

export class PreparedRun {
  private readonly parts: readonly RunPart[];
  /** The files of the last part, parsed; undefined once they have been linted. */
  private stillParsed: PreparedFile[] | undefined;
  /** Every file's objects as plain values, when the run has more than one part. */
  private readonly values: TransferredFile[] | undefined;

  /** Parses the run: all of it, or, over `budget` characters, all but its last part only for its values. */
  constructor(
    private readonly linter: Linter,
    private readonly inputs: readonly LintInput[],
    budget = parsedTextBudget(),
  ) {
    this.parts = runParts(inputs, budget);
    const last = this.parts[this.parts.length - 1] ?? { start: 0, end: 0 };
    if (this.parts.length > 1) {
      this.values = [];
      for (let index = 0; index < last.start; index += 1) this.values.push(transferableResources(linter.prepare(inputs[index]!)));
    }
    this.stillParsed = inputs.slice(last.start, last.end).map((input) => linter.prepare(input));
    if (this.values) for (const file of this.stillParsed) this.values.push(transferableResources(file));
  }

  /** Every file's objects as plain values, in run order: what other threads need of this run (before lint()). */
  transferable(): TransferredFile[] {
    if (this.values) return this.values;
    if (!this.stillParsed) throw new Error('PreparedRun: transferable() comes before lint()');
    return this.stillParsed.map(transferableResources);
  }

  /**
   * Lints the files against their own objects and those of other threads: `before` this run's files in run order,
   * and `after` them. Results are in the order of the inputs. (Called again, it parses every part again.)
   */
  lint(before: readonly Resource[] = [], after: readonly Resource[] = []): FileResult[] {
    const results = new Array<FileResult>(this.inputs.length);
    const last = this.parts[this.parts.length - 1];
    const valuesOnly = this.values?.map(detachedResources);
    for (const part of last ? [last, ...this.parts.slice(0, -1)] : []) {
      const prepared = this.stillParsed ?? this.inputs.slice(part.start, part.end).map((input) => this.linter.prepare(input));
      this.stillParsed = undefined;
      const resources = [...before];
      for (let index = 0; index < this.inputs.length; index += 1) {
        const inPart = index >= part.start && index < part.end;
        for (const resource of inPart ? ownResources(prepared[index - part.start]!) : valuesOnly![index]!) resources.push(resource);
      }
      for (const resource of after) resources.push(resource);
      const project = new ProjectIndex(resources);
      for (const [offset, file] of prepared.entries()) results[part.start + offset] = this.linter.lintPreparedFile(file, project);
    }
    return results;
  }
}
