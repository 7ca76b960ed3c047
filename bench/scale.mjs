// Scaling benchmark (issue #8). The 1x input: the manifests of ../shared/corpus, replicated until they hold at
// least 3,000 objects in 60,000 lines, plus one 3,000-line multi-document file made of corpus documents. 4x and
// 16x are that input replicated. For each size, in processes of their own (so each peak RSS is its own):
//   floor:   `yaml` parsing alone of the same files (bench/scale-child.mjs parse);
//   podlint: every rule, one core, in-process (bench/scale-child.mjs lint): its ratio to the floor, objects/s;
//   CLI:     the real `podlint <dir>` (every rule), wall time including start-up, and with --jobs when given;
//   CLI, schema checks only: the checks `kubeconform -strict` makes (the API schema, unknown kinds, YAML syntax and
//            duplicate keys), for comparison with it. kubeconform is not on the machine: the issue's measurement of it
//            is printed as a reference, not measured in the run. Each CLI row also gives its CPU time (all threads),
//            which on a machine of few cores says more than wall time about what threads could gain.
// Cost should grow linearly: the last column divides each size's time by the 1x time and by the factor.
// --heap-mb gives every process that JS heap limit (--max-old-space-size), to see how a size fares on a machine with
// less memory; a process that runs out of it is reported as such.
// Usage: node bench/scale.mjs [--runs N] [--sizes 1,4,16] [--jobs N] [--heap-mb MB]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const runs = Number(flag('--runs', '3'));
const sizes = flag('--sizes', '1,4,16').split(',').map(Number);
const jobs = flag('--jobs', undefined);
const heapMb = flag('--heap-mb', undefined);
const nodeFlags = heapMb ? [`--max-old-space-size=${Number(heapMb)}`] : [];
/** Exit codes of a process that ran out of heap: V8's fatal error aborts it (134, or SIGABRT). */
const outOfMemory = (result) => result.status === 134 || result.signal === 'SIGABRT' || /heap out of memory/.test(result.stderr);
const MIN_OBJECTS = 3000;
const MIN_LINES = 60000;
const BIG_FILE_LINES = 3000;

const corpusDir = join(root, '..', 'shared', 'corpus');
if (!existsSync(corpusDir)) {
  console.log('scale: skipped (../shared/corpus is not present)');
  process.exit(0);
}
const { parseAllDocuments } = createRequire(join(root, 'packages/core/package.json'))('yaml');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function corpusFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...corpusFiles(path));
    else if (/\.(ya?ml|json)$/.test(entry)) files.push(path);
  }
  return files;
}

/** Kubernetes objects in a text (List items counted one by one), as podlint counts them. */
function objectsIn(text) {
  let objects = 0;
  for (const doc of parseAllDocuments(text, { version: '1.1', logLevel: 'error' })) {
    let value;
    try {
      value = doc.toJS();
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object' || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') continue;
    objects += Array.isArray(value.items) && value.kind.endsWith('List') ? value.items.length : 1;
  }
  return objects;
}

// The 1x set: corpus files in order, copy after copy, until both minimums are met.
const corpus = corpusFiles(corpusDir).map((path) => {
  const text = readFileSync(path, 'utf8');
  return { relativePath: relative(corpusDir, path), text, lines: text.split('\n').length, objects: objectsIn(text) };
});
const unit = [];
let objects = 0;
let lines = 0;
for (let copy = 1; objects < MIN_OBJECTS || lines < MIN_LINES; copy += 1) {
  for (const file of corpus) {
    if (objects >= MIN_OBJECTS && lines >= MIN_LINES) break;
    unit.push({ path: join(`copy-${copy}`, file.relativePath), text: file.text });
    objects += file.objects;
    lines += file.lines;
  }
}
// One 3,000-line multi-document file, from corpus documents that hold an object.
const bigParts = [];
let bigLines = 0;
for (const file of corpus) {
  if (bigLines >= BIG_FILE_LINES) break;
  if (file.objects === 0 || file.text.includes('{{')) continue;
  for (const doc of parseAllDocuments(file.text, { version: '1.1' })) {
    if (bigLines >= BIG_FILE_LINES || doc.errors.length > 0 || !doc.contents) continue;
    const part = `---\n${file.text.slice(doc.contents.range[0], doc.contents.range[2]).trimEnd()}\n`;
    bigParts.push(part);
    bigLines += part.split('\n').length - 1;
  }
}
unit.push({ path: 'large-multi-document.yaml', text: bigParts.join('') });
objects += objectsIn(bigParts.join(''));
lines += bigLines;

const workspace = mkdtempSync(join(tmpdir(), 'podlint-scale-'));
const rssHook = join(workspace, 'rss-hook.mjs');
writeFileSync(
  rssHook,
  "process.on('exit', () => { const usage = process.resourceUsage(); process.stderr.write(`\\nMAXRSS ${usage.maxRSS} CPU ${usage.userCPUTime + usage.systemCPUTime}\\n`); });\n",
);
const schemaOnlyConfig = join(workspace, 'schema-only.podlint.yaml');
const SCHEMA_RULES = ['schema-enum', 'schema-required', 'schema-type', 'schema-unknown-field', 'unknown-kind', 'yaml-duplicate-key', 'yaml-syntax'];
writeFileSync(schemaOnlyConfig, `extends: []\nrules:\n${SCHEMA_RULES.map((id) => `  ${id}: error\n`).join('')}`);
const cli = join(root, 'packages', 'cli', 'bin', 'podlint.js');

