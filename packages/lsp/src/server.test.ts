// Protocol tests: the real server process over stdio, spoken to as an editor would.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, TextEdit } from 'vscode-languageserver';
import { TEST_SERVER, TestClient } from './test-support/lsp-client.js';

const workspaces: string[] = [];
after(() => {
  for (const directory of workspaces) rmSync(directory, { recursive: true, force: true });
});

function workspace(files: Record<string, string> = {}): { root: string; uri: (name: string) => string; write: (name: string, text: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'podlint-lsp-'));
  workspaces.push(root);
  const write = (name: string, text: string) => writeFileSync(join(root, name), text);
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { root, uri: (name) => pathToFileURL(join(root, name)).href, write };
}

const BARE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
`;

// The rules these tests are about; other rules (the presets grow) are left out of the comparisons.
const OBSERVED_RULES = new Set(['bare-pod', 'image-tag-latest', 'pod-port-collision', 'yaml-syntax', 'yaml-duplicate-key', 'internal-error', 'config']);
const observed = (code: unknown) => OBSERVED_RULES.has(String(code)) || String(code).startsWith('test-');

const brief = (diagnostics: readonly Diagnostic[]) =>
  diagnostics
    .filter((d) => observed(d.code))
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.severity}`);

function hoverText(hover: Hover | null): string | undefined {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), [...edits]);
}

/** The edits of an action for one document, checking that they are tied to `version`. */
function editsOf(action: CodeAction, uri: string, version: number): TextEdit[] {
  const change = action.edit?.documentChanges?.[0];
  assert.ok(change && 'textDocument' in change, `versioned edit expected in ${JSON.stringify(action)}`);
  assert.equal(change.textDocument.uri, uri);
  assert.equal(change.textDocument.version, version);
  return change.edits as TextEdit[];
}

const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true } } };
const PUSH = { workspace: { workspaceEdit: { documentChanges: true } } };

