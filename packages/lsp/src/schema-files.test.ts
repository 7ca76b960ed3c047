// `schemas:` files in the editor: the server lives on while a CRD named in .podlint.yaml changes on disk, and its
// custom resources follow the change (on a watched-file notification, or when the file is saved in the editor).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TestClient } from './test-support/lsp-client.js';

const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A CRD of kind Widget whose spec has string `fields`; `loop` makes its spec repeat itself through an alias. */
function widgetDefinition(fields: readonly string[], loop = false): string {
  const properties = [...(loop ? ['child: *spec'] : []), ...fields.map((field) => `${field}: {type: string}`)];
  return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:${loop ? ' &spec' : ''}\n            type: object\n            properties: {${properties.join(', ')}}\n`;
}

const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: M, colour: red}\n';

const unknownFields = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.code === 'schema-unknown-field').map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.message).replace(/;.*/, '')}`);

describe('podlint-lsp and the `schemas:` files of .podlint.yaml', () => {
  it('checks custom resources against a CRD file again after it changes on disk or is saved, and reports one that cannot be read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'podlint-lsp-schemas-'));
    roots.push(root);
    const write = (name: string, text: string) => writeFileSync(join(root, name), text);
    const uri = (name: string) => pathToFileURL(join(root, name)).href;
    write('.podlint.yaml', 'schemas:\n  - crd.yaml\n');
    write('crd.yaml', widgetDefinition(['size']));
    const client = await TestClient.start({ rootPath: root, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const widget = uri('widget.yaml');
    /** The next diagnostics pushed for `file` after `mark` that `probe` accepts. */
    const next = (what: string, file: string, mark: number, probe: (diagnostics: readonly Diagnostic[]) => boolean) =>
      client.waitFor(what, () => client.published.slice(mark).find((params) => params.uri === file && probe(params.diagnostics)));
    try {
      await client.open(widget, WIDGET);
      assert.deepEqual(unknownFields(await client.diagnostics(widget, 1)), ['3:16 Widget.spec has no field "colour"']);

      // The file changes on disk; the editor's file watcher says so.
      let mark = client.published.length;
      write('crd.yaml', widgetDefinition(['size', 'colour']));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('crd.yaml'), type: 2 }] });
      await next('colour declared', widget, mark, (diagnostics) => unknownFields(diagnostics).length === 0);

      // A CRD that cannot be read makes the config unusable, reported at its entry; the defaults apply meanwhile.
      mark = client.published.length;
      write('crd.yaml', widgetDefinition(['size'], true));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('crd.yaml'), type: 2 }] });
      const configError = await next('the config error', uri('.podlint.yaml'), mark, (diagnostics) => diagnostics.length > 0);
      assert.equal(configError.diagnostics.length, 1);
      assert.deepEqual(configError.diagnostics[0]!.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
      assert.match(String(configError.diagnostics[0]!.message), /schemas: .*crd\.yaml cannot be read: the alias \*spec is inside the node it repeats \(&spec\)/);

      // Edited and saved in the editor (a client that watches no files says so by saving): read again, error gone.
      mark = client.published.length;
      const fixed = widgetDefinition(['colour']);
      await client.open(uri('crd.yaml'), widgetDefinition(['size'], true));
      await client.change(uri('crd.yaml'), 2, fixed);
      write('crd.yaml', fixed);
      await client.notify('textDocument/didSave', { textDocument: { uri: uri('crd.yaml') } });
      await next('the config error to clear', uri('.podlint.yaml'), mark, (diagnostics) => diagnostics.length === 0);
      const after = await next('size undeclared', widget, mark, (diagnostics) => unknownFields(diagnostics).length > 0);
      assert.deepEqual(unknownFields(after.diagnostics), ['3:7 Widget.spec has no field "size"']);
    } finally {
      await client.stop();
    }
  });
});
