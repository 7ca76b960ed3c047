import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SourceFile } from '@podlint/core';
import { completionSite, cursorContext, parseForCursor } from './cursor-context.js';
import { splitDocuments } from './document-splitter.js';

/** The text with `|` removed, and the offset where it was. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: IfNotPresent
`;

describe('cursorContext', () => {
  it('names the field under the cursor, on its key or its value', () => {
    const onKey = cursorContext(...at(DEPLOYMENT.replace('imagePullPolicy', 'imagePull|Policy')));
    const keyStart = DEPLOYMENT.indexOf('imagePullPolicy');
    assert.deepEqual(onKey, { apiVersion: 'apps/v1', kind: 'Deployment', path: ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy'], at: 'key', word: [keyStart, keyStart + 15] });
    const onValue = cursorContext(...at(DEPLOYMENT.replace('nginx:1.27', 'ng|inx:1.27')));
    assert.equal(onValue?.at, 'value');
    assert.deepEqual(onValue?.path, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.deepEqual(cursorContext(...at(DEPLOYMENT.replace('kind', '|kind')))?.path, ['kind']);
    assert.deepEqual(cursorContext(...at(DEPLOYMENT.replace('metadata:', 'meta|data:')))?.path, ['metadata']);
  });

  it('finds the item of a List, with the path inside the item', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    spec:\n      type: ClusterIP\n`;
    const context = cursorContext(...at(list.replace('type:', 'ty|pe:')));
    assert.deepEqual([context?.apiVersion, context?.kind, context?.path], ['v1', 'Service', ['spec', 'type']]);
  });

  it('gives an item of a typed list without apiVersion and kind the type the list names', () => {
    const list = `apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - metadata: {name: web}\n    spec:\n      replicas: 2\n`;
    const context = cursorContext(...at(list.replace('replicas:', 'repl|icas:')));
    assert.deepEqual([context?.apiVersion, context?.kind, context?.path], ['apps/v1', 'Deployment', ['spec', 'replicas']]);
    // A List gives its items no type.
    assert.equal(cursorContext(...at(list.replace('DeploymentList', 'List').replace('replicas:', 'repl|icas:'))), undefined);
  });

  it('says nothing outside a Kubernetes object or between fields', () => {
    assert.equal(cursorContext(...at('name: ci\njobs:\n  te|st: {}\n')), undefined);
    assert.equal(cursorContext(...at(`${DEPLOYMENT}\n|\n`)), undefined);
    assert.equal(cursorContext(...at('apiVersion: v1\nkind: Pod\n# a com|ment\nspec: {}\n')), undefined);
  });
});

describe('completionSite', () => {
  it('places a key being typed on a line of its own', () => {
    const site = completionSite(...at(DEPLOYMENT.replace('          imagePullPolicy: IfNotPresent\n', '          ima|\n')));
    assert.deepEqual(site && { ...site, word: undefined }, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      path: ['spec', 'template', 'spec', 'containers', 0],
      at: 'key',
      existingKeys: ['name', 'image'],
      word: undefined,
      textBefore: '',
      textAfter: ': ',
    });
    const [text, offset] = at(DEPLOYMENT.replace('          imagePullPolicy: IfNotPresent\n', '          ima|\n'));
    assert.equal(text.slice(site!.word[0], site!.word[1]), 'ima');
    assert.equal(site!.word[1], offset);
  });

  it('places a key on an empty line, a new list item and the top level', () => {
    assert.deepEqual(completionSite(...at(DEPLOYMENT.replace('  name: web\n', '  name: web\n  |\n')))?.path, ['metadata']);
    const item = completionSite(...at(`${DEPLOYMENT}        - |\n`));
    assert.deepEqual([item?.path, item?.existingKeys], [['spec', 'template', 'spec', 'containers', 1], []]);
    const top = completionSite(...at(`${DEPLOYMENT}st|`));
    assert.deepEqual([top?.path, top?.existingKeys], [[], ['apiVersion', 'kind', 'metadata', 'spec']]);
  });

  it('places a value after the colon, typed or not yet', () => {
    const empty = completionSite(...at(DEPLOYMENT.replace('IfNotPresent', '|')));
    assert.deepEqual([empty?.at, empty?.path], ['value', ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']]);
    assert.deepEqual(empty?.word[0], empty?.word[1]);
    const partial = completionSite(...at(DEPLOYMENT.replace('IfNotPresent', 'Al|')));
    const [text] = at(DEPLOYMENT.replace('IfNotPresent', 'Al|'));
    assert.equal(partial?.at, 'value');
    assert.equal(text.slice(partial!.word[0], partial!.word[1]), 'Al');
    assert.deepEqual([empty?.textBefore, partial?.textBefore], ['', '']);
  });

  // The server completes on ':': right after it, `imagePullPolicy:Always` was written, which is no key/value pair.
  it('puts a space before a value typed right after the colon', () => {
    const site = completionSite(...at(DEPLOYMENT.replace(': IfNotPresent', ':|')));
    assert.deepEqual([site?.at, site?.path.at(-1), site?.textBefore], ['value', 'imagePullPolicy', ' ']);
  });

  // `args: : IfNotPresent` was written when a key that has its colon and value already was completed.
  it('writes only the name over a key that has its colon already', () => {
    const existing = completionSite(...at(DEPLOYMENT.replace('imagePullPolicy: IfNotPresent', 'imagePu|llPolicy: IfNotPresent')));
    assert.deepEqual([existing?.at, existing?.textAfter], ['key', '']);
    const flow = completionSite(...at(DEPLOYMENT.replace('imagePullPolicy: IfNotPresent', 'resources: {lim|its}')));
    assert.deepEqual([flow?.at, flow?.path.at(-1), flow?.textAfter], ['key', 'resources', ': ']);
  });

  it('offers nothing where no object is known', () => {
    assert.equal(completionSite(...at('name: ci\n  |\n')), undefined);
    assert.equal(completionSite(...at('apiVersion: v1\n|')), undefined);
  });
});

describe('cursor context from the linter’s parse', () => {
  /** The repository's YAML examples and fixtures: every kind of document the linter parses. */
  function yamlFiles(directory: string): string[] {
    return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
  }

  it('finds what a parse of its own finds, at every offset of the examples and fixtures', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const files = [...yamlFiles(join(root, 'examples')), ...yamlFiles(join(root, 'fixtures'))];
    let compared = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      for (const chunk of splitDocuments(text) ?? [{ text, offset: 0, line: 0 }]) {
        const documents = new SourceFile(path, chunk.text).documents;
        if (documents.length !== 1) continue;
        const parsed = documents[0]!.yaml;
        const ownParse = parseForCursor(chunk.text);
        for (let offset = 0; offset <= chunk.text.length; offset += 1) {
          const where = `${path} at ${chunk.offset + offset}`;
          assert.deepEqual(cursorContext(chunk.text, offset, parsed), cursorContext(chunk.text, offset, ownParse), where);
          // A key being typed is parsed anew whatever is passed: that path is compared at fewer offsets.
          if (offset % 29 === 0) assert.deepEqual(completionSite(chunk.text, offset, parsed), completionSite(chunk.text, offset, ownParse), where);
          compared += 1;
        }
      }
    }
    assert.ok(compared > 100_000, `only ${compared} offsets compared`);
  });
});
