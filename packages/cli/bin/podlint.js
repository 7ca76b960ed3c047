#!/usr/bin/env node
// podlint's command. Everything happens in dist/podlint.cjs: dist/main.js and all it imports, bundled into one
// script by scripts/bundle-cli.mjs (dist/main.js itself when the bundle was not built). This file starts it from
// V8's code cache and turns an unexpected crash into a one-line message and exit code 2 (PODLINT_DEBUG=1 prints
// the stack, and what the code cache did).
//
// The code cache: compiling the 0.6 MB bundle was a third of the start-up of `podlint one-file.yaml`. The bundle
// is compiled with vm.Script's cachedData, from a cache file made after an earlier run, so it holds the functions
// that run compiled too (which is why Node 22's own module.enableCompileCache() is not used: measured on Node 22
// and 24, it saves about 20 ms where this saves 55). One cache file per Node version and bundle, in
// $NODE_COMPILE_CACHE/podlint or a folder of the user's own in the temporary directory; written atomically after a
// run that linted files, and again after a run of at least CACHE_GROWTH times as many files, which compiles more of
// the bundle (a cache written after a corpus run made the next one about 40 ms faster than one written after a
// single file, of 800); ignored when the bundle changed or V8 rejects it. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
// (This folder's package.json makes this file CommonJS: an ES module entry point starts more slowly.)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'podlint.cjs');
/** How many times as many files a run must lint as the one that wrote the cache to write it again. */
const CACHE_GROWTH = 4;
// A lint worker says nothing: its main thread does.
const debug = process.env.PODLINT_DEBUG && !isLintWorker() ? (message) => process.stderr.write(`podlint: ${message}\n`) : () => {};

/** Loads the bundle's exports, or undefined when it was not built. */
function loadBundle() {
  if (!fs.existsSync(BUNDLE)) return undefined;
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return require(BUNDLE);
  return runCached();
}

/**
 * Whether this is a worker thread of `podlint --jobs` (started by parallel.ts with this argument): it serves its
 * share from the same bundle and code cache, which load faster than the ES modules of dist/lint-worker.js.
 */
function isLintWorker() {
  return process.argv[2] === '--podlint-lint-worker' && !require('node:worker_threads').isMainThread;
}

/** Compiles the bundle with its code cache file, and writes one after the run when there was none or it was not used. */
function runCached() {
  const vm = require('node:vm');
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const cache = cacheFile();
  const key = cache && bundleKey();
  let cachedData;
  // How many files the run that wrote the cache linted.
  let cachedFiles = 0;
  if (cache) {
    try {
      const stored = fs.readFileSync(cache);
      const newline = stored.indexOf(10);
      const header = newline > 0 ? stored.toString('latin1', 0, newline) : '';
      if (header.startsWith(`${key} files=`)) {
        cachedData = stored.subarray(newline + 1);
        cachedFiles = Number(header.slice(key.length + ' files='.length)) || 0;
      } else debug(`compile cache: ${cache} was made for another build of the bundle`);
    } catch {
      // None yet, or unreadable: compiled without, and written after the run.
    }
  }
  // The wrapper Node puts around a CommonJS module, on the first line so that line numbers stay right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
  if (cachedData) debug(`compile cache: ${script.cachedDataRejected ? 'rejected by V8' : 'used'} (${cache})`);
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  if (isLintWorker()) return module.exports;
  const stale = cache && (!cachedData || script.cachedDataRejected);
  // After a run that linted files, so that the cache holds the functions such a run compiles (one after --help
  // or a usage error would hold few of them); again after a run of many more files than the one that wrote it.
  const onLinted = (files) => {
    if (stale || files >= CACHE_GROWTH * Math.max(1, cachedFiles)) process.once('beforeExit', () => writeCache(cache, key, script, files));
  };
  return { main: (args) => module.exports.main(args, cache ? { onLinted } : {}) };
}

/** The cache file for this Node and this bundle, in a folder only this user can write; undefined without one. */
function cacheFile() {
  const os = require('node:os');
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const directory = process.env.NODE_COMPILE_CACHE
    ? path.resolve(process.env.NODE_COMPILE_CACHE, 'podlint')
    : path.join(os.tmpdir(), `podlint-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(directory);
    // Someone else's folder (or a link to one) could hold code planted for this user to run.
    if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) {
      debug(`compile cache: not used, ${directory} is not a folder only this user can write`);
      return undefined;
    }
  } catch (error) {
    debug(`compile cache: not used, ${directory}: ${error && error.message}`);
    return undefined;
  }
  return path.join(directory, `${hash(`${BUNDLE}\0${process.version}\0${process.arch}`)}.bin`);
}

/** What identifies this build of the bundle: V8 itself checks only the source's length. */
function bundleKey() {
  const stat = fs.statSync(BUNDLE);
  return `podlint ${process.version} ${stat.size} ${stat.mtimeMs} ${stat.ino}`;
}

function writeCache(file, key, script, files) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${key} files=${files}\n`, 'latin1'), script.createCachedData()]), { mode: 0o600 });
    fs.renameSync(temporary, file);
    debug(`compile cache: written after ${files} file${files === 1 ? '' : 's'} (${file})`);
  } catch (error) {
    debug(`compile cache: not written: ${error && error.message}`);
    fs.rmSync(temporary, { force: true });
  }
}

/** A short name for a string (FNV-1a, 32 bits). */
function hash(text) {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return (value >>> 0).toString(16).padStart(8, '0');
}

/**
 * A reader that stops early (`podlint . | head`) closes the pipe: what is left of the report is dropped, quietly, and
 * the exit code is still the run's. Unhandled, the write error ended the command with Node's stack trace.
 */
function dropOutputToClosedPipe(stream) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') return;
    if (stream !== process.stderr) process.stderr.write(`podlint: cannot write the report: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}

if (isLintWorker()) {
  // parallel.ts starts this file only from the bundle, and reads the thread's errors itself.
  loadBundle().serveLintShare(require('node:worker_threads').parentPort);
} else {
  dropOutputToClosedPipe(process.stdout);
  dropOutputToClosedPipe(process.stderr);
  Promise.resolve()
    .then(() => loadBundle() || import('../dist/main.js'))
    .then(({ main }) => main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error) => {
      process.stderr.write(`podlint: internal error: ${error && error.message ? error.message : String(error)}\n`);
      if (process.env.PODLINT_DEBUG) process.stderr.write(`${error && error.stack ? error.stack : ''}\n`);
      process.exitCode = 2;
    });
}
