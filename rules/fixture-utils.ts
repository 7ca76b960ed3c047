// Reading fixtures and rule docs for the tests: where the repository is, which diagnostics a fixture expects
// (`# expect: <rule-id>[@<col>-<endCol>]` on the line where each starts), and linting a text with one config.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter, resolveConfig, type FileResult, type RuleEntry } from '@podlint/core';
import { rules } from './index.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');
export const DOCS_DIR = join(REPO_ROOT, 'docs', 'rules');
export const FIXTURE_EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface Expectation {
  /** 1-based line. */
  line: number;
  ruleId: string;
  /** 1-based start and end columns (end exclusive, as in ESLint's JSON), when the marker gives them. */
  columns?: [number, number];
}

export interface FixtureSettings {
  options?: unknown[];
  kubernetesVersion?: string;
}

/** `# expect:` markers in YAML; for JSON (no comments) a `<file>.expect` beside it, one `<line> <rule-id>` a line. */
export function readExpectations(filePath: string, text: string): Expectation[] {
  const source = filePath.endsWith('.json') ? readJsonExpectations(filePath) : text;
  const expectations: Expectation[] = [];
  source.split('\n').forEach((line, index) => {
    const marker = /#\s*expect:\s*(.+)$/.exec(line);
    if (!marker) return;
    for (const item of marker[1]!.split(',')) {
      const match = /^\s*([a-z0-9-]+)(?:@(\d+)-(\d+))?\s*$/.exec(item);
      if (!match) throw new Error(`${filePath}:${index + 1}: bad expect marker "${item.trim()}"`);
      const lineNumber = filePath.endsWith('.json') ? Number(/^\s*(\d+)/.exec(line)?.[1]) : index + 1;
      expectations.push({
        line: lineNumber,
        ruleId: match[1]!,
        ...(match[2] ? { columns: [Number(match[2]), Number(match[3])] as [number, number] } : {}),
      });
    }
  });
  return expectations;
}

function readJsonExpectations(filePath: string): string {
  const companion = `${filePath}.expect`;
  if (!existsSync(companion)) return '';
  return readFileSync(companion, 'utf8')
    .split('\n')
    .map((line) => line.replace(/^\s*(\d+)\s+(.+)$/, '$1 # expect: $2'))
    .join('\n');
}

/** `# fixture: {"options": [...], "kubernetesVersion": "1.34"}` on a fixture's first lines sets the rule's options. */
export function readFixtureSettings(text: string): FixtureSettings {
  const match = /^#\s*fixture:\s*(\{.*\})\s*$/m.exec(text.split('\n').slice(0, 5).join('\n'));
  return match ? (JSON.parse(match[1]!) as FixtureSettings) : {};
}

/** Lints a text with every rule on at its default severity, the given rule's options and version applied. */
export function lintWithAllRules(filePath: string, text: string, ruleId?: string, settings: FixtureSettings = {}): FileResult {
  const extra = new Map<string, RuleEntry>();
  if (ruleId && settings.options) extra.set(ruleId, { severity: rules[ruleId]!.meta.severity, options: settings.options });
  const config = resolveConfig(rules, { path: 'fixture', directory: REPO_ROOT, presets: ['all'], kubernetesVersion: settings.kubernetesVersion, rules: new Map(), isIgnored: () => false, overrides: [] }, filePath, extra);
  return new Linter(rules).lintText({ filePath, text, config });
}

export function listFixtures(ruleId: string, kind: 'valid' | 'invalid'): string[] {
  const directory = join(FIXTURES_DIR, ruleId, kind);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => FIXTURE_EXTENSIONS.some((extension) => name.endsWith(extension)) && !name.includes('.fixed.'))
    .sort()
    .map((name) => join(directory, name));
}

/** The fixed version of an invalid fixture, if the rule is fixable: `name.fixed.yaml` beside `name.yaml`. */
export function fixedCompanion(filePath: string): string | undefined {
  const dot = filePath.lastIndexOf('.');
  const candidate = `${filePath.slice(0, dot)}.fixed${filePath.slice(dot)}`;
  return existsSync(candidate) ? candidate : undefined;
}

export { rules };
