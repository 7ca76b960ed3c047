import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCommonYaml } from './fast-yaml.js';
import { kubectlYamlTags } from './kubectl-scalars.js';
import { firstLineAt, firstLineOf, nodeAtPath, rangeOfPath } from './ranges.js';
import { SourceDocument, SourceFile } from './source.js';
import { filesUnder } from './test-utils.js';
import type { Path } from './types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const manifestOptions = { version: '1.1' as const, customTags: kubectlYamlTags, merge: true, prettyErrors: false, logLevel: 'error' as const, uniqueKeys: false };

/** Every path of a value, each with one that goes on past it and, for a list, an index past its end. */
function pathsOf(value: unknown, path: Path = [], paths: Path[] = []): Path[] {
  paths.push(path, [...path, 'absent']);
  if (Array.isArray(value)) {
    paths.push([...path, value.length]);
    value.forEach((item, index) => pathsOf(item, [...path, index], paths));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], paths);
  }
  return paths;
}

/**
 * For each document of `text` that fast-yaml reads for its value, every lookup in its positions must give what the
 * same lookup gives on the document's yaml nodes. Returns how many documents were compared.
 */
function positionsMatchNodes(path: string, text: string): number {
  const file = new SourceFile(path, text);
  const nodes = parseCommonYaml(text, manifestOptions);
  let compared = 0;
  file.documents.forEach((doc, index) => {
    if (!doc.read) return;
    const reference = new SourceDocument(new SourceFile(path, text), index, nodes![index]!);
    for (const candidate of pathsOf(doc.value)) {
      const where = `${path}: document ${index + 1}, ${JSON.stringify(candidate)}`;
      for (const target of ['key', 'value'] as const) assert.deepEqual(rangeOfPath(doc, candidate, target), rangeOfPath(reference, candidate, target), `${where} (${target})`);
      assert.deepEqual(firstLineAt(doc, candidate), firstLineOf(reference, nodeAtPath(reference, candidate)), `${where} (first line)`);
    }
    compared += 1;
  });
  return compared;
}

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

  it('finds in the positions of a document read for its value what it finds in its nodes: every fixture', () => {
    let compared = 0;
    for (const path of filesUnder(join(root, 'fixtures'), /\.ya?ml$/)) compared += positionsMatchNodes(path, readFileSync(path, 'utf8'));
    assert.ok(compared > 100, `only ${compared} documents read for their values`);
  });

  it('finds in the positions of a document read for its value what it finds in its nodes: ../shared/corpus', (t) => {
    const corpus = join(root, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      t.skip('../shared/corpus is not present');
      return;
    }
    let compared = 0;
    for (const path of filesUnder(corpus, /\.(ya?ml|json)$/)) compared += positionsMatchNodes(path, readFileSync(path, 'utf8'));
    assert.ok(compared > 1000, `only ${compared} documents read for their values`);
  });

  it('reads a large mapping in positions as in nodes: the first of equal keys, CRLF line breaks', () => {
    const keys = Array.from({ length: 40 }, (_, index) => `k${index % 30}: ${index}`).join('\r\n');
    assert.ok(positionsMatchNodes('large.yaml', `a:\r\n  ${keys.replaceAll('\r\n', '\r\n  ')}\r\nb:\r\nc: [1, {d: e}]\r\n`) === 1);
  });
});
