import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineStartsOf } from './source.js';
import { Suppressions } from './suppressions.js';
import { lint, testRule, where } from './test-utils.js';

// A rule that reports every container image, so that suppressions have something to hide.
const registry = {
  'every-image': testRule({
    name: 'every-image',
    meta: { type: 'problem', severity: 'warning', docs: { description: 'x.', recommended: true }, messages: { m: 'image.' }, schema: [] },
    defaultOptions: [],
    create: (context) => ({ Container: (container) => context.report({ path: [...container.path, 'image'], messageId: 'm' }) }),
  }),
  'every-kind': testRule({
    name: 'every-kind',
    meta: { type: 'problem', severity: 'warning', docs: { description: 'x.', recommended: true }, messages: { m: 'kind.' }, schema: [] },
    defaultOptions: [],
    create: (context) => ({ Resource: (resource) => context.report({ path: resource.at('kind'), messageId: 'm' }) }),
  }),
};

const pod = (body: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${body}`;

describe('suppressions', () => {
  it('disable-next-line, with several ids and a reason', () => {
    const result = lint(registry, pod(`    - name: a
      # podlint-disable-next-line every-image, other-rule -- pinned by the platform team
      image: a
    - name: b
      image: b
`));
    assert.deepEqual(where(result), ['2:7-2:10 every-kind', '11:14-11:15 every-image']);
  });

  it('disable-line and disable/enable blocks', () => {
    const result = lint(registry, pod(`    - name: a
      image: a # podlint-disable-line every-image
    # podlint-disable every-image
    - name: b
      image: b
    # podlint-enable every-image
    - name: c
      image: c
`));
    assert.deepEqual(where(result), ['2:7-2:10 every-kind', '14:14-14:15 every-image']);
  });

  it('disable without ids covers every rule; disable-file anywhere covers the file', () => {
    assert.deepEqual(where(lint(registry, `# podlint-disable\n${pod('    - {name: a, image: a}\n')}`)), []);
    assert.deepEqual(where(lint(registry, `${pod('    - {name: a, image: a}\n')}# podlint-disable-file every-kind\n`)), ['7:24-7:25 every-image']);
  });

  it('a directive inside a scalar is data: it neither counts nor hides anything', () => {
    const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
${data}`;
    // A line of a block scalar, a quoted string, and a multi-line quoted string; a comment after the string counts.
    assert.deepEqual(where(lint(registry, configMap('  app.conf: |\n    upstream 10.0.0.1\n    # podlint-disable-file\n'))), ['2:7-2:16 every-kind']);
    assert.deepEqual(where(lint(registry, configMap('  a: "x # podlint-disable-file"\n'))), ['2:7-2:16 every-kind']);
    assert.deepEqual(where(lint(registry, configMap('  a: "x\n    # podlint-disable-file"\n'))), ['2:7-2:16 every-kind']);
    assert.deepEqual(where(lint(registry, configMap('  a: "x # podlint-disable-line every-kind" # podlint-disable-file every-kind\n'))), []);
    // A document that is a block scalar may hold lines beginning with #: they are its text.
    assert.deepEqual(where(lint(registry, `${configMap('  a: b\n')}--- |\n# podlint-disable-file\n`)), ['2:7-2:16 every-kind']);
    // JSON has no comments: a string's `#` is text.
    const json = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},\n "data": {"a": " # podlint-disable-file"}}\n';
    assert.deepEqual(where(lint(registry, json)), ['1:30-1:41 every-kind']);
  });

  it('the podlint.io/ignore annotation on an object or its pod template covers that object only', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    metadata:
      annotations:
        podlint.io/ignore: "every-image"
    spec:
      containers:
        - {name: a, image: a}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {podlint.io/ignore: "every-kind, every-image"}
spec:
  containers:
    - {name: a, image: a}
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  containers:
    - {name: a, image: a}
`;
    assert.deepEqual(where(lint(registry, text)), ['2:7-2:17 every-kind', '24:7-24:10 every-kind', '28:24-28:25 every-image']);
  });

  it('counts lines as positions do: a lone \\r or \\r\\n ends a line, U+2028 does not', () => {
    const body = `    - name: a
      # podlint-disable-next-line every-image
      image: a
    - name: b
      image: b # podlint-disable-line every-image
    # podlint-disable every-image
    - name: c
      image: c
    # podlint-enable every-image
    - name: d
      image: d
`;
    assert.deepEqual(where(lint(registry, pod(body))), ['2:7-2:10 every-kind', '17:14-17:15 every-image']);
    assert.deepEqual(where(lint(registry, pod(body).replace(/\n/g, '\r\n'))), ['2:7-2:10 every-kind', '17:14-17:15 every-image']);
    // YAML reads a lone \r inside a comment as part of it; positions count a line after it, and so do directives
    // (the disable-line directive then stands on the line after image b's, and no longer covers it).
    const noted = pod(body.replace(/# podlint-/g, '# a note\r# podlint-'));
    assert.deepEqual(where(lint(registry, noted)), ['2:7-2:10 every-kind', '12:14-12:15 every-image', '21:14-21:15 every-image']);
    // U+2028 ends no line, for YAML or for positions: the line after the directive is still the one after \n.
    const separated = pod(body.replace('disable-next-line every-image', 'disable-next-line every-image \u2028 reason'));
    assert.deepEqual(where(lint(registry, separated)), ['2:7-2:10 every-kind', '17:14-17:15 every-image']);
  });

  it('answers as comparing every block and annotated object with every diagnostic did', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    const ids = ['a', 'b', 'c'];
    const directives = ['# podlint-disable', '# podlint-enable', '# podlint-disable-next-line', '# podlint-disable-line'];
    for (let round = 0; round < 200; round += 1) {
      const lines = Array.from({ length: 1 + random(30) }, () => {
        if (random(3) === 0) return 'key: value';
        const named = Array.from({ length: random(3) }, () => ids[random(ids.length)]).join(', ');
        return `${directives[random(directives.length)]} ${named}`.trimEnd();
      });
      const breaks = ['\n', '\r\n', '\r'];
      const text = lines.map((line) => line + breaks[random(breaks.length)]).join('');
      const objects = Array.from({ length: random(4) }, (): [[number, number], string] => {
        const from = random(text.length + 1);
        return [[from, from + random(40)], ids.slice(random(ids.length)).join(',')];
      });
      const suppressions = Suppressions.fromText(text);
      const reference = referenceSuppressions(text, objects);
      for (const [offsets, annotation] of objects) suppressions.addObject(offsets, annotation);
      for (let line = 0; line <= lines.length + 1; line += 1) {
        for (const id of ids) {
          const offset = random(text.length + 1);
          assert.equal(suppressions.isSuppressed(id, line, offset), reference(id, line, offset), `${JSON.stringify(text)} ${id} line ${line} offset ${offset}`);
        }
      }
    }
  });
});

/** Suppressions as they were decided by comparing each diagnostic with every block and object, on the same lines. */
function referenceSuppressions(text: string, objects: readonly [[number, number], string][]) {
  const starts = lineStartsOf(text);
  const lines = starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length));
  const ruleList = (list: string): string[] | undefined => {
    const ids = (list.split(/\s--\s|\s--$|^--\s/)[0] ?? '').split(/[\s,]+/).filter((id) => id !== '');
    return ids.length === 0 || ids.includes('*') ? undefined : ids;
  };
  const byLine: { line: number; rules?: string[] }[] = [];
  const file: (string[] | undefined)[] = [];
  const blocks: { rules?: string[]; from: number; to: number }[] = [];
  const open = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = /(?:^|\s)#\s*podlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)([^\r\n]*)/.exec(line);
    if (!match) return;
    const rules = ruleList(match[2]!);
    if (match[1] === 'disable-next-line') byLine.push({ line: index + 1, rules });
    else if (match[1] === 'disable-line') byLine.push({ line: index, rules });
    else if (match[1] === 'disable-file') file.push(rules);
    else if (match[1] === 'disable') for (const id of rules ?? ['*']) open.set(id, open.get(id) ?? index);
    else {
      for (const id of rules ?? [...open.keys()]) {
        if (!open.has(id)) continue;
        blocks.push({ rules: id === '*' ? undefined : [id], from: open.get(id)!, to: index });
        open.delete(id);
      }
    }
  });
  for (const [id, from] of open) blocks.push({ rules: id === '*' ? undefined : [id], from, to: lines.length });
  const covers = (rules: string[] | undefined, id: string) => rules === undefined || rules.includes(id);
  return (id: string, line: number, offset: number): boolean =>
    file.some((rules) => covers(rules, id)) ||
    byLine.some((entry) => entry.line === line && covers(entry.rules, id)) ||
    blocks.some((block) => line >= block.from && line <= block.to && covers(block.rules, id)) ||
    objects.some(([[from, to], annotation]) => offset >= from && offset < to && covers(ruleList(annotation), id));
}
