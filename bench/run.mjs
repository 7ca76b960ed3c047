// Benchmarks, each next to a baseline measured in the same run (never asserted in tests):
//  1. throughput: lint every manifest of ../shared/corpus (all rules) vs. parsing the same files with `yaml` alone;
//  2. start-up: `podlint <one small file>` wall time vs. `node -e 0`, with V8's code cache (the first run writes it)
//     and without (NODE_DISABLE_COMPILE_CACHE=1).
// Usage: node bench/run.mjs [--runs N] [--start-up-only]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag === -1 ? 7 : Number(process.argv[runsFlag + 1]);
const require = createRequire(join(root, 'packages/core/package.json'));
const { parseAllDocuments } = require('yaml');
const core = await import(join(root, 'packages/core/dist/index.js'));
const { rules } = await import(join(root, 'rules/dist/index.js'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function time(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function corpusFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...corpusFiles(path));
    else if (/\.(ya?ml|json)$/.test(entry)) files.push(path);
  }
  return files;
}

const skipThroughput = process.argv.includes('--start-up-only');
const corpusDir = join(root, '..', 'shared', 'corpus');
if (skipThroughput) {
  console.log('throughput: skipped (--start-up-only)');
} else if (!existsSync(corpusDir)) {
  console.log('throughput: skipped (../shared/corpus is not present)');
} else {
  const texts = corpusFiles(corpusDir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const lines = texts.reduce((sum, file) => sum + file.text.split('\n').length, 0);
  const config = core.resolveConfig(rules, { path: 'bench', directory: corpusDir, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, corpusDir);
  const linter = new core.Linter(rules);
  const parseOnly = () => {
    let documents = 0;
    for (const { text } of texts) documents += parseAllDocuments(text, { version: '1.1' }).length ?? 0;
    return documents;
  };
  const lintAll = () => linter.lintFiles(texts.map(({ path, text }) => ({ filePath: path, text, config, discovered: true })));
  // Warm up both, then alternate so that neither benefits from the machine's state.
  parseOnly();
  lintAll();
  const parseTimes = [];
  const lintTimes = [];
  let documents = 0;
  let results = [];
  for (let run = 0; run < runs; run += 1) {
    const parsed = time(parseOnly);
    parseTimes.push(parsed.ms);
    documents = parsed.value;
    const linted = time(lintAll);
    lintTimes.push(linted.ms);
    results = linted.value;
  }
  const resources = results.reduce((sum, result) => sum + result.counts.resources, 0);
  const parseMs = median(parseTimes);
  const lintMs = median(lintTimes);
  // Each run's ratio is of two measurements taken back to back: steadier than the ratio of the medians on a
  // machine whose speed drifts.
  const ratios = lintTimes.map((ms, run) => ms / parseTimes[run]);
  console.log(`corpus: ${texts.length} files, ${fmt(lines)} lines, ${documents} YAML documents, ${resources} objects; ${Object.keys(rules).length} rules on; median of ${runs} runs, one core`);
  console.log(`  yaml parsing alone (baseline): ${fmt(parseMs, 1)} ms  ${fmt((texts.length / parseMs) * 1000)} files/s  ${fmt((documents / parseMs) * 1000)} documents/s`);
  console.log(`  podlint, all rules:            ${fmt(lintMs, 1)} ms  ${fmt((texts.length / lintMs) * 1000)} files/s  ${fmt((documents / lintMs) * 1000)} documents/s  (${fmt(lintMs / parseMs, 2)}x the baseline)`);
  console.log(`  ratio run by run: median ${fmt(median(ratios), 2)}x, from ${fmt(Math.min(...ratios), 2)}x to ${fmt(Math.max(...ratios), 2)}x`);
}

const smallFile = join(root, 'examples', 'good', 'web.yaml');
const cli = join(root, 'packages', 'cli', 'bin', 'podlint.js');
// The three commands take turns, so that a busy moment of the machine is shared among them.
const commands = {
  node: { args: ['-e', '0'] },
  podlint: { args: [cli, smallFile] },
  uncached: { args: [cli, smallFile], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
};
const wallTimes = { node: [], podlint: [], uncached: [] };
for (let run = -1; run < Math.max(runs, 11) * 2; run += 1) {
  for (const [name, { args, env }] of Object.entries(commands)) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, ...env } });
    // The first turn is a warm-up (and writes podlint's code cache).
    if (run >= 0) wallTimes[name].push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`);
  }
}
const nodeMs = median(wallTimes.node);
const podlintMs = median(wallTimes.podlint);
const uncachedMs = median(wallTimes.uncached);
console.log(`start-up: podlint ${smallFile.slice(root.length + 1)} ${fmt(podlintMs, 1)} ms wall; node -e 0 (baseline) ${fmt(nodeMs, 1)} ms; podlint adds ${fmt(podlintMs - nodeMs, 1)} ms (median of ${wallTimes.node.length})`);
console.log(`  without the code cache (NODE_DISABLE_COMPILE_CACHE=1): ${fmt(uncachedMs, 1)} ms, adds ${fmt(uncachedMs - nodeMs, 1)} ms`);
