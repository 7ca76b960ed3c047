import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangeOfPath } from './ranges.js';
import { SourceFile } from './source.js';

const TEXT = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
          ports: [{containerPort: 80}]
`;

function at(path: (string | number)[], target: 'key' | 'value' = 'value') {
  const file = new SourceFile('d.yaml', TEXT);
  const lookup = rangeOfPath(file.documents[0]!, path, target);
  const range = file.rangeOf(lookup.offsets);
  return { text: TEXT.slice(...lookup.offsets), exact: lookup.exact, from: [range.start.line + 1, range.start.character + 1] };
}

describe('rangeOfPath', () => {
  it('resolves a value', () => {
    assert.deepEqual(at(['spec', 'template', 'spec', 'containers', 0, 'image']), { text: 'nginx', exact: true, from: [8, 18] });
  });

  it('resolves a key', () => {
    assert.deepEqual(at(['spec', 'template', 'spec', 'containers', 0, 'image'], 'key'), { text: 'image', exact: true, from: [8, 11] });
  });

  it('resolves inside flow collections', () => {
    assert.deepEqual(at(['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort']), { text: '80', exact: true, from: [9, 35] });
  });

  it('falls back to the closest existing ancestor key when the path does not exist', () => {
    assert.deepEqual(at(['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits']), { text: 'name: web', exact: false, from: [7, 11] });
    assert.deepEqual(at(['spec', 'selector']), { text: 'spec', exact: false, from: [3, 1] });
  });

  it('falls back to the document start for a missing top-level key', () => {
    const result = at(['metadata']);
    assert.equal(result.exact, false);
    assert.deepEqual(result.from, [1, 1]);
  });

  it('finds keys of a large mapping through its index as a small one finds them: the first of equal keys', () => {
    for (const size of [4, 40]) {
      const filler = Array.from({ length: size }, (_, index) => `  k${index}: v${index}\n`).join('');
      const text = `data:\n  1: number\n${filler}  "1": string\n  k0: again\n  ~: nothing\n`;
      const doc = new SourceFile('m.yaml', text).documents[0]!;
      const value = (path: (string | number)[]) => text.slice(...rangeOfPath(doc, path).offsets);
      assert.equal(value(['data', '1']), 'number', `size ${size}`);
      assert.equal(value(['data', 1]), 'number', `size ${size}`);
      assert.equal(value(['data', 'k0']), 'v0', `size ${size}`);
      assert.equal(value(['data', `k${size - 1}`]), `v${size - 1}`, `size ${size}`);
      assert.equal(value(['data', 'null']), 'nothing', `size ${size}`);
      assert.equal(rangeOfPath(doc, ['data', 'absent']).exact, false, `size ${size}`);
    }
  });
});
