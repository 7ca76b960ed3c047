// The command's start-up (issue #8): bin/podlint.js runs the bundle, dist/podlint.cjs, from V8's code cache. The
// cache is written once and used after; it never changes what the command does, it is ignored when the bundle
// changed or V8 rejects it, and it is never kept in a folder others can write.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'podlint.js');
const EXAMPLES = join(here, '..', '..', '..', 'examples');
const folders: string[] = [];
after(() => folders.forEach((path) => rmSync(path, { recursive: true, force: true })));

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'podlint-start-up-'));
  folders.push(path);
  return path;
}

function run(bin: string, args: string[], cache: string, env: Record<string, string> = {}) {
  const { NODE_DISABLE_COMPILE_CACHE: _disabled, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...inherited, NODE_COMPILE_CACHE: cache, PODLINT_DEBUG: '1', NO_COLOR: '1', ...env },
  });
  assert.equal(result.error, undefined, String(result.error));
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (cache: string) => readdirSync(join(cache, 'podlint')).filter((name) => name.endsWith('.bin'));

/** A copy of the command's launcher next to a bundle of our own, which prints `text`. */
function fakeCommand(text: string): { bin: string; bundle: string } {
  const root = folder();
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  copyFileSync(BIN, join(root, 'bin', 'podlint.js'));
  copyFileSync(join(dirname(BIN), 'package.json'), join(root, 'bin', 'package.json'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  const bundle = join(root, 'dist', 'podlint.cjs');
  writeFileSync(bundle, fakeBundle(text));
  return { bin: join(root, 'bin', 'podlint.js'), bundle };
}

const fakeBundle = (text: string) =>
  `exports.main = async (args, io) => { process.stdout.write(${JSON.stringify(`${text}\n`)}); io.onLinted?.(Math.max(1, args.length)); return 0; };\n`;

describe('the code cache', () => {
  it('is written by the first run and used by the next, and the output is the same with it, without it and from the bundle alone', () => {
    const cache = folder();
    const args = ['--format', 'json', EXAMPLES];
    const first = run(BIN, args, cache);
    const second = run(BIN, args, cache);
    const uncached = run(BIN, args, cache, { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(first.code, 1, first.stderr);
    assert.ok(JSON.parse(first.stdout).length > 0);
    for (const other of [second, uncached]) {
      assert.equal(other.code, first.code);
      assert.equal(other.stdout, first.stdout);
    }
    assert.doesNotMatch(uncached.stderr, /compile cache/);
    assert.match(first.stderr, /^podlint: compile cache: written after \d+ files? \(.*\.bin\)$/m);
    assert.match(second.stderr, /^podlint: compile cache: used \(.*\.bin\)$/m);
    assert.doesNotMatch(second.stderr, /written/);
    assert.equal(cacheFiles(cache).length, 1);
  });

  it('is written only by a run that lints files: one that prints its version or help compiles too little', () => {
    const cache = folder();
    for (const args of [['--version'], ['--help'], ['--no-such-flag']]) assert.doesNotMatch(run(BIN, args, cache).stderr, /compile cache: written/);
    assert.deepEqual(cacheFiles(cache), []);
    assert.match(run(BIN, [join(EXAMPLES, 'good')], cache).stderr, /compile cache: written/);
  });

  it('is written again after a run of at least 4 times as many files as the one that wrote it, which compiles more', () => {
    const cache = folder();
    const { bin } = fakeCommand('linted');
    // The fake bundle reports as many linted files as it is given arguments.
    const files = (count: number) => Array.from({ length: count }, (_, index) => `f${index}.yaml`);
    assert.match(run(bin, files(2), cache).stderr, /compile cache: written after 2 files/);
    for (const count of [1, 7]) {
      const used = run(bin, files(count), cache).stderr;
      assert.match(used, /compile cache: used/);
      assert.doesNotMatch(used, /written/);
    }
    assert.match(run(bin, files(8), cache).stderr, /compile cache: written after 8 files/);
    assert.doesNotMatch(run(bin, files(31), cache).stderr, /written/);
    assert.match(run(bin, files(32), cache).stderr, /compile cache: used[\s\S]*written after 32 files/);
    assert.equal(cacheFiles(cache).length, 1);
  });

  it('is not used for a changed bundle, even one of the same length', () => {
    const cache = folder();
    const { bin, bundle } = fakeCommand('first build');
    assert.equal(run(bin, [], cache).stdout, 'first build\n');
    assert.match(run(bin, [], cache).stderr, /compile cache: used/);
    // V8 checks only the length of the source: the same length with other code must not run the old code.
    writeFileSync(bundle, fakeBundle('other build'));
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));
    const changed = run(bin, [], cache);
    assert.equal(changed.stdout, 'other build\n');
    assert.match(changed.stderr, /was made for another build of the bundle/);
    assert.match(changed.stderr, /compile cache: written/);
    assert.match(run(bin, [], cache).stderr, /compile cache: used/);
  });

  it('is rewritten when V8 rejects it', () => {
    const cache = folder();
    const { bin } = fakeCommand('still runs');
    run(bin, [], cache);
    const [name] = cacheFiles(cache);
    const file = join(cache, 'podlint', name!);
    const stored = readFileSync(file);
    const header = stored.subarray(0, stored.indexOf(10) + 1);
    writeFileSync(file, Buffer.concat([header, Buffer.alloc(stored.length - header.length, 0x5a)]));
    const damaged = run(bin, [], cache);
    assert.equal(damaged.stdout, 'still runs\n');
    assert.equal(damaged.code, 0);
    assert.match(damaged.stderr, /compile cache: rejected by V8/);
    assert.match(damaged.stderr, /compile cache: written/);
    assert.match(run(bin, [], cache).stderr, /compile cache: used/);
  });

  it('is never kept in a folder that others can write', { skip: process.platform === 'win32' && 'no file modes on Windows' }, () => {
    const cache = folder();
    mkdirSync(join(cache, 'podlint'));
    chmodSync(join(cache, 'podlint'), 0o777);
    const { bin } = fakeCommand('no cache');
    const result = run(bin, [], cache);
    assert.equal(result.stdout, 'no cache\n');
    assert.match(result.stderr, /compile cache: not used, .* is not a folder only this user can write/);
    assert.deepEqual(readdirSync(join(cache, 'podlint')), []);
  });
});

describe('the launcher', () => {
  it('runs dist/main.js when the bundle was not built', () => {
    const { bin, bundle } = fakeCommand('unused');
    rmSync(bundle);
    writeFileSync(join(dirname(bundle), 'main.js'), 'export async function main(args) { process.stdout.write(`unbundled ${args.join(" ")}\\n`); return 3; }\n');
    const result = run(bin, ['a', 'b'], folder());
    assert.equal(result.stdout, 'unbundled a b\n');
    assert.equal(result.code, 3);
  });

  it('turns a crash into one line and exit code 2', () => {
    const { bin, bundle } = fakeCommand('unused');
    writeFileSync(bundle, 'exports.main = async () => { throw new Error("something broke"); };\n');
    const result = spawnSync(process.execPath, [bin], { encoding: 'utf8', env: { ...process.env, PODLINT_DEBUG: '', NODE_COMPILE_CACHE: folder() } });
    assert.equal(result.stderr, 'podlint: internal error: something broke\n');
    assert.equal(result.status, 2);
  });
});
