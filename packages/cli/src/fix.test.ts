// --fix and --fix-dry-run, with rules made for this test (the built-in rules are not involved): fixes that
// need several passes, fixes that never settle, a fix that would break the YAML, files that do not parse,
// and what the command writes (byte for byte, atomically, mode and byte-order mark kept) or prints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, LintTimings, RuleCreator, nodeAtPath, resolveConfig, type LintInput, type RuleRegistry } from '@podlint/core';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write.js';
import { MAX_FIX_PASSES, lintAndFix, writeFixedFile } from './fix.js';
import { joinedUpTo } from './main.js';
import { runCli, tempProject } from './testing/harness.js';

const createRule = RuleCreator((name) => `https://example.test/${name}`);

/** `imagePullPolicy: always` → `Always` (the API server accepts only the capitalised value). */
const pullPolicyCase = createRule({
  name: 'test-pull-policy-case',
  meta: { type: 'problem', severity: 'error', docs: { description: 'Test rule.', recommended: true }, messages: { lower: 'Write Always.' }, schema: [], fixable: 'code' },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (container.container.imagePullPolicy !== 'always') return;
        const node = nodeAtPath(resource.document, [...container.path, 'imagePullPolicy'])!;
        context.report({ node, messageId: 'lower', fix: (fixer) => fixer.replaceRange([node.range![0], node.range![1]], 'Always') });
      },
    };
  },
});

/** Replaces the first `_` of a container name per pass, so `a_b_c` needs two passes and a third to settle. */
const underscoreName = createRule({
  name: 'test-underscore-name',
  meta: { type: 'problem', severity: 'warning', docs: { description: 'Test rule.', recommended: true }, messages: { underscore: 'No underscores.' }, schema: [], fixable: 'code' },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        const node = nodeAtPath(resource.document, [...container.path, 'name']);
        if (!node?.range || typeof container.name !== 'string' || !container.name.includes('_')) return;
        const at = node.range[0] + context.file.text.slice(node.range[0], node.range[1]).indexOf('_');
        context.report({ node, messageId: 'underscore', fix: (fixer) => fixer.replaceRange([at, at + 1], '-') });
      },
    };
  },
});

/** Never settles: IfNotPresent ⇄ Never. */
const flipFlop = createRule({
  name: 'test-flip-flop',
  meta: { type: 'problem', severity: 'warning', docs: { description: 'Test rule.', recommended: true }, messages: { flip: 'Flip.' }, schema: [], fixable: 'code' },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        const policy = container.container.imagePullPolicy;
        if (policy !== 'IfNotPresent' && policy !== 'Never') return;
        const node = nodeAtPath(resource.document, [...container.path, 'imagePullPolicy'])!;
        context.report({ node, messageId: 'flip', fix: (fixer) => fixer.replaceRange([node.range![0], node.range![1]], policy === 'Never' ? 'IfNotPresent' : 'Never') });
      },
    };
  },
});

/** Its fix turns `name: break-me` into YAML that does not parse. */
const breaksYaml = createRule({
  name: 'test-breaks-yaml',
  meta: { type: 'problem', severity: 'warning', docs: { description: 'Test rule.', recommended: true }, messages: { broken: 'Break.' }, schema: [], fixable: 'code' },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        if (resource.name !== 'break-me') return;
        const node = nodeAtPath(resource.document, ['metadata', 'name'])!;
        context.report({ node, messageId: 'broken', fix: (fixer) => fixer.insertTextAfter([node.range![0], node.range![1]], ': [') });
      },
    };
  },
});

const fixing: RuleRegistry = { [pullPolicyCase.name]: pullPolicyCase, [underscoreName.name]: underscoreName };

const DEPLOYMENT = `# a comment that stays
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: "web"}}   # flow style stays
spec:
  template:
    spec:
      containers:
        - name: "my_web_app"     # quoted, three underscores
          imagePullPolicy: always
          image: 'nginx:1.27'
        - image: busybox:1.36
          name: side_car
`;

const FIXED_DEPLOYMENT = DEPLOYMENT.replace('"my_web_app"', '"my-web-app"').replace('always', 'Always').replace('side_car', 'side-car');

function inputOf(filePath: string, text: string, registry: RuleRegistry): LintInput {
  return { filePath, text, config: resolveConfig(registry, undefined, filePath) };
}

