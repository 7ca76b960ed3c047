// Hostile input, through the real command in a child process: what a user sees for each. Every run has a memory
// cap (a runaway heap fails the test) and a generous timeout that only catches a hang; no speed is asserted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configMap, podlint, unprivileged, workspace } from './testing/hostile.js';

describe('hostile input', () => {
  it('reports a 50 MB file as not read, without reading it, and lints the rest', () => {
    const root = workspace({ 'small.yaml': configMap('small') });
    const chunk = configMap('big').replace('name: big', 'name: big-000000');
    writeFileSync(join(root, 'huge.yaml'), `---\n${chunk}`.repeat(Math.ceil((50 * 1024 * 1024) / (chunk.length + 4))));
    const result = podlint(root, ['.']);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^huge\.yaml\n {2}not read: 50\.\d MB is over the 16 MB limit for one file .*raise it with --max-file-size <MB>, or 0 for no limit$/m);
    assert.match(result.stdout, /^✖ no problems found, but 1 file could not be read \(1 file linted, 1 object, 1 file not read\)$/m);
  });

  it('lints a file over the limit when the limit is raised, and applies the limit to stdin too', () => {
    const root = workspace();
    const text = Array.from({ length: 8000 }, (_, index) => `---\n${configMap(`cm-${index}`)}`).join('');
    writeFileSync(join(root, 'many.yaml'), text);
    assert.ok(text.length > 512 * 1024);
    const limited = podlint(root, ['--max-file-size', '0.5', 'many.yaml']);
    assert.equal(limited.code, 2);
    assert.match(limited.stdout, /^many\.yaml\n {2}not read: 0\.\d+ MB is over the 0\.5 MB limit/m);
    const raised = podlint(root, ['--max-file-size', '1', 'many.yaml']);
    assert.equal(raised.code, 0);
    assert.equal(raised.stdout, '✔ no problems (1 file linted, 8000 objects)\n');
    const stdin = podlint(root, ['--max-file-size', '0.5', '-'], text);
    assert.equal(stdin.code, 2);
    assert.match(stdin.stdout, /^<stdin>\n {2}not read: /m);
  });

  for (const [name, text] of Object.entries({
    'a flow sequence': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    'a flow mapping': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
    'block sequences on one line': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x:\n    ${'- '.repeat(10_000)}x\n`,
    'block mappings': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nspec:\n${Array.from({ length: 10_000 }, (_, depth) => `${' '.repeat(depth + 2)}a:\n`).join('')}`,
  })) {
    it(`reads 10,000 levels of ${name} as one clear error, not a crash`, () => {
      const root = workspace({ 'deep.yaml': text, 'fine.yaml': configMap('fine') });
      // The block mappings need 50 MB of indentation.
      const result = podlint(root, ['--max-file-size', '0', '.']);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^deep\.yaml\n {2}\d+:\d+ +error +YAML syntax error: the document nests too deeply to be read \(hundreds of levels; no Kubernetes object does that\)\. +yaml-syntax\n\n/m);
      assert.match(result.stdout, /^✖ 1 problem \(1 error, 0 warnings\) \(2 files linted, 1 object, 1 unparsable document\)$/m);
    });
  }

  it('reports each of two files of 1,000 nested brackets, where the second once made V8 abort', () => {
    // yaml recurses once per level: running out of stack a second time in one process was a native crash, exit 134
    // and no report. Such files are now found by a scan before parsing, and reported where they get too deep.
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const implicitKeys = `[${'a: '.repeat(1900)}]\n`;
    const root = workspace({ 'a.yaml': deep, 'b.yaml': deep, 'c.yaml': implicitKeys });
    const result = podlint(root, ['--format', 'compact', 'a.yaml', 'b.yaml', 'c.yaml']);
    assert.equal(result.code, 1);
    const error = 'error YAML syntax error: the document nests too deeply to be read (hundreds of levels; no Kubernetes object does that). [yaml-syntax]';
    assert.equal(result.stdout.split('\n').slice(0, 3).join('\n'), [`a.yaml:1:501: ${error}`, `b.yaml:1:501: ${error}`, `c.yaml:1:1500: ${error}`].join('\n'));
  });

  it('diagnoses a quantity of 200,000 digits and a stray letter', () => {
    // quantity-format's corrections read the number with `[0-9]+\\.?[0-9]*`, which can split a run of digits in as
    // many ways as it is long: 32,000 digits took 7 s, these would take minutes (the hang guard).
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    resources: {limits: {memory: "${'1'.repeat(200_000)}x"}}\n`;
    const root = workspace({ 'pod.yaml': pod });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '--rule', 'resources-missing: off', 'pod.yaml']);
    assert.equal(result.code, 1);
    const findings = result.stdout.split('\n').filter((line) => line.endsWith('[quantity-format]'));
    assert.equal(findings.length, 1);
    // The message quotes the first 97 digits of it (QUOTED_VALUE_LIMIT).
    assert.match(findings[0]!, /^pod\.yaml:8:34: error "1{97}\.\.\." is not a Kubernetes quantity /);
  });

  it('reads a mapping of 200,000 keys, and finds its one repeated key', () => {
    // yaml's own duplicate-key check compares each key with every earlier one: 50,000 keys took 31 s, these would
    // take minutes (the hang guard). podlint finds duplicates in one pass.
    const keys = Array.from({ length: 200_000 }, (_, index) => `  key-${index}: v\n`).join('');
    const root = workspace({ 'big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${keys}  key-7: again\n` });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', 'big.yaml']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^big\.yaml:200006:3: error Key "key-7" appears twice in this mapping; .* \[yaml-duplicate-key\]$/m);
  });

  it('reports 150,000 problems in one file, and reads a map of 150,000 quantities', () => {
    // Math.max(...lengths) over a file's messages, and push(...quantities) over a map's entries, overflowed the stack
    // past about 120,000 of them: the whole command failed with an internal error.
    const dups = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dups\ndata:\n${'  k: v\n'.repeat(150_000)}`;
    const limits = Array.from({ length: 150_000 }, (_, index) => `        r${index}: 1\n`).join('');
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    resources:\n      limits:\n${limits}`;
    const root = workspace({ 'dups.yaml': dups, 'limits.yaml': pod });
    const result = podlint(root, ['--max-file-size', '0', '--rule', 'resource-invalid: off', '.']);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stdout, /internal-error|failed on document/);
    assert.equal(result.stdout.split('\n').filter((line) => line.endsWith('yaml-duplicate-key')).length, 149_999);
    assert.match(result.stdout, /\n\u2716 150004 problems \(149999 errors, 3 warnings, 2 info\) \(2 files linted, 2 objects\)\n$/);
  });

  it('reads 50,000 aliases and 50,000 merge keys', () => {
    // yaml finds each alias's anchor by scanning all anchors and aliases before it: 50,000 took over three minutes.
    const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\ndata:\n';
    const anchors = Array.from({ length: 50_000 }, (_, index) => `  k${index}: &a${index} v\n`).join('');
    const aliases = Array.from({ length: 50_000 }, (_, index) => `  - *a${index}\n`).join('');
    const merges = Array.from({ length: 50_000 }, (_, index) => `  m${index}:\n    <<: {x: *a${index}}\n`).join('');
    const root = workspace({ 'aliases.yaml': `${head}${anchors}binaryData:\n${aliases}`, 'merges.yaml': `${head.replace('name: m\n', 'name: merged\n').replace('\ndata:', '\ndefs:')}${anchors}more:\n${merges}` });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '.']);
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      [
        'aliases.yaml:50007:3: error "binaryData" must be a mapping of keys to values, not a list. [schema-type]',
        'merges.yaml:5:1: error ConfigMap has no field "defs"; its fields are "apiVersion", "binaryData", "data", "immutable", "kind", "metadata". Remove it or correct its name. [schema-unknown-field]',
        'merges.yaml:50006:1: error ConfigMap has no field "more"; its fields are "apiVersion", "binaryData", "data", "immutable", "kind", "metadata". Remove it or correct its name. [schema-unknown-field]',
        '',
      ].join('\n'),
    );
  });

  it('lints a pod of 20,000 containers', () => {
    // loosely-coupled-containers once compared containers pair by pair, parsing each pair's images: minutes.
    const containers = Array.from({ length: 20_000 }, (_, index) => `  - name: c${index}\n    image: nginx:1.27\n    ports:\n    - containerPort: ${1000 + index}\n`).join('');
    const root = workspace({ 'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}` });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', 'pod.yaml']);
    assert.equal(result.code, 0);
    const rules = new Map<string, number>();
    for (const line of result.stdout.trim().split('\n')) {
      const ruleId = /\[([\w-]+)\]$/.exec(line)?.[1] ?? line;
      rules.set(ruleId, (rules.get(ruleId) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(rules), {
      'bare-pod': 1,
      'liveness-probe-missing': 20_000,
      'privilege-escalation': 20_000,
      'resources-missing': 20_000,
      'run-as-non-root': 20_000,
    });
  });

  it('reports each of 70,000 unknown fields of one object', () => {
    // Each report once searched the mapping for its key, and the whole schema for where the field might belong:
    // 50,000 took 116 s, these would take minutes (the hang guard).
    const fields = Array.from({ length: 70_000 }, (_, index) => `  field${index}: 1\n`).join('');
    const root = workspace({ 'deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n${fields}` });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '--rule', 'schema-required: off', 'deployment.yaml']);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 70_000);
    assert.ok(lines.every((line) => line.endsWith('[schema-unknown-field]')));
    assert.match(lines[69_999]!, /^deployment\.yaml:70005:3: error DeploymentSpec has no field "field69999"; its fields are .* \[schema-unknown-field\]$/);
  });

  it('checks a Service of 10,000 ports against pods that declare 10,000 others', () => {
    // Each Service port was compared with every declared port, and each message listed all of them: 10,000 ports
    // ran 90 s and then failed to join the messages ("Invalid string length").
    const servicePorts = Array.from({ length: 10_000 }, (_, index) => `  - {name: p${index}, port: ${index + 1}, targetPort: t${index}}\n`).join('');
    const containerPorts = Array.from({ length: 10_000 }, (_, index) => `        - {name: q${index}, containerPort: ${index + 1}}\n`).join('');
    const root = workspace({
      'app.yaml': [
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: a}\n  ports:\n${servicePorts}`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n        ports:\n${containerPorts}`,
      ].join('---\n'),
    });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '--rule', 'liveness-probe-missing: off', '--rule', 'readiness-probe-missing: off', 'app.yaml']);
    const findings = result.stdout.split('\n').filter((line) => line.endsWith('[service-target-port-missing]'));
    assert.equal(findings.length, 10_000);
    assert.match(findings[9_999]!, /^app\.yaml:10007:44: warning .* declares a TCP port named "t9999", .* or target a declared name \("q0", "q1", "q2", "q3", "q4" and 9995 more\)\. \[service-target-port-missing\]$/);
  });

  it('lints a folder of 10,000 files, every one of them counted', () => {
    const root = workspace();
    for (let index = 0; index < 10_000; index += 1) {
      const folder = join(root, `team-${index % 100}`);
      if (index < 100) mkdirSync(folder);
      writeFileSync(join(folder, `cm-${index}.yaml`), configMap(`cm-${index}`));
    }
    const result = podlint(root, ['.']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '✔ no problems (10000 files linted, 10000 objects)\n');
  });

  it('accounts for empty files, comment-only files and empty documents', () => {
    const root = workspace({ 'empty.yaml': '', 'comments.yaml': '# nothing here yet\n', 'markers.yaml': '---\n---\n', 'one.yaml': configMap('one') });
    const result = podlint(root, ['.']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '✔ no problems (4 files linted, 1 object, 2 non-Kubernetes documents passed over)\n');
  });

  it('reports a file it may not read, and lints the rest', (t) => {
    const user = unprivileged();
    if ('skip' in user) return t.skip(user.skip);
    const root = workspace({ 'fine.yaml': configMap('fine'), 'secret.yaml': configMap('secret') });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'secret.yaml'), 0o000);
    const result = podlint(root, ['.'], undefined, user.prefix);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^secret\.yaml\n {2}unreadable: permission denied$/m);
    assert.match(result.stdout, /\(1 file linted, 1 object, 1 file not read\)$/m);
  });

  it('reports a folder it may not search, unless .gitignore leaves it out', (t) => {
    const user = unprivileged();
    if ('skip' in user) return t.skip(user.skip);
    const root = workspace({ 'fine.yaml': configMap('fine'), 'secret.yaml': configMap('secret'), 'locked/inside.yaml': configMap('inside') });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'locked'), 0o000);
    const result = podlint(root, ['.'], undefined, user.prefix);
    assert.equal(result.code, 2);
    assert.equal(
      result.stdout,
      'locked\n  unreadable folder: permission denied; none of its files were linted\n\n✖ no problems found, but 1 folder could not be read (2 files linted, 2 objects, 1 folder not read)\n',
    );
    // Named on the command line, the same.
    assert.match(podlint(root, ['locked'], undefined, user.prefix).stdout, /^locked\n {2}unreadable folder: permission denied;/);
    chmodSync(join(root, 'secret.yaml'), 0o000);
    assert.match(podlint(root, ['.'], undefined, user.prefix).stdout, /^✖ no problems found, but 1 file and 1 folder could not be read \(1 file linted, 1 object, 1 file and 1 folder not read\)$/m);
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.gitignore'), 'locked/\n');
    chmodSync(join(root, 'secret.yaml'), 0o644);
    const ignored = podlint(root, ['.'], undefined, user.prefix);
    assert.equal(ignored.code, 0, ignored.stdout);
    assert.equal(ignored.stdout, '✔ no problems (2 files linted, 2 objects)\n');
  });

  it('reports a file whose reading fails (EIO) by name', (t) => {
    if (!existsSync('/proc/self/mem')) {
      t.skip('no /proc/self/mem on this system (it fails every read with EIO on Linux)');
      return;
    }
    const result = podlint(workspace(), ['/proc/self/mem']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '/proc/self/mem\n  unreadable: input/output error (EIO)\n\n✖ no problems found, but 1 file could not be read (0 files linted, 0 objects, 1 file not read)\n');
  });

  it('refuses named pipes and broken links by name instead of waiting on them', (t) => {
    const root = workspace({ 'fine.yaml': configMap('fine') });
    symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
    const broken = podlint(root, ['dangling.yaml']);
    assert.equal(broken.code, 2);
    assert.equal(broken.stderr, `podlint: dangling.yaml is a broken symbolic link (to ${join(root, 'missing.yaml')}): the file it points to does not exist\n`);
    const mkfifo = spawnSync('mkfifo', [join(root, 'pipe.yaml')]);
    if (mkfifo.status !== 0) {
      t.diagnostic('mkfifo is not available: the named-pipe case was not run');
      return;
    }
    const named = podlint(root, ['pipe.yaml']);
    assert.equal(named.code, 2);
    assert.equal(named.stderr, 'podlint: pipe.yaml is a named pipe, not a file or directory: podlint reads files and directories\n');
    // Found in a folder, each is named, and the folder's files are linted.
    const folder = podlint(root, ['.']);
    assert.equal(folder.code, 2);
    assert.equal(
      folder.stdout,
      [
        'dangling.yaml',
        `  unreadable: a broken symbolic link (to ${join(root, 'missing.yaml')}): the file it points to does not exist`,
        '',
        'pipe.yaml',
        '  skipped: a named pipe, not a file (reading it could wait forever)',
        '',
        '✖ no problems found, but 1 file could not be read (1 file linted, 1 object, 1 file skipped, 1 file not read)',
        '',
      ].join('\n'),
    );
  });
});
