// Security: podlint never touches the network, never runs code from the repository it lints (config is data;
// there is no plugin mechanism to load), and never executes YAML tags. Each check runs the real command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'podlint.js');
const REPO = join(here, '..', '..', '..');
const NO_NETWORK = pathToFileURL(join(here, 'testing', 'no-network.js')).href;
const workspaces: string[] = [];
after(() => workspaces.forEach((path) => rmSync(path, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'podlint-security-'));
  workspaces.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function podlintWithoutNetwork(cwd: string, args: string[]) {
  const log = join(mkdtempSync(join(tmpdir(), 'podlint-network-')), 'attempts.log');
  workspaces.push(dirname(log));
  const result = spawnSync(process.execPath, ['--import', NO_NETWORK, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 28,
    env: { ...process.env, PODLINT_NETWORK_LOG: log, PODLINT_NETWORK_GUARD_LOADED: `${log}.loaded`, NO_COLOR: '1' },
  });
  assert.equal(result.error, undefined, String(result.error));
  assert.ok(existsSync(`${log}.loaded`), 'the network guard was not loaded');
  return { ...result, attempts: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

describe('security', () => {
  it('the network guard itself catches an attempt (so that the tests below can fail)', () => {
    const root = workspace({});
    const log = join(root, 'attempts.log');
    const result = spawnSync(process.execPath, ['--import', NO_NETWORK, '--input-type=module', '-e', "import { connect } from 'node:net'; try { connect(80, 'example.com'); } catch {} try { await fetch('http://example.com'); } catch {}"], {
      encoding: 'utf8',
      env: { ...process.env, PODLINT_NETWORK_LOG: log },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(log, 'utf8'), 'net.connect\nglobalThis.fetch\n');
  });

  it('lints the examples, with every rule, in one thread and in several, without any network access', () => {
    const root = workspace({ '.podlint.yaml': 'extends: all\n' });
    const examples = join(REPO, 'examples');
    for (const jobs of ['1', '2']) {
      const result = podlintWithoutNetwork(root, ['--jobs', jobs, '-f', 'json', '-f', 'sarif:out.sarif', examples]);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.attempts, '');
      assert.ok(JSON.parse(result.stdout).length > 0);
    }
  });

  it('lints the shared corpus without any network access', (t) => {
    const corpus = join(REPO, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      t.skip('../shared/corpus is not present (a contributor clone); the examples above still run');
      return;
    }
    const root = workspace({ '.podlint.yaml': 'extends: all\n' });
    const result = podlintWithoutNetwork(root, ['-f', 'compact', corpus]);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.equal(result.attempts, '');
  });

  it('runs no code from the linted repository, and reads YAML tags as text', () => {
    const marker = (name: string) => `require('node:fs').writeFileSync(require('node:path').join(__dirname, ${JSON.stringify(`RAN-${name}`)}), 'x');\n`;
    const esMarker = (name: string) => `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL(${JSON.stringify(`./RAN-${name}`)}, import.meta.url), 'x');\n`;
    const root = workspace({
      '.podlint.js': marker('podlint-js'),
      'podlint.config.js': marker('config-js'),
      'podlint.config.cjs': marker('config-cjs'),
      'podlint.config.mjs': esMarker('config-mjs'),
      'evil.js': marker('evil'),
      'node_modules/podlint-plugin-evil/index.js': marker('plugin'),
      'node_modules/podlint-plugin-evil/package.json': '{"name": "podlint-plugin-evil", "main": "index.js"}',
      'node_modules/.bin/podlint': '#!/bin/sh\ntouch RAN-bin\n',
      'package.json': '{"name": "victim", "podlint": {"plugins": ["evil"]}, "scripts": {"lint": "node evil.js"}}',
      'manifests/tags.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: tags',
        'data:',
        '  a: !!js/function "function () { require(\'fs\').writeFileSync(\'RAN-tag\', \'x\') }"',
        '  b: !!python/object/apply:os.system ["touch RAN-python"]',
        '  c: !ruby/object:Gem::Installer "x"',
        '  d: !Ref Something',
        '',
      ].join('\n'),
    });
    const result = podlintWithoutNetwork(root, ['-f', 'compact', 'manifests']);
    assert.equal(result.attempts, '');
    // The tags are reported, with their line and column, and nothing ran.
    assert.equal(result.status, 1, result.stderr);
    const tagLines = result.stdout.split('\n').filter((line) => line.includes('[yaml-syntax]'));
    assert.deepEqual(
      tagLines.map((line) => /:(\d+:\d+): warning The YAML tag (\S+) means nothing to Kubernetes/.exec(line)?.slice(1).join(' ')),
      ['6:6 !!js/function', '7:6 !!python/object/apply:os.system', '8:6 !ruby/object:Gem::Installer', '9:6 !Ref'],
    );
    assert.deepEqual(readdirSync(root).filter((name) => name.startsWith('RAN-')), []);
    assert.deepEqual(readdirSync(join(root, 'manifests')).filter((name) => name.startsWith('RAN-')), []);
  });

  it('treats config as data: a key that looks like a plugin is a config error, and nothing is loaded', () => {
    const root = workspace({
      '.podlint.yaml': 'extends: recommended\nplugins: [./evil.js]\n',
      'evil.js': "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'RAN-evil'), 'x');\n",
      'pod.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    });
    const result = podlintWithoutNetwork(root, ['pod.yaml']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^podlint: .*\.podlint\.yaml:2:1: /);
    assert.match(result.stderr, /plugins/);
    assert.equal(existsSync(join(root, 'RAN-evil')), false);
    assert.equal(result.attempts, '');
  });
});