describe('lintAndFix', () => {
  it('repeats passes until nothing changes and keeps everything else byte for byte', () => {
    const run = lintAndFix(new Linter(fixing), [inputOf('/x/deploy.yaml', DEPLOYMENT, fixing)]);
    const [result] = run.results;
    assert.equal(result!.output, FIXED_DEPLOYMENT);
    assert.equal(result!.fixed, 4);
    assert.deepEqual(result!.messages, []);
    assert.deepEqual(run.unsettled, []);
  });

  it('adds up the times of every pass for --timing', () => {
    // A clock that moves one millisecond per reading: a rule's time counts its create() and visitor calls.
    const tickingClock = () => {
      let now = 0;
      return () => (now += 1);
    };
    const once = new LintTimings(tickingClock());
    new Linter(fixing, { timings: once }).lintFiles([inputOf('/x/deploy.yaml', DEPLOYMENT, fixing)]);
    const passes = new LintTimings(tickingClock());
    const run = lintAndFix(new Linter(fixing, { timings: passes }), [inputOf('/x/deploy.yaml', DEPLOYMENT, fixing)]);
    assert.equal(run.results[0]!.output, FIXED_DEPLOYMENT);
    // Three lints: the text as read, after the first fixes, and after the second (my_web_app needs two passes).
    assert.deepEqual(
      passes.rules(),
      once.rules().map(({ ruleId, ms }) => ({ ruleId, ms: ms * 3 })),
    );
    assert.equal(passes.parseMs, once.parseMs * 3);
  });

  it('stops after MAX_FIX_PASSES when fixes undo each other, and says so', () => {
    const registry = { [flipFlop.name]: flipFlop };
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: a:1, imagePullPolicy: IfNotPresent}\n';
    const run = lintAndFix(new Linter(registry), [inputOf('/x/pod.yaml', text, registry)]);
    assert.equal(MAX_FIX_PASSES % 2, 0, 'an even number of flips returns to the original text');
    assert.equal(run.results[0]!.output, undefined);
    assert.deepEqual(run.unsettled, ['/x/pod.yaml']);
    assert.equal(run.results[0]!.messages.length, 1);
  });

  it('undoes a pass whose fix would break the YAML, and never touches a file that does not parse', () => {
    const registry: RuleRegistry = { ...fixing, [breaksYaml.name]: breaksYaml };
    const breaking = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: break-me\n';
    const broken = `${DEPLOYMENT}---\nkey: [unclosed\n`;
    const run = lintAndFix(new Linter(registry), [inputOf('/x/breaking.yaml', breaking, registry), inputOf('/x/broken.yaml', broken, registry)]);
    assert.deepEqual(
      run.results.map((result) => [result.output, result.messages.map((message) => message.ruleId)]),
      [
        [undefined, ['test-breaks-yaml']],
        [undefined, ['test-underscore-name', 'test-pull-policy-case', 'test-underscore-name']],
      ],
    );
  });
});

