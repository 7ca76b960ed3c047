// `--jobs`: worker threads must give exactly the results of one thread, including the rules across resources
// whose objects sit in another worker's share of the files. So must a run too large to keep parsed, linted in parts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Linter, PreparedRun, detachedResources, resolveConfig, type LintInput } from '@podlint/core';
import { rules } from '@podlint/rules';
import { chooseJobs, PARALLEL_MIN_BYTES, shares } from './parallel.js';
import { runLint } from './run.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'podlint.js');

const deployment = (name: string, labels: string, port = 8080) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {${labels}}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
        - name: app
          image: example.com/${name}:1.0.0
          ports:
            - containerPort: ${port}
`;
const service = (name: string, selector: string, targetPort: number) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {${selector}}
  ports:
    - port: 80
      targetPort: ${targetPort}
`;

/** Objects whose findings depend on files that land in other shares. */
const FILES: Record<string, string> = {
  '.podlint.yaml': 'extends: all\n',
  'app/a-service.yaml': service('web', 'app: web', 9090),
  'app/b-lonely-service.yaml': service('lonely', 'app: nobody', 80),
  'app/c-deployment.yaml': deployment('web', 'app: web'),
  'app/d-duplicate.yaml': deployment('web', 'app: web'),
  'app/e-list.yaml': `apiVersion: v1\nkind: List\nitems:\n  - ${deployment('listed', 'app: listed').replace(/\n/g, '\n    ').trimEnd()}\n`,
  'crd/f-crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`,
  'crd/g-widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n',
  'h-broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n',
};

