// One measurement of bench/scale.mjs in a process of its own, so that its peak memory is its own:
//   node bench/scale-child.mjs parse|lint <directory>
// reads every manifest under the directory, then times either `yaml` parsing alone (the floor) or podlint with
// all rules on one core, and prints one JSON line: milliseconds, documents, objects and peak RSS.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [mode, directory] = process.argv.slice(2);

function listFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (/\.(ya?ml|json)$/.test(entry.name)) files.push(path);
  }
  return files;
}

const paths = listFiles(directory);
let result;
if (mode === 'parse') {
  const { parseAllDocuments } = createRequire(join(root, 'packages/core/package.json'))('yaml');
  const start = performance.now();
  let documents = 0;
  for (const path of paths) documents += parseAllDocuments(readFileSync(path, 'utf8'), { version: '1.1' }).length ?? 0;
  result = { ms: performance.now() - start, documents };
} else {
  const core = await import(join(root, 'packages/core/dist/index.js'));
  const { rules } = await import(join(root, 'rules/dist/index.js'));
  const config = core.resolveConfig(rules, { path: 'bench', directory, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, directory);
  const linter = new core.Linter(rules);
  const start = performance.now();
  const inputs = paths.map((path) => ({ filePath: path, text: readFileSync(path, 'utf8'), config, discovered: true }));
  const results = linter.lintFiles(inputs);
  const ms = performance.now() - start;
  const counts = results.reduce(
    (sum, file) => ({ resources: sum.resources + file.counts.resources, messages: sum.messages + file.messages.length }),
    { resources: 0, messages: 0 },
  );
  result = { ms, ...counts };
}
console.log(JSON.stringify({ ...result, files: paths.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