describe('podlint --fix', () => {
  it('writes the fixed file in place, keeping its mode and byte-order mark, and reports what remains', async () => {
    const remaining = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: ok, image: a:1, imagePullPolicy: always}\n';
    const cwd = tempProject({ 'k8s/deploy.yaml': `\uFEFF${DEPLOYMENT}`, 'k8s/pod.yaml': remaining.replace('always', 'Always'), 'broken.yaml': `${DEPLOYMENT}---\n[\n` });
    chmodSync(join(cwd, 'k8s/deploy.yaml'), 0o640);
    const brokenBefore = readFileSync(join(cwd, 'broken.yaml'));
    const run = await runCli(['--fix', '--rule', 'test-flip-flop: off', 'k8s', 'broken.yaml'], { cwd, registry: { ...fixing, [flipFlop.name]: flipFlop } });
    assert.equal(readFileSync(join(cwd, 'k8s/deploy.yaml'), 'utf8'), `\uFEFF${FIXED_DEPLOYMENT}`, run.stdout + run.stderr);
    assert.equal(statSync(join(cwd, 'k8s/deploy.yaml')).mode & 0o777, 0o640);
    assert.deepEqual(readFileSync(join(cwd, 'broken.yaml')), brokenBefore);
    assert.deepEqual(readdirSync(join(cwd, 'k8s')).sort(), ['deploy.yaml', 'pod.yaml'], 'no temporary file is left behind');
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      [
        'broken.yaml',
        '  9:17   warning  No underscores.  test-underscore-name',
        '  10:28  error    Write Always.  test-pull-policy-case',
        '  13:17  warning  No underscores.  test-underscore-name',
        '',
        '✖ 3 problems (1 error, 2 warnings) (3 files linted, 3 objects, 1 unparsable document)',
        '  3 of them can be fixed automatically.',
        '  Applied 4 fixes in 1 file.',
        '',
      ].join('\n'),
    );
  });

  it('follows a symbolic link, so the link stays a link', async () => {
    const cwd = tempProject({ 'real/deploy.yaml': DEPLOYMENT });
    symlinkSync(join(cwd, 'real/deploy.yaml'), join(cwd, 'link.yaml'));
    const run = await runCli(['--fix', 'link.yaml'], { cwd, registry: fixing });
    assert.equal(run.code, 0, run.stdout);
    assert.ok(lstatSync(join(cwd, 'link.yaml')).isSymbolicLink());
    assert.equal(readFileSync(join(cwd, 'real/deploy.yaml'), 'utf8'), FIXED_DEPLOYMENT);
  });

  it('reports the problems still in a file whose fixes cannot be written, not those of the fixed text', async () => {
    const cwd = tempProject({ 'deploy.yaml': DEPLOYMENT });
    fs.linkSync(join(cwd, 'deploy.yaml'), join(cwd, 'other-name.yaml'));
    const run = await runCli(['--fix', '-f', 'compact', 'deploy.yaml'], { cwd, registry: fixing });
    assert.equal(readFileSync(join(cwd, 'deploy.yaml'), 'utf8'), DEPLOYMENT);
    assert.equal(run.stderr, `podlint: cannot write the fixes of ${join(cwd, 'deploy.yaml')}: it has 2 hard links, and a fixed copy in place of one would part it from the others; not rewritten\n`);
    assert.equal(run.code, 2);
    // Every problem --fix would have fixed, as in a run without it.
    const plain = await runCli(['-f', 'compact', 'deploy.yaml'], { cwd, registry: fixing });
    assert.equal(run.stdout, plain.stdout);
    assert.match(run.stdout, /Write Always/);
  });

  it('--fix-dry-run writes nothing; json carries the would-be output', async () => {
    const cwd = tempProject({ 'deploy.yaml': DEPLOYMENT });
    const run = await runCli(['--fix-dry-run', '-f', 'json', 'deploy.yaml'], { cwd, registry: fixing });
    assert.equal(readFileSync(join(cwd, 'deploy.yaml'), 'utf8'), DEPLOYMENT);
    const [result] = JSON.parse(run.stdout) as { output: string; messages: unknown[] }[];
    assert.equal(result!.output, FIXED_DEPLOYMENT);
    assert.deepEqual(result!.messages, []);
    assert.equal(run.code, 0);
  });

  it('with stdin prints the fixed text on stdout and the report on stderr', async () => {
    const cwd = tempProject();
    const run = await runCli(['--fix', '-f', 'compact', '-'], { cwd, registry: fixing, stdin: DEPLOYMENT.replace('apiVersion: apps/v1', 'apiVersion: apps/v1\nspare: [') });
    assert.equal(run.stdout, DEPLOYMENT.replace('apiVersion: apps/v1', 'apiVersion: apps/v1\nspare: ['), 'text that does not parse comes back unchanged');
    const fixedRun = await runCli(['--fix', '-f', 'compact', '-'], { cwd, registry: fixing, stdin: DEPLOYMENT });
    assert.equal(fixedRun.stdout, FIXED_DEPLOYMENT);
    assert.equal(fixedRun.stderr, '');
    assert.equal(fixedRun.code, 0);
  });

  it('refuses to write a file that changed while podlint ran', () => {
    const cwd = tempProject({ 'a.yaml': 'a: 1\n' });
    assert.throws(() => writeFixedFile(join(cwd, 'a.yaml'), 'a: 0\n', 'a: 2\n'), /changed while podlint ran/);
    assert.equal(readFileSync(join(cwd, 'a.yaml'), 'utf8'), 'a: 1\n');
  });

  it('refuses to write a file that other hard links share, which would keep the unfixed text', () => {
    const cwd = tempProject({ 'a.yaml': 'a: 1\n' });
    fs.linkSync(join(cwd, 'a.yaml'), join(cwd, 'b.yaml'));
    assert.throws(() => writeFixedFile(join(cwd, 'a.yaml'), 'a: 1\n', 'a: 2\n'), /has 2 hard links/);
    assert.deepEqual([readFileSync(join(cwd, 'a.yaml'), 'utf8'), statSync(join(cwd, 'a.yaml')).nlink], ['a: 1\n', 2]);
    fs.unlinkSync(join(cwd, 'b.yaml'));
    writeFixedFile(join(cwd, 'a.yaml'), 'a: 1\n', 'a: 2\n');
    assert.equal(readFileSync(join(cwd, 'a.yaml'), 'utf8'), 'a: 2\n');
  });
});

