// Runs the podlint command in-process for tests: a temporary folder as the working directory, captured
// stdout and stderr, optional stdin, and any rule registry. Not shipped (package.json `files` leaves it out).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RuleRegistry } from '@podlint/core';
import { main } from '../main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: readonly string[], options: { cwd: string; registry?: RuleRegistry; stdin?: string | Uint8Array; isTTY?: boolean }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  // Bytes (stdin's fixed text) as UTF-8, a byte-order mark kept as U+FEFF.
  const asText = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder('utf-8', { ignoreBOM: true }).decode(data));
  const code = await main(argv, {
    cwd: options.cwd,
    stdout: { write: (data: string | Uint8Array) => (stdout += asText(data)), isTTY: options.isTTY ?? false },
    stderr: { write: (data: string | Uint8Array) => (stderr += asText(data)) },
    readStdin: async () => options.stdin ?? '',
    env: {},
    ...(options.registry ? { registry: options.registry } : {}),
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder holding `files` (relative path → text). */
export function tempProject(files: Readonly<Record<string, string>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'podlint-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}
