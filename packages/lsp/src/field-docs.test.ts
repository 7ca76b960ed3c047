import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Path } from '@podlint/core';
import { rules } from '@podlint/rules';
import { completionItems, fieldHover, fieldName, ruleHover, type FieldDoc, type FieldDocsProvider } from './field-docs.js';

/** A provider over a tiny hand-written tree, standing in for the schema API in these tests. */
const TREE: Record<string, FieldDoc & { children?: Record<string, unknown> }> = {
  spec: { name: 'spec', type: 'PodSpec', description: 'Specification of the desired behavior of the pod.' },
  'spec.containers': { name: 'containers', type: '[]Container', description: 'List of containers.', required: true },
  'spec.containers[].name': { name: 'name', type: 'string', description: 'Name of the container.', required: true },
  'spec.containers[].image': { name: 'image', type: 'string', description: 'Container image name.' },
  'spec.containers[].imagePullPolicy': { name: 'imagePullPolicy', type: 'string', description: 'Image pull policy.', enum: ['Always', 'IfNotPresent', 'Never'] },
  'spec.containers[].stdin': { name: 'stdin', type: 'boolean', description: 'Keep stdin open.' },
};
const key = (path: Path) => fieldName('', path).replace(/^\./, '');
const provider: FieldDocsProvider = {
  describe: (apiVersion, kind, path) => (apiVersion === 'v1' && kind === 'Pod' ? TREE[key(path)] : undefined),
  complete: (apiVersion, kind, path) => {
    if (apiVersion !== 'v1' || kind !== 'Pod') return [];
    const prefix = key(path);
    return Object.entries(TREE)
      .filter(([name]) => name.startsWith(`${prefix}.`) && !name.slice(prefix.length + 1).includes('.'))
      .map(([, doc]) => doc);
  },
};
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };

describe('field docs', () => {
  it('renders a field like kubectl explain', () => {
    const hover = fieldHover(provider, { apiVersion: 'v1', kind: 'Pod', path: ['spec', 'containers', 0, 'imagePullPolicy'], at: 'key', word: [0, 0] });
    assert.equal(hover, '**imagePullPolicy** `<string>`\n\n`Pod.spec.containers[].imagePullPolicy` (v1)\n\nImage pull policy.\n\nAllowed values: `Always`, `IfNotPresent`, `Never`');
    assert.equal(fieldHover(provider, { apiVersion: 'v1', kind: 'Pod', path: ['nope'], at: 'key', word: [0, 0] }), undefined);
    assert.equal(fieldHover(provider, { apiVersion: 'example.com/v1', kind: 'Widget', path: ['spec'], at: 'key', word: [0, 0] }), undefined);
  });

  it('completes the keys a mapping lacks, required first', () => {
    const site = { apiVersion: 'v1', kind: 'Pod', path: ['spec', 'containers', 0], at: 'key' as const, existingKeys: ['image'], word: [0, 3] as const, textBefore: '' as const, textAfter: ': ' as const };
    const items = completionItems(provider, site, range);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepEqual(sorted.map((item) => item.label), ['name', 'imagePullPolicy', 'stdin']);
    assert.deepEqual(sorted[0]!.textEdit, { range, newText: 'name: ' });
    assert.deepEqual(completionItems(provider, { ...site, textAfter: '' }, range)[0]!.textEdit, { range, newText: 'name' });
    assert.equal(sorted[0]!.detail, 'string, required');
    assert.deepEqual(sorted[0]!.documentation, { kind: 'markdown', value: 'Name of the container.' });
  });

  it('completes enum values, and true/false for a boolean', () => {
    const site = { apiVersion: 'v1', kind: 'Pod', path: ['spec', 'containers', 0, 'imagePullPolicy'], at: 'value' as const, existingKeys: [], word: [0, 3] as const, textBefore: '' as const, textAfter: '' as const };
    assert.deepEqual(completionItems(provider, site, range).map((item) => item.label), ['Always', 'IfNotPresent', 'Never']);
    assert.deepEqual(completionItems(provider, { ...site, textBefore: ' ' }, range)[0]!.textEdit, { range, newText: ' Always' });
    assert.deepEqual(completionItems(provider, { ...site, path: ['spec', 'containers', 0, 'stdin'] }, range).map((item) => item.label), ['true', 'false']);
    assert.deepEqual(completionItems(provider, { ...site, path: ['spec', 'containers', 0, 'image'] }, range), []);
  });

  it('explains a rule with its description and page', () => {
    assert.equal(ruleHover(rules['bare-pod']!), `**podlint** ([bare-pod](${rules['bare-pod']!.meta.docs.url})): ${rules['bare-pod']!.meta.docs.description}`);
  });
});