describe('writeFileAtomic', () => {
  const failing = (overrides: Partial<AtomicWriteFs>): AtomicWriteFs => ({ ...fs, ...overrides });

  it('leaves the original intact and no temporary file when the rename fails', () => {
    const cwd = tempProject({ 'a.yaml': 'original\n' });
    const io = failing({
      renameSync: () => {
        throw Object.assign(new Error('simulated'), { code: 'EXDEV' });
      },
    });
    assert.throws(() => writeFileAtomic(join(cwd, 'a.yaml'), 'replacement\n', io), /simulated/);
    assert.equal(readFileSync(join(cwd, 'a.yaml'), 'utf8'), 'original\n');
    assert.deepEqual(readdirSync(cwd), ['a.yaml']);
  });

  it('leaves the original intact when writing stops half-way (a full disk)', () => {
    const cwd = tempProject({ 'a.yaml': 'original\n' });
    let calls = 0;
    const io = failing({
      writeSync: (fd, data) => {
        calls += 1;
        if (calls > 1) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
        return fs.writeSync(fd, data.subarray(0, 3));
      },
    });
    assert.throws(() => writeFileAtomic(join(cwd, 'a.yaml'), 'replacement\n', io), /no space left/);
    assert.equal(readFileSync(join(cwd, 'a.yaml'), 'utf8'), 'original\n');
    assert.deepEqual(readdirSync(cwd), ['a.yaml']);
  });

  it('creates a file that does not exist yet', () => {
    const cwd = tempProject();
    writeFileAtomic(join(cwd, 'new.sarif'), '{}\n');
    assert.equal(readFileSync(join(cwd, 'new.sarif'), 'utf8'), '{}\n');
  });

  it('writes a text given in pieces (a report too long for one string), and leaves the original if a piece fails', () => {
    const cwd = tempProject({ 'report.json': 'old\n' });
    writeFileAtomic(join(cwd, 'report.json'), ['[', '{"é":1}', ',{"ü":2}', ']']);
    assert.equal(readFileSync(join(cwd, 'report.json'), 'utf8'), '[{"é":1},{"ü":2}]');
    let calls = 0;
    const io: AtomicWriteFs = {
      ...fs,
      writeSync: (fd: number, data: Uint8Array) => {
        calls += 1;
        if (calls === 3) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
        return fs.writeSync(fd, data);
      },
    };
    assert.throws(() => writeFileAtomic(join(cwd, 'report.json'), ['a', 'b', 'c', 'd'], io), /no space left/);
    assert.equal(readFileSync(join(cwd, 'report.json'), 'utf8'), '[{"é":1},{"ü":2}]');
    assert.deepEqual(readdirSync(cwd), ['report.json']);
  });
});

describe('joinedUpTo', () => {
  it('joins pieces into writes of about a given size, each piece whole and in order', () => {
    assert.deepEqual(joinedUpTo([], 4), ['']);
    assert.deepEqual(joinedUpTo(['ab', 'c', 'de', 'fghij', 'k'], 4), ['abc', 'de', 'fghij', 'k']);
    const pieces = Array.from({ length: 1000 }, (_, index) => `line ${index}\n`);
    const chunks = joinedUpTo(pieces, 100);
    assert.equal(chunks.join(''), pieces.join(''));
    assert.ok(chunks.every((chunk) => chunk.length <= 100));
    assert.ok(chunks.length < pieces.length / 5);
  });
});
