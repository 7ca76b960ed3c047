// `podlint --init`: a commented .podlint.yaml to start from, listing every rule with its default so that
// changing one is uncommenting a line. Editors validate and complete it through the JSON Schema that
// @podlint/core ships, named in the yaml-language-server comment. An existing config is never overwritten.
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, DEFAULT_KUBERNETES_VERSION, type RuleRegistry } from '@podlint/core';

export const CONFIG_SCHEMA_URL = 'https://raw.githubusercontent.com/podlint/podlint/main/packages/core/schema/podlint-config.schema.json';

export class InitError extends Error {}

/** Writes `.podlint.yaml` into `directory`; returns its path. */
export function writeInitialConfig(directory: string, registry: RuleRegistry): string {
  const existing = CONFIG_FILE_NAMES.map((name) => join(directory, name)).find((path) => existsSync(path));
  if (existing) throw new InitError(`${existing} already exists; podlint --init does not overwrite a config`);
  const path = join(directory, CONFIG_FILE_NAMES[0]);
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    throw new InitError(`cannot create ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    writeSync(fd, initialConfig(registry));
  } finally {
    closeSync(fd);
  }
  return path;
}

export function initialConfig(registry: RuleRegistry): string {
  const ids = Object.keys(registry).sort();
  const settings = ids.map((id) => {
    const rule = registry[id]!;
    return { id, setting: rule.meta.docs.recommended ? (rule.meta.severity === 'warning' ? 'warn' : rule.meta.severity) : 'off', description: rule.meta.docs.description };
  });
  const width = Math.max(0, ...settings.map((entry) => `${entry.id}: ${entry.setting}`.length));
  const example = ids[0] ?? 'rule-id';
  return [
    `# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}`,
    '# podlint configuration. A file is linted with the nearest .podlint.yaml above it;',
    '# `podlint --print-config <file>` shows what applies to a file, `podlint --list-rules` lists the rules.',
    '',
    '# Presets to start from: recommended (the default) or all (every rule at its default severity).',
    'extends: recommended',
    '',
    '# The Kubernetes version your clusters run: checks of removed APIs and version-dependent fields follow it.',
    `kubernetesVersion: "${DEFAULT_KUBERNETES_VERSION}"`,
    '',
    '# Rules: off, info, warn or error, or [severity, {options}]. Each line below shows the rule as the',
    '# recommended preset sets it; uncomment `rules:` and the lines you change.',
    '# rules:',
    ...settings.map((entry) => `#   ${`${entry.id}: ${entry.setting}`.padEnd(width)}  # ${entry.description}`),
    '',
    '# Files podlint does not lint, as globs relative to this file.',
    '# ignores:',
    '#   - vendor/**',
    '',
    '# Settings for some files only (globs relative to this file); later entries win.',
    '# overrides:',
    '#   - files: ["legacy/**"]',
    '#     kubernetesVersion: "1.30"',
    '#     rules:',
    `#       ${example}: off`,
    '',
  ].join('\n');
}
