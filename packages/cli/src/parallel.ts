// Lints a large run in several threads (`--jobs`): this one and worker threads, each parsing and linting a
// contiguous share of the files, balanced by size; this thread takes the first share. Rules across resources must
// still see the whole run, so the run goes in two steps: every thread parses its share, and the workers send their
// objects' plain values; this thread hands every worker the other shares' values; then each thread lints its share
// against the whole run's index, in the same run order a single thread uses. The results are the same as one
// thread's (tests compare them, on the corpus too). This thread taking a share, rather than waiting for workers,
// saves a worker's start and its copy of the compiled code, and each share's values are copied once fewer.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { detachedResources, PreparedRun, type FileResult, type Linter, type LintInput, type TransferredFile } from '@podlint/core';
import type { ToWorker, FromWorker } from './lint-share.js';

/** A worker's results, and its times when the run is timed. */
type WorkerResults = Omit<Extract<FromWorker, { type: 'results' }>, 'type'>;

/** Below this much text a run is over before threads have started. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/**
 * The cores `--jobs auto` counts on for each thread. One thread alone keeps about 1.4 cores busy: V8 collects
 * garbage and compiles optimized code on helper threads beside it (measured on 6 copies of ../shared/corpus, 60 MB,
 * 2 cores: 5.3 s of CPU in 3.8 s). Every further thread compiles the same code again and collects its own heap:
 * two threads took 7.5 s of CPU, so on 2 cores they were no faster than one, and slower whenever anything else ran.
 * Hence a thread for every 2 cores, and none besides this one below 4 cores.
 */
export const CORES_PER_AUTO_JOB = 2;
const MAX_AUTO_JOBS = 8;

export interface ParallelRun {
  cwd: string;
  configPath?: string;
  ruleFlags: readonly string[];
}

/** How many threads a run gets on a machine with `cores` cores: 1 means lint in this thread only. */
export function chooseJobs(jobs: number | 'auto', inputs: readonly LintInput[], cores = availableParallelism()): number {
  const wanted = jobs === 'auto' ? autoJobs(inputs, cores) : jobs;
  return Math.max(1, Math.min(wanted, inputs.length));
}

function autoJobs(inputs: readonly LintInput[], cores: number): number {
  const bytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
  if (bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.min(Math.floor(cores / CORES_PER_AUTO_JOB), MAX_AUTO_JOBS, Math.ceil(bytes / PARALLEL_MIN_BYTES));
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

/** The results of linting `inputs` in `jobs` threads, this one and `jobs - 1` workers, in input order. */
export async function lintInThreads(linter: Linter, inputs: readonly LintInput[], jobs: number, run: ParallelRun): Promise<FileResult[]> {
  const parts = shares(inputs, jobs);
  // Loaded here, not at the top: most runs never start a thread, and the module costs start-up time. With
  // require(), not import(): the command runs as a script compiled from V8's code cache (bin/podlint.js).
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const workers = parts.slice(1).map(() => startWorker(Worker));
  try {
    const replies = workers.map((worker, index) => {
      const reply = listen(worker);
      const files = parts[index + 1]!.map((input) => ({ filePath: input.filePath, text: input.text, discovered: input.discovered ?? false }));
      worker.postMessage({ type: 'lint', files, ...run, ruleFlags: [...run.ruleFlags], timing: linter.timings !== undefined } satisfies ToWorker);
      return reply;
    });
    // This thread's share is parsed while the workers parse theirs (no message is read meanwhile: they wait).
    const own = new PreparedRun(linter, parts[0]!);
    const values = [own.transferable(), ...(await Promise.all(replies.map((reply) => reply.parsed)))];
    // Every worker needs every other share's objects before it lints; this thread already has its own.
    workers.forEach((worker, index) => {
      const project = values.map((files, share) => (share === index + 1 ? null : files));
      worker.postMessage({ type: 'project', project } satisfies ToWorker);
    });
    const ownResults = own.lint([], values.slice(1).flatMap((files) => files.flatMap(detachedResources)));
    const workerResults = await Promise.all(replies.map((reply) => reply.results));
    // --timing: one table for the run, whichever thread ran a rule.
    for (const { timings } of workerResults) if (timings) linter.timings?.add(timings);
    const texts = new Map(inputs.map((input) => [input.filePath, input.text]));
    return [...ownResults, ...workerResults.flatMap((reply) => reply.results).map((result) => ({ ...result, source: texts.get(result.filePath) }))];
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The argument that makes bin/podlint.js serve as a worker (it checks that it runs in one), spelled there too. */
export const LINT_WORKER_ARGUMENT = '--podlint-lint-worker';

/**
 * A lint worker. Run from the bundle (dist/podlint.cjs), it starts bin/podlint.js, which loads the same bundle
 * from its code cache: the ES modules of lint-worker.js, unbundled and without a cache, took a worker ~100 ms to load.
 */
function startWorker(Worker: typeof import('node:worker_threads').Worker): Worker {
  if (import.meta.url.endsWith('/podlint.cjs')) return new Worker(new URL('../bin/podlint.js', import.meta.url), { argv: [LINT_WORKER_ARGUMENT] });
  return new Worker(new URL('./lint-worker.js', import.meta.url));
}

/** A worker's two answers: its share's objects, then its share's results; each rejects when the worker fails. */
function listen(worker: Worker): { parsed: Promise<TransferredFile[]>; results: Promise<WorkerResults> } {
  let parsed!: { resolve: (files: TransferredFile[]) => void; reject: (error: Error) => void };
  let results!: { resolve: (results: WorkerResults) => void; reject: (error: Error) => void };
  const reply = {
    parsed: new Promise<TransferredFile[]>((resolve, reject) => (parsed = { resolve, reject })),
    results: new Promise<WorkerResults>((resolve, reject) => (results = { resolve, reject })),
  };
  // Awaited only after `parsed`: a failure before then is thrown from there, not reported as unhandled.
  reply.results.catch(() => {});
  let finished = false;
  const fail = (error: Error) => {
    parsed.reject(error);
    results.reject(error);
  };
  worker.on('error', fail);
  // A message that cannot be read (objects nested too deep to copy between threads) is dropped: without this, the
  // run would wait for it forever. The caller lints in one thread instead.
  worker.on('messageerror', (error) => fail(new Error(`a lint worker's message could not be read: ${error.message}`)));
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`a lint worker stopped (exit code ${code}) before it finished`));
  });
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'parsed') parsed.resolve(message.files);
    else if (message.type === 'results') {
      finished = true;
      results.resolve({ results: message.results, timings: message.timings });
    } else fail(new Error(message.message));
  });
  return reply;
}
