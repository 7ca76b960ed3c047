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

export const WEBSITE_EXAMPLES = 'k8s-website/content/en/examples';

export interface WebsiteExample {
  /** Path under content/en/examples. */
  path: string;
  parses: boolean;
  /** Left out of the website's own validation test (its filesIgnore list). */
  ignoredByWebsiteTest: boolean;
}

/** k8s-website's MANIFEST.tsv, read by column name. */
export function websiteExamples(): WebsiteExample[] {
  const rows = readFileSync(join(CORPUS_DIR, 'k8s-website', 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const header = rows[0]!.split('\t');
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index === -1) throw new Error(`k8s-website/MANIFEST.tsv has no column "${name}"`);
    return index;
  };
  const [path, parses, ignored] = [column('path_under_content/en/examples'), column('pyyaml_parses'), column('in_website_test_filesIgnore')];
  return rows.slice(1).map((row) => {
    const cells = row.split('\t');
    return { path: cells[path]!, parses: cells[parses] === 'yes', ignoredByWebsiteTest: cells[ignored] === 'yes' };
  });
}

/** The examples the website's test decodes and validates (they parse, and are not in its filesIgnore list), as corpus paths. */
export function validatedWebsiteExamples(): Set<string> {
  return new Set(websiteExamples().filter((example) => example.parses && !example.ignoredByWebsiteTest).map((example) => `${WEBSITE_EXAMPLES}/${example.path}`));
}