function writeSet(factor) {
  const directory = join(workspace, `x${factor}`);
  for (let replica = 1; replica <= factor; replica += 1) {
    for (const file of unit) {
      const path = join(directory, `replica-${String(replica).padStart(2, '0')}`, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
  }
  writeFileSync(join(directory, '.podlint.yaml'), 'extends: all\n');
  return directory;
}

function child(mode, directory) {
  const result = spawnSync(process.execPath, [...nodeFlags, join(root, 'bench', 'scale-child.mjs'), mode, directory], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (outOfMemory(result)) return { ms: NaN, maxRssMb: NaN, outOfMemory: true };
  if (result.status !== 0) throw new Error(`scale-child ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function runCli(directory, extra) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [...nodeFlags, '--import', rssHook, cli, '--format', 'compact', ...extra, directory], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (outOfMemory(result)) return { ms: NaN, maxRssMb: NaN, outOfMemory: true };
  if (result.status !== 0 && result.status !== 1) throw new Error(`podlint exited with ${result.status}: ${result.stderr.slice(0, 500)}`);
  const usage = /MAXRSS (\d+) CPU (\d+)/.exec(result.stderr);
  return { ms, maxRssMb: usage ? Number(usage[1]) / 1024 : NaN, cpuMs: usage ? Number(usage[2]) / 1000 : NaN };
}

function measure(fn) {
  const samples = Array.from({ length: runs }, fn);
  if (samples.some((sample) => sample.outOfMemory)) return { ms: NaN, maxRssMb: NaN, last: samples.find((sample) => !sample.outOfMemory), outOfMemory: true };
  return {
    ms: median(samples.map((sample) => sample.ms)),
    cpuMs: median(samples.map((sample) => sample.cpuMs ?? NaN)),
    maxRssMb: Math.max(...samples.map((sample) => sample.maxRssMb)),
    last: samples.at(-1),
  };
}

console.log(
  `1x: ${unit.length} files (the corpus ${corpus.length} files, replicated, plus one ${fmt(bigLines)}-line file of ${bigParts.length} documents), ${fmt(lines)} lines, ${fmt(objects)} objects; median of ${runs} runs per cell`,
);
const rows = [];
try {
  for (const factor of sizes) {
    const directory = writeSet(factor);
    const floor = measure(() => child('parse', directory));
    const lint = measure(() => child('lint', directory));
    const cliRun = measure(() => runCli(directory, []));
    const cliJobs = jobs ? measure(() => runCli(directory, ['--jobs', jobs])) : undefined;
    const cliSchema = measure(() => runCli(directory, ['--config', schemaOnlyConfig]));
    rows.push({ factor, floor, lint, cliRun, cliJobs, cliSchema, resources: lint.last?.resources ?? NaN, files: (floor.last ?? lint.last)?.files });
    rmSync(directory, { recursive: true, force: true });
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
const base = rows.find((row) => row.factor === 1) ?? rows[0];
const OOM = `ran out of memory (JS heap limit ${heapMb} MB)`;
for (const row of rows) {
  const perObject = (ms) => fmt((row.resources / ms) * 1000);
  const growth = (ms, baseMs) => fmt(ms / baseMs / (row.factor / base.factor), 2);
  console.log(`${row.factor}x: ${fmt(row.resources)} objects, ${row.floor.last?.documents ?? '?'} documents, ${row.files ?? '?'} files`);
  console.log(
    `  yaml parsing alone (floor): ${row.floor.outOfMemory ? OOM : `${fmt(row.floor.ms)} ms  ${perObject(row.floor.ms)} objects/s  peak RSS ${fmt(row.floor.maxRssMb)} MB  time/size vs 1x ${growth(row.floor.ms, base.floor.ms)}`}`,
  );
  console.log(
    `  podlint, all rules, 1 core: ${row.lint.outOfMemory ? OOM : `${fmt(row.lint.ms)} ms  ${perObject(row.lint.ms)} objects/s  peak RSS ${fmt(row.lint.maxRssMb)} MB  time/size vs 1x ${growth(row.lint.ms, base.lint.ms)}  (${fmt(row.lint.ms / row.floor.ms, 2)}x the floor)`}`,
  );
  console.log(
    `  podlint CLI (wall, with start-up): ${row.cliRun.outOfMemory ? OOM : `${fmt(row.cliRun.ms)} ms  CPU ${fmt(row.cliRun.cpuMs)} ms  peak RSS ${fmt(row.cliRun.maxRssMb)} MB  time/size vs 1x ${growth(row.cliRun.ms, base.cliRun.ms)}`}`,
  );
  console.log(
    `  podlint CLI, schema checks only (wall): ${row.cliSchema.outOfMemory ? OOM : `${fmt(row.cliSchema.ms)} ms  CPU ${fmt(row.cliSchema.cpuMs)} ms  ${perObject(row.cliSchema.ms)} objects/s  peak RSS ${fmt(row.cliSchema.maxRssMb)} MB`}`,
  );
  if (row.cliJobs) {
    console.log(
      `  podlint CLI --jobs ${jobs} (wall): ${row.cliJobs.outOfMemory ? OOM : `${fmt(row.cliJobs.ms)} ms  CPU ${fmt(row.cliJobs.cpuMs)} ms  peak RSS ${fmt(row.cliJobs.maxRssMb)} MB  time/size vs 1x ${growth(row.cliJobs.ms, base.cliJobs.ms)}`}`,
    );
  }
}
console.log(
  'reference, not measured here: kubeconform -strict, schema checks alone, 0.32-0.36 s for 2,760 objects in 60,700 lines (about 8,000 objects/s; issue #8, on this kind of machine)',
);
