// Language-server benchmark: time from didChange to diagnostics, on a 3,000-line multi-document file and on a
// small one, for podlint-lsp and for yaml-language-server on the same files in the same run, plus each server's
// memory (RSS). Nothing is asserted; the numbers are printed.
//   podlint-lsp (pull): didChange, then textDocument/diagnostic: the lint itself, no debounce.
//   podlint-lsp (push): didChange to publishDiagnostics, including its 30 ms debounce.
//   yaml-language-server: didChange to publishDiagnostics; it always waits 200 ms first (validationDelayMs),
//   so its time without the debounce is shown too. It runs without schemas: here, with no network, it cannot
//   download the Kubernetes schema, so it checks YAML syntax only (a lower bound of its work).
// yaml-language-server is installed with npm into .bench/yls on first use (not a dependency of podlint).
// Usage: node bench/lsp.mjs [--runs N]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag === -1 ? 15 : Number(process.argv[runsFlag + 1]);
const require = createRequire(join(root, 'packages/lsp/package.json'));
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const YLS_VERSION = '2.0.0';
const YLS_DEBOUNCE_MS = 200;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

function deployment(index, tag) {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${index}
  namespace: shop
  labels: {app: app-${index}, tier: web}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: app-${index}
  template:
    metadata:
      labels:
        app: app-${index}
        tier: web
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:${tag}
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: MODE
              value: production
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
            initialDelaySeconds: 10
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          ports:
            - containerPort: 9901
`;
}

/** The large file with document `middle`'s image tag set to `tag`. */
const LARGE_DOCUMENTS = 77;
function largeFile(tag) {
  const count = LARGE_DOCUMENTS;
  return Array.from({ length: count }, (_, index) => deployment(index, index === Math.floor(count / 2) ? tag : '1.0.0')).join('');
}
const smallFile = (tag) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:${tag}\n      ports:\n        - containerPort: 80\n    - name: side\n      image: envoy:1\n      ports:\n        - containerPort: 80\n`;

function ylsBin() {
  const folder = join(root, '.bench', 'yls');
  const bin = join(folder, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(bin)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{"private": true}\n');
    console.log(`installing yaml-language-server@${YLS_VERSION} into .bench/yls ...`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `yaml-language-server@${YLS_VERSION}`], { cwd: folder, stdio: 'inherit' });
  }
  return bin;
}

function rssMegabytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kilobytes / 1024;
}

async function startServer(command, args, capabilities, workspace, settings) {
  const child = spawn(process.execPath, [command, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push({ at: performance.now(), params });
    for (const waiter of [...waiters]) waiter();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => settings[item.section ?? ''] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings });
  const nextPublish = (uri, after) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 30000);
      const check = () => {
        const found = published.find((entry) => entry.at > after && entry.params.uri === uri);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  return { child, connection, nextPublish };
}

async function measure(server, mode, uri, makeText) {
  let version = 1;
  const open = performance.now();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: makeText('0.0.1') } });
  let opened;
  if (mode === 'pull') {
    await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    opened = performance.now() - open;
  } else {
    opened = (await server.nextPublish(uri, open)).at - open;
  }
  const times = [];
  for (let run = 0; run < runs + 2; run += 1) {
    version += 1;
    const text = makeText(`1.${run}.${version}`);
    const start = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    let end;
    if (mode === 'pull') {
      await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      end = performance.now();
    } else {
      end = (await server.nextPublish(uri, start)).at;
    }
    if (run >= 2) times.push(end - start); // the first two warm up
    await new Promise((resolve) => setTimeout(resolve, mode === 'pull' ? 5 : 250));
  }
  return { edit: median(times), open: opened };
}

async function stop(server) {
  await server.connection.sendRequest('shutdown', null).catch(() => undefined);
  await server.connection.sendNotification('exit', null).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));
  server.child.kill();
  server.connection.dispose();
}

const workspace = mkdtempSync(join(tmpdir(), 'podlint-lsp-bench-'));
const largeUri = pathToFileURL(join(workspace, 'large.yaml')).href;
const smallUri = pathToFileURL(join(workspace, 'small.yaml')).href;
console.log(`large file: ${largeFile('x').split('\n').length} lines, ${largeFile('x').length} bytes, ${LARGE_DOCUMENTS} documents; small file: ${smallFile('x').split('\n').length} lines; median of ${runs} edits`);

const podlintBin = join(root, 'packages/lsp/bin/podlint-lsp.js');
const rows = [];
try {
  for (const mode of ['pull', 'push']) {
    const capabilities = mode === 'pull' ? { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } } : {};
    const server = await startServer(podlintBin, ['--stdio'], capabilities, workspace, {});
    const large = await measure(server, mode, largeUri, largeFile);
    const small = await measure(server, mode, smallUri, smallFile);
    rows.push({ name: `podlint-lsp (${mode}${mode === 'push' ? ', with 30 ms debounce' : ''})`, large: large.edit, open: large.open, small: small.edit, rss: rssMegabytes(server.child.pid) });
    await stop(server);
  }
  const yamlSettings = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {}, format: { enable: false } };
  const yls = await startServer(ylsBin(), ['--stdio'], { textDocument: { publishDiagnostics: { versionSupport: true } } }, workspace, { yaml: yamlSettings });
  const large = await measure(yls, 'push', largeUri, largeFile);
  const small = await measure(yls, 'push', smallUri, smallFile);
  const rss = rssMegabytes(yls.child.pid);
  rows.push({ name: `yaml-language-server ${YLS_VERSION} (push, with its 200 ms debounce)`, large: large.edit, open: large.open, small: small.edit, rss });
  rows.push({ name: `yaml-language-server ${YLS_VERSION} (the same, less 200 ms)`, large: large.edit - YLS_DEBOUNCE_MS, open: large.open - YLS_DEBOUNCE_MS, small: small.edit - YLS_DEBOUNCE_MS, rss });
  await stop(yls);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}

const width = Math.max(...rows.map((row) => row.name.length));
console.log('edit: didChange of one document to its diagnostics (median); open: didOpen of the large file to its diagnostics (all documents linted)');
console.log(`${'server'.padEnd(width)}  ${'edit, large'.padStart(11)}  ${'edit, small'.padStart(11)}  ${'open, large'.padStart(11)}  ${'RSS'.padStart(7)}`);
for (const row of rows) {
  console.log(`${row.name.padEnd(width)}  ${fmt(row.large).padStart(11)}  ${fmt(row.small).padStart(11)}  ${fmt(row.open).padStart(11)}  ${`${row.rss.toFixed(0)} MB`.padStart(7)}`);
}
