// The server as an editor drives it, at random (fast-check): documents opened from the fixtures, incremental edits
// (some with positions past the end of a line or of the text, as clients send after a race), diagnostics pulled,
// hovers, completions and code actions asked anywhere and their quick fixes applied, settings changed to values good
// and bad, documents closed and files on disk reported changed. Whatever the steps: every request is answered, the
// server keeps running and logs no internal error, and a document's diagnostics are those the same text gets when
// it is opened afresh.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, Position, Range, TextEdit } from 'vscode-languageserver';
import { TestClient } from './test-support/lsp-client.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures', import.meta.url));
const ANSWER_WITHIN_MS = 20_000;

function fixtureTexts(): string[] {
  const texts: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/.test(name)) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(FIXTURES);
  return texts;
}

const TEXTS = fixtureTexts();
const INSERTS = ['', 'x', ':', '- ', '\n', '---\n', '  ', '"', "'", '{', ']', '#', '&a ', '*a', '\t', '\r\n', '\u2028', '\u{1F600}', '{{ .Values.x }}', 'containers:\n- name: c\n  image: x\n'];
const SETTINGS = [null, {}, { kubernetesVersion: '1.20' }, { kubernetesVersion: 'banana' }, { rules: { 'bare-pod': 'off' } }, { rules: 5 }, { maxFileSize: 0.001 }];

/** A position given as fractions of the text, or far past its end. */
const position = fc.record({ line: fc.double({ min: 0, max: 1.2, noNaN: true }), character: fc.nat({ max: 120 }), far: fc.boolean() });
type PositionArbitrary = typeof position extends fc.Arbitrary<infer T> ? T : never;

const step = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), slot: fc.nat({ max: 2 }), text: fc.nat({ max: TEXTS.length - 1 }) }),
  fc.record({ kind: fc.constant('edit' as const), slot: fc.nat({ max: 2 }), changes: fc.array(fc.record({ start: position, end: position, insert: fc.constantFrom(...INSERTS) }), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('ask' as const), slot: fc.nat({ max: 2 }), method: fc.constantFrom('hover', 'completion', 'diagnostic'), at: position }),
  fc.record({ kind: fc.constant('fix' as const), slot: fc.nat({ max: 2 }), at: position, pick: fc.nat() }),
  fc.record({ kind: fc.constant('settings' as const), settings: fc.nat({ max: SETTINGS.length - 1 }) }),
  fc.record({ kind: fc.constant('close' as const), slot: fc.nat({ max: 2 }) }),
);

const root = mkdtempSync(join(tmpdir(), 'podlint-lsp-protocol-'));
after(() => rmSync(root, { recursive: true, force: true }));

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function at(text: string, spot: PositionArbitrary): Position {
  const lines = text.split('\n');
  if (spot.far) return { line: lines.length + 1000, character: 10_000 };
  const line = Math.min(Math.floor(spot.line * lines.length), lines.length + 2);
  return { line, character: spot.character };
}

const summary = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`).sort();

describe('podlint-lsp properties (fast-check)', () => {
  it('answers every request and keeps its diagnostics those of the text, whatever an editor sends', async () => {
    const client = await TestClient.start({
      rootPath: root,
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true, workspaceEdit: { documentChanges: true } } },
    });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
          run += 1;
          // Each run has documents of its own (slots), so that runs do not see each other's objects.
          const docs = new Map<number, { uri: string; text: string; version: number }>();
          const uriOf = (slot: number) => pathToFileURL(join(root, `run${run}-doc${slot}.yaml`)).href;
          const pull = async (uri: string) => (await within(client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }), `diagnostics of ${uri}`)) as { items?: Diagnostic[] };
          for (const action of steps) {
            const doc = 'slot' in action ? docs.get(action.slot) : undefined;
            if (action.kind === 'open' || (!doc && action.kind !== 'settings')) {
              const slot = 'slot' in action ? action.slot : 0;
              const uri = uriOf(slot);
              if (docs.has(slot)) await client.notify('textDocument/didClose', { textDocument: { uri } });
              const text = TEXTS[action.kind === 'open' ? action.text : slot]!;
              docs.set(slot, { uri, text, version: 1 });
              await client.open(uri, text);
            } else if (action.kind === 'edit') {
              const changes = action.changes.map((change) => ({ range: { start: at(doc!.text, change.start), end: at(doc!.text, change.end) }, text: change.insert }));
              doc!.version += 1;
              // What the client holds after the edit, positions clamped as LSP says.
              doc!.text = TextDocument.update(TextDocument.create(doc!.uri, 'yaml', doc!.version - 1, doc!.text), changes, doc!.version).getText();
              await client.notify('textDocument/didChange', { textDocument: { uri: doc!.uri, version: doc!.version }, contentChanges: changes });
            } else if (action.kind === 'ask') {
              const params = { textDocument: { uri: doc!.uri }, position: at(doc!.text, action.at) };
              if (action.method === 'diagnostic') await pull(doc!.uri);
              else await within(client.request(`textDocument/${action.method}`, params), action.method);
            } else if (action.kind === 'fix') {
              const diagnostics = (await pull(doc!.uri)).items ?? [];
              const start = at(doc!.text, action.at);
              const range: Range = diagnostics.length > 0 ? diagnostics[action.pick % diagnostics.length]!.range : { start, end: start };
              const actions = (await within(client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: doc!.uri }, range, context: { diagnostics } }), 'codeAction')) ?? [];
              const edits = actions.flatMap((codeAction) => {
                const change = codeAction.edit?.documentChanges?.[0];
                return change && 'textDocument' in change && change.textDocument.version === doc!.version ? [change.edits as TextEdit[]] : [];
              });
              if (edits.length > 0) {
                const chosen = edits[action.pick % edits.length]!;
                doc!.version += 1;
                doc!.text = TextDocument.applyEdits(TextDocument.create(doc!.uri, 'yaml', doc!.version, doc!.text), [...chosen]);
                await client.notify('textDocument/didChange', { textDocument: { uri: doc!.uri, version: doc!.version }, contentChanges: [{ text: doc!.text }] });
              }
            } else if (action.kind === 'settings') {
              client.settings = SETTINGS[action.settings];
              await client.notify('workspace/didChangeConfiguration', { settings: { podlint: client.settings } });
            } else {
              await client.notify('textDocument/didClose', { textDocument: { uri: doc!.uri } });
              docs.delete(action.slot);
            }
            assert.equal(client.exitCode, undefined, 'the server stopped');
          }
          for (const doc of docs.values()) {
            const edited = (await pull(doc.uri)).items ?? [];
            // Closed and opened again with the same text: linted from scratch, in the same workspace.
            await client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
            await client.open(doc.uri, doc.text, 'yaml', doc.version + 1);
            const fresh = (await pull(doc.uri)).items ?? [];
            assert.deepEqual(summary(edited), summary(fresh), `diagnostics of ${doc.uri} after the edits, text ${JSON.stringify(doc.text)}`);
            await client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
          }
          const internal = client.logs.filter((log) => /internal error|\n\s+at .+:\d+:\d+/.test(log.message));
          assert.deepEqual(internal.map((log) => log.message), []);
        }),
        { numRuns: 150, seed: 20261204 },
      );
    } finally {
      await client.stop();
    }
  });
});
