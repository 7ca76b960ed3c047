// The podlint command end to end: the real bin in temporary folders, asserting exact output and exit codes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'podlint.js');

// The foundation's rules only, so that these tests do not change as rules are added to the presets.
const FOUNDATION_RULES: Record<string, string> = {
  'yaml-syntax': 'error',
  'yaml-duplicate-key': 'error',
  'pod-port-collision': 'error',
  'bare-pod': 'warn',
  'image-tag-latest': 'warn',
};

/** A config with no preset and the foundation's rules, some changed, and more YAML after. */
function config(changes: Record<string, string> = {}, more = ''): string {
  const rules = Object.entries({ ...FOUNDATION_RULES, ...changes }).map(([id, severity]) => `  ${id}: ${severity}\n`);
  return `extends: []\nrules:\n${rules.join('')}${more}`;
}

const BASE_RULES = config();

function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'podlint-cli-'));
  const withConfig = '.podlint.yaml' in files ? files : { '.podlint.yaml': BASE_RULES, ...files };
  for (const [name, content] of Object.entries(withConfig)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

function podlint(cwd: string, args: string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const BAD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: a
      image: nginx
      ports: [{containerPort: 80}]
    - name: b
      image: nginx:1.27
      ports: [{containerPort: 80}]
`;

describe('podlint command', () => {
  it('exits 0 on clean files and says what it linted', () => {
    const root = project({ 'k8s/web.yaml': GOOD, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    const result = podlint(root, []);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '✔ no problems (2 files linted, 1 object, 1 non-Kubernetes document passed over)\n');
    assert.equal(result.stderr, '');
  });

  // Issue #8: every document is accounted for. A List is a Kubernetes document however empty (kubectl applies nothing
  // from it); the entries it holds that cannot be linted are counted even with the schema rules that report them off.
  it('accounts for Lists in the summary: empty ones, their objects, and the entries that cannot be linted', () => {
    const root = project({
      'empty.yaml': 'apiVersion: v1\nkind: List\nitems: []\n---\napiVersion: v1\nkind: List\nitems:\n',
      'mixed.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - 7\n  - metadata: {name: no-type}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: fine}}\n',
      'pods.yaml': 'apiVersion: v1\nkind: PodList\nitems:\n  - metadata: {name: typed-by-its-list}\n    spec: {containers: [{name: web, image: "nginx:1.27"}]}\n',
    });
    const result = podlint(root, ['empty.yaml', 'mixed.yaml', 'pods.yaml']);
    assert.equal(
      result.stdout,
      [
        'pods.yaml',
        '  4:5  warning  This Pod is not managed by a controller: when its node fails or it is evicted, nothing recreates it. Run it from a Deployment (or a StatefulSet, DaemonSet or Job) instead.  bare-pod',
        '',
        '✖ 1 problem (0 errors, 1 warning) (3 files linted, 2 objects, 2 empty Lists, 2 List items not linted)',
        '',
      ].join('\n'),
    );
    assert.equal(result.code, 0);
  });

  // Issue #8: a document with a kind but no apiVersion (or the other way round) is a Kubernetes object that cannot be
  // linted, not a document of another tool's: schema-required says what is missing, and the summary counts it.
  it('accounts for a document with only a kind or only an apiVersion as a Kubernetes document not linted', () => {
    const root = project({
      '.podlint.yaml': config({ 'schema-required': 'error' }),
      'half.yaml': '# a Pod without its apiVersion\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: web, image: "nginx:1.27"}]\n---\nmetadata: {name: b}\napiVersion: v1\n---\nname: ci\non: [push]\n',
    });
    const result = podlint(root, ['half.yaml']);
    assert.equal(
      result.stdout,
      [
        'half.yaml',
        '  2:1  error  This document has a kind but no apiVersion; every Kubernetes object needs both. For a Pod add "apiVersion: v1".  schema-required',
        '  7:1  error  This document has an apiVersion but no kind; every Kubernetes object needs both. Add the kind.  schema-required',
        '',
        '✖ 2 problems (2 errors, 0 warnings) (1 file linted, 0 objects, 2 documents without apiVersion or kind not linted, 1 non-Kubernetes document passed over)',
        '',
      ].join('\n'),
    );
    assert.equal(result.code, 1);
    const [json] = JSON.parse(podlint(root, ['--format', 'json', 'half.yaml']).stdout) as { messages: Record<string, unknown>[]; counts: Record<string, number> }[];
    assert.deepEqual(
      json!.messages.map(({ messageId, line, column, endLine, endColumn }) => ({ messageId, line, column, endLine, endColumn })),
      [
        { messageId: 'noApiVersionFor', line: 2, column: 1, endLine: 2, endColumn: 10 },
        { messageId: 'noKind', line: 7, column: 1, endLine: 7, endColumn: 20 },
      ],
    );
    assert.deepEqual(json!.counts, { resources: 0, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 2, otherDocuments: 1, brokenDocuments: 0 });
    // Counted as not linted with the rule that reports them off, too: never passed over as not Kubernetes.
    const quiet = podlint(root, ['--rule', 'schema-required: off', 'half.yaml']);
    assert.equal(quiet.stdout, '✔ no problems (1 file linted, 0 objects, 2 documents without apiVersion or kind not linted, 1 non-Kubernetes document passed over)\n');
    assert.equal(quiet.code, 0);
  });

  it('prints problems grouped by file and exits 1 on errors', () => {
    const root = project({ 'pod.yaml': BAD });
    const result = podlint(root, ['pod.yaml']);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      [
        'pod.yaml',
        '  2:7    warning  This Pod is not managed by a controller: when its node fails or it is evicted, nothing recreates it. Run it from a Deployment (or a StatefulSet, DaemonSet or Job) instead.  bare-pod',
        '  8:14   warning  Image "nginx" has no tag, so it means :latest: the image can change under a running workload, and pods of one workload may run different versions. Pin a version tag or a digest.  image-tag-latest',
        '  12:31  error    Container "b" declares port 80/TCP, which container "a" of the same pod already declares. Containers in a pod share one network namespace, so only one of them can listen on it: use another port, or move one container to its own pod.  pod-port-collision',
        '',
        '✖ 3 problems (1 error, 2 warnings) (1 file linted, 1 object)',
        '',
      ].join('\n'),
    );
  });

  it('stops quietly when the reader of its report goes away (podlint . | head), with the exit code of the run', async () => {
    // 30,000 problems: a report of several MB, written in several pieces, most of them after the reader has gone.
    const root = project({ 'dups.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dups\ndata:\n${'  k: v\n'.repeat(30_000)}` });
    const child = spawn(process.execPath, [BIN, '--format', 'compact', 'dups.yaml'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // Read the first piece, then close the pipe, as `head -1` does.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.match(first, /^dups\.yaml:7:3: error Key "k" appears twice/);
    assert.equal(stderr, '');
    assert.equal(code, 1);
  });

  it('writes no report or baseline over a file it lints, but again over its own report or baseline', () => {
    const root = project({ 'pod.yaml': BAD, 'values.yaml': 'replicas: 3\n' });
    for (const args of [['-o', 'pod.yaml', '.'], ['-f', 'json:values.yaml', '.'], ['--baseline', 'pod.yaml', '--update-baseline', 'pod.yaml']]) {
      const result = podlint(root, args);
      const target = args.includes('-o') ? 'pod.yaml' : args.includes('-f') ? 'values.yaml' : 'pod.yaml';
      assert.deepEqual(result, { code: 2, stdout: '', stderr: `podlint: ${target} is a file this run lints: podlint writes no report or baseline over it; name another file\n` }, args.join(' '));
    }
    assert.equal(readFileSync(join(root, 'pod.yaml'), 'utf8'), BAD);
    assert.equal(readFileSync(join(root, 'values.yaml'), 'utf8'), 'replicas: 3\n');
    // The JSON report, the SARIF report and the baseline are found in the folder on the second run, and written again.
    for (let run = 0; run < 2; run += 1) {
      assert.equal(podlint(root, ['-f', 'json:report.json', '-f', 'sarif:report.sarif.json', '.']).code, 1);
      assert.equal(podlint(root, ['--baseline', 'baseline.json', '--update-baseline', '.']).code, 0);
    }
  });

  it('writes ESLint-shaped JSON with 1-based positions', () => {
    const root = project({ 'pod.yaml': BAD });
    const result = podlint(root, ['--format', 'json', '--rule', 'bare-pod: off', '--rule', 'image-tag-latest: off', 'pod.yaml']);
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout), [
      {
        filePath: join(root, 'pod.yaml'),
        messages: [
          {
            ruleId: 'pod-port-collision',
            messageId: 'containerPort',
            severity: 2,
            level: 'error',
            message: 'Container "b" declares port 80/TCP, which container "a" of the same pod already declares. Containers in a pod share one network namespace, so only one of them can listen on it: use another port, or move one container to its own pod.',
            line: 12,
            column: 31,
            endLine: 12,
            endColumn: 33,
            object: { apiVersion: 'v1', kind: 'Pod', name: 'web' },
          },
        ],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 0,
        infoCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        counts: { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 },
      },
    ]);
  });

  it('exits 2 naming a missing path or a pattern that matches nothing', () => {
    const root = project({ 'a.yaml': GOOD });
    assert.deepEqual(podlint(root, ['a.yaml', 'missing.yaml']), { code: 2, stdout: '', stderr: 'podlint: no such file or directory: missing.yaml\n' });
    assert.deepEqual(podlint(root, ['k8s/**/*.yaml']), { code: 2, stdout: '', stderr: 'podlint: no files match the pattern: k8s/**/*.yaml\n' });
  });

  it('exits 2 with file:line:col for a bad config, and for a bad --rule', () => {
    const root = project({ '.podlint.yaml': 'rules:\n  bare-pods: off\n', 'a.yaml': GOOD });
    assert.deepEqual(podlint(root, ['a.yaml']), { code: 2, stdout: '', stderr: `podlint: ${join(root, '.podlint.yaml')}:2:3: unknown rule "bare-pods"; did you mean "bare-pod"?\n` });
    const clean = project({ 'a.yaml': GOOD });
    assert.deepEqual(podlint(clean, ['--rule', 'image-tag-latests: off', 'a.yaml']), { code: 2, stdout: '', stderr: 'podlint: --rule:1:1: unknown rule "image-tag-latests"; did you mean "image-tag-latest"?\n' });
    assert.equal(podlint(clean, ['--format', 'xml']).stderr, 'podlint: unknown format "xml"; use one of: stylish, json, compact, github, junit, sarif\n');
    assert.equal(podlint(clean, ['--max-warnings', 'many']).code, 2);
    // What a config quotes is written out: it cannot add a line to the message, or clear the screen.
    const evil = project({ '.podlint.yaml': 'rules:\n  "x\\e[2J\\nfake: line": off\n', 'a.yaml': GOOD });
    assert.deepEqual(podlint(evil, ['a.yaml']), { code: 2, stdout: '', stderr: `podlint: ${join(evil, '.podlint.yaml')}:2:3: unknown rule "x\\u001b[2J\\nfake: line"\n` });
  });

  it('uses the nearest config, with overrides, and --max-warnings and --quiet', () => {
    const root = project({
      '.podlint.yaml': config({ 'pod-port-collision': 'warn' }, 'overrides:\n  - files: ["dev/**"]\n    rules:\n      image-tag-latest: off\n'),
      'pod.yaml': BAD,
      'dev/pod.yaml': BAD,
      'team/.podlint.yaml': config({ 'bare-pod': 'error' }),
      'team/pod.yaml': BAD,
    });
    const json = (args: string[]) => JSON.parse(podlint(root, ['-f', 'json', ...args]).stdout) as { filePath: string; messages: { ruleId: string; level: string }[] }[];
    const summary = json(['.']).map((file) => `${file.filePath.slice(root.length + 1)}: ${file.messages.map((message) => `${message.ruleId}=${message.level}`).join(' ')}`);
    assert.deepEqual(summary, [
      'dev/pod.yaml: bare-pod=warning pod-port-collision=warning',
      'pod.yaml: bare-pod=warning image-tag-latest=warning pod-port-collision=warning',
      'team/pod.yaml: bare-pod=error image-tag-latest=warning pod-port-collision=error',
    ]);
    assert.equal(podlint(root, ['pod.yaml']).code, 0);
    assert.equal(podlint(root, ['--max-warnings', '2', 'pod.yaml']).code, 1);
    assert.equal(podlint(root, ['--max-warnings', '3', 'pod.yaml']).code, 0);
    assert.equal(podlint(root, ['--quiet', 'pod.yaml']).stdout, '✔ no problems (1 file linted, 1 object)\n');
  });

  it('applies an override of a config named by -c outside the linted folder only to the files it matches', () => {
    const root = project({
      '.github/linters/.podlint.yaml': config({}, 'overrides:\n  - files: ["dev.yaml"]\n    rules:\n      bare-pod: off\n'),
      'k8s/dev.yaml': BAD,
      'k8s/prod.yaml': BAD,
    });
    const args = ['-c', '.github/linters/.podlint.yaml', '-f', 'compact', '--rule', 'image-tag-latest: off', '--rule', 'pod-port-collision: off'];
    const prod = 'k8s/prod.yaml:2:7: warning This Pod is not managed by a controller: when its node fails or it is evicted, nothing recreates it. Run it from a Deployment (or a StatefulSet, DaemonSet or Job) instead. [bare-pod]\n';
    // Linted together or alone, prod.yaml is reported as its --print-config says; dev.yaml, first, used to set the key of both.
    assert.deepEqual(podlint(root, [...args, 'k8s/dev.yaml', 'k8s/prod.yaml']), { code: 0, stdout: prod, stderr: '' });
    assert.deepEqual(podlint(root, [...args, 'k8s/prod.yaml']), { code: 0, stdout: prod, stderr: '' });
  });

  it('counts the warnings --quiet does not show toward --max-warnings, and --fix --quiet applies only the fixes of errors', () => {
    const saved = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: saved\n  resourceVersion: "1"\ndata: {a: b}\n';
    const root = project({ '.podlint.yaml': config({ 'no-server-fields': 'warn', 'no-status-field': 'error' }), 'saved.yaml': `${saved}status: {}\n` });
    const fixed = podlint(root, ['--fix', '--quiet', 'saved.yaml']);
    assert.equal(readFileSync(join(root, 'saved.yaml'), 'utf8'), saved);
    assert.deepEqual(fixed, { code: 0, stdout: '✔ no problems (1 file linted, 1 object)\n  Applied 1 fix in 1 file.\n', stderr: '' });
    assert.deepEqual(podlint(root, ['--quiet', '--max-warnings', '0', 'saved.yaml']), {
      code: 1,
      stdout: '✔ no problems (1 file linted, 1 object)\n',
      stderr: 'podlint: 1 warning (not shown with --quiet), more than --max-warnings 0\n',
    });
    assert.deepEqual(podlint(root, ['--quiet', '--max-warnings', '1', 'saved.yaml']), { code: 0, stdout: '✔ no problems (1 file linted, 1 object)\n', stderr: '' });
    // Without --quiet, --fix applies the warning's fix too.
    assert.deepEqual(podlint(root, ['--fix', 'saved.yaml']).code, 0);
    assert.equal(readFileSync(join(root, 'saved.yaml'), 'utf8'), saved.replace('  resourceVersion: "1"\n', ''));
  });

  it('takes --max-warnings in decimal digits only, and -1 for no limit as ESLint does', () => {
    const root = project({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - {name: a, image: nginx}\n' });
    const usage = (value: string) => ({ code: 2, stdout: '', stderr: `podlint: --max-warnings takes a whole number of warnings, or -1 for no limit, not "${value}"\nRun podlint --help for usage.\n` });
    // "" is an unset CI variable: it was taken as 0, and the others as the numbers JavaScript reads in them.
    for (const value of ['', '1e1', '0x2', '1.0', ' 1', '+1', '-2', '-0', 'many']) {
      assert.deepEqual(podlint(root, ['--max-warnings', value, 'pod.yaml']), usage(value), value);
      assert.deepEqual(podlint(root, [`--max-warnings=${value}`, 'pod.yaml']), usage(value), value);
    }
    // pod.yaml has two warnings (bare-pod, image-tag-latest) and no error.
    assert.equal(podlint(root, ['-f', 'compact', 'pod.yaml']).stdout.split('\n').filter((line) => line.includes(': warning ')).length, 2);
    for (const args of [['--max-warnings', '-1'], ['--max-warnings=-1'], ['--max-warnings', '2'], ['--max-warnings', '002']]) {
      assert.deepEqual({ ...podlint(root, [...args, 'pod.yaml']), stdout: '' }, { code: 0, stdout: '', stderr: '' }, args.join(' '));
    }
    assert.deepEqual({ ...podlint(root, ['--max-warnings', '1', 'pod.yaml']), stdout: '' }, { code: 1, stdout: '', stderr: 'podlint: 2 warnings, more than --max-warnings 1\n' });
    const one = project({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - {name: a, image: "nginx:1.27"}\n' });
    assert.deepEqual({ ...podlint(one, ['--max-warnings', '0', 'pod.yaml']), stdout: '' }, { code: 1, stdout: '', stderr: 'podlint: 1 warning, more than --max-warnings 0\n' });
  });

  it('honours .gitignore and config ignores, and says so for a named ignored file', () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n',
      '.podlint.yaml': `${BASE_RULES}ignores: ["vendor/**"]\n`,
      'build/pod.yaml': BAD,
      'vendor/pod.yaml': BAD,
      'app/.gitignore': 'local.yaml\n',
      'app/local.yaml': BAD,
      // A folder's .gitignore applies to the folders under it, up to the repository's root.
      'app/deep/er/local.yaml': BAD,
      'app/web.yaml': GOOD,
      'node_modules/x/pod.yaml': BAD,
    });
    assert.equal(podlint(root, []).stdout, '✔ no problems (1 file linted, 1 object)\n');
    assert.match(podlint(root, ['--no-ignore', '-f', 'json']).stdout, /vendor\/pod\.yaml.*build\/pod\.yaml|build\/pod\.yaml[\s\S]*vendor\/pod\.yaml/);
    const named = podlint(root, ['vendor/pod.yaml']);
    assert.equal(named.code, 0);
    assert.equal(named.stdout, 'vendor/pod.yaml\n  skipped: matched by an `ignores` pattern of the config (use --no-ignore to lint it)\n\n✔ no problems (0 files linted, 0 objects, 1 file skipped)\n');
  });

  it('says a folder or glob whose files are all ignored is an error (as ESLint does), and skips an ignored named file or stdin name with a notice', () => {
    const root = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'gen/\n',
      '.podlint.yaml': `${BASE_RULES}ignores: ["vendor/**", "gen/extra.yaml"]\n`,
      'gen/pod.yaml': BAD,
      'gen/extra.yaml': BAD,
      'vendor/pod.yaml': BAD,
      'mixed/pod.yaml': GOOD,
    });
    const allIgnored = (pattern: string, by: string) => ({ code: 2, stdout: '', stderr: `podlint: all files matched by "${pattern}" are ignored (${by}); use --no-ignore to lint them\n` });
    // A glob over ignored files used to say that no file matched it; a folder of them was linted as empty, with exit 0.
    assert.deepEqual(podlint(root, ['gen/*.yaml']), allIgnored('gen/*.yaml', '.gitignore'));
    assert.deepEqual(podlint(root, ['gen']), allIgnored('gen', '.gitignore'));
    assert.deepEqual(podlint(root, ['vendor/*.yaml']), allIgnored('vendor/*.yaml', "the config's ignores"));
    assert.deepEqual(podlint(root, ['mixed', 'vendor']), allIgnored('vendor', "the config's ignores"));
    assert.deepEqual(podlint(root, ['gen/*.yaml', '--no-ignore', '-f', 'compact', '--rule', 'bare-pod: off', '--rule', 'image-tag-latest: off']).code, 1);
    // A glob that matches nothing at all is still said so.
    assert.deepEqual(podlint(root, ['none/*.yaml']), { code: 2, stdout: '', stderr: 'podlint: no files match the pattern: none/*.yaml\n' });
    // Named, a file is skipped with a notice, whichever ignores it (a gitignored one used to be linted).
    const skipped = (name: string, by: string) => `${name}\n  skipped: matched by ${by} (use --no-ignore to lint it)\n\n✔ no problems (0 files linted, 0 objects, 1 file skipped)\n`;
    assert.deepEqual(podlint(root, ['gen/pod.yaml']), { code: 0, stdout: skipped('gen/pod.yaml', '.gitignore'), stderr: '' });
    assert.deepEqual(podlint(root, ['vendor/pod.yaml']), { code: 0, stdout: skipped('vendor/pod.yaml', 'an `ignores` pattern of the config'), stderr: '' });
    // Piped in under an ignored name, as an editor or a pre-commit pipe does: the same notice, and --fix gives the text back as it came.
    for (const name of ['vendor/pod.yaml', 'gen/pod.yaml']) {
      const by = name.startsWith('gen') ? '.gitignore' : 'an `ignores` pattern of the config';
      assert.deepEqual(podlint(root, ['--max-warnings', '0', '--stdin-filename', name, '-'], BAD), { code: 0, stdout: skipped(name, by), stderr: '' });
      assert.deepEqual(podlint(root, ['--fix', '--stdin-filename', name, '-'], BAD), { code: 0, stdout: BAD, stderr: skipped(name, by) });
      assert.equal(podlint(root, ['--no-ignore', '--stdin-filename', name, '-'], BAD).code, 1);
    }
  });

  it('reads stdin, named by --stdin-filename; helm template output is reported in its template files', () => {
    const root = project({ '.podlint.yaml': config({ 'bare-pod': 'off' }) });
    const named = podlint(root, ['-f', 'json', '--stdin-filename', 'rendered.yaml', '-'], BAD);
    assert.equal(named.code, 1);
    const [file] = JSON.parse(named.stdout) as { filePath: string; counts: unknown; messages: { ruleId: string; line: number }[] }[];
    assert.equal(file!.filePath, join(root, 'rendered.yaml'));
    assert.deepEqual(file!.messages.map((message) => `${message.line} ${message.ruleId}`), ['8 image-tag-latest', '12 pod-port-collision']);
    // Each document's `# Source:` names its template; lines count from the line after that comment.
    const rendered = `---\n# Source: shop/templates/pod.yaml\n${BAD}---\n# Source: shop/templates/deploy.yaml\n${GOOD}`;
    const result = podlint(root, ['-f', 'json', '--stdin-filename', 'rendered.yaml', '-'], rendered);
    assert.equal(result.code, 1);
    const files = JSON.parse(result.stdout) as { filePath: string; counts: unknown; messages: { ruleId: string; line: number }[] }[];
    assert.deepEqual(
      files.map((each) => [each.filePath, each.counts, each.messages.map((message) => `${message.line} ${message.ruleId}`)]),
      [
        [join(root, 'shop/templates/deploy.yaml'), { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 }, []],
        [join(root, 'shop/templates/pod.yaml'), { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 }, ['8 image-tag-latest', '12 pod-port-collision']],
      ],
    );
    assert.equal(podlint(root, ['-'], GOOD).stdout, '✔ no problems (1 file linted, 1 object)\n');
  });

  it('keeps the byte-order mark of stdin in the text --fix prints, as it keeps a file\'s, and counts positions after it', () => {
    const root = project({ '.podlint.yaml': config({ 'no-status-field': 'warn' }), 'bad.yaml': `\uFEFF${BAD}` });
    const fixed = podlint(root, ['--fix', '-'], Buffer.from(`\uFEFF${GOOD}status:\n  replicas: 1\n`));
    assert.equal(fixed.stdout, `\uFEFF${GOOD}`, fixed.stderr);
    assert.equal(podlint(root, ['--fix', '-'], Buffer.from(`\uFEFF${GOOD}`)).stdout, `\uFEFF${GOOD}`);
    const positions = (stdout: string) => (JSON.parse(stdout) as { messages: { line: number; column: number; ruleId: string }[] }[])[0]!.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);
    const fromFile = positions(podlint(root, ['-f', 'json', 'bad.yaml']).stdout);
    assert.deepEqual(fromFile, ['2:7 bare-pod', '8:14 image-tag-latest', '12:31 pod-port-collision']);
    assert.deepEqual(positions(podlint(root, ['-f', 'json', '-'], Buffer.from(`\uFEFF${BAD}`)).stdout), fromFile);
  });

  it('reads UTF-16 with a byte-order mark as kubectl does, with the positions of the same text in UTF-8, and fixes it in UTF-16', () => {
    const utf16 = (text: string, bigEndian: boolean) => {
      const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
      return bigEndian ? bytes.swap16() : bytes;
    };
    const withStatus = `${BAD}status:\n  phase: Running\n`;
    const root = project({
      '.podlint.yaml': config({ 'no-status-field': 'warn' }),
      'le/pod.yaml': utf16(withStatus, false),
      'be/pod.yaml': utf16(withStatus, true),
      'utf8/pod.yaml': withStatus,
    });
    const report = (folder: string) => podlint(root, [folder]);
    const expected = report('utf8');
    assert.equal(expected.code, 1);
    assert.match(expected.stdout, /^utf8\/pod\.yaml\n {2}2:7 {4}warning [^\n]+bare-pod\n {2}8:14 [\s\S]+\n {2}13:1 {3}warning [^\n]+no-status-field\n/);
    for (const folder of ['le', 'be']) {
      const result = report(folder);
      assert.deepEqual({ ...result, stdout: result.stdout.replace(`${folder}/`, 'utf8/') }, expected, folder);
    }
    const fixedLe = podlint(root, ['--fix', 'le']);
    assert.equal(fixedLe.code, 1, fixedLe.stderr);
    assert.deepEqual(readFileSync(join(root, 'le/pod.yaml')), utf16(BAD, false));
    podlint(root, ['--fix', 'be']);
    assert.deepEqual(readFileSync(join(root, 'be/pod.yaml')), utf16(BAD, true));
    // Stdin is read the same way, and its fixed text printed in its own encoding.
    const stdin = spawnSync(process.execPath, [BIN, '--fix', '-'], { cwd: root, input: utf16(withStatus, true), env: { ...process.env, NO_COLOR: '1' } });
    assert.deepEqual(stdin.stdout, utf16(BAD, true));
    assert.match(stdin.stderr.toString(), /^<stdin>\n {2}2:7 /);
  });

  it('reports UTF-16 that is not valid after its byte-order mark, and UTF-32, as not read; without a mark UTF-16 is binary', () => {
    const root = project({
      'odd.yaml': Buffer.concat([Buffer.from('\uFEFFkind: Pod\n', 'utf16le'), Buffer.from([0x61])]),
      'lone.yaml': Buffer.from('\uFEFFkind: \uD800\n', 'utf16le'),
      'wide.yaml': Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]),
      'unmarked.yaml': Buffer.from('kind: Pod\n', 'utf16le'),
    });
    const result = podlint(root, []);
    assert.equal(result.code, 2);
    assert.equal(
      result.stdout,
      [
        'lone.yaml',
        '  unreadable: not valid UTF-16LE text, though it starts with a UTF-16LE byte-order mark (half of a surrogate pair, at line 1, column 7); re-encode the file',
        '',
        'odd.yaml',
        '  unreadable: not valid UTF-16LE text, though it starts with a UTF-16LE byte-order mark (an odd byte at the end, at line 2, column 1); re-encode the file',
        '',
        'unmarked.yaml',
        '  skipped: a binary file (a NUL byte at line 1, column 2), not a manifest',
        '',
        'wide.yaml',
        '  unreadable: UTF-32 text (it starts with a UTF-32 byte-order mark), which kubectl does not read; re-encode the file as UTF-8',
        '',
        '✖ no problems found, but 3 files could not be read (0 files linted, 0 objects, 1 file skipped, 3 files not read)',
        '',
      ].join('\n'),
    );
    assert.deepEqual(podlint(root, ['-'], Buffer.from('\uFEFFkind: \uD800\n', 'utf16le')), {
      code: 2,
      stdout: '',
      stderr: 'podlint: stdin: not valid UTF-16LE text, though it starts with a UTF-16LE byte-order mark (half of a surrogate pair, at line 1, column 7)\n',
    });
  });

  it('names files whose names hold line breaks or bytes that are not UTF-8, each on its own line', (t) => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n';
    const root = project({ '.podlint.yaml': config({ 'resource-duplicate': 'error' }), 'ok.yaml': configMap });
    try {
      writeFileSync(Buffer.concat([Buffer.from(`${root}/bad`), Buffer.from([0xff]), Buffer.from('name.yaml')]), configMap);
      // Sorted first, so that ok.yaml's duplicate names it in its message.
      writeFileSync(join(root, 'a\nfirst.yaml'), `${configMap}data: {k: 1, k: 2}\n`);
    } catch (error) {
      t.skip(`this file system refuses such names: ${(error as Error).message}`);
      return;
    }
    const result = podlint(root, ['--format', 'compact', '.']);
    assert.equal(result.code, 2);
    assert.equal(
      result.stdout,
      [
        'a\\nfirst.yaml:5:14: error Key "k" appears twice in this mapping; kubectl rejects the file, and other tools silently keep only one value. Remove or merge one of them. [yaml-duplicate-key]',
        'bad\uFFFDname.yaml: unreadable: its name is not valid UTF-8 (shown with \uFFFD for the bytes that are not), so it cannot be opened by name; rename it',
        'ok.yaml:4:9: error ConfigMap "same" is already defined in a\\nfirst.yaml; applying both makes this one silently replace it. Remove one of them or give this one another name. [resource-duplicate]',
        '',
      ].join('\n'),
    );
  });

  it('skips Helm templates and binary files with a notice; non-UTF-8 text is an I/O error; both say where', () => {
    const root = project({
      'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n',
      'blob.yaml': Buffer.from([0x61, 0x00, 0x62]),
    });
    const result = podlint(root, []);
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      'blob.yaml\n  skipped: a binary file (a NUL byte at line 1, column 2), not a manifest\n\nchart/templates/deploy.yaml\n  skipped: a Helm/Go template ({{ }}), not YAML until rendered; lint the output of `helm template` instead (`helm template . | podlint -`)\n\n✔ no problems (0 files linted, 0 objects, 2 files skipped)\n',
    );
    const latin1 = project({ 'latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata: {a: "caf\xe9"}\n', 'latin1') });
    const broken = podlint(latin1, ['-f', 'compact']);
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout, 'latin1.yaml: unreadable: not valid UTF-8 text (byte 0xE9 at line 3, column 15); Kubernetes manifests are UTF-8: re-encode the file\n');
    assert.deepEqual(podlint(latin1, ['-'], readFileSync(join(latin1, 'latin1.yaml'))), { code: 2, stdout: '', stderr: 'podlint: stdin: not valid UTF-8 text (byte 0xE9 at line 3, column 15)\n' });
  });

  it('finishes on a symlink loop, lints symlinked files, and names the symlinked folders it does not enter and the broken links', () => {
    const root = project({ 'k8s/web.yaml': GOOD });
    symlinkSync('..', join(root, 'k8s', 'up'));
    symlinkSync(join(root, 'k8s', 'web.yaml'), join(root, 'linked.yaml'));
    symlinkSync(join(root, 'nowhere.yaml'), join(root, 'dangling.yaml'));
    const result = podlint(root, ['-f', 'json']);
    assert.equal(result.code, 2);
    const files = JSON.parse(result.stdout) as { filePath: string; skipped?: { kind: string; folder?: true } }[];
    assert.deepEqual(
      files.map((file) => [file.filePath.slice(root.length + 1), file.skipped?.kind, file.skipped?.folder]),
      [
        ['dangling.yaml', 'unreadable', undefined],
        ['k8s/up', 'ignored', true],
        ['k8s/web.yaml', undefined, undefined],
        ['linked.yaml', undefined, undefined],
      ],
    );
    const stylish = podlint(root, []);
    assert.equal(
      stylish.stdout,
      [
        'dangling.yaml',
        `  unreadable: a broken symbolic link (to ${join(root, 'nowhere.yaml')}): the file it points to does not exist`,
        '',
        'k8s/up',
        '  skipped: a symbolic link to a folder (..); links to folders are not followed (git does not follow them either): name the folder to lint it',
        '',
        '✖ no problems found, but 1 file could not be read (2 files linted, 2 objects, 1 folder skipped, 1 file not read)',
        '',
      ].join('\n'),
    );
    // Named, a linked folder is searched (and the link inside it named again).
    assert.match(podlint(root, ['k8s/up/k8s']).stdout, /^k8s\/up\/k8s\/up\n[^\n]+\n\n✔ no problems \(1 file linted, 1 object, 1 folder skipped\)\n$/);
  });

  it('prints the config that applies to a file, and lists rules', () => {
    const root = project({ '.podlint.yaml': 'kubernetesVersion: 1.30\nrules:\n  bare-pod: off\n' });
    const printed = JSON.parse(podlint(root, ['--print-config', 'x.yaml']).stdout) as { configFile: string; kubernetesVersion: string; rules: Record<string, unknown> };
    assert.equal(printed.configFile, join(root, '.podlint.yaml'));
    assert.equal(printed.kubernetesVersion, '1.30');
    assert.equal(printed.rules['bare-pod'], 'off');
    assert.equal(printed.rules['pod-port-collision'], 'error');
    const listed = podlint(root, ['--list-rules']).stdout.split('\n');
    assert.match(listed[0]!, /^rule\s+now\s+fixes\s+description$/);
    assert.ok(listed.some((line) => /^bare-pod\s+off\s/.test(line)));
  });

  it('answers --help and --version, and rejects unknown options with exit 2', () => {
    const root = project({});
    assert.match(podlint(root, ['--help']).stdout, /^Usage: podlint \[options\]/);
    assert.match(podlint(root, ['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    assert.deepEqual(podlint(root, ['--frobnicate']), { code: 2, stdout: '', stderr: "podlint: Unknown option '--frobnicate'\nRun podlint --help for usage.\n" });
  });

  it('says each usage error in one line, never with Node\'s hints as escaped line breaks', () => {
    const root = project({ 'pod.yaml': GOOD });
    const usage = (line: string) => ({ code: 2, stdout: '', stderr: `podlint: ${line}\nRun podlint --help for usage.\n` });
    assert.deepEqual(podlint(root, ['-c', '-f', 'json', 'pod.yaml']), usage('-c needs a value, but -f follows it (for a value that starts with "-", write --config=-f)'));
    assert.deepEqual(podlint(root, ['pod.yaml', '--stdin-filename', '--quiet']), usage('--stdin-filename needs a value, but --quiet follows it (for a value that starts with "-", write --stdin-filename=--quiet)'));
    assert.deepEqual(podlint(root, ['pod.yaml', '--config']), usage('--config needs a value'));
    assert.deepEqual(podlint(root, ['--max-file-size', '-1', 'pod.yaml']), usage('--max-file-size takes a size in MB (0 for no limit), not "-1"'));
    assert.deepEqual(podlint(root, ['--jobs', '-2', 'pod.yaml']), usage('--jobs takes a whole number from 1 to 64, or auto, not "-2"'));
    assert.deepEqual(podlint(root, ['--quiet=yes', 'pod.yaml']), usage("Option '--quiet' does not take an argument"));
    // - is stdin, a value like any other; after --, arguments are paths.
    assert.equal(podlint(root, ['--stdin-filename', '-', '-'], GOOD).code, 0);
    assert.equal(podlint(root, ['--', 'pod.yaml']).code, 0);
  });
});
