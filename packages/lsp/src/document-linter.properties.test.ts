// Property-based test (fast-check) of the editor's incremental lint: whatever edits are typed into a file of
// several documents, the DocumentLinter, asked after every edit, gives exactly the messages (rule, text, range,
// offsets, severity, object, fix and suggestions) that linting the text whole gives, and so does a fresh
// DocumentLinter on the final text. Generated files hold Deployments, Services, Pods, ConfigMaps, a custom
// resource and its CustomResourceDefinition, aliases, podlint directives and broken documents; the edits type and
// delete characters anywhere, add and remove `---` lines (splitting and merging documents), rename names, labels,
// ports and fields (so that rules across documents change their minds), move documents, empty the file and add
// documents that do not parse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { Linter, RuleCreator, resolveConfig, type AnyRuleModule, type LintMessage, type ResolvedConfig } from '@podlint/core';
import { rules } from '@podlint/rules';
import { DocumentLinter } from './document-linter.js';
import { splitDocuments } from './document-splitter.js';
import { duplicateName } from './test-support/duplicate-name-rule.js';
import { WorkspaceIndex } from './workspace-index.js';

const createRule = RuleCreator((name) => `test://${name}`);
// Two rules across resources that are not of scope 'project', so that the linter caches their results per
// document: one lists a kind (the result depends on that kind's objects), one reads every object (for Services
// only, or every document would depend on every other and none would be reused). Of the built-in rules that are
// not of scope 'project', hardcoded-pod-ip reads the Pods, through a memo: a ConfigMap's result depends on them.
const sameNameElsewhere = createRule({
  name: 'test-same-name-other-kind',
  meta: { type: 'suggestion', severity: 'info', docs: { description: 'Test rule.', recommended: true }, messages: { shared: 'a {{kind}} is named {{name}} too' }, schema: [] },
  defaultOptions: [],
  create(context) {
    return {
      Service(resource) {
        const other = context.project.resources.find((candidate) => candidate.kind !== resource.kind && candidate.name === resource.name);
        if (resource.name && other) context.report({ path: resource.at('metadata', 'name'), messageId: 'shared', data: { kind: other.kind, name: resource.name } });
      },
    };
  },
});
const registry: Record<string, AnyRuleModule> = { ...rules, 'test-duplicate-name': duplicateName, 'test-same-name-other-kind': sameNameElsewhere };
const linter = new Linter(registry);
const config: ResolvedConfig = resolveConfig(registry, { path: '/p/.podlint.yaml', directory: '/p', presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/p/x.yaml');
const FILE = '/p/edited.yaml';

const whole = (text: string): LintMessage[] => linter.lintText({ filePath: FILE, text, config, discovered: true }).messages;
const brief = (messages: readonly LintMessage[]) => messages.map((m) => `${m.range.start.line}:${m.range.start.character} ${m.ruleId} ${m.message}`);

// Small pools, so that generated objects often share names, labels and ports across documents.
const NAMES = ['web', 'db', 'api'] as const;
const PORTS = [80, 8080, 9090, 'http', 'metrics'] as const;
const name = fc.constantFrom(...NAMES);
const containerPort = fc.record(
  { containerPort: fc.constantFrom(80, 8080, 9090), name: fc.constantFrom('http', 'metrics'), protocol: fc.constantFrom('TCP', 'UDP') },
  { requiredKeys: ['containerPort'] },
);
const container = fc.record(
  { name: fc.constantFrom('main', 'side'), image: fc.constantFrom('nginx', 'nginx:1.27', 'redis:7.2'), ports: fc.array(containerPort, { maxLength: 2 }) },
  { requiredKeys: ['name', 'image'] },
);
const podSpec = fc.record({ containers: fc.array(container, { minLength: 1, maxLength: 2 }) });

const deployment = fc
  .record({ name, app: name, spec: podSpec, replicas: fc.constantFrom(1, 3), shareLabels: fc.boolean() })
  .map(({ name, app, spec, replicas, shareLabels }) => {
    // The same labels object twice: stringify writes an anchor and an alias.
    const labels = { app };
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels: shareLabels ? labels : { app } }, spec } },
    };
  });
const service = fc
  .record({ name, app: name, ports: fc.array(fc.record({ port: fc.constantFrom(80, 443), targetPort: fc.constantFrom(...PORTS) }, { requiredKeys: ['port'] }), { minLength: 1, maxLength: 2 }) })
  .map(({ name, app, ports }) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app }, ports } }));
