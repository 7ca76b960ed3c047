import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyDefault } from './rule.js';
import { lint, testConfig, testRule, where } from './test-utils.js';
import { Linter, compareMessages } from './linter.js';
import type { LintMessage } from './types.js';
import { runParts } from './prepared-run.js';
import { resolveConfig } from './config.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1
    - name: proxy
      image: envoy:1
      restartPolicy: Always
  containers:
    - name: web
      image: nginx:1
`;

describe('Linter', () => {
  it('walks each document once and gives every visitor what it needs', () => {
    const calls: string[] = [];
    const registry = {
      'walk-a': testRule({
        name: 'walk-a',
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: 'm.' }, schema: [] },
        defaultOptions: [],
        create: () => ({
          Document: (doc) => calls.push(`doc ${doc.index}`),
          Resource: (resource) => calls.push(`resource ${resource.kind}`),
          Pod: (resource) => calls.push(`kind ${resource.name}`),
          PodSpec: (podSpec) => calls.push(`podspec ${podSpec.path.join('.')}`),
          Container: (container) => calls.push(`container ${container.name} ${container.role}`),
        }),
      }),
    };
    lint(registry, `${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`);
    assert.deepEqual(calls, [
      'doc 0',
      'resource Pod',
      'kind web',
      'podspec spec',
      'container init init',
      'container proxy sidecar',
      'container web main',
      'doc 1',
      'resource ConfigMap',
    ]);
  });

  it('turns a rule that throws into one internal-error per document and goes on', () => {
    const registry = {
      crash: testRule({
        name: 'crash',
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: 'm.' }, schema: [] },
        defaultOptions: [],
        create: () => ({
          Container: () => {
            throw new Error('boom');
          },
        }),
      }),
      fine: testRule({
        name: 'fine',
        meta: { type: 'problem', severity: 'warning', docs: { description: 'x.', recommended: true }, messages: { m: 'container {{name}}.' }, schema: [] },
        defaultOptions: [],
        create: (context) => ({ Container: (container) => context.report({ path: [...container.path, 'name'], messageId: 'm', data: { name: container.name ?? '' } }) }),
      }),
    };
    const result = lint(registry, POD);
    assert.deepEqual(where(result), ['2:7-2:10 internal-error', '7:13-7:17 fine', '9:13-9:18 fine', '13:13-13:16 fine']);
    assert.match(result.messages[0]!.message, /Rule "crash" failed on document 1 of this file: boom/);
  });

  it('treats an unknown messageId or an unfilled placeholder as a rule bug', () => {
    const make = (name: string, messageId: string) =>
      testRule({
        name,
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: 'needs {{value}}.' }, schema: [] },
        defaultOptions: [],
        create: (context) => ({ Pod: (resource) => context.report({ path: resource.at('kind'), messageId: messageId as 'm' }) }),
      });
    const result = lint({ a: make('a', 'nope'), b: make('b', 'm') }, POD);
    assert.deepEqual(result.messages.map((message) => message.ruleId), ['internal-error', 'internal-error']);
    assert.match(result.messages.map((message) => message.message).join(' '), /unknown messageId "nope"/);
    assert.match(result.messages.map((message) => message.message).join(' '), /placeholder \{\{value\}\} has no data/);
  });

  it('does not create rules that are off', () => {
    let created = 0;
    const registry = {
      counted: testRule({
        name: 'counted',
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: false }, messages: { m: 'm.' }, schema: [] },
        defaultOptions: [],
        create: () => {
          created += 1;
          return {};
        },
      }),
    };
    const config = resolveConfig(registry, undefined, '/a.yaml');
    new Linter(registry).lintText({ filePath: '/a.yaml', text: POD, config });
    assert.equal(created, 0);
  });

  it("gives each rule a context of its own whose report may be taken out of it, and the config's settings", () => {
    const seen: { id: string; filePath: string; settings: object }[] = [];
    const make = (name: string) =>
      testRule({
        name,
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: '{{rule}} on {{name}}.' }, schema: [] },
        defaultOptions: [],
        create: (context) => {
          seen.push({ id: context.id, filePath: context.filePath, settings: context.settings });
          const { report } = context;
          return { Pod: (resource) => report({ path: resource.at('metadata', 'name'), messageId: 'm', data: { rule: name, name: resource.name ?? '' } }) };
        },
      });
    const registry = { first: make('first'), second: make('second') };
    const config = testConfig(registry, '/project/a.yaml');
    const linter = new Linter(registry);
    const results = ['/project/a.yaml', '/project/b.yaml'].map((filePath) => linter.lintText({ filePath, text: POD, config }));
    assert.deepEqual(
      results.map((result) => result.messages.map((message) => `${message.filePath} ${message.ruleId}: ${message.message}`)),
      [
        ['/project/a.yaml first: first on web.', '/project/a.yaml second: second on web.'],
        ['/project/b.yaml first: first on web.', '/project/b.yaml second: second on web.'],
      ],
    );
    assert.deepEqual(
      seen.map(({ id, filePath }) => `${filePath} ${id}`),
      ['/project/a.yaml first', '/project/a.yaml second', '/project/b.yaml first', '/project/b.yaml second'],
    );
    assert.ok(seen.every(({ settings }) => settings === seen[0]!.settings && Object.isFrozen(settings)));
    assert.deepEqual(seen[0]!.settings, { kubernetesVersion: config.kubernetesVersion });
  });

  it('reports each rule, range and text once, in order of position, rule and text', () => {
    const texts = ['b', 'a', 'b', 'c', 'a', 'b'];
    const make = (name: string, at: 'kind' | 'name') =>
      testRule({
        name,
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: '{{text}}' }, schema: [] },
        defaultOptions: [],
        create: (context) => ({
          Pod: (resource) => {
            for (const text of texts) context.report({ path: at === 'kind' ? resource.at('kind') : resource.at('metadata', 'name'), messageId: 'm', data: { text } });
            context.report({ path: resource.at('kind'), messageId: 'm', data: { text: `${name} on kind` } });
          },
        }),
      });
    const result = lint({ zeta: make('zeta', 'kind'), alpha: make('alpha', 'name'), mid: make('mid', 'kind') }, POD);
    assert.deepEqual(
      result.messages.map((message) => `${message.range.start.line + 1} ${message.ruleId} ${message.message}`),
      ['2 alpha alpha on kind', '2 mid a', '2 mid b', '2 mid c', '2 mid mid on kind', '2 zeta a', '2 zeta b', '2 zeta c', '2 zeta zeta on kind', '4 alpha a', '4 alpha b', '4 alpha c'],
    );
  });

  it('moves reported ranges off the middle of an emoji and out of a \\r\\n pair, where the parser may point', () => {
    const registry = {
      syntax: testRule({
        name: 'syntax',
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: '{{text}}' }, schema: [] },
        defaultOptions: [],
        create: (context) => ({ Document: (doc) => doc.errors.forEach((error) => context.report({ offsets: error.offsets, messageId: 'm', data: { text: error.message } })) }),
      }),
    };
    const spans = (text: string) => lint(registry, text).messages.map((message) => [message.offsets, message.range.start.character, message.range.end.character, message.range.end.line]);
    // yaml points at the first half of the emoji ([3, 4]) and at the second half of the one after the quote ([5, 7]).
    assert.deepEqual(spans('a: 🎉b: c\n'), [[[3, 5], 3, 5, 0]]);
    assert.deepEqual(spans('x: "🎉\n'), [[[4, 7], 4, 0, 1]]);
    // yaml points at the \r of a line that ends in \r\n ([8, 9]): the range becomes the empty one at the line's end.
    const crlf = lint(registry, 'a:\r\n  b:\r\n c: 1\r\n').messages.map((message) => [message.offsets, message.range]);
    assert.deepEqual(crlf, [[[8, 8], { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }]]);
  });

  it('accounts for every document', () => {
    const result = lint({}, `${POD}---\nname: compose-like\n---\nx: [\n`);
    assert.deepEqual(result.counts, { resources: 1, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 1, brokenDocuments: 1 });
  });

  // Issue #8: `kind: Pod` without an apiVersion (or the other way round) is a Kubernetes object that cannot be linted,
  // counted as one even with schema-required, which says what is missing, off; a mapping with neither is not one.
  it('counts a document with an apiVersion or a kind but not both as a Kubernetes document not linted', () => {
    const countsOf = (text: string) => lint({}, text).counts;
    const counts = (unlintedDocuments: number, otherDocuments: number, resources = 0) => ({ resources, emptyLists: 0, unlintedListItems: 0, unlintedDocuments, otherDocuments, brokenDocuments: 0 });
    assert.deepEqual(countsOf('kind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: web, image: nginx}]}\n'), counts(1, 0));
    assert.deepEqual(countsOf('apiVersion: v1\nmetadata: {name: a}\n'), counts(1, 0));
    assert.deepEqual(countsOf('colour: red\nkind: Widget\nsize: 3\n'), counts(1, 0));
    assert.deepEqual(countsOf('kind:\n'), counts(1, 0));
    assert.deepEqual(countsOf('apiVersion: v1\nkind: 7\n'), counts(1, 0));
    assert.deepEqual(countsOf('kind: List\nitems: [{apiVersion: v1, kind: Pod}]\n'), counts(1, 0));
    assert.deepEqual(countsOf('name: ci\non: [push]\n---\n[kind, apiVersion]\n---\nplain text\n---\nspec: {kind: Pod}\n'), counts(0, 4));
    assert.deepEqual(countsOf(`${POD}---\nkind: Pod\n---\nname: compose-like\n`), counts(1, 1, 1));
    // A Helm chart's Chart.yaml has an apiVersion but is not a Kubernetes object; the same without a version may be.
    assert.deepEqual(countsOf('apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies: []\n'), counts(0, 1));
    assert.deepEqual(countsOf('apiVersion: v1\nname: demo\n'), counts(1, 0));
  });

  it('lints List items as objects of their own', () => {
    const seen: string[] = [];
    const registry = {
      names: testRule({
        name: 'names',
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: 'm.' }, schema: [] },
        defaultOptions: [],
        create: () => ({ Resource: (resource) => seen.push(`${resource.kind}/${resource.name} at ${resource.path.join('.')}`) }),
      }),
    };
    const result = lint(registry, 'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: a}}\n  - 7\n  - {apiVersion: v1, kind: Pod, metadata: {name: b}}\n');
    assert.deepEqual(seen, ['Service/a at items.0', 'Pod/b at items.2']);
    assert.equal(result.counts.resources, 2);
    // A List whose items are not a list holds no objects (schema-type reports it); it is not an object of kind List.
    seen.length = 0;
    lint(registry, 'apiVersion: v1\nkind: List\nitems: {apiVersion: v1, kind: Pod, metadata: {name: c}}\n---\napiVersion: v1\nkind: List\nitems: x\n');
    assert.deepEqual(seen, []);
  });

  // kubectl decodes an entry of a typed list that has neither apiVersion nor kind as the list's item type; an entry
  // of a List must name its own.
  it('lints an entry of a typed list without apiVersion and kind as the type the list names', () => {
    const seen: string[] = [];
    const registry = {
      types: testRule({
        name: 'types',
        meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: 'm.' }, schema: [] },
        defaultOptions: [],
        create: () => ({
          Resource: (resource) => seen.push(`${resource.apiVersion} ${resource.kind}/${resource.name} at ${resource.path.join('.')}, kind at ${resource.typeFieldPath('kind').join('.')}`),
          Container: (container) => seen.push(`container ${container.name} at ${container.path.join('.')}`),
        }),
      }),
    };
    const text = [
      'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n',
      '  - metadata: {name: typed-by-list}\n    spec: {template: {spec: {containers: [{name: web, image: nginx}]}}}\n',
      '  - {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: typed-itself}}\n',
      '  - {apiVersion: apps/v1, metadata: {name: half-typed}}\n',
      '---\napiVersion: v1\nkind: List\nitems:\n  - metadata: {name: untyped-in-a-list}\n',
    ].join('');
    const result = lint(registry, text);
    assert.deepEqual(seen, [
      'apps/v1 Deployment/typed-by-list at items.0, kind at kind',
      'container web at items.0.spec.template.spec.containers.0',
      'apps/v1 StatefulSet/typed-itself at items.1, kind at items.1.kind',
    ]);
    assert.deepEqual(result.counts, { resources: 2, emptyLists: 0, unlintedListItems: 2, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 });
  });

  // kubectl applies nothing from an empty List, and refuses one whose items are not a list of objects: either way a
  // List is a Kubernetes document, never one "passed over" as not Kubernetes.
  it('counts a List as a Kubernetes document: its objects, whether it is empty, and the entries it cannot lint', () => {
    const countsOf = (text: string) => lint({}, text).counts;
    const counts = (emptyLists: number, unlintedListItems: number, resources = 0) => ({ resources, emptyLists, unlintedListItems, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 });
    assert.deepEqual(countsOf('apiVersion: v1\nkind: List\nitems: []\n'), counts(1, 0));
    assert.deepEqual(countsOf('apiVersion: v1\nkind: List\nitems:\n'), counts(1, 0));
    assert.deepEqual(countsOf('apiVersion: v1\nkind: PodList\nitems: null\n'), counts(1, 0));
    assert.deepEqual(countsOf('apiVersion: v1\nkind: List\nitems: x\n'), counts(0, 1));
    assert.deepEqual(countsOf('apiVersion: v1\nkind: List\nitems: {apiVersion: v1, kind: Pod}\n'), counts(0, 1));
    assert.deepEqual(countsOf('apiVersion: v1\nkind: List\nitems: [7, {metadata: {}}, {apiVersion: v1, kind: Pod}]\n'), counts(0, 2, 1));
    // Not a List: a kind: List without items is an object of its own (of a kind the API does not serve).
    assert.deepEqual(countsOf('apiVersion: v1\nkind: List\n'), counts(0, 0, 1));
  });

  it('skips Helm templates with one notice, but lints {{ }} inside ordinary strings', () => {
    const template = lint({}, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
    assert.equal(template.skipped?.kind, 'template');
    assert.deepEqual(template.messages, []);
    const alerts = lint({}, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n  summary: "Instance {{ $labels.instance }} is down"\n  plain: Instance {{ $labels.instance }} down\n');
    assert.equal(alerts.skipped, undefined);
    assert.equal(alerts.counts.resources, 1);
  });

  // A chart's templates were parsed (by yaml: the fast path gives up on `{{ }}`) only to be skipped: a folder of 360
  // templates took 0.60 s, now 0.31 s.
  it('skips a Helm template on its text alone, without parsing it', () => {
    const config = resolveConfig({}, undefined, '/deployment.yaml');
    const text = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicas }}\n  {{- with .Values.x }}\n';
    const prepared = new Linter({}).prepare({ filePath: '/deployment.yaml', text, config });
    assert.equal(prepared.skipped?.kind, 'template');
    // No documents built: neither kept on the file (as before) nor cached by its getter.
    assert.equal(Object.hasOwn(prepared.file, 'documents'), false);
    assert.equal((prepared.file as unknown as { documentsCache?: unknown }).documentsCache, undefined);
    // Still there when asked for (an editor's outline, say).
    assert.equal(prepared.file.documents.length, 1);
  });

  it('skips a discovered file that neither parses nor names apiVersion or kind, but not a named one', () => {
    const registry = {};
    const config = resolveConfig(registry, undefined, '/tsconfig.json');
    const text = '{ "files": [1,, 2] }\n';
    const discovered = new Linter(registry).lintText({ filePath: '/tsconfig.json', text, config, discovered: true });
    assert.equal(discovered.skipped?.kind, 'not-kubernetes');
    const named = new Linter(registry).lintText({ filePath: '/tsconfig.json', text, config });
    assert.equal(named.skipped, undefined);
  });
});

describe('compareMessages', () => {
  const message = (start: number, ruleId: string, text: string): LintMessage => ({
    ruleId,
    messageId: 'm',
    message: text,
    severity: 'warning',
    filePath: 'a.yaml',
    range: { start: { line: 0, character: start }, end: { line: 0, character: start + 1 } },
    offsets: [start, start + 1],
  });

  it('orders by position, then rule, then message, comparing texts by code unit whatever the locale', () => {
    const messages = [
      message(3, 'a-rule', 'x'),
      message(1, 'b-rule', 'zeta'),
      message(1, 'b-rule', 'Zeta'),
      message(1, 'b-rule', '\u00e9t\u00e9'),
      message(1, 'a-rule', 'later rule text'),
      message(1, 'b-rule', 'eta'),
    ];
    // localeCompare would put "eta", "été", "zeta", "Zeta" (and differently in other locales).
    assert.deepEqual(
      [...messages].sort(compareMessages).map((m) => `${m.offsets[0]} ${m.ruleId} ${m.message}`),
      ['1 a-rule later rule text', '1 b-rule Zeta', '1 b-rule eta', '1 b-rule zeta', '1 b-rule \u00e9t\u00e9', '3 a-rule x'],
    );
  });
});

describe('runParts', () => {
  const files = (...lengths: number[]) => lengths.map((length, index) => ({ filePath: `/${index}.yaml`, text: 'x'.repeat(length), config: undefined as never }));

  it('splits a run into consecutive parts of at most the budget, a larger file being a part of its own', () => {
    assert.deepEqual(runParts(files(3, 3, 3), 10), [{ start: 0, end: 3 }]);
    assert.deepEqual(runParts(files(3, 3, 3), 6), [{ start: 0, end: 2 }, { start: 2, end: 3 }]);
    assert.deepEqual(runParts(files(3, 20, 3, 3), 6), [{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 4 }]);
    assert.deepEqual(runParts(files(3, 3), 1), [{ start: 0, end: 1 }, { start: 1, end: 2 }]);
    assert.deepEqual(runParts([], 1), []);
  });
});

describe('applyDefault', () => {
  it('merges objects deeply, replaces everything else, and changes neither input', () => {
    const defaults = [{ a: 1, nested: { b: 2, c: 3 }, list: [1, 2] }, 'x'] as const;
    const user = [{ nested: { c: 4 }, list: [9] }];
    const result = applyDefault(defaults, user);
    assert.deepEqual(result, [{ a: 1, nested: { b: 2, c: 4 }, list: [9] }, 'x']);
    assert.deepEqual(defaults[0].nested, { b: 2, c: 3 });
    assert.deepEqual(applyDefault(defaults, undefined), defaults);
  });
});
