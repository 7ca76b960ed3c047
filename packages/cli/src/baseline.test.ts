// Baselines: today's problems are recorded, and after lines, documents, keys and list items move around only
// a problem that is really new is reported; fixed ones are counted as gone; identical problems are counted.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { describe, it } from 'node:test';
import { SourceFile, type LintMessage } from '@podlint/core';
import { applyBaseline, locatorOf, updatedBaseline } from './baseline.js';
import type { ReportedFile } from './formatters/types.js';
import { runCli, tempProject } from './testing/harness.js';

// The foundation's rules only, so that rules added to the presets later do not change what is found.
const CONFIG = 'extends: []\nrules:\n  yaml-syntax: error\n  bare-pod: warn\n  image-tag-latest: warn\n  pod-port-collision: error\n';

const APP = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
      ports: [{containerPort: 80}]
    - name: side
      image: busybox:latest
      ports: [{containerPort: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "api:latest"}]
`;

// The same objects: documents swapped, comments and blank lines added, keys reordered, a field added; and one
// new problem, a container whose image has no tag.
const APP_MOVED = `# Moved around.
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - {name: api, image: "api:latest"}
        - {name: cache, image: redis}
  selector: {matchLabels: {app: api}}
---

apiVersion: v1
kind: Pod
spec:
  containers:
    - image: nginx
      env: [{name: MODE, value: fast}]
      ports: [{containerPort: 80}]
      name: web
    - name: side
      ports: [{containerPort: 80}]
      image: busybox:latest
metadata:
  name: web