/** The files padded to one size with a comment, so that with one thread per file each file is a share of its own. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'podlint-jobs-'));
  for (const [name, content] of Object.entries(files)) {
    const text = name.endsWith('.yaml') && name !== '.podlint.yaml' ? `${'# padding\n'.repeat(1000)}${content}` : content;
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('podlint --jobs', () => {
  it('splits the files into contiguous shares of about equal size', () => {
    const inputs = ['aaaa', 'bb', 'cccc', 'dd', 'eeee', 'ff'].map((text) => ({ text }));
    const parts = shares(inputs, 3);
    assert.deepEqual(parts.flat(), inputs);
    assert.deepEqual(
      parts.map((part) => part.map((input) => input.text).join('')),
      ['aaaabb', 'ccccdd', 'eeeeff'],
    );
    assert.equal(shares(inputs, 10).length <= inputs.length, true);
  });

  it('uses threads on its own only for large runs on 4 cores or more, and never more than there are files', () => {
    const small: LintInput[] = [{ filePath: 'a.yaml', text: 'x', config: undefined as never }];
    assert.equal(chooseJobs('auto', small, 16), 1);
    assert.equal(chooseJobs(4, small), 1);
    const large = Array.from({ length: 4 }, (_, index) => ({ filePath: `${index}.yaml`, text: 'x'.repeat(PARALLEL_MIN_BYTES), config: undefined as never }));
    // One thread already keeps about 1.4 cores busy: a thread per 2 cores.
    assert.deepEqual([1, 2, 3, 4, 5, 8, 16].map((cores) => chooseJobs('auto', large, cores)), [1, 1, 1, 2, 2, 4, 4]);
    assert.equal(chooseJobs('auto', large.slice(0, 1), 16), 1);
    assert.equal(chooseJobs(3, large), 3);
    assert.equal(chooseJobs(3, large, 1), 3);
  });

  it('reports exactly what one thread reports, across shares', async () => {
    const root = project(FILES);
    try {
      const one = await runLint({ paths: ['.'], cwd: root, registry: rules, jobs: 1 });
      const fileCount = Object.keys(FILES).length - 1;
      const threaded = await runLint({ paths: ['.'], cwd: root, registry: rules, jobs: fileCount });
      assert.equal(threaded.threads, fileCount);
      assert.equal(one.threads, 1);
      assert.deepEqual(threaded.results, one.results);
      // With equal sizes, every file is a share of its own: each finding below needed another worker's objects.
      const sizes = one.results.map((result) => ({ text: result.source ?? '' }));
      assert.equal(shares(sizes, fileCount).length, fileCount);
      const found = (file: string) => one.results.find((result) => result.filePath.endsWith(file))!.messages.map((message) => message.ruleId);
      // The findings that need another share's objects are there.
      assert.ok(found('a-service.yaml').includes('service-target-port-missing'));
      assert.ok(found('b-lonely-service.yaml').includes('service-selector-no-match'));
      assert.ok(found('d-duplicate.yaml').includes('resource-duplicate'));
      assert.ok(found('g-widget.yaml').includes('schema-type'), found('g-widget.yaml').join(', '));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finishes when objects are nested too deep to pass between threads', { timeout: 60_000 }, async () => {
    // A list nested 3,000 levels deep could not be copied to the main thread (a stack overflow there): the message
    // was dropped and the run waited forever. Now the run is linted in one thread instead.
    let nested = '';
    for (let depth = 0; depth < 3_000; depth += 1) nested += `${'  '.repeat(depth + 2)}-\n`;
    const root = project({
      '.podlint.yaml': 'extends: all\n',
      'deep.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a:\n${nested}`,
      'other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  b: [c]\n',
    });
    try {
      const one = await runLint({ paths: ['.'], cwd: root, registry: rules, jobs: 1 });
      const threaded = await runLint({ paths: ['.'], cwd: root, registry: rules, jobs: 2 });
      const findings = (run: typeof one, file: string) => run.results.find((result) => result.filePath.endsWith(file))!.messages.map((message) => message.ruleId);
      assert.deepEqual(findings(threaded, 'other.yaml'), findings(one, 'other.yaml'));
      assert.deepEqual(findings(one, 'other.yaml'), ['schema-type']);
      // Where the parser runs out of stack depends on the stack it has: only that it says so is the same.
      assert.ok(findings(threaded, 'deep.yaml').length > 0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('gives the same output as one thread from the command line, on the corpus', (t) => {
    const corpus = join(here, '..', '..', '..', '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      t.skip('../shared/corpus is not present (a contributor clone); the test above still runs');
      return;
    }
    const root = mkdtempSync(join(tmpdir(), 'podlint-jobs-corpus-'));
    try {
      cpSync(corpus, join(root, 'corpus'), { recursive: true });
      writeFileSync(join(root, '.podlint.yaml'), 'extends: all\n');
      const run = (jobs: string, env: NodeJS.ProcessEnv = process.env) =>
        spawnSync(process.execPath, [BIN, '--jobs', jobs, '-f', 'json', 'corpus'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env });
      const one = run('1');
      const two = run('2');
      assert.equal(two.status, one.status);
      assert.equal(two.stderr, one.stderr);
      assert.ok(one.stdout.length > 100_000);
      assert.equal(two.stdout, one.stdout);
      // Three threads: this one forwards each worker's objects to the other. The workers run from the bundle
      // (bin/podlint.js with its worker argument); had they failed, the run would have said so and used one thread.
      const three = run('3', { ...process.env, PODLINT_DEBUG: '1' });
      assert.equal(three.stdout, one.stdout);
      assert.doesNotMatch(three.stderr, /worker threads failed/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a --jobs that is not a count', () => {
    const result = spawnSync(process.execPath, [BIN, '--jobs', 'many', '.'], { cwd: tmpdir(), encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'podlint: --jobs takes a whole number from 1 to 64, or auto, not "many"\nRun podlint --help for usage.\n');
  });
});

describe('a run too large to keep parsed at once', () => {
  it('is linted in parts, each file against the values of the others, with the results of one part', () => {
    const directory = '/project';
    const config = resolveConfig(rules, { path: `${directory}/.podlint.yaml`, directory, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, directory);
    const inputs: LintInput[] = Object.entries(FILES)
      .filter(([name]) => name !== '.podlint.yaml')
      .map(([name, text]) => ({ filePath: `${directory}/${name}`, text, config }));
    const linter = new Linter(rules);
    const whole = linter.lintFiles(inputs);
    // A budget of one character: every file is a part of its own, and every finding below needs another part's objects.
    assert.deepEqual(linter.lintFiles(inputs, { parsedTextBudget: 1 }), whole);
    // Parts of several files each: the first four files, then the last four.
    assert.deepEqual(linter.lintFiles(inputs, { parsedTextBudget: FILES['app/c-deployment.yaml']!.length * 3 }), whole);
    // Each thread's share in parts, with the objects of the shares before and after it (what lint-worker.ts does):
    // the Service in the first share needs the Deployment in the second, the Widget in the third its CRD.
    const values = (files: LintInput[]) => new PreparedRun(linter, files).transferable().flatMap(detachedResources);
    for (const [start, end] of [[0, 2], [2, 6], [6, inputs.length]] as const) {
      const share = new PreparedRun(linter, inputs.slice(start, end), 1);
      assert.deepEqual(share.lint(values(inputs.slice(0, start)), values(inputs.slice(end))), whole.slice(start, end));
    }
    const found = (file: string) => whole.find((result) => result.filePath.endsWith(file))!.messages.map((message) => message.ruleId);
    assert.ok(found('a-service.yaml').includes('service-target-port-missing'));
    assert.ok(found('b-lonely-service.yaml').includes('service-selector-no-match'));
    assert.ok(found('d-duplicate.yaml').includes('resource-duplicate'));
    assert.ok(found('g-widget.yaml').includes('schema-type'), found('g-widget.yaml').join(', '));
  });
});
