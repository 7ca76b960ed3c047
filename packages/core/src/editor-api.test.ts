// What the language server relies on: lintText with a project made around the text's own objects, and the
// selection of fixes that "fix all" applies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from './config.js';
import { applyFixes, selectFixes } from './fixes.js';
import type { Resource } from './kubernetes.js';
import { Linter } from './linter.js';
import { ProjectIndex } from './project.js';
import { testRule } from './test-utils.js';

describe('lintText with a project function', () => {
  it('hands over the text\'s own objects, and the rules see the very objects they visit', () => {
    const seen: { own: readonly Resource[]; same: boolean[] } = { own: [], same: [] };
    const rule = testRule({
      name: 'sees-itself',
      meta: { type: 'problem', severity: 'error', docs: { description: 'Test.', recommended: true }, messages: { m: 'm' }, schema: [] },
      defaultOptions: [],
      create: (context) => ({
        Resource(resource) {
          seen.same.push(context.project.ofKind(resource.kind).includes(resource));
        },
      }),
    });
    const registry = { 'sees-itself': rule };
    const config = resolveConfig(registry, undefined, '/a.yaml');
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    new Linter(registry).lintText({ filePath: '/a.yaml', text, config }, (own) => {
      seen.own = own;
      return new ProjectIndex(own);
    });
    assert.deepEqual(seen.own.map((resource) => resource.name), ['a', 'b']);
    assert.deepEqual(seen.same, [true, true]);
  });
});

describe('selectFixes', () => {
  it('takes fixes in order and skips one inside the span of a fix already taken', () => {
    const fixes = [
      { edits: [{ range: [10, 12] as const, text: 'B' }] },
      { edits: [{ range: [0, 3] as const, text: 'A' }, { range: [20, 20] as const, text: '!' }] },
      { edits: [{ range: [2, 5] as const, text: 'X' }] },
    ];
    const selection = selectFixes(fixes);
    // A fix spans from its first edit to its last (0-20 here): both others fall inside it.
    assert.deepEqual(selection.edits.map((edit) => edit.range), [[0, 3], [20, 20]]);
    assert.deepEqual([selection.applied, selection.skipped], [1, 2]);
    assert.equal(applyFixes('abcdefghijklmnopqrstuvwxyz', fixes).output, 'Adefghijklmnopqrst!uvwxyz');
    const apart = selectFixes([fixes[0]!, fixes[2]!]);
    assert.deepEqual(apart.edits.map((edit) => edit.range), [[2, 5], [10, 12]]);
  });

  it('takes a fix of 200,000 edits (spread into Math.min, they overflowed the stack)', () => {
    const edits = Array.from({ length: 200_000 }, (_, index) => ({ range: [index * 2, index * 2 + 1] as const, text: 'x' }));
    const selection = selectFixes([{ edits }, { edits: [{ range: [1, 2] as const, text: 'inside' }] }]);
    assert.equal(selection.edits.length, 200_000);
    assert.deepEqual([selection.applied, selection.skipped], [1, 1]);
  });
});
