// `schemas:` files in the editor: the server lives on while a CRD named in .podlint.yaml changes, and its custom
// resources follow the change: on disk (a watched-file notification), or in the editor's buffer, saved or not.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** A workspace whose .podlint.yaml names crd.yaml (a Widget CRD declaring `size`), and a client for it. */
async function widgetWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'podlint-lsp-schemas-'));
  roots.push(root);
  const write = (name: string, text: string) => writeFileSync(join(root, name), text);
  const uri = (name: string) => pathToFileURL(join(root, name)).href;
  write('.podlint.yaml', 'schemas:\n  - crd.yaml\n');
  write('crd.yaml', widgetDefinition(['size']));
  const client = await TestClient.start({ rootPath: root, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
  /** The next diagnostics pushed for `file` after `mark` that `probe` accepts. */
  const next = (what: string, file: string, mark: number, probe: (diagnostics: readonly Diagnostic[]) => boolean) =>
    client.waitFor(what, () => client.published.slice(mark).find((params) => params.uri === file && probe(params.diagnostics)));
  return { root, write, uri, client, next, widget: uri('widget.yaml') };
}

describe('podlint-lsp and the `schemas:` files of .podlint.yaml', () => {
  it('checks custom resources against a CRD file again after it changes on disk or is saved, and reports one that cannot be read', async () => {
    const { write, uri, client, next, widget } = await widgetWorkspace();
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

      // Edited in the editor and saved (a client that watches no files says nothing more): read again, error gone.
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

  it('checks custom resources against the unsaved text of a CRD file open in the editor, and against the disk once it is closed', async () => {
    const { root, write, uri, client, next, widget } = await widgetWorkspace();
    const crd = uri('crd.yaml');
    const onDisk = widgetDefinition(['size']);
    try {
      await client.open(widget, WIDGET);
      assert.deepEqual(unknownFields(await client.diagnostics(widget, 1)), ['3:16 Widget.spec has no field "colour"']);

      // Typed, never saved: the resource becomes valid.
      let mark = client.published.length;
      await client.open(crd, onDisk);
      await client.change(crd, 2, widgetDefinition(['size', 'colour']));
      await next('colour declared in the buffer', widget, mark, (diagnostics) => unknownFields(diagnostics).length === 0);

      // A buffer that cannot be used is the config's error at its entry, as the file saved so would be.
      mark = client.published.length;
      const broken = `${widgetDefinition(['size', 'colour'])}  versions: [\n`;
      await client.change(crd, 3, broken);
      const fromBuffer = await next('the config error of the buffer', uri('.podlint.yaml'), mark, (diagnostics) => diagnostics.length > 0);
      assert.equal(fromBuffer.diagnostics.length, 1);
      assert.deepEqual(fromBuffer.diagnostics[0]!.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
      assert.match(String(fromBuffer.diagnostics[0]!.message), /schemas: .*crd\.yaml does not parse: /);

      // Typed on: the error goes, and the resource is invalid again, the other way.
      mark = client.published.length;
      await client.change(crd, 4, widgetDefinition(['colour']));
      await next('the config error to clear', uri('.podlint.yaml'), mark, (diagnostics) => diagnostics.length === 0);
      const sizeUnknown = await next('size undeclared in the buffer', widget, mark, (diagnostics) => unknownFields(diagnostics).length > 0);
      assert.deepEqual(unknownFields(sizeUnknown.diagnostics), ['3:7 Widget.spec has no field "size"']);

      // Closed without saving: the file on disk, untouched all along, counts again.
      mark = client.published.length;
      await client.notify('textDocument/didClose', { textDocument: { uri: crd } });
      const colourUnknown = await next('the disk again', widget, mark, (diagnostics) => unknownFields(diagnostics).length > 0);
      assert.deepEqual(unknownFields(colourUnknown.diagnostics), ['3:16 Widget.spec has no field "colour"']);
      assert.equal(readFileSync(join(root, 'crd.yaml'), 'utf8'), onDisk);

      // The same text saved gives the same error.
      mark = client.published.length;
      write('crd.yaml', broken);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: crd, type: 2 }] });
      const fromDisk = await next('the config error of the file', uri('.podlint.yaml'), mark, (diagnostics) => diagnostics.length > 0);
      assert.deepEqual(fromDisk.diagnostics, fromBuffer.diagnostics);
    } finally {
      await client.stop();
    }
  });
});
