// Language-server benchmark of a workspace with many CustomResourceDefinitions: the server runs in this process
// (so that its heap can be measured after a forced GC, and core's counters read), on a workspace folder of
// generated CRD files, each of a kind of its own, and one open file that holds a Deployment and custom resources.
//   custom resource edits: a custom resource's value is changed, then its diagnostics pulled; no CRD changes.
//   CRD edits: the open CRD of that custom resource gains or loses a field, and both files' diagnostics are pulled.
// For each: time per edit (didChange to the pulled diagnostics; median and mean), schemas converted per edit,
// custom schema modules registered at the end, and heap used after a forced GC before and after the edits.
// Nothing is asserted; the numbers are printed.
// Usage: node bench/lsp-crds.mjs [--crds N] [--edits N] [--fields N] (24 described spec fields make a CRD of about
// 5 KB; 400, about 50 KB). It starts itself again with --expose-gc when needed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const crdCount = flag('--crds', 50);
const edits = flag('--edits', 200);
const fieldCount = flag('--fields', 24);
const require = createRequire(join(root, 'packages/lsp/package.json'));
const { createConnection, ProposedFeatures } = require('vscode-languageserver/node');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const load = (path) => import(pathToFileURL(join(root, path)).href);
const core = await load('packages/core/dist/index.js');
const { startServer } = await load('packages/lsp/dist/index.js');
const { rules } = await load('rules/dist/index.js');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const conversions = () => core.customSchemaConversions?.() ?? NaN;

/** A CRD of described string fields, a nested object, a list of objects, an enum and a map. */
function crd(index, extraFields = []) {
  const string = (name) => `                ${name}: {type: string, description: "The ${name} of the widget, as the operator reads it when it reconciles."}`;
  const names = [...Array.from({ length: fieldCount }, (_, field) => `field${field}`), ...extraFields];
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets${index}.g${index}.example.com
spec:
  group: g${index}.example.com
  names: {kind: Widget${index}, plural: widgets${index}, singular: widget${index}, listKind: Widget${index}List}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          description: Widget${index} is a generated custom resource.
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: string, enum: [S, M, L, XL]}
                replicas: {type: integer, format: int32, minimum: 0}
${names.map(string).join('\n')}
                template:
                  type: object
                  properties:
${Array.from({ length: 12 }, (_, field) => `                    nested${field}: {type: string, description: "A nested setting."}`).join('\n')}
                ports:
                  type: array
                  items:
                    type: object
                    required: [port]
                    properties:
                      name: {type: string}
                      port: {type: integer}
                      protocol: {type: string, enum: [TCP, UDP]}
                labels:
                  type: object
                  additionalProperties: {type: string}
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;
}

function customResource(index, value) {
  return `---
apiVersion: g${index}.example.com/v1
kind: Widget${index}
metadata: {name: widget-${index}}
spec:
  size: M
  replicas: 2
  field1: ${value}
  colour: red
  ports: [{port: 80, protocol: TCP}]
`;
}

const deployment = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: 80}]
`;
const appText = (value) => deployment + customResource(0, value) + customResource(1, 'one') + customResource(2, 'two');

const workspace = mkdtempSync(join(tmpdir(), 'podlint-lsp-crds-'));
mkdirSync(join(workspace, 'crds'));
const crdPath = (index) => join(workspace, 'crds', `crd-${String(index).padStart(3, '0')}.yaml`);
for (let index = 0; index < crdCount; index += 1) writeFileSync(crdPath(index), crd(index));
const appPath = join(workspace, 'app.yaml');
writeFileSync(appPath, appText('start'));

const toServer = new PassThrough();
const toClient = new PassThrough();
const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
startServer(serverConnection, { registry: rules, version: 'bench' });
const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
let indexed;
const logs = [];
client.onNotification('window/logMessage', (params) => {
  logs.push(params.message);
  if (/indexed \d+ workspace files/.test(params.message)) indexed?.();
});
client.onRequest('workspace/diagnostic/refresh', () => null);
client.onRequest('client/registerCapability', () => null);
client.listen();
const scanned = new Promise((resolve) => (indexed = resolve));
const rootUri = pathToFileURL(workspace).href;
await client.sendRequest('initialize', {
  processId: process.pid,
  rootUri,
  workspaceFolders: [{ uri: rootUri, name: 'bench' }],
  capabilities: { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } },
});
await client.sendNotification('initialized', {});
await scanned;

const versions = new Map();
const uriOf = (path) => pathToFileURL(path).href;
async function open(path, text) {
  versions.set(path, 1);
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(path), languageId: 'yaml', version: 1, text } });
}
async function change(path, text) {
  const version = versions.get(path) + 1;
  versions.set(path, version);
  await client.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(path), version }, contentChanges: [{ text }] });
}
const pull = (path) => client.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf(path) } });
const ruleIds = (report) => report.items.map((item) => item.code).sort().join(' ');

function heapMegabytes() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Runs `count` edits (edit(n) changes the text, then pulls what it must); returns the numbers. */
async function measure(count, edit) {
  const times = [];
  // Finalizers of what the last GC found unreachable run as tasks of their own: let them run before measuring.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const heapBefore = heapMegabytes();
  const conversionsBefore = conversions();
  for (let n = 0; n < count; n += 1) {
    const start = performance.now();
    await edit(n);
    times.push(performance.now() - start);
  }
  const conversionsAfter = conversions();
  heapMegabytes();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const heapAfter = heapMegabytes();
  return { times, heapBefore, heapAfter, converted: conversionsAfter - conversionsBefore, modules: core.customSchemaModuleCount?.() ?? NaN };
}

await open(appPath, appText('start'));
const first = await pull(appPath);
console.log(`${crdCount} CRDs (${crd(0).length} bytes each) on disk, one open file of a Deployment and 3 custom resources; ${edits} edits each`);
console.log(`the open file's diagnostics: ${ruleIds(first)}`);
const rows = [];
// Warm up, then measure.
for (let n = 0; n < 5; n += 1) {
  await change(appPath, appText(`warm${n}`));
  await pull(appPath);
}
rows.push({
  name: 'custom resource edits',
  ...(await measure(edits, async (n) => {
    await change(appPath, appText(`value${n}`));
    await pull(appPath);
  })),
});
const last = await pull(appPath);
console.log(`after them: ${ruleIds(last)}`);

await open(crdPath(0), crd(0));
await pull(crdPath(0));
rows.push({
  name: 'CRD edits (both files pulled)',
  ...(await measure(edits, async (n) => {
    // Every other edit declares `colour`, which the custom resource sets: its schema-unknown-field comes and goes.
    await change(crdPath(0), crd(0, n % 2 === 0 ? ['colour', `extra${n}`] : [`extra${n}`]));
    await pull(crdPath(0));
    await pull(appPath);
  })),
});

const width = Math.max(...rows.map((row) => row.name.length));
console.log(
  `${'edits'.padEnd(width)}  ${'median'.padStart(9)}  ${'mean'.padStart(9)}  ${'converted/edit'.padStart(14)}  ${'modules'.padStart(7)}  ${'heap before'.padStart(11)}  ${'heap after'.padStart(10)}`,
);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(width)}  ${fmt(median(row.times)).padStart(9)}  ${fmt(mean(row.times)).padStart(9)}  ${(row.converted / edits).toFixed(2).padStart(14)}  ${String(row.modules).padStart(7)}  ${`${row.heapBefore.toFixed(1)} MB`.padStart(11)}  ${`${row.heapAfter.toFixed(1)} MB`.padStart(10)}`,
  );
}
client.dispose();
rmSync(workspace, { recursive: true, force: true });
process.exit(0);
