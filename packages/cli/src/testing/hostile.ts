// Runs the real podlint command in a child process for the hostile-input tests: a memory cap (a runaway heap fails
// the test) and a generous timeout that only catches a hang; no speed is asserted. Not shipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'podlint.js');
const HANG_GUARD_MS = 120_000;
const HEAP_CAP_MB = 512;
const workspaces: string[] = [];
after(() => workspaces.forEach((path) => rmSync(path, { recursive: true, force: true })));

export function workspace(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'podlint-hostile-'));
  workspaces.push(root);
  writeFileSync(join(root, '.podlint.yaml'), 'extends: all\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/**
 * How to run podlint as a user that file modes apply to: as is, or, for root (which may read anything), as
 * nobody through setpriv. A reason to skip when neither works.
 */
export function unprivileged(): { prefix: string[] } | { skip: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const prefix = ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  if (!existsSync(prefix[0]!)) return { skip: 'running as root, which may read any file, and without setpriv to run as nobody' };
  const probe = spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, BIN, '--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skip: `running as root, and nobody cannot run podlint from this checkout: ${probe.stderr.trim()}` };
  return { prefix };
}

/** `heapMb` raises the memory cap for an input that needs more to be linted at all (a pod of 150,000 ports). */
export function podlint(cwd: string, args: string[], input?: string, prefix: readonly string[] = [], heapMb = HEAP_CAP_MB) {
  const [command, ...commandArgs] = [...prefix, process.execPath, BIN, ...args];
  const result = spawnSync(command!, commandArgs, {
    cwd,
    input,
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
    maxBuffer: 1 << 26,
    env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${heapMb}`, NO_COLOR: '1' },
  });
  assert.equal(result.error, undefined, `podlint did not finish: ${String(result.error)}`);
  // Never a stack trace or an internal error, whatever the input.
  assert.doesNotMatch(result.stdout + result.stderr, /internal error|\n\s+at .+:\d+:\d+\)?\n|FATAL ERROR|heap out of memory/);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  mode: fast\n`;