const pod = fc
  .record({ name, app: name, spec: podSpec, podIP: fc.boolean() })
  .map(({ name, app, spec, podIP }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec, ...(podIP ? { status: { podIP: '10.0.0.7' } } : {}) }));
const configMap = fc
  .record({ name, peer: fc.constantFrom('10.0.0.7:80', 'db:5432') })
  .map(({ name, peer }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { peer } }));
// A custom resource, and its CustomResourceDefinition in another document or none: their spec fields are names of
// the pool, so that renames change what the CRD allows and what the object has, and a Widget's document must be
// checked again when the CRD's changes.
const widget = fc.record({ name, key: name }).map(({ name, key }) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { [key]: 'M' } }));
const widgetDefinition = fc.record({ fields: fc.subarray([...NAMES], { minLength: 1 }), required: fc.boolean() }).map(({ fields, required }) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: Object.fromEntries(fields.map((field) => [field, { type: 'string' }])), ...(required ? { required: [fields[0]] } : {}) } } } },
      },
    ],
  },
}));
const object = fc.oneof(deployment, service, pod, configMap, widget, widgetDefinition);

const RULES_TO_SILENCE = ['image-tag-latest', 'resources-missing', 'service-selector-no-match', 'service-target-port-missing', 'resource-duplicate', 'hardcoded-pod-ip', 'bare-pod', 'schema-unknown-field', 'test-duplicate-name', 'test-same-name-other-kind'];
const directive = fc
  .tuple(fc.constantFrom('disable-next-line', 'disable-line', 'disable', 'enable', 'disable-file'), fc.option(fc.constantFrom(...RULES_TO_SILENCE), { nil: undefined }))
  .map(([kind, rule]) => `# podlint-${kind}${rule ? ` ${rule}` : ''}`);

// Documents that do not parse or hold no Kubernetes object, as typing leaves them.
const OTHER_DOCUMENTS = [
  'foo: [1\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web\n',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n\tspec: {}\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api, name: db}\n',
  'on: push\njobs: {}\n',
  '',
  '# only a comment\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n...\n',
  'kind: *missing\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n db\n  labels: {app: *n}\n',
  'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: web}\n    spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n',
];
const otherDocument = fc.constantFrom(...OTHER_DOCUMENTS);

/** One document's text (no `---`): an object in block or flow style, sometimes with a directive on some line. */
const documentText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(object, fc.constantFrom('block', 'flow', 'any' as const), fc.constantFrom(2, 4), fc.option(fc.tuple(directive, fc.nat()), { nil: undefined })) },
  { weight: 1, arbitrary: otherDocument.map((text) => [text] as const) },
).map((generated) => {
  if (generated.length === 1) return generated[0];
  const [value, collectionStyle, indent, comment] = generated;
  const text = stringify(value, { indent, collectionStyle: collectionStyle as 'block' | 'flow' | 'any', lineWidth: 0 });
  return comment ? insertLine(text, comment[1], comment[0]) : text;
});

/** A file of documents; the first has a `---` of its own or not, and a comment may come before everything. */
const fileText = fc
  .tuple(fc.array(documentText, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.option(fc.constantFrom('# header\n', '# podlint-disable-file bare-pod\n'), { nil: undefined }), fc.constantFrom('---\n', '--- # next\n'))
  .map(([documents, leadingSeparator, header, separator]) => (header ?? '') + documents.map((text, index) => (index === 0 && !leadingSeparator ? text : separator + text)).join(''));

const TYPED = ['a', ' ', ':', '{', '}', '[', ']', '- ', '\t', '&a ', '*a', '"', "'", '\n', '\r\n', '\r', '\u2028', '\uFEFF', '#', '---', '---\n', '...\n', '  ', '80', 'web', 'db', '# podlint-disable-line\n', '{{', '%YAML 1.1\n', '|\n', 'é'];
type Edit =
  | { op: 'type'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'addSeparator'; line: number }
  | { op: 'removeSeparator'; index: number }
  | { op: 'rename'; index: number; to: string }
  | { op: 'move'; from: number; to: number }
  | { op: 'insertDocument'; at: number; text: string }
  | { op: 'directive'; line: number; text: string }
  | { op: 'empty' }
  | { op: 'replace'; text: string };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom(...TYPED) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('addSeparator' as const), line: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('removeSeparator' as const), index: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('rename' as const), index: fc.nat(), to: fc.constantFrom(...NAMES, ...PORTS.map(String)) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insertDocument' as const), at: fc.nat(), text: documentText }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('directive' as const), line: fc.nat(), text: directive }) },
  { weight: 1, arbitrary: fc.constant({ op: 'empty' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), text: fileText }) },
);

