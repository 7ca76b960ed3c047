// Small helpers for core's own tests: a rule registry made on the spot, a one-call lint, the files of a folder, and
// a forced garbage collection.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { resolveConfig, type ResolvedConfig, type RuleEntry, type RuleRegistry } from './config.js';
import { Linter } from './linter.js';
import { RuleCreator, type RuleDefinition } from './rule.js';
import type { FileResult } from './types.js';

export const createTestRule = RuleCreator((name) => `test://${name}`);

export function testRule<M extends string, O extends readonly unknown[]>(definition: RuleDefinition<M, O>) {
  return createTestRule(definition);
}

/** The config of a project at /project whose .podlint.yaml extends `all`, with `rules` on top, for `filePath`. */
export function testConfig(registry: RuleRegistry, filePath = '/project/test.yaml', rules?: Map<string, RuleEntry>): ResolvedConfig {
  return resolveConfig(registry, { path: '/project/.podlint.yaml', directory: '/project', presets: ['all'], rules: rules ?? new Map(), isIgnored: () => false, overrides: [] }, filePath);
}

export function lint(registry: RuleRegistry, text: string, filePath = '/project/test.yaml', rules?: Map<string, RuleEntry>): FileResult {
  return new Linter(registry).lintText({ filePath, text, config: testConfig(registry, filePath, rules) });
}

/** `line:col ruleId` (1-based) of each message, for compact assertions. */
export function where(result: FileResult): string[] {
  return result.messages.map((message) => `${message.range.start.line + 1}:${message.range.start.character + 1}-${message.range.end.line + 1}:${message.range.end.character + 1} ${message.ruleId}`);
}

/** The files under `directory` whose names match `pattern`, in a stable order (sorted within each folder). */
export function filesUnder(directory: string, pattern: RegExp): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) return filesUnder(path, pattern);
      return pattern.test(entry) ? [path] : [];
    });
}

let gc: (() => void) | undefined;

/**
 * Collects garbage in full, then lets finalizers run (tasks of their own, after the collection). node exposes gc
 * to contexts made after the flag is set. A test that waits for something to be let go calls this a few times.
 */
export async function collectGarbage(): Promise<void> {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  // What a WeakRef gave in the current task is kept until the task ends: collect in the next one.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
