// Schema checks on hostile sizes, through the real command in a child process (testing/hostile.ts: a memory cap and
// a hang guard): each input here once ran for minutes. The findings are asserted line by line; no speed is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PLACEHOLDER_LIMIT, QUOTED_VALUE_LIMIT, shortenForMessage } from '@podlint/core';
import { podlint, workspace } from './testing/hostile.js';

/** A CustomResourceDefinition of kind Widget whose spec has these properties (lines of YAML), and `spec` lines of its own. */
function widgetDefinition(properties: string, spec = ''): string {
  return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n${spec}            properties:\n${properties}`;
}

/** Properties of type string, for widgetDefinition. */
function stringFields(fields: readonly string[]): string {
  return fields.map((field) => `              ${field}: {type: string}\n`).join('');
}

describe('hostile sizes: schemas and quantities', () => {
  it('reports each of 8,000 unknown keys of a custom resource, checked against 8,000 fields', () => {
    // Each unknown key was compared with every field for "did you mean": 4,000 of each took 94 s, these would take
    // about 6 minutes (the hang guard). Fields that share a prefix now share the work of comparing it.
    const number = (index: number) => String(index).padStart(6, '0');
    const fields = Array.from({ length: 8_000 }, (_, index) => `prop${number(index)}`);
    const keys = Array.from({ length: 8_000 }, (_, index) => `zzzz${number(index)}`);
    // A typo among them still gets its hint.
    keys[0] = 'prop000003x';
    const root = workspace({
      'crd.yaml': widgetDefinition(stringFields(fields)),
      'widget.yaml': `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n${keys.map((key) => `  ${key}: x\n`).join('')}`,
    });
    const result = podlint(root, ['--format', 'compact', '.']);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    const unknown = (line: number, key: string) => `widget.yaml:${line}:3: error Widget.spec has no field "${key}". Remove it or correct its name: kubectl rejects unknown fields. [schema-unknown-field]`;
    assert.deepEqual(lines.slice(0, 1), [
      'widget.yaml:5:3: error Widget.spec has no field "prop000003x"; did you mean "prop000003"? kubectl rejects unknown fields, and tools that ignore them drop the setting silently. [schema-unknown-field]',
    ]);
    assert.deepEqual(lines.slice(1), keys.slice(1).map((key, index) => unknown(index + 6, key)));
  });

  it('reports each of 8,000 unknown keys that have nothing in common with the 8,000 fields', () => {
    // Names without a shared prefix gain nothing from sharing the work: an object has its first 1,000 unknown keys
    // searched, each for a bounded time. Comparing every key with every field would take minutes. The names look
    // random: the index multiplied by a large odd number, in base 36.
    const name = (letter: string, index: number, multiplier: number) => `${letter}${(Math.imul(index + 1, multiplier) >>> 0).toString(36).padStart(7, '0')}`;
    const fields = Array.from({ length: 8_000 }, (_, index) => name('f', index, 2654435761));
    const keys = Array.from({ length: 8_000 }, (_, index) => name('k', index, 2246822519));
    const root = workspace({
      'crd.yaml': widgetDefinition(stringFields(fields)),
      'widget.yaml': `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n${keys.map((key) => `  ${key}: x\n`).join('')}`,
    });
    const result = podlint(root, ['--format', 'compact', '.']);
    assert.equal(result.code, 1);
    const unknown = (line: number, key: string) => `widget.yaml:${line}:3: error Widget.spec has no field "${key}". Remove it or correct its name: kubectl rejects unknown fields. [schema-unknown-field]`;
    assert.deepEqual(result.stdout.trim().split('\n'), keys.map((key, index) => unknown(index + 5, key)));
  });

  it('suggests the value of an enum of 500 long values that each of 60 custom resources misspells', () => {
    // Each wrong value was compared with every allowed value, here 1,100 characters each (4.7 s a value): these
    // would take about 5 minutes (the hang guard). Every message lists the allowed values, so the report goes to a
    // file (33 MB).
    const number = (index: number) => String(index).padStart(6, '0');
    const stem = 'a-setting-with-a-long-descriptive-name-'.repeat(28);
    const values = Array.from({ length: 500 }, (_, index) => `${stem}${number(index)}`);
    const widgets = Array.from({ length: 60 }, (_, index) => `---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w${index}}\nspec: {mode: ${stem}x${number(index * 7)}}\n`);
    const root = workspace({
      'crd.yaml': widgetDefinition(`              mode: {type: string, enum: [${values.join(', ')}]}\n`),
      'widgets.yaml': widgets.join(''),
    });
    const result = podlint(root, ['--format', 'compact', '--output-file', 'report.txt', '.']);
    assert.equal(result.code, 1);
    // Messages hold at most 300 characters of the value and the allowed list, and quote 100 of the suggestion.
    const allowed = shortenForMessage(values.map((value) => JSON.stringify(value)).join(', '), PLACEHOLDER_LIMIT);
    const lines = readFileSync(join(root, 'report.txt'), 'utf8').trim().split('\n');
    assert.deepEqual(
      lines,
      widgets.map(
        (_, index) =>
          `widgets.yaml:${5 * index + 5}:14: error ${shortenForMessage(JSON.stringify(`${stem}x${number(index * 7)}`), PLACEHOLDER_LIMIT)} is not a valid value of "mode"; did you mean "${shortenForMessage(`${stem}${number(index * 7)}`, QUOTED_VALUE_LIMIT)}"? Allowed: ${allowed}. [schema-enum]`,
      ),
    );
  });

  it('reports each of 90,000 required fields left empty', () => {
    // Each empty field was looked up in the list of required ones: 64,000 took 2 minutes, these would take about 4
    // (the hang guard).
    const fields = Array.from({ length: 90_000 }, (_, index) => `setting-with-a-long-common-prefix-number-${String(index).padStart(6, '0')}`);
    const root = workspace({
      'crd.yaml': widgetDefinition(stringFields(fields), `            required: [${fields.join(', ')}]\n`),
      'widget.yaml': `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n${fields.map((field) => `  ${field}:\n`).join('')}`,
    });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '.']);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 90_000);
    assert.ok(lines.every((line) => line.endsWith('[schema-required]')));
    const empty = (line: number, field: string) => `widget.yaml:${line}:3: error "${field}" has no value, but Widget.spec requires it; fill it in. [schema-required]`;
    assert.equal(lines[0], empty(5, fields[0]!));
    assert.equal(lines[89_999], empty(90_004, fields[89_999]!));
  });

  it('reads a divisor of a million zeros', () => {
    // canonicalQuantity divided the zeros off one at a time, copying the whole number each time: 128,000 zeros took
    // 7 s, these would take minutes (the hang guard).
    const divisor = `1${'0'.repeat(1_000_000)}`;
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    env:\n    - name: A\n      valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: "${divisor}"}}\n`;
    const root = workspace({ 'pod.yaml': pod });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '--rule', 'resources-missing: off', 'pod.yaml']);
    assert.equal(result.code, 1);
    const findings = result.stdout.split('\n').filter((line) => line.includes('[env-invalid]'));
    // The message holds the divisor's first 297 characters.
    assert.deepEqual(findings, [
      `pod.yaml:10:72: error Divisor ${shortenForMessage(divisor, PLACEHOLDER_LIMIT)} is not allowed for limits.memory; the API server accepts only 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei. [env-invalid]`,
    ]);
  });
});
