// Runs every compiled test (dist/**/*.test.js) with node's test runner: the spec reporter for people, and a
// summary reporter whose last line is `N passed, N failed` (what CI reads). Exit code 1 when any test fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const searchRoots = ['packages', 'rules'].map((folder) => join(root, folder));

function collect(directory, files) {
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules') continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) collect(path, files);
    else if (entry.endsWith('.test.js') && path.includes(`${'/'}dist${'/'}`)) files.push(path);
  }
  return files;
}

const filter = process.argv.slice(2);
let files = searchRoots.flatMap((directory) => collect(directory, [])).sort();
if (filter.length > 0) files = files.filter((file) => filter.some((part) => file.includes(part)));
if (files.length === 0) {
  console.log('no test files found (did the build run?)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`running ${files.length} test files: ${files.map((file) => relative(root, file)).join(', ')}`);
const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