describe('podlint-lsp over stdio', () => {
  it('pushes diagnostics with exact ranges, rule ids, docs links and severities', async () => {
    const ws = workspace();
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PUSH });
    try {
      await client.open(ws.uri('pod.yaml'), BARE_POD);
      const diagnostics = await client.diagnostics(ws.uri('pod.yaml'), 1);
      assert.deepEqual(brief(diagnostics), ['1:6-1:9 bare-pod 2', '7:13-7:18 image-tag-latest 2']);
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, 'podlint');
        assert.equal(diagnostic.codeDescription?.href, `https://github.com/podlint/podlint/blob/main/docs/rules/${String(diagnostic.code)}.md`);
      }
      await client.change(ws.uri('pod.yaml'), 2, BARE_POD.replace('image: nginx', 'image: nginx:1.27'));
      assert.deepEqual(brief(await client.diagnostics(ws.uri('pod.yaml'), 2)), ['1:6-1:9 bare-pod 2']);
      const versions = client.published.filter((params) => params.uri === ws.uri('pod.yaml')).map((params) => params.version);
      assert.deepEqual(versions, [...versions].sort((a, b) => (a ?? 0) - (b ?? 0)), 'never an older version after a newer one');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('serves pulled diagnostics, unchanged while the text is, and nothing for YAML that is not Kubernetes', async () => {
    const ws = workspace();
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PULL });
    try {
      const uri = ws.uri('pod.yaml');
      await client.open(uri, BARE_POD);
      const first = await client.request<DocumentDiagnosticReport & { resultId: string }>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(first.kind, 'full');
      assert.deepEqual(brief(first.kind === 'full' ? first.items : []), ['1:6-1:9 bare-pod 2', '7:13-7:18 image-tag-latest 2']);
      const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      assert.equal(again.kind, 'unchanged');
      await client.change(uri, 2, BARE_POD.replace('kind: Pod', 'kind: Pod\n# a comment').replace('image: nginx', 'image: nginx:1'));
      const changed = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
      assert.equal(changed.kind, 'full');
      assert.deepEqual(brief(changed.kind === 'full' ? changed.items : []), ['1:6-1:9 bare-pod 2']);
      const workflow = ws.uri('ci.yaml');
      await client.open(workflow, 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n');
      const clean = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: workflow } });
      assert.deepEqual(clean.kind === 'full' ? clean.items : ['?'], []);
      assert.equal(client.published.length, 0, 'a pull client gets no pushed diagnostics');
    } finally {
      await client.stop();
    }
  });

  it('offers "disable for this line" and "for this file" with versioned edits that work', async () => {
    const ws = workspace();
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PUSH });
    try {
      const uri = ws.uri('pod.yaml');
      await client.open(uri, BARE_POD, 'yaml', 3);
      await client.diagnostics(uri, 3);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 7, character: 15 }, end: { line: 7, character: 15 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(actions.map((action) => `${action.kind} ${action.title}`), [
        'quickfix Disable image-tag-latest for this line',
        'quickfix Disable image-tag-latest for this file',
      ]);
      assert.equal(actions[0]!.diagnostics?.[0]?.code, 'image-tag-latest');
      const lineDisabled = applyEdits(BARE_POD, editsOf(actions[0]!, uri, 3));
      assert.equal(lineDisabled, BARE_POD.replace('      image: nginx', '      # podlint-disable-next-line image-tag-latest\n      image: nginx'));
      const fileDisabled = applyEdits(BARE_POD, editsOf(actions[1]!, uri, 3));
      assert.equal(fileDisabled, `# podlint-disable-file image-tag-latest\n${BARE_POD}`);
      await client.change(uri, 4, lineDisabled);
      assert.deepEqual(brief(await client.diagnostics(uri, 4)), ['1:6-1:9 bare-pod 2']);
    } finally {
      await client.stop();
    }
  });

  // The directive went inside the block scalar: the ConfigMap's data changed, and the problem was hidden.
  it('disables a problem inside a block scalar around its key, in a file of one document and of several', async () => {
    const ws = workspace();
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PULL });
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  app.conf: |\n    listen 8080\n    upstream 10.244.1.17:9000\n    done\n';
    try {
      for (const [name, text] of [['one.yaml', configMap], ['two.yaml', `${BARE_POD}---\n${configMap}`]] as const) {
        const uri = ws.uri(name);
        await client.open(uri, text);
        const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        const problem = (report.kind === 'full' ? report.items : []).find((item) => item.code === 'hardcoded-pod-ip')!;
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: problem.range, context: { diagnostics: [problem] } });
        const action = actions.find((item) => item.title === 'Disable hardcoded-pod-ip for this line')!;
        const disabled = applyEdits(text, editsOf(action, uri, 1));
        assert.equal(disabled, text.replace('  app.conf', '  # podlint-disable hardcoded-pod-ip\n  app.conf').replace(/done\n$/, 'done\n  # podlint-enable hardcoded-pod-ip\n'));
        await client.change(uri, 2, disabled);
        const after = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        assert.ok(!(after.kind === 'full' ? after.items : []).some((item) => item.code === 'hardcoded-pod-ip'));
      }
    } finally {
      await client.stop();
    }
  });

  it('applies a rule fix, its suggestion and fix-all as versioned, non-overlapping edits', async () => {
    const ws = workspace();
    const client = await TestClient.start({ script: TEST_SERVER, rootPath: ws.root, capabilities: PUSH });
    try {
      const uri = ws.uri('deploy.yaml');
      const text = `apiVersion: apps/v1
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
          image: nginx:1.27
          imagePullPolicy: always
        - name: sidecar
          image: envoy:1.31
          imagePullPolicy: always
`;
      await client.open(uri, text, 'yaml', 7);
      const diagnostics = await client.diagnostics(uri, 7);
      assert.deepEqual(brief(diagnostics), ['14:27-14:33 test-fixable 2', '17:27-17:33 test-fixable 2']);
      const allActions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 14, character: 28 }, end: { line: 14, character: 28 } },
        context: { diagnostics },
      });
      // Other rules (schema-enum on `always`) offer their own actions here; this test is about test-fixable's.
      const actions = allActions.filter((action) => !action.diagnostics || action.diagnostics.every((d) => observed(d.code)));
      assert.deepEqual(actions.map((action) => `${action.kind} ${action.title}${action.isPreferred ? ' (preferred)' : ''}`), [
        'quickfix Fix this test-fixable problem (preferred)',
        'quickfix Use "Never" instead.',
        'quickfix Disable test-fixable for this line',
        'quickfix Disable test-fixable for this file',
        'source.fixAll.podlint Fix all auto-fixable podlint problems',
      ]);
      assert.equal(applyEdits(text, editsOf(actions[0]!, uri, 7)), text.replace('imagePullPolicy: always', 'imagePullPolicy: Always'));
      assert.equal(applyEdits(text, editsOf(actions[1]!, uri, 7)), text.replace('imagePullPolicy: always', 'imagePullPolicy: Never'));
      const fixAll = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.deepEqual(fixAll.map((action) => action.kind), ['source.fixAll.podlint']);
      const fixed = applyEdits(text, editsOf(fixAll[0]!, uri, 7));
      assert.equal(fixed, text.replaceAll('imagePullPolicy: always', 'imagePullPolicy: Always'));
      await client.change(uri, 8, fixed);
      assert.deepEqual(brief(await client.diagnostics(uri, 8)), []);
    } finally {
      await client.stop();
    }
  });

  it('explains a diagnostic on hover', async () => {
    const ws = workspace();
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PULL });
    try {
      const uri = ws.uri('pod.yaml');
      await client.open(uri, BARE_POD);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 14 } });
      const [explanation, fieldDoc] = (hoverText(hover) ?? '').split('\n\n---\n\n');
      assert.equal(explanation, '**podlint** ([image-tag-latest](https://github.com/podlint/podlint/blob/main/docs/rules/image-tag-latest.md)): An image with no tag or the `:latest` tag (a digest is fine).');
      assert.match(fieldDoc ?? '', /^\*\*image\*\* `<string>` \(required\)\n\n`Pod\.spec\.containers\[\]\.image` \(v1\)\n\nContainer image name\./);
    } finally {
      await client.stop();
    }
  });

  it('explains fields and completes keys and enum values from the Kubernetes API schemas', async () => {
    const ws = workspace();
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PULL });
    try {
      const uri = ws.uri('pod.yaml');
      const text = `${BARE_POD}      imagePullPolicy: \n      \n`;
      await client.open(uri, text);
      const hover = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 8 } }));
      assert.match(hover ?? '', /Pod\.spec\.containers\[\]\.image/);
      assert.match(hover ?? '', /Container image name/);
      type Items = { items?: { label: string }[] } | { label: string }[];
      const labels = (result: Items) => (Array.isArray(result) ? result : (result.items ?? [])).map((item) => item.label);
      const values = await client.request<Items>('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 23 } });
      assert.deepEqual(labels(values).sort(), ['Always', 'IfNotPresent', 'Never']);
      const keys = labels(await client.request<Items>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 6 } }));
      assert.ok(keys.includes('livenessProbe') && keys.includes('resources'), keys.join(', '));
      assert.ok(!keys.includes('image') && !keys.includes('name'), 'keys already present are not offered');
    } finally {
      await client.stop();
    }
  });

  it('does not lint a file over podlint.maxFileSize, says so on its first line, and lints it once the limit is raised', async () => {
    const ws = workspace({});
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PUSH, initializationOptions: { settings: { maxFileSize: 0.001 } } });
    try {
      const uri = ws.uri('big.yaml');
      await client.open(uri, `${BARE_POD}# ${'x'.repeat(2000)}\n`);
      const [only, ...rest] = await client.diagnostics(uri, 1);
      assert.deepEqual(rest, []);
      assert.deepEqual(only!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'apiVersion: v1'.length } });
      assert.equal(only!.severity, 2);
      assert.match(
        String(only!.message),
        /^podlint did not lint this file: 0\.002\d* MB is over the 0\.001 MB limit for one file \(linting takes about 60 times a file's size in memory\); raise the limit with the podlint\.maxFileSize setting \(MB\), or 0 for no limit\.$/,
      );
      const codeActions = (await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      assert.deepEqual(codeActions, []);
      const raisedAt = client.published.length;
      await client.notify('workspace/didChangeConfiguration', { settings: { podlint: { maxFileSize: 0 } } });
      await client.waitFor('the file linted', () => client.published.slice(raisedAt).find((params) => params.uri === uri && brief(params.diagnostics).some((line) => line.includes('bare-pod'))));
    } finally {
      await client.stop();
    }
  });

  it('follows .podlint.yaml, reports a bad one at its line and column, and takes editor settings', async () => {
    const ws = workspace({ '.podlint.yaml': 'rules:\n  bare-pod: off\n' });
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PUSH });
    try {
      const uri = ws.uri('pod.yaml');
      await client.open(uri, BARE_POD);
      assert.deepEqual(brief(await client.diagnostics(uri, 1)), ['7:13-7:18 image-tag-latest 2']);

      ws.write('.podlint.yaml', 'rules:\n  bare-pod: error\n  image-tag-latst: off\n');
      const before = client.published.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.podlint.yaml'), type: 2 }] });
      const configDiagnostics = await client.waitFor('the config error', () =>
        client.published.slice(before).find((params) => params.uri === ws.uri('.podlint.yaml') && params.diagnostics.length > 0),
      );
      assert.deepEqual(brief(configDiagnostics.diagnostics), ['2:2-2:17 config 1']);
      assert.match(String(configDiagnostics.diagnostics[0]!.message), /unknown rule "image-tag-latst"; did you mean "image-tag-latest"\?/);
      // Meanwhile the defaults apply: bare-pod is a warning again.
      await client.waitFor('linting with the defaults', () =>
        client.published.slice(before).find((params) => params.uri === uri && brief(params.diagnostics).join() === '1:6-1:9 bare-pod 2,7:13-7:18 image-tag-latest 2'),
      );
      assert.ok(client.logs.some((log) => log.type === 2 && log.message.includes('.podlint.yaml:3:3: unknown rule')));

      ws.write('.podlint.yaml', 'rules:\n  bare-pod: error\n');
      const fixedAt = client.published.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.podlint.yaml'), type: 2 }] });
      await client.waitFor('the config error to clear', () => client.published.slice(fixedAt).find((params) => params.uri === ws.uri('.podlint.yaml') && params.diagnostics.length === 0));
      await client.waitFor('bare-pod as an error', () =>
        client.published.slice(fixedAt).find((params) => params.uri === uri && brief(params.diagnostics).join() === '1:6-1:9 bare-pod 1,7:13-7:18 image-tag-latest 2'),
      );

      // Editor settings are defaults: the config's bare-pod wins, image-tag-latest follows the setting.
      const settingsAt = client.published.length;
      await client.notify('workspace/didChangeConfiguration', { settings: { podlint: { rules: { 'bare-pod': 'off', 'image-tag-latest': 'info' } } } });
      await client.waitFor('settings applied', () =>
        client.published.slice(settingsAt).find((params) => params.uri === uri && brief(params.diagnostics).join() === '1:6-1:9 bare-pod 1,7:13-7:18 image-tag-latest 3'),
      );
    } finally {
      await client.stop();
    }
  });

  it('validates an open .podlint.yaml as it is typed', async () => {
    const ws = workspace({ '.podlint.yaml': 'extends: recommended\n' });
    const client = await TestClient.start({ rootPath: ws.root, capabilities: PULL });
    try {
      const uri = ws.uri('.podlint.yaml');
      await client.open(uri, 'extends: recommended\nkubernetesVersion: "2.0"\n');
      const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.deepEqual(brief(report.kind === 'full' ? report.items : []), ['1:19-1:24 config 1']);
    } finally {
      await client.stop();
    }
  });

  it('survives broken YAML, unknown requests, deleted files and a rule that throws', async () => {
    const ws = workspace({ 'gone.yaml': BARE_POD });
    const client = await TestClient.start({ script: TEST_SERVER, rootPath: ws.root, capabilities: PUSH });
    try {
      const broken = ws.uri('broken.yaml');
      await client.open(broken, 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x\nspec:\n  containers: [\n');
      const diagnostics = await client.diagnostics(broken, 1);
      assert.ok(diagnostics.length > 0 && diagnostics.every((diagnostic) => diagnostic.code === 'yaml-syntax'), JSON.stringify(diagnostics));

      await assert.rejects(client.request('podlint/noSuchRequest', {}), /Unhandled method|not found/i);
      await client.notify('podlint/noSuchNotification', {});

      unlinkSync(join(ws.root, 'gone.yaml'));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('gone.yaml'), type: 3 }, { uri: ws.uri('never-existed.yaml'), type: 2 }] });

      const boom = ws.uri('boom.yaml');
      await client.open(boom, BARE_POD.replace('image: nginx', 'image: boom'));
      const withError = await client.diagnostics(boom, 1);
      assert.ok(withError.some((diagnostic) => diagnostic.code === 'internal-error' && /test-throws/.test(String(diagnostic.message))));
      const logged = await client.waitFor('the logged rule error', () => client.logs.find((log) => log.type === 1 && log.message.includes('the test rule exploded')));
      assert.match(logged.message, /Rule "test-throws" failed/);

      // Still serving.
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: boom }, position: { line: 1, character: 7 } });
      assert.ok(hover);
      await client.change(broken, 2, BARE_POD);
      assert.ok((await client.diagnostics(broken, 2)).some((diagnostic) => diagnostic.code === 'bare-pod'));
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('sees the workspace for rules across resources, and follows changes in other files and documents', async () => {
    const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: x, image: "x:1"}]\n`;
    const ws = workspace({ 'a.yaml': deployment('shared') });
    const client = await TestClient.start({ script: TEST_SERVER, rootPath: ws.root, capabilities: PUSH });
    try {
      const b = ws.uri('b.yaml');
      await client.open(b, deployment('shared'));
      await client.waitFor('the duplicate across files', () =>
        client.published.find((params) => params.uri === b && brief(params.diagnostics).join() === '3:8-3:14 test-duplicate-name 1'),
      );

      // Two documents of one file: the second is the duplicate; renaming the first clears it.
      const multi = `${deployment('one')}---\n${deployment('one')}`;
      await client.change(b, 2, multi);
      assert.deepEqual(brief(await client.diagnostics(b, 2)), ['14:8-14:11 test-duplicate-name 1']);
      await client.change(b, 3, multi.replace('name: one', 'name: two'));
      assert.deepEqual(brief(await client.diagnostics(b, 3)), []);

      // A file on disk changes: the open document that duplicated it is linted again.
      await client.change(b, 4, deployment('later'));
      assert.deepEqual(brief(await client.diagnostics(b, 4)), []);
      ws.write('a.yaml', deployment('later'));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('a.yaml'), type: 2 }] });
      await client.waitFor('the new duplicate', () => client.published.find((params) => params.uri === b && brief(params.diagnostics).join() === '3:8-3:13 test-duplicate-name 1'));
    } finally {
      await client.stop();
    }
  });

  // An old revision in a diff view (git:, fugitive://) or an untitled buffer joined the workspace's objects under a
  // made-up path, and the file it was a copy of got a duplicate against it.
  it('lints a buffer that is no file against the workspace, without adding its objects to it', async () => {
    const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: x, image: "x:1"}]\n`;
    const ws = workspace({ 'a.yaml': deployment('shared') });
    const client = await TestClient.start({ script: TEST_SERVER, rootPath: ws.root, capabilities: PULL });
    const pull = async (uri: string) => {
      const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return brief(report.kind === 'full' ? report.items : []);
    };
    try {
      const file = ws.uri('b.yaml');
      await client.waitFor('the workspace scan', () => client.logs.find((log) => log.message.includes('indexed 1 workspace files')));
      await client.open(file, deployment('mine'));
      assert.deepEqual(await pull(file), []);
      const copies = [`git:${ws.root}/b.yaml?%7B%22ref%22%3A%22HEAD%22%7D`, `fugitive://${ws.root}/.git//0/b.yaml`, 'untitled:Untitled-1'];
      for (const [index, uri] of copies.entries()) {
        await client.open(uri, `${deployment('mine')}---\n${deployment('shared')}`);
        // It sees the workspace (a.yaml's "shared") and itself, file b.yaml's "mine" included.
        assert.deepEqual(await pull(uri), ['3:8-3:12 test-duplicate-name 1', '14:8-14:14 test-duplicate-name 1'], uri);
        assert.deepEqual(await pull(file), [], `${uri} is not one of the workspace's files`);
        await client.change(uri, 2, deployment('other'));
        assert.deepEqual(await pull(uri), [], uri);
        if (index === 0) await client.notify('textDocument/didClose', { textDocument: { uri } });
      }
      assert.deepEqual(await pull(file), []);
    } finally {
      await client.stop();
    }
  });

  // A file the config's `ignores` leave out got every diagnostic in the editor, and its objects counted.
  it('gives a file that .podlint.yaml ignores no diagnostics and leaves its objects out, as the command does', async () => {
    const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: x, image: "x:1"}]\n`;
    const ws = workspace({ '.podlint.yaml': 'ignores:\n  - vendor/**\n' });
    mkdirSync(join(ws.root, 'vendor'));
    ws.write('vendor/on-disk.yaml', deployment('shared'));
    const client = await TestClient.start({ script: TEST_SERVER, rootPath: ws.root, capabilities: PULL });
    const pull = async (uri: string) => {
      const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return brief(report.kind === 'full' ? report.items : []);
    };
    try {
      await client.waitFor('the workspace scan', () => client.logs.find((log) => log.message.includes('indexed 1 workspace files')));
      const vendored = ws.uri('vendor/open.yaml');
      await client.open(vendored, `${BARE_POD}---\n${deployment('opened')}`);
      assert.deepEqual(await pull(vendored), []);
      const app = ws.uri('z-app.yaml');
      await client.open(app, `${deployment('shared')}---\n${deployment('opened')}`);
      assert.deepEqual(await pull(app), []);
      ws.write('.podlint.yaml', 'rules: {}\n');
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.podlint.yaml'), type: 2 }] });
      await client.waitFor('the refresh', () => (client.refreshRequests > 0 ? true : undefined));
      assert.deepEqual(await pull(vendored), ['1:6-1:9 bare-pod 2', '7:13-7:18 image-tag-latest 2']);
      assert.deepEqual(await pull(app), ['3:8-3:14 test-duplicate-name 1', '14:8-14:14 test-duplicate-name 1']);
    } finally {
      await client.stop();
    }
  });

  it('documents and completes fields through the injected provider', async () => {
    const ws = workspace();
    const client = await TestClient.start({ script: TEST_SERVER, rootPath: ws.root, capabilities: PULL });
    try {
      const uri = ws.uri('pod.yaml');
      const text = `${BARE_POD.replace('image: nginx', 'image: nginx:1.27')}      imagePullPolicy: \n      ima\n`;
      await client.open(uri, text);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 8 } });
      assert.equal(hoverText(hover), '**image** `<string>`\n\n`Pod.spec.containers[].image` (v1)\n\nContainer image name.');
      type Items = { label: string; textEdit?: TextEdit }[];
      const values = await client.request<Items>('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 23 } });
      assert.deepEqual(values.map((item) => item.label), ['Always', 'IfNotPresent', 'Never']);
      const keys = await client.request<Items>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 9 } });
      assert.deepEqual(keys.map((item) => item.label), []);
      const fresh = text.replace('      imagePullPolicy: \n', '');
      await client.change(uri, 2, fresh);
      const offered = await client.request<Items>('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 9 } });
      assert.deepEqual(offered.map((item) => item.label), ['imagePullPolicy']);
      assert.deepEqual(offered[0]!.textEdit, { range: { start: { line: 8, character: 6 }, end: { line: 8, character: 9 } }, newText: 'imagePullPolicy: ' });
      // YAML's `key: ` and bare values inserted into JSON made it invalid: JSON documents get no completion.
      const json = ws.uri('pod.json');
      const jsonText = '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "c", "image": "x:1", "imagePullPolicy": "IfNotPresent"}]}}\n';
      await client.open(json, jsonText, 'json');
      const position = { line: 0, character: jsonText.indexOf('IfNotPresent') + 2 };
      assert.deepEqual(await client.request<Items>('textDocument/completion', { textDocument: { uri: json }, position }), []);
    } finally {
      await client.stop();
    }
  });

  it('prints usage and exits 2 without a transport', async () => {
    const { spawnSync } = await import('node:child_process');
    const { SERVER_BIN } = await import('./test-support/lsp-client.js');
    const result = spawnSync(process.execPath, [SERVER_BIN], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stdout, /Usage: podlint-lsp --stdio/);
  });
  it("answers requests as the protocol's lifecycle asks: errors before initialize and after shutdown, InvalidParams for a field it needs", async () => {
    const client = await TestClient.start({ initialize: false });
    try {
      const hover = { textDocument: { uri: 'file:///tmp/pod.yaml' }, position: { line: 0, character: 0 } };
      await assert.rejects(client.request('textDocument/hover', hover), { code: -32002 });
      await client.request('initialize', { processId: null, rootUri: null, capabilities: {} });
      await client.notify('initialized', {});
      assert.equal(await client.request('textDocument/hover', hover), null);
      await assert.rejects(client.request('textDocument/hover', { textDocument: hover.textDocument }), { code: -32602 });
      await assert.rejects(client.request('textDocument/codeAction', { textDocument: hover.textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }), { code: -32602 });
      await assert.rejects(client.request('textDocument/diagnostic', {}), { code: -32602 });
      await client.request('shutdown', null);
      await assert.rejects(client.request('textDocument/hover', hover), { code: -32600 });
    } finally {
      await client.stop();
    }
  });
});
