import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Suppressions, type LintMessage } from '@podlint/core';
import { rules } from '@podlint/rules';
import type { CodeAction, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import { codeActions } from './code-actions.js';
import { toDiagnostic } from './diagnostics.js';
import { multiLineScalarLookup } from './multi-line-scalars.js';

function message(ruleId: string, text: string, offsets: [number, number], extra: Partial<LintMessage> = {}): LintMessage {
  const document = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  return {
    ruleId,
    messageId: 'm',
    message: `${ruleId} here`,
    severity: 'warning',
    filePath: '/x.yaml',
    range: { start: document.positionAt(offsets[0]), end: document.positionAt(offsets[1]) },
    offsets,
    ...extra,
  };
}

function run(text: string, messages: LintMessage[], options: { line?: number; only?: string[]; versioned?: boolean; uri?: string } = {}) {
  const document = TextDocument.create(options.uri ?? 'file:///x.yaml', 'yaml', 5, text);
  const position = { line: options.line ?? 0, character: 0 };
  const end = { line: options.line ?? 0, character: 200 };
  const actions = codeActions({
    document,
    messages,
    range: { start: position, end },
    only: options.only,
    versionedEdits: options.versioned ?? true,
    allowComments: !(options.uri ?? '').endsWith('.json'),
    multiLineScalarAt: multiLineScalarLookup(text),
    toDiagnostic: (item) => toDiagnostic(item, rules),
  });
  const apply = (action: CodeAction) => {
    const change = action.edit!.documentChanges?.[0];
    const edits = change && 'edits' in change ? change.edits : action.edit!.changes![document.uri]!;
    return TextDocument.applyEdits(document, edits as TextEdit[]);
  };
  return { actions, apply };
}

const TEXT = 'kind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx\n';

describe('code actions', () => {
  // The place for a file-wide directive was looked up for each diagnostic, over every line: a range over 20,000
  // diagnostics of an 80,000-line file took minutes. The document's reads are counted (no time is measured).
  it('offers its actions for 20,000 diagnostics of a long file, reading each line a few times at most', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `- name: c${index}\n  image: nginx\n  a: 1\n  b: 2\n`).join('');
    const document = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
    let reads = 0;
    const getText = document.getText.bind(document);
    document.getText = (range) => {
      reads += 1;
      return getText(range);
    };
    const messages: LintMessage[] = Array.from({ length: 20_000 }, (_, index) => {
      const start = { line: index * 4 + 1, character: 9 };
      const offset = document.offsetAt(start);
      return {
        ruleId: 'image-tag-latest',
        messageId: 'm',
        message: 'image-tag-latest here',
        severity: 'warning',
        filePath: '/x.yaml',
        range: { start, end: { line: start.line, character: 14 } },
        offsets: [offset, offset + 5],
      };
    });
    const actions = codeActions({
      document,
      messages,
      range: { start: { line: 0, character: 0 }, end: { line: 80_000, character: 0 } },
      versionedEdits: false,
      allowComments: true,
      multiLineScalarAt: multiLineScalarLookup(text),
      toDiagnostic: (item) => toDiagnostic(item, rules),
    });
    assert.ok(reads < 3 * document.lineCount, `${reads} reads of a document of ${document.lineCount} lines`);
    const fileWide = actions.filter((action) => action.title === 'Disable image-tag-latest for this file');
    assert.equal(fileWide.length, 20_000);
    assert.deepEqual(fileWide[19_999]!.edit!.changes!['file:///x.yaml'], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# podlint-disable-file image-tag-latest\n' }]);
  });

  it('disables a rule for a line, indented like it, and joins a directive already there', () => {
    const start = TEXT.indexOf('nginx');
    const { actions, apply } = run(TEXT, [message('image-tag-latest', TEXT, [start, start + 5])], { line: 4 });
    assert.equal(apply(actions[0]!), TEXT.replace('      image', '      # podlint-disable-next-line image-tag-latest\n      image'));
    const withDirective = TEXT.replace('      image', '      # podlint-disable-next-line bare-pod\n      image');
    const again = withDirective.indexOf('nginx');
    const joined = run(withDirective, [message('image-tag-latest', withDirective, [again, again + 5])], { line: 5 });
    assert.equal(joined.apply(joined.actions[0]!), withDirective.replace('bare-pod', 'bare-pod, image-tag-latest'));
  });

  // A new directive line went between a directive with a reason and its line, which it then no longer covered.
  it('adds a rule to a directive with a reason before the reason', () => {
    for (const reason of [' -- health is checked by the sidecar', ' --', '  --  two spaces']) {
      const text = TEXT.replace('      image', `      # podlint-disable-next-line bare-pod, x-y${reason}\n      image`);
      const start = text.indexOf('nginx');
      const { actions, apply } = run(text, [message('image-tag-latest', text, [start, start + 5])], { line: 5 });
      assert.equal(apply(actions[0]!), text.replace(`x-y${reason}`, `x-y, image-tag-latest${reason}`));
      const withFile = `# podlint-disable-file x-y${reason}\n${TEXT}`;
      const file = run(withFile, [message('bare-pod', withFile, [withFile.indexOf('Pod'), withFile.indexOf('Pod') + 3])], { line: 1 });
      assert.equal(file.apply(file.actions[1]!), withFile.replace(`x-y${reason}`, `x-y, bare-pod${reason}`));
    }
  });

  // A directive written inside a block or quoted scalar became part of the value (a ConfigMap's data changed).
  it('disables a rule on a line of a multi-line scalar around the node, leaving every value as it was', () => {
    const cases: { text: string; at: string; expected?: string }[] = [
      {
        text: 'kind: ConfigMap\ndata:\n  app.conf: |\n    listen 8080\n    upstream 10.0.0.1\n    done\n  other: x\n',
        at: '10.0.0.1',
        expected: 'kind: ConfigMap\ndata:\n  # podlint-disable r\n  app.conf: |\n    listen 8080\n    upstream 10.0.0.1\n    done\n  # podlint-enable r\n  other: x\n',
      },
      // Kept trailing blank lines are the value's; the block scalar ends the file, with and without a line break.
      { text: 'data:\n  a: |+\n    x\n    10.0.0.1\n\n\nb: 1\n', at: '10.0.0.1' },
      { text: 'data:\n  a: |\n    x\n    10.0.0.1\n', at: '10.0.0.1' },
      { text: 'data:\n  a: >-\n    x\n    10.0.0.1', at: '10.0.0.1' },
      // Quoted and plain scalars over lines; a sequence entry; a flow sequence; CRLF.
      { text: 'args:\n  - "x\n    10.0.0.1 y" # note\n  - z\n', at: '10.0.0.1' },
      { text: 'env:\n  - name: A\n    value: first\n      10.0.0.1\n  - name: B\n', at: '10.0.0.1' },
      { text: 'args: ["a",\n  \'x\n  10.0.0.1\', "b"]\nc: d\n', at: '10.0.0.1' },
      { text: 'data:\r\n  a: |\r\n    x\r\n    10.0.0.1\r\n  b: c\r\n', at: '10.0.0.1' },
      // A next-line directive above the key keeps covering the key's line.
      { text: 'data:\n  # podlint-disable-next-line other\n  a: |\n    10.0.0.1\n    y\n', at: 'y\n' },
    ];
    for (const { text, at, expected } of cases) {
      const start = text.indexOf(at);
      const line = text.slice(0, start).split(/\r?\n/).length - 1;
      const { actions, apply } = run(text, [message('r', text, [start, start + 1])], { line });
      const lineAction = actions.find((action) => action.title === 'Disable r for this line')!;
      const after = apply(lineAction);
      if (expected) assert.equal(after, expected);
      assert.deepEqual(parseAllDocuments(after).map((doc) => doc.toJS()), parseAllDocuments(text).map((doc) => doc.toJS()), after);
      assert.deepEqual(parseAllDocuments(after).flatMap((doc) => doc.errors), [], after);
      const suppressions = Suppressions.fromText(after);
      const moved = after.indexOf(at);
      assert.ok(suppressions.isSuppressed('r', after.slice(0, moved).split(/\r?\n/).length - 1, moved), after);
      if (text.includes('disable-next-line other')) assert.ok(suppressions.isSuppressed('other', after.split('\n').findIndex((l) => l.includes('a: |')), 0), after);
    }
  });

  it('offers no line action where the node of a multi-line scalar starts on a line that continues another', () => {
    const text = 'a: {b: "x\n  y", c: "p\n  10.0.0.1"}\n';
    const start = text.indexOf('10.0.0.1');
    const { actions } = run(text, [message('r', text, [start, start + 1])], { line: 2 });
    assert.deepEqual(actions.map((action) => action.title), ['Disable r for this file']);
  });

  it('does not join directive-like text inside a block scalar', () => {
    const text = 'a: |\n  # podlint-disable-next-line other\nb: 1\nc: |\n  # podlint-disable-file other\n';
    const { actions, apply } = run(text, [message('r', text, [text.indexOf('b: 1'), text.indexOf('b: 1') + 1])], { line: 2 });
    assert.equal(apply(actions[0]!), text.replace('b: 1', '# podlint-disable-next-line r\nb: 1'));
    assert.equal(apply(actions[1]!), `# podlint-disable-file r\n${text}`);
  });

  it('disables a rule for the file at its top, or in the directive it has, keeping CRLF', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const { actions, apply } = run(crlf, [message('bare-pod', crlf, [6, 9])]);
    assert.equal(apply(actions[1]!), `# podlint-disable-file bare-pod\r\n${crlf}`);
    const withFile = `# podlint-disable-file image-tag-latest\n${TEXT}`;
    const joined = run(withFile, [message('bare-pod', withFile, [46, 49])], { line: 1 });
    assert.equal(joined.apply(joined.actions[1]!), withFile.replace('image-tag-latest', 'image-tag-latest, bare-pod'));
  });

  // The directive went before the BOM, which then sat at the start of line 2, inside the YAML.
  it('writes a first line after a byte order mark', () => {
    const text = `\uFEFF${TEXT}`;
    const { actions, apply } = run(text, [message('bare-pod', text, [7, 10])]);
    assert.equal(apply(actions[0]!), `\uFEFF# podlint-disable-next-line bare-pod\n${TEXT}`);
    assert.equal(apply(actions[1]!), `\uFEFF# podlint-disable-file bare-pod\n${TEXT}`);
    const block = '\uFEFFa: |\n  x\n  y\n';
    const inside = run(block, [message('r', block, [block.indexOf('y'), block.indexOf('y') + 1])], { line: 2 });
    assert.equal(inside.apply(inside.actions[0]!), '\uFEFF# podlint-disable r\na: |\n  x\n  y\n# podlint-enable r\n');
  });

  it('fixes all without overlapping edits, and honours "only"', () => {
    const text = 'a: xx\nb: yy\n';
    const fixA = message('r1', text, [3, 5], { fix: { edits: [{ range: [3, 5], text: 'A' }] } });
    const overlapping = message('r2', text, [3, 5], { fix: { edits: [{ range: [2, 5], text: ' Z' }] } });
    const fixB = message('r3', text, [9, 11], { fix: { edits: [{ range: [9, 11], text: 'B' }] } });
    const { actions, apply } = run(text, [fixA, overlapping, fixB], { only: ['source.fixAll'] });
    assert.deepEqual(actions.map((action) => action.kind), ['source.fixAll.podlint']);
    // Core's order: the fix that starts first wins; the one overlapping it waits for the next round.
    assert.equal(apply(actions[0]!), 'a: Z\nb: B\n');
    assert.deepEqual(run(text, [fixA], { only: ['refactor'] }).actions, []);
    assert.equal(run(text, [message('r1', text, [3, 5])], { only: ['source.fixAll.podlint'] }).actions.length, 0, 'nothing to fix: no fix-all');
  });

  it('plain changes for clients without versioned edits, and no comments in JSON', () => {
    const text = '{"kind": "Pod"}\n';
    const { actions } = run(text, [message('bare-pod', text, [9, 14], { fix: { edits: [{ range: [9, 14], text: '"Deployment"' }] } })], { versioned: false, uri: 'file:///x.json' });
    assert.deepEqual(actions.map((action) => action.title), ['Fix this bare-pod problem', 'Fix all auto-fixable podlint problems']);
    assert.deepEqual(Object.keys(actions[0]!.edit!.changes!), ['file:///x.json']);
    assert.equal(actions[0]!.edit!.documentChanges, undefined);
  });

  it('offers only what lies under the requested range', () => {
    const start = TEXT.indexOf('nginx');
    const { actions } = run(TEXT, [message('image-tag-latest', TEXT, [start, start + 5]), message('bare-pod', TEXT, [6, 9])], { line: 0 });
    assert.deepEqual(actions.map((action) => action.title), ['Disable bare-pod for this line', 'Disable bare-pod for this file']);
  });
});
