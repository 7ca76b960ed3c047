// One worker thread of `podlint --jobs` (see parallel.ts): parses its share of the files, sends their objects,
// receives the other shares' objects, then lints its files against the whole run and sends the results.
import { parentPort } from 'node:worker_threads';
import { Linter, PreparedRun, detachedResources, type FileResult, type TransferredFile } from '@podlint/core';
import { ConfigResolver } from './run.js';

export type ToWorker =
  | { type: 'lint'; files: { filePath: string; text: string; discovered: boolean }[]; cwd: string; configPath?: string; ruleFlags: string[] }
  /** Every share's objects in run order; null stands for this worker's own share. */
  | { type: 'project'; project: (TransferredFile[] | null)[] };

export type FromWorker =
  | { type: 'parsed'; files: TransferredFile[] }
  | { type: 'results'; results: Omit<FileResult, 'source'>[] }
  | { type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('lint-worker.js runs as a worker thread of podlint --jobs');

let run: PreparedRun | undefined;

port.on('messageerror', (error: Error) => port.postMessage({ type: 'failed', message: `a message to a lint worker could not be read: ${error.message}` } satisfies FromWorker));
port.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker));
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'lint') {
    const { rules } = await import('@podlint/rules');
    const resolver = new ConfigResolver(rules, message.cwd, message.configPath, message.ruleFlags);
    // A share too large to keep parsed is linted in parts, as in one thread (PreparedRun).
    run = new PreparedRun(new Linter(rules), message.files.map((file) => ({ ...file, config: resolver.resolve(file.filePath) })));
    port!.postMessage({ type: 'parsed', files: run.transferable() } satisfies FromWorker);
    return;
  }
  const own = message.project.indexOf(null);
  const resources = (shares: (TransferredFile[] | null)[]) => shares.flatMap((files) => (files ?? []).flatMap(detachedResources));
  const results = run!.lint(resources(message.project.slice(0, own)), resources(message.project.slice(own + 1))).map((result) => {
    const { source: _source, ...rest } = result;
    return rest;
  });
  port!.postMessage({ type: 'results', results } satisfies FromWorker);
}