`;

const OTHER = 'apiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec:\n  containers: [{name: a, image: "a:1"}]\n';

describe('--baseline', () => {
  it('reports only new problems after unrelated moves, and counts the fixed ones', async () => {
    const cwd = tempProject({ '.podlint.yaml': CONFIG, 'k8s/app.yaml': APP, 'k8s/other.yaml': OTHER });
    const recorded = await runCli(['--baseline', '.podlint-baseline.json', '--update-baseline', '-f', 'compact', 'k8s'], { cwd });
    assert.deepEqual(recorded, { code: 0, stdout: '', stderr: 'podlint: recorded 6 problems in .podlint-baseline.json\n' });
    const baseline = JSON.parse(readFileSync(join(cwd, '.podlint-baseline.json'), 'utf8')) as { findings: { file: string; rule: string; object?: string }[] };
    assert.deepEqual(
      baseline.findings.map((entry) => `${entry.file} ${entry.rule} ${entry.object}`).sort(),
      [
        'k8s/app.yaml bare-pod v1 Pod web',
        'k8s/app.yaml image-tag-latest apps/v1 Deployment api',
        'k8s/app.yaml image-tag-latest v1 Pod web',
        'k8s/app.yaml image-tag-latest v1 Pod web',
        'k8s/app.yaml pod-port-collision v1 Pod web',
        'k8s/other.yaml bare-pod v1 Pod other',
      ].sort(),
    );

    writeFileSync(join(cwd, 'k8s/app.yaml'), APP_MOVED);
    const moved = await runCli(['--baseline', '.podlint-baseline.json', '-f', 'compact', 'k8s'], { cwd });
    assert.equal(moved.stderr, '');
    assert.equal(moved.code, 0);
    assert.match(moved.stdout, /^k8s\/app\.yaml:11:\d+: warning Image "redis" has no tag, .* \[image-tag-latest\]\n$/);

    writeFileSync(join(cwd, 'k8s/app.yaml'), APP_MOVED.replace('image: nginx', 'image: nginx:1.27'));
    const fixed = await runCli(['--baseline', '.podlint-baseline.json', '-f', 'compact', 'k8s'], { cwd });
    assert.equal(fixed.stderr, 'podlint: 1 problem recorded in .podlint-baseline.json no longer occurs; run with --update-baseline to drop it\n');
    assert.equal(fixed.stdout.split('\n').length, 2, 'still only the new problem');
  });

  it('--update-baseline replaces what it recorded for the files linted and keeps the others', async () => {
    const cwd = tempProject({ '.podlint.yaml': CONFIG, 'k8s/app.yaml': APP, 'k8s/other.yaml': OTHER });
    await runCli(['--baseline', 'baseline.json', '--update-baseline', 'k8s'], { cwd });
    writeFileSync(join(cwd, 'k8s/app.yaml'), APP.replace('image: nginx', 'image: nginx:1.27'));
    const updated = await runCli(['--baseline', 'baseline.json', '--update-baseline', 'k8s/app.yaml'], { cwd });
    assert.equal(updated.stderr, 'podlint: recorded 5 problems in baseline.json\n');
    assert.equal(updated.stdout, '✔ no problems (1 file linted, 2 objects)\n  4 known problems not shown: the baseline records them.\n');
    const files = (JSON.parse(readFileSync(join(cwd, 'baseline.json'), 'utf8')) as { findings: { file: string }[] }).findings.map((entry) => entry.file);
    assert.deepEqual(files, ['k8s/app.yaml', 'k8s/app.yaml', 'k8s/app.yaml', 'k8s/app.yaml', 'k8s/other.yaml']);
  });

  it('refuses a missing or malformed baseline with exit 2', async () => {
    const cwd = tempProject({ '.podlint.yaml': CONFIG, 'app.yaml': APP, 'bad.json': '{"findings": []}' });
    assert.deepEqual(await runCli(['--baseline', 'none.json', 'app.yaml'], { cwd }), {
      code: 2,
      stdout: '',
      stderr: `podlint: baseline ${join(cwd, 'none.json')} does not exist; create it with --update-baseline\n`,
    });
    const malformed = await runCli(['--baseline', 'bad.json', 'app.yaml'], { cwd });
    assert.equal(malformed.code, 2);
    assert.equal(malformed.stderr, `podlint: ${join(cwd, 'bad.json')} is not a podlint baseline (expected {"podlintBaseline": 1, "findings": [...]})\n`);
    assert.equal((await runCli(['--update-baseline', 'app.yaml'], { cwd })).code, 2, '--update-baseline needs --baseline');
  });
});

describe('baseline fingerprints', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n    spec:\n      containers:\n        - name: web\n          image: x\n        - image: y\n';
  const source = new SourceFile('/repo/list.yaml', text);
  const at = (needle: string, ruleId = 'r'): LintMessage => {
    const offset = text.indexOf(needle);
    return {
      ruleId,
      messageId: 'm',
      message: 'Same message at line 3.',
      severity: 'warning',
      filePath: '/repo/list.yaml',
      range: { start: source.positionAt(offset), end: source.positionAt(offset + needle.length) },
      offsets: [offset, offset + needle.length],
      object: { apiVersion: 'v1', kind: 'Pod', name: 'a' },
    };
  };

  it('locates a node by its JSON path inside the object, naming list items by their name', () => {
    assert.equal(locatorOf(source, at('x\n')), '.spec.containers[name=web].image');
    assert.equal(locatorOf(source, at('y\n')), '.spec.containers[1].image');
    assert.equal(locatorOf(source, at('name: a')), '.metadata.name');
    const broken = new SourceFile('/repo/broken.yaml', 'a: [\n  b\n');
    assert.equal(locatorOf(broken, { ...at('x'), offsets: [0, 1] }), 'line:a: [');
  });

  it('locates by bisection what a search of every document and item found, at every line of every fixture', () => {
    // The search it replaced: the last document starting at or before the offset, the first item holding it.
    const linearLocator = (file: SourceFile, offset: number): string => {
      const doc = [...file.documents].reverse().find((candidate) => candidate.yaml.range[0] <= offset) ?? file.documents[0];
      if (!doc || doc.hasSyntaxErrors) return 'broken';
      const path: string[] = [];
      let node = doc.yaml.contents as Node | null;
      const contains = (candidate: unknown): candidate is Node => {
        const range = (candidate as Node | null)?.range;
        return Boolean(range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1));
      };
      for (;;) {
        if (isMap(node)) {
          const pair = node.items.find((item) => contains(item.key) || contains(item.value));
          if (!pair) break;
          path.push(`.${isScalar(pair.key) ? String(pair.key.value) : '?'}`);
          if (contains(pair.key)) break;
          node = pair.value as Node | null;
        } else if (isSeq(node)) {
          const index = node.items.findIndex((item) => contains(item));
          if (index === -1) break;
          const item = node.items[index] as Node;
          const name = isMap(item) ? item.get('name') : undefined;
          path.push(typeof name === 'string' ? `[name=${name}]` : `[${index}]`);
          node = item;
        } else {
          break;
        }
      }
      return path.join('');
    };
    const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ya?ml|json)$/.test(name)) files.push(path);
      }
    };
    walk(fixtures);
    let compared = 0;
    for (const path of files) {
      const file = new SourceFile(path, readFileSync(path, 'utf8'));
      if (file.documents.some((doc) => doc.hasSyntaxErrors)) continue;
      // Every line start, and a few characters into every line.
      for (const start of file.lineStarts) {
        for (const offset of [start, start + 2, start + 7]) {
          const message = { ruleId: 'r', messageId: 'm', message: 'm', severity: 'error' as const, filePath: path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, offsets: [offset, offset] as const };
          assert.equal(locatorOf(file, message), linearLocator(file, offset), `${path} at ${offset}`);
          compared += 1;
        }
      }
    }
    assert.ok(compared > 10_000, `only ${compared} places compared`);
  });

  it('counts identical problems: one more than recorded is reported', () => {
    const result = (messages: LintMessage[]): ReportedFile => ({ filePath: '/repo/list.yaml', source: text, messages, counts: { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 } });
    const baseline = updatedBaseline([result([at('x\n')])], undefined, '/repo/baseline.json');
    assert.equal(baseline.findings.length, 1);
    // The line number in a message does not count: it changes when lines move.
    const twice = [result([at('x\n'), { ...at('x\n'), message: 'Same message at line 9.' }])];
    const outcome = applyBaseline(twice, baseline, '/repo/baseline.json');
    assert.deepEqual(outcome.results[0]!.messages.map((message) => message.message), ['Same message at line 9.']);
    assert.equal(outcome.results[0]!.baselined, 1);
    assert.equal(outcome.gone, 0);
  });
});
