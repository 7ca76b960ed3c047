// The language server never touches the network either: a session (workspace scan, diagnostics, hover,
// completion, quick fixes, an edit with 10,000 levels of nesting) under a preload that makes every network call
// record itself and fail (packages/cli/src/testing/no-network.ts).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TestClient } from './test-support/lsp-client.js';

const NO_NETWORK = pathToFileURL(fileURLToPath(new URL('../../cli/dist/testing/no-network.js', import.meta.url))).href;
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: always
`;

describe('podlint-lsp and the network', () => {
  it('serves a whole session without any network access, and survives a hostile edit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'podlint-lsp-security-'));
    roots.push(root);
    writeFileSync(join(root, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n');
    const log = join(root, 'attempts.log');
    const loaded = join(root, 'guard-loaded.log');
    const client = await TestClient.start({
      rootPath: root,
      capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
      env: { NODE_OPTIONS: `--import ${NO_NETWORK}`, PODLINT_NETWORK_LOG: log, PODLINT_NETWORK_GUARD_LOADED: loaded },
    });
    try {
      const uri = pathToFileURL(join(root, 'web.yaml')).href;
      await client.open(uri, DEPLOYMENT);
      const diagnostics = await client.diagnostics(uri);
      assert.ok(diagnostics.some((diagnostic: Diagnostic) => diagnostic.code === 'schema-enum'));
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 13, character: 12 } });
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 14, character: 10 } });
      await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 14, character: 27 }, end: { line: 14, character: 33 } },
        context: { diagnostics },
      });
      await client.change(uri, 2, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(10_000)}\n`);
      const deep = await client.diagnostics(uri, 2);
      assert.ok(deep.some((diagnostic: Diagnostic) => diagnostic.code === 'yaml-syntax'));
    } finally {
      const code = await client.stop();
      assert.equal(code, 0);
    }
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '');
    assert.ok(existsSync(loaded), 'the network guard was not loaded into the server');
  });
});
