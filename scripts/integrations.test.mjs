// Integration tests, run by scripts/test-integrations.mjs after the build:
// - the three packages packed with `pnpm pack` hold what runs and nothing of the tests, and installed with
//   `npm install --global` into an empty prefix, podlint runs with only their declared dependencies;
// - the GitHub Action's lint step (action.yml) run with bash against that install;
// - the pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit on a temporary repository
//   (skipped, with the reason, where pre-commit is not installed: `apt-get install pre-commit`).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const cliVersion = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
const { parse: parseYaml } = createRequire(join(root, 'packages/core/package.json'))('yaml');
const work = mkdtempSync(join(tmpdir(), 'podlint-integrations-'));
const packs = join(work, 'packs');
const prefix = join(work, 'prefix');
const PACKAGES = { core: 'packages/core', rules: 'rules', cli: 'packages/cli' };

// One rule only, so that rules added to the presets later do not change what these tests see.
const CONFIG = 'extends: []\nrules:\n  yaml-syntax: error\n  pod-port-collision: error\n';

const BAD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: a
      image: nginx:1.27
      ports: [{containerPort: 80}]
    - name: b
      image: nginx:1.27
      ports: [{containerPort: 80}]
`;

/** Runs a command; returns its exit code and output (a failure to start is a failure). */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

function project(files) {
  const directory = mkdtempSync(join(work, 'project-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return directory;
}

let tarballs;

before(() => {
  mkdirSync(packs, { recursive: true });
  tarballs = {};
  for (const [name, folder] of Object.entries(PACKAGES)) {
    const packed = run('npx', ['-y', `pnpm@${rootPackage.packageManager.split('@')[1]}`, 'pack', '--pack-destination', packs], { cwd: join(root, folder) });
    assert.equal(packed.code, 0, packed.output);
    tarballs[name] = join(packs, readdirSync(packs).find((file) => file.startsWith(`podlint-${name}-`)));
  }
  const empty = mkdtempSync(join(work, 'empty-'));
  const installed = run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', ...Object.values(tarballs)], { cwd: empty });
  assert.equal(installed.code, 0, installed.output);
});

describe('packages', () => {
  const contents = (name) => execFileSync('tar', ['-tzf', tarballs[name]], { encoding: 'utf8' }).split('\n').filter(Boolean);

  it('hold what runs and nothing of the tests', () => {
    for (const name of Object.keys(PACKAGES)) {
      const files = contents(name);
      assert.ok(files.includes('package/dist/index.js'), `${name} ships dist/index.js`);
      assert.deepEqual(files.filter((file) => /\.test\.|\.map$|\/(testing|test-support)\/|(corpus|docs|fixture|lint-run|peer|test)-utils\./.test(file)), [], `${name} ships no test code`);
    }
    assert.ok(contents('core').includes('package/schema/podlint-config.schema.json'));
    for (const file of ['bin/podlint.js', 'bin/package.json', 'dist/podlint.cjs', 'dist/lint-worker.js']) assert.ok(contents('cli').includes(`package/${file}`), `cli ships ${file}`);
  });

  it('start the installed command from its bundle and a code cache it writes once', () => {
    const podlint = join(prefix, 'bin', 'podlint');
    const cwd = project({ 'pod.yaml': BAD_POD });
    const env = { PODLINT_DEBUG: '1', NODE_COMPILE_CACHE: mkdtempSync(join(work, 'cache-')) };
    const first = run(podlint, ['-f', 'compact', 'pod.yaml'], { cwd, env });
    const second = run(podlint, ['-f', 'compact', 'pod.yaml'], { cwd, env });
    assert.match(first.stderr, /compile cache: written/, first.output);
    assert.match(second.stderr, /compile cache: used/, second.output);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, 1);
  });

  it('install globally into an empty prefix and run with only their declared dependencies', () => {
    const podlint = join(prefix, 'bin', 'podlint');
    assert.deepEqual(run(podlint, ['--version']).stdout, `${cliVersion}\n`);
    const cwd = project({ 'k8s/pod.yaml': BAD_POD });
    const lint = run(podlint, ['-f', 'compact', '--rule', 'bare-pod: off', 'k8s'], { cwd });
    assert.equal(lint.code, 1, lint.output);
    assert.match(lint.stdout, /^k8s\/pod\.yaml:12:31: error Container "b" declares port 80\/TCP, .* \[pod-port-collision\]$/m);
    const init = run(podlint, ['--init'], { cwd });
    assert.equal(init.code, 0, init.output);
    assert.match(readFileSync(join(cwd, '.podlint.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\S+podlint-config\.schema\.json\n/);
    const schema = run(process.execPath, ['-p', "require.resolve('@podlint/core/schema/podlint-config.schema.json')"], { cwd: join(prefix, 'lib/node_modules/@podlint/cli') });
    assert.equal(schema.code, 0, schema.output);
  });
});

describe('GitHub Action (action.yml)', () => {
  const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8'));

  it('uses only inputs it declares and installs this version of podlint', () => {
    const used = [...readFileSync(join(root, 'action.yml'), 'utf8').matchAll(/inputs\.([\w-]+)/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(used)].filter((name) => !(name in action.inputs)), []);
    assert.equal(action.inputs.version.default, cliVersion);
    assert.equal(action.runs.using, 'composite');
  });

  it('its lint step writes annotations and SARIF and hands on the exit code', () => {
    const step = action.runs.steps.find((candidate) => candidate.id === 'lint');
    const cwd = project({ '.podlint.yaml': CONFIG, 'k8s/pod.yaml': BAD_POD, 'k8s/notes.txt': 'not linted\n' });
    const outputFile = join(cwd, 'github-output');
    writeFileSync(outputFile, '');
    const env = {
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      GITHUB_OUTPUT: outputFile,
      PODLINT_PATHS: 'k8s/*.yaml',
      PODLINT_ARGS: '--max-warnings 0',
      PODLINT_SARIF: 'true',
      PODLINT_SARIF_FILE: 'reports/podlint.sarif',
    };
    const result = run('bash', ['-e', '-c', step.run], { cwd, env });
    assert.equal(result.code, 0, result.output);
    assert.match(result.stdout, /^::error file=k8s\/pod\.yaml,line=12,endLine=12,col=31,endColumn=33,title=pod-port-collision::Container "b" declares port 80\/TCP/m);
    assert.equal(readFileSync(outputFile, 'utf8'), 'exit-code=1\n');
    const sarif = JSON.parse(readFileSync(join(cwd, 'reports/podlint.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((result) => result.ruleId), ['pod-port-collision']);
  });
});

const preCommitMissing = run('sh', ['-c', 'command -v pre-commit']).code === 0 ? false : 'pre-commit is not installed (Debian: apt-get install pre-commit)';

describe('pre-commit hook (.pre-commit-hooks.yaml)', { skip: preCommitMissing }, () => {
  it('runs podlint on the staged YAML and JSON, passing over what is not a manifest, and passes once fixed', () => {
    const git = (cwd, ...args) => {
      const result = run('git', ['-c', 'user.name=podlint', '-c', 'user.email=podlint@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd });
      assert.equal(result.code, 0, result.output);
      return result.stdout.trim();
    };
    // The hook repository as pre-commit sees it: the hook definition and the root package.json.
    const hooks = mkdtempSync(join(work, 'hooks-'));
    copyFileSync(join(root, '.pre-commit-hooks.yaml'), join(hooks, '.pre-commit-hooks.yaml'));
    copyFileSync(join(root, 'package.json'), join(hooks, 'package.json'));
    git(hooks, 'init', '-q');
    git(hooks, 'add', '.');
    git(hooks, 'commit', '-q', '-m', 'hooks');
    const rev = git(hooks, 'rev-parse', 'HEAD');
    // The hook installs @podlint/cli from the registry; here the packed packages stand in for it.
    const config = `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: podlint\n        additional_dependencies: ${JSON.stringify(Object.values(tarballs))}\n`;
    const repository = project({
      '.pre-commit-config.yaml': config,
      '.podlint.yaml': CONFIG,
      'k8s/pod.yaml': BAD_POD,
      'tsconfig.json': '{\n  "compilerOptions": {\n    /* "strict": true, */\n    "paths": {"@/*": ["src/*"]}\n  }\n}\n',
      'ansible/site.yaml': '{% if web %}\nhosts: web\n{% endif %}\n',
      'charts/web/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      'README.md': '# not linted\n',
    });
    git(repository, 'init', '-q');
    git(repository, 'add', '.');
    const env = { PRE_COMMIT_HOME: join(work, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' };
    const failing = run('pre-commit', ['run', '--all-files'], { cwd: repository, env });
    assert.equal(failing.code, 1, failing.output);
    assert.match(failing.output, /podlint\.+Failed/);
    assert.match(failing.output, /k8s\/pod\.yaml\n {2}12:31 +error +Container "b" declares port 80\/TCP/);
    // Files that are plainly not manifests are passed over, as in a folder, not reported as broken YAML.
    assert.match(failing.output, /tsconfig\.json\n {2}skipped: does not parse as YAML and names no apiVersion or kind/);
    assert.match(failing.output, /ansible\/site\.yaml\n {2}skipped: does not parse as YAML/);
    assert.doesNotMatch(failing.output, /yaml-syntax|README/);
    writeFileSync(join(repository, 'k8s/pod.yaml'), BAD_POD.replace('ports: [{containerPort: 80}]\n', 'ports: [{containerPort: 8080}]\n'));
    git(repository, 'add', '.');
    const passing = run('pre-commit', ['run', '--all-files'], { cwd: repository, env });
    assert.equal(passing.code, 0, passing.output);
    assert.match(passing.output, /podlint\.+Passed/);
  });
});

after(() => rmSync(work, { recursive: true, force: true }));