/** `line` (taken modulo the line count) inserted before that line of `text`. */
function insertLine(text: string, at: number, line: string): string {
  const starts = lineStarts(text);
  const start = starts[at % starts.length]!;
  return `${text.slice(0, start)}${line}\n${text.slice(start)}`;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1 && index + 1 < text.length; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** The file cut before each line that starts with `---` (written here apart from the linter's own splitter). */
function documentsOf(text: string): string[] {
  const cuts = lineStarts(text).filter((start) => start > 0 && text.startsWith('---', start));
  return [0, ...cuts].map((start, index) => text.slice(start, cuts[index] ?? text.length));
}

/** A document that ends its last line, so that moving it keeps the next `---` at the start of a line. */
function endLine(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** A token the rules across documents look at: a name or label value, or a port number or name. */
const TOKEN = /\b(?:web|db|api|80|8080|9090|http|metrics)\b/g;

function applyEdit(text: string, edit: Edit): string {
  switch (edit.op) {
    case 'type': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete': {
      if (text === '') return text;
      const at = edit.at % text.length;
      return text.slice(0, at) + text.slice(at + edit.length);
    }
    case 'addSeparator':
      return insertLine(text, edit.line, '---');
    case 'removeSeparator': {
      const separators = lineStarts(text).filter((start) => text.startsWith('---', start));
      if (separators.length === 0) return text;
      const start = separators[edit.index % separators.length]!;
      const end = text.indexOf('\n', start);
      return text.slice(0, start) + (end === -1 ? '' : text.slice(end + 1));
    }
    case 'rename': {
      const tokens = [...text.matchAll(TOKEN)];
      if (tokens.length === 0) return text;
      const token = tokens[edit.index % tokens.length]!;
      return text.slice(0, token.index) + edit.to + text.slice(token.index + token[0].length);
    }
    case 'move': {
      const documents = documentsOf(text).map(endLine);
      const [moved] = documents.splice(edit.from % documents.length, 1);
      documents.splice(edit.to % (documents.length + 1), 0, moved!.startsWith('---') ? moved! : `---\n${moved!}`);
      return documents.join('');
    }
    case 'insertDocument': {
      const documents = documentsOf(text).map(endLine);
      documents.splice(edit.at % (documents.length + 1), 0, `---\n${edit.text}`);
      return documents.join('');
    }
    case 'directive':
      return insertLine(text, edit.line, edit.text);
    case 'empty':
      return '';
    case 'replace':
      return edit.text;
  }
}

describe('DocumentLinter properties (fast-check)', () => {
  it('after every edit of a file of several documents, gives what linting the whole text gives', () => {
    // Of the documents of the files linted in parts, how many kept their result: none would mean the cache was not tried.
    let reused = 0;
    let asked = 0;
    fc.assert(
      fc.property(fileText, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const documentLinter = new DocumentLinter(linter, new WorkspaceIndex(), FILE);
        let text = start;
        let version = 1;
        const check = (after: string) => {
          const result = documentLinter.lint(text, version, config);
          const expected = whole(text);
          const where = `${after}, text ${JSON.stringify(text)}`;
          assert.deepEqual(brief(result.messages), brief(expected), where);
          assert.deepEqual(result.messages, expected, where);
          // Linted in parts (not whole) when the parse of a part is at hand.
          const parts = splitDocuments(text) ?? [];
          if (parts.length > 1 && parts.some((part) => documentLinter.parsedDocument(part.text))) {
            asked += parts.length;
            reused += parts.length - result.linted;
          }
        };
        check('the generated file');
        for (const [step, change] of edits.entries()) {
          text = applyEdit(text, change);
          version += 1;
          check(`after edit ${step + 1}, ${JSON.stringify(change)}`);
        }
        // From scratch: a fresh linter on the final text.
        assert.deepEqual(new DocumentLinter(linter, new WorkspaceIndex(), FILE).lint(text, 1, config).messages, whole(text), 'a fresh DocumentLinter');
      }),
      { numRuns: 200, seed: 20260117 },
    );
    assert.ok(reused > asked / 3, `only ${reused} of ${asked} documents kept their result: the edits hardly exercised reuse`);
  });
});
