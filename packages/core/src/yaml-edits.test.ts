// Removal ranges computed from the yaml nodes: block entries go with their own lines (and the comment lines
// indented under them), flow entries with one comma, and several removals in one collection never overlap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from './fixes.js';
import { SourceFile } from './source.js';
import type { Path } from './types.js';
import { collectionLayout, hasAliases, removalRange } from './yaml-edits.js';

/** Removes the entries at `paths` (one fix each) and returns the text. */
function removed(text: string, parent: Path, keys: (string | number)[], withLeadingComments = false): string {
  const doc = new SourceFile('test.yaml', text).documents[0]!;
  const fixes = keys.map((key) => {
    const range = removalRange(doc, [...parent, key], { alsoRemoved: keys, withLeadingComments });
    assert.ok(range, `a range for ${String(key)}`);
    return { edits: [{ range, text: '' }] };
  });
  const outcome = applyFixes(text, fixes);
  assert.equal(outcome.skipped, 0, 'no removal overlaps another');
  return outcome.output;
}

describe('collection layout', () => {
  it('describes block and flow collections', () => {
    const doc = new SourceFile('t.yaml', 'a: 1\nb: [x, {y: 2}]\n').documents[0]!;
    const map = collectionLayout(doc, [])!;
    assert.deepEqual([map.kind, map.flow, map.entries.map((entry) => entry.key)], ['map', false, ['a', 'b']]);
    const seq = collectionLayout(doc, ['b'])!;
    assert.deepEqual([seq.kind, seq.flow, seq.entries.map((entry) => [entry.start, entry.end])], ['seq', true, [[9, 10], [12, 18]]]);
    assert.equal(collectionLayout(doc, ['a']), undefined);
    assert.equal(collectionLayout(doc, ['missing']), undefined);
  });
  it('knows whether a document uses aliases', () => {
    assert.equal(hasAliases(new SourceFile('t.yaml', 'a: &x 1\nb: *x\n').documents[0]!), true);
    assert.equal(hasAliases(new SourceFile('t.yaml', 'a: &x 1\nb: 2\n').documents[0]!), false);
  });
});

describe('block removal', () => {
  it('takes the key line, the value lines and comments indented under them, not the comments around', () => {
    const text = 'a: 1\n# about b\nb: # trailing\n  c: 2\n  # inside b\n  d: [3]\n# about e\ne: 4\n';
    assert.equal(removed(text, [], ['b']), 'a: 1\n# about b\n# about e\ne: 4\n');
  });
  it('takes the comments above when asked to (moving an entry)', () => {
    assert.equal(removed('- a\n# about b\n# more\n- b\n- c\n', [], [1], true), '- a\n- c\n');
  });
  it('removes several neighbours in one pass', () => {
    assert.equal(removed('name: x\nuid: 1\nresourceVersion: "2"\nlabels: {}\n', [], ['uid', 'resourceVersion']), 'name: x\nlabels: {}\n');
  });
  it('pulls the next key up when the entry shares its line with a `- `', () => {
    assert.equal(removed('- status: 1\n  kind: Pod\n', [0], ['status']), '- kind: Pod\n');
  });
  it('removes the last line of a file without a trailing newline', () => {
    assert.equal(removed('a: 1\nb: 2', [], ['b']), 'a: 1\n');
  });
});

describe('flow removal', () => {
  it('takes the comma before an entry that follows a kept one', () => {
    assert.equal(removed('{a: 1, b: 2}', [], ['b']), '{a: 1}');
    assert.equal(removed('{a: 1, b: 2, c: 3}', [], ['b']), '{a: 1, c: 3}');
  });
  it('takes the comma after a leading entry', () => {
    assert.equal(removed('{a: 1, b: 2}', [], ['a']), '{b: 2}');
  });
  it('never overlaps for runs at the start, in the middle, at the end, or everything', () => {
    assert.equal(removed('{a: 1, b: 2, c: 3, d: 4}', [], ['a', 'b']), '{c: 3, d: 4}');
    assert.equal(removed('{a: 1, b: 2, c: 3, d: 4}', [], ['b', 'c']), '{a: 1, d: 4}');
    assert.equal(removed('{a: 1, b: 2, c: 3, d: 4}', [], ['c', 'd']), '{a: 1, b: 2}');
    assert.equal(removed('{a: 1, b: 2, c: 3, d: 4}', [], ['a', 'c', 'd']), '{b: 2}');
    assert.equal(removed('{a: 1, b: 2}', [], ['a', 'b']), '{}');
    assert.equal(removed('[1, 2, 3]', [], [0, 2]), '[2]');
  });
  it('removes entries that have lines of their own with those lines', () => {
    const text = '{\n  "a": 1,\n  "b": 2, # note\n  "c": 3\n}\n';
    assert.equal(removed(text, [], ['b']), '{\n  "a": 1,\n  "c": 3\n}\n');
    assert.equal(removed(text, [], ['c']), '{\n  "a": 1,\n  "b": 2\n}\n');
    assert.equal(removed(text, [], ['b', 'c']), '{\n  "a": 1\n}\n');
    assert.equal(removed(text, [], ['a', 'b']), '{\n  "c": 3\n}\n');
  });
});
