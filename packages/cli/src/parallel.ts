// Lints a large run with worker threads (`--jobs`). Each worker parses and lints a contiguous share of the files,
// balanced by size. Rules across resources must still see the whole run, so the run goes in two steps: every
// worker parses its share and sends its objects' plain values; the main thread hands every worker the others';
// then each lints its share against the whole run's index, in the same run order a single thread uses. The
// results are the same as one thread's (a test compares them on the corpus).
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { FileResult, LintInput, TransferredFile } from '@podlint/core';
import type { ToWorker, FromWorker } from './lint-worker.js';

/** Below this much text a run is over before threads have started. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
const MAX_AUTO_JOBS = 8;

export interface ParallelRun {
  cwd: string;
  configPath?: string;
  ruleFlags: readonly string[];
}

/** How many threads a run gets: 1 means lint in this thread. */
export function chooseJobs(jobs: number | 'auto', inputs: readonly LintInput[]): number {
  const wanted = jobs === 'auto' ? autoJobs(inputs) : jobs;
  return Math.max(1, Math.min(wanted, inputs.length));
}

function autoJobs(inputs: readonly LintInput[]): number {
  const bytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
  if (bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.min(availableParallelism(), MAX_AUTO_JOBS, Math.ceil(bytes / PARALLEL_MIN_BYTES));
}

/** Contiguous shares of about equal size (and at most `count`), so that run order is shares in order. */
export function shares<T extends { text: string }>(inputs: readonly T[], count: number): T[][] {
  const total = inputs.reduce((sum, input) => sum + input.text.length + 1, 0);
  const result: T[][] = [];
  let size = 0;
  inputs.forEach((input, index) => {
    const length = input.text.length + 1;
    const sharesLeft = count - result.length;
    // A new share starts where the next boundary falls in this input's first half, or when each input left must
    // have a share of its own to use them all.
    const pastBoundary = size + length / 2 >= (total / count) * result.length;
    if (result.length === 0 || (sharesLeft > 0 && (pastBoundary || inputs.length - index <= sharesLeft))) result.push([input]);
    else result[result.length - 1]!.push(input);
    size += length;
  });
  return result;
}

/** The results of linting `inputs` with `jobs` worker threads, in input order. */
export async function lintInWorkers(inputs: readonly LintInput[], jobs: number, run: ParallelRun): Promise<FileResult[]> {
  const parts = shares(inputs, jobs);
  // Loaded here, not at the top: most runs never start a thread, and the module costs start-up time. With
  // require(), not import(): the command runs as a script compiled from V8's code cache (bin/podlint.js).
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const workers = parts.map(() => new Worker(new URL('./lint-worker.js', import.meta.url)));
  try {
    const transferred = new Array<TransferredFile[]>(parts.length);
    const results = new Array<FileResult[]>(parts.length);
    let parsed = 0;
    await Promise.all(
      workers.map(
        (worker, index) =>
          new Promise<void>((resolvePromise, reject) => {
            worker.on('error', reject);
            // A message that cannot be read (objects nested too deep to copy between threads) is dropped: without
            // this, the run would wait for it forever. The caller lints in one thread instead.
            worker.on('messageerror', (error) => reject(new Error(`a lint worker's message could not be read: ${error.message}`)));
            worker.on('exit', (code) => {
              if (results[index] === undefined) reject(new Error(`a lint worker stopped (exit code ${code}) before it finished`));
            });
            worker.on('message', (message: FromWorker) => {
              if (message.type === 'parsed') {
                transferred[index] = message.files;
                parsed += 1;
                // Every worker needs every other worker's objects before it lints.
                if (parsed === workers.length) {
                  workers.forEach((other, otherIndex) => {
                    const project: (TransferredFile[] | null)[] = transferred.map((files, filesIndex) => (filesIndex === otherIndex ? null : files));
                    other.postMessage({ type: 'project', project } satisfies ToWorker);
                  });
                }
              } else if (message.type === 'results') {
                results[index] = message.results;
                resolvePromise();
              } else {
                reject(new Error(message.message));
              }
            });
            const files = parts[index]!.map((input) => ({ filePath: input.filePath, text: input.text, discovered: input.discovered ?? false }));
            worker.postMessage({ type: 'lint', files, share: index, ...run, ruleFlags: [...run.ruleFlags] } satisfies ToWorker);
          }),
      ),
    );
    const texts = new Map(inputs.map((input) => [input.filePath, input.text]));
    return results.flat().map((result) => ({ ...result, source: texts.get(result.filePath) }));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
