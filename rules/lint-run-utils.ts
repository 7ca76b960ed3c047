// Lints several texts as one run, as the CLI does with the files it is given, for tests of rules across
// resources: which diagnostics of one rule each file gets, as `line:col message` (1-based).
import { Linter, resolveConfig, type LintInput, type RuleEntry } from '@podlint/core';
import { REPO_ROOT, rules } from './fixture-utils.js';

export interface RunFile {
  path: string;
  text: string;
}

/** Every rule on; `options` are the given rule's. Returns each file's diagnostics of that rule, in run order. */
export function lintRun(files: readonly RunFile[], ruleId: string, options?: unknown[]): Map<string, string[]> {
  const extra = new Map<string, RuleEntry>(options ? [[ruleId, { severity: rules[ruleId]!.meta.severity, options }]] : []);
  const inputs: LintInput[] = files.map((file) => ({
    filePath: file.path,
    text: file.text,
    config: resolveConfig(rules, { path: 'test', directory: REPO_ROOT, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, file.path, extra),
  }));
  const result = new Map<string, string[]>();
  for (const fileResult of new Linter(rules).lintFiles(inputs)) {
    const crashes = fileResult.messages.filter((message) => message.ruleId === 'internal-error');
    if (crashes.length > 0) throw new Error(crashes.map((message) => message.message).join('\n'));
    result.set(
      fileResult.filePath,
      fileResult.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.range.start.line + 1}:${message.range.start.character + 1} ${message.message}`),
    );
  }
  return result;
}
