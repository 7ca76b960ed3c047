// What a worker thread of `podlint --jobs` does (see parallel.ts): parses its share of the files, sends their
// objects, receives the other shares' objects, then lints its files against the whole run and sends the results.
// A worker runs it from the command's bundle (bin/podlint.js), or from lint-worker.js where there is no bundle.
import type { MessagePort } from 'node:worker_threads';
import { Linter, LintTimings, PreparedRun, detachedResources, type FileResult, type TimingsRecord, type TransferredFile } from '@podlint/core';
import { ConfigResolver } from './run.js';

export type ToWorker =
  /** `timing`: record each rule's time and parsing's (--timing), sent with the results. */
  | { type: 'lint'; files: { filePath: string; text: string; discovered: boolean }[]; cwd: string; configPath?: string; ruleFlags: string[]; timing: boolean }
  /** Every share's objects in run order; null stands for this worker's own share. */
  | { type: 'project'; project: (TransferredFile[] | null)[] };

export type FromWorker =
  | { type: 'parsed'; files: TransferredFile[] }
  | { type: 'results'; results: Omit<FileResult, 'source'>[]; timings?: TimingsRecord }
  | { type: 'failed'; message: string };

/** Answers the messages of parallel.ts on `port` (a worker's parentPort). */
export function serveLintShare(port: MessagePort): void {
  let run: PreparedRun | undefined;
  let timings: LintTimings | undefined;
  const handle = async (message: ToWorker): Promise<void> => {
    if (message.type === 'lint') {
      timings = message.timing ? new LintTimings() : undefined;
      run = await parseShare(message, timings);
      port.postMessage({ type: 'parsed', files: run.transferable() } satisfies FromWorker);
    } else {
      const results = lintShare(run!, message.project);
      port.postMessage({ type: 'results', results, ...(timings ? { timings: timings.record() } : {}) } satisfies FromWorker);
    }
  };
  port.on('messageerror', (error: Error) => port.postMessage({ type: 'failed', message: `a message to a lint worker could not be read: ${error.message}` } satisfies FromWorker));
  port.on('message', (message: ToWorker) => {
    handle(message).catch((error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker));
  });
}

async function parseShare(message: Extract<ToWorker, { type: 'lint' }>, timings: LintTimings | undefined): Promise<PreparedRun> {
  const { rules } = await import('@podlint/rules');
  const resolver = new ConfigResolver(rules, message.cwd, message.configPath, message.ruleFlags);
  // A share too large to keep parsed is linted in parts, as in one thread (PreparedRun).
  return new PreparedRun(new Linter(rules, { timings }), message.files.map((file) => ({ ...file, config: resolver.resolve(file.filePath) })));
}

/** The share's results (without their source, which parallel.ts has) against every share's objects. */
function lintShare(run: PreparedRun, project: (TransferredFile[] | null)[]): Omit<FileResult, 'source'>[] {
  const own = project.indexOf(null);
  const resources = (shares: (TransferredFile[] | null)[]) => shares.flatMap((files) => (files ?? []).flatMap(detachedResources));
  return run.lint(resources(project.slice(0, own)), resources(project.slice(own + 1))).map((result) => {
    const { source: _source, ...rest } = result;
    return rest;
  });
}
