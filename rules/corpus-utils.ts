// The shared corpus (../shared/corpus beside the repository) for tests that check podlint on real manifests.
// A contributor's clone has no ../shared: tests then skip with a message instead of failing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter, resolveConfig, type FileResult, type LintInput } from '@podlint/core';
import { REPO_ROOT, rules } from './fixture-utils.js';

export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpus');

/** Why a corpus test is skipped, or undefined when the corpus is there. */
export function corpusSkipReason(folder: string): string | undefined {
  return existsSync(join(CORPUS_DIR, folder)) ? undefined : `../shared/corpus/${folder} is not present (a contributor's clone has no ../shared)`;
}

export function corpusFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/.test(entry)) files.push(path);
    }
  };
  walk(join(CORPUS_DIR, folder));
  return files;
}

/** Lints a corpus folder as one run with every rule on (or the given preset), the way the CLI does. */
export function lintCorpus(folder: string, preset: 'all' | 'recommended' = 'all'): FileResult[] {
  const config = resolveConfig(rules, { path: 'corpus', directory: CORPUS_DIR, presets: [preset], rules: new Map(), isIgnored: () => false, overrides: [] }, CORPUS_DIR);
  const inputs: LintInput[] = corpusFiles(folder)
    .filter((path) => !path.endsWith('.json') || !path.includes('/cache/'))
    .map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8'), config, discovered: true }));
  return new Linter(rules).lintFiles(inputs);
}

export function corpusPath(filePath: string): string {
  return relative(CORPUS_DIR, filePath);
}
