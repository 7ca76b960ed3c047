// Schema validation benchmark: throughput on the shared corpus next to YAML parsing alone, start-up cost of the
// schemas next to `node -e 0`, and the same schemas compiled by ajv (kubernetes-models' own standalone
// validators, non-strict) as the reference podlint's generated validator must beat. Run after the build:
//   node bench/schema.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus');
const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
const rounds = Number(process.argv[2] ?? 5);

function files(directory) {
  const result = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'templates' && entry !== 'cache') result.push(...files(path));
    } else if (/\.(ya?ml|json)$/.test(entry)) {
      result.push(path);
    }
  }
  return result;
}

const inputs = files(corpus).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const bytes = inputs.reduce((sum, input) => sum + input.text.length, 0);

function parseAll() {
  const resources = [];
  for (const input of inputs) {
    const file = new core.SourceFile(input.path, input.text);
    for (const doc of file.documents) {
      if (doc.hasSyntaxErrors || doc.conversionError) continue;
      resources.push(...core.documentResources(doc));
    }
  }
  return resources;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

// Throughput. Validation results are cached per object, so each round validates freshly parsed objects; the
// parsing is timed on its own (the baseline) and is not part of the validation time.
function timeValidation(validate) {
  const samples = [];
  for (let round = 0; round < rounds; round += 1) {
    const resources = parseAll();
    const start = performance.now();
    for (const resource of resources) validate(resource);
    samples.push(performance.now() - start);
  }
  return median(samples);
}
parseAll();
const objects = parseAll().length;
const parseMs = time(parseAll);
const validateMs = timeValidation((resource) => core.resourceSchemaProblems(resource, {}));

// The same objects through ajv standalone code generated from the same package (not strict: no unknown-field checks).
const modelsDir = dirname(createRequire(join(root, 'packages/core/package.json')).resolve('kubernetes-models/package.json'));
const ajvValidators = new Map();
const ajvLoadStart = performance.now();
for (const resource of parseAll()) {
  const reference = core.builtinKindReference(resource.apiVersion, resource.kind);
  if (!reference || ajvValidators.has(reference)) continue;
  const id = ajvIdOf(resource.apiVersion, resource.kind);
  try {
    ajvValidators.set(reference, (await import(pathToFileURL(join(modelsDir, '_schemas', `${id}.js`)).href)).validate);
  } catch {
    ajvValidators.set(reference, undefined);
  }
}
const ajvLoadMs = performance.now() - ajvLoadStart;
const ajvValidateMs = timeValidation((resource) => ajvValidators.get(core.builtinKindReference(resource.apiVersion, resource.kind))?.(resource.object));

function ajvIdOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const camel = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  const groupName = group === 'core' ? 'Core' : group.replace(/\.k8s\.io$/, '').split('.').map(camel).join('');
  return `IoK8sApi${groupName}${camel(version)}${kind}`;
}

// Start-up: separate processes (median of runs). Each child reports when its imports were done and when its work
// was done, both from its own start, so the schema loading is measured apart from the noise of process start.
function processMs(imports, work = '') {
  const marks = [];
  for (let round = 0; round < Math.max(rounds, 11); round += 1) {
    const code = `${imports}; const __imported = performance.now(); ${work}; console.log(JSON.stringify([__imported, performance.now()]))`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    marks.push(JSON.parse(result.stdout.trim().split('\n').pop()));
  }
  return { ready: median(marks.map(([imported]) => imported)), work: median(marks.map(([imported, done]) => done - imported)) };
}
const coreUrl = pathToFileURL(join(root, 'packages/core/dist/index.js')).href;
const importCore = `const c = await import('${coreUrl}')`;
const deployment = "apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: a}\\nspec: {selector: {}, template: {spec: {containers: [{name: a, image: b}]}}}\\n";
const node = processMs('0');
const oneKind = processMs(importCore, `const f = new c.SourceFile('a.yaml', "${deployment}"); for (const r of c.documentResources(f.documents[0])) c.resourceSchemaProblems(r, {})`);
const allKinds = processMs(
  `${importCore}; const { readFileSync } = await import('node:fs')`,
  `const index = JSON.parse(readFileSync(new URL('../generated/kubernetes/index.json', '${coreUrl}'), 'utf8')); for (const kinds of Object.values(index.kinds)) for (const [k, ref] of Object.entries(kinds)) c.validateValue(ref, { metadata: {}, spec: {} }, k)`,
);
const ajvOneKind = processMs('0', `await import('${pathToFileURL(join(modelsDir, '_schemas', 'IoK8sApiAppsV1Deployment.js')).href}')`);

const generated = join(root, 'packages/core/generated/kubernetes');
const sizeOf = (filter) => readdirSync(generated).filter(filter).reduce((sum, name) => sum + statSync(join(generated, name)).size, 0);
// The same packages the shapes come from: Kubernetes API, apimachinery and the bundled custom resources.
const coreRequire = createRequire(join(root, 'packages/core/package.json'));
const packageDirs = [modelsDir, dirname(createRequire(join(modelsDir, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json'))].concat(
  ['@kubernetes-models/gateway-api', '@kubernetes-models/prometheus-operator', '@kubernetes-models/cert-manager'].map((name) => dirname(coreRequire.resolve(`${name}/package.json`))),
);
const ajvSize = packageDirs
  .flatMap((directory) => readdirSync(join(directory, '_schemas')).filter((name) => name.endsWith('.js')).map((name) => join(directory, '_schemas', name)))
  .reduce((sum, path) => sum + statSync(path).size, 0);

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const rate = (count, ms) => `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;
console.log(`corpus: ${inputs.length} files, ${kib(bytes)}, ${objects} objects; median of ${rounds} rounds`);
console.log(`  YAML parsing alone (baseline)        ${parseMs.toFixed(1)} ms  ${rate(objects, parseMs)} objects`);
console.log(`  schema validation (podlint)          ${validateMs.toFixed(1)} ms  ${rate(objects, validateMs)} objects, strict, with messages`);
console.log(`  ajv standalone (kubernetes-models)   ${ajvValidateMs.toFixed(1)} ms  ${rate(objects, ajvValidateMs)} objects, not strict; importing its modules took ${ajvLoadMs.toFixed(0)} ms`);
console.log('start-up (separate processes, ms from process start):');
console.log(`  node -e 0 (baseline)                 ${node.ready.toFixed(1)} ms`);
console.log(`  import @podlint/core                 ${oneKind.ready.toFixed(1)} ms`);
console.log(`  then validate one Deployment         +${oneKind.work.toFixed(1)} ms (reads apps/v1, meta/v1, core v1; compiles nothing)`);
console.log(`  then validate every built-in kind    +${allKinds.work.toFixed(1)} ms (reads every module)`);
console.log(`  ajv: import its Deployment validator +${ajvOneKind.work.toFixed(1)} ms`);
console.log('size:');
console.log(`  podlint shapes ${kib(sizeOf((name) => name.endsWith('.json') && !name.endsWith('.docs.json')))}, descriptions ${kib(sizeOf((name) => name.endsWith('.docs.json')))}; ajv standalone validators ${kib(ajvSize)}`);
