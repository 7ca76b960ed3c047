// The incremental document linter gives what core gives for the whole file, while linting only what changed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Linter, ProjectIndex, customSchemaConversions, customSchemaModuleCount, resolveConfig, type AnyRuleModule, type LintMessage, type ResolvedConfig } from '@podlint/core';
import { rules } from '@podlint/rules';
import { DocumentLinter, recordingProject } from './document-linter.js';
import { duplicateName } from './test-support/duplicate-name-rule.js';
import { collectGarbage } from '@podlint/core/test-utils';
import { WorkspaceIndex, noDependencies, parsePart } from './workspace-index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');

const registry: Record<string, AnyRuleModule> = { ...rules, 'test-duplicate-name': duplicateName };
// Rules that read every object of the project (not one kind) make each document depend on all the others, so
// they are left out where a test is about what the cache keeps; the whole-file equality tests keep them.
const READS_WHOLE_PROJECT = new Set(['resource-duplicate', 'service-selector-no-match', 'service-target-port-missing']);
const localRegistry: Record<string, AnyRuleModule> = Object.fromEntries(Object.entries(rules).filter(([id]) => !READS_WHOLE_PROJECT.has(id)));
const localLinter = new Linter(localRegistry);
const localConfig: ResolvedConfig = resolveConfig(localRegistry, { path: '/p/.podlint.yaml', directory: '/p', presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/p/x.yaml');
const linter = new Linter(registry);
const config: ResolvedConfig = resolveConfig(registry, { path: '/p/.podlint.yaml', directory: '/p', presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/p/x.yaml');

const whole = (filePath: string, text: string): LintMessage[] => linter.lintText({ filePath, text, config, discovered: true }).messages;
const brief = (messages: readonly LintMessage[]) => messages.map((m) => `${m.range.start.line}:${m.range.start.character} ${m.ruleId} ${m.message}`);

function deployment(name: string, image = 'nginx:1.27'): string {
  return `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n          ports: [{containerPort: 80}]\n        - name: side\n          image: envoy:1\n          ports: [{containerPort: 80}]\n`;
}

/** A CRD of kind Widget in `group` whose spec has string `fields`. */
function widgetDefinition(fields: readonly string[], group = 'example.com'): string {
  return `---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.${group}}\nspec:\n  group: ${group}\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties: {${fields.map((field) => `${field}: {type: string}`).join(', ')}}\n`;
}

function widgetObject(group = 'example.com', size = 'M'): string {
  return `---\napiVersion: ${group}/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: ${size}, colour: red}\n`;
}

/** The schema findings of custom resources, without their advice (and with their lines, if asked). */
const schemaMessages = (messages: readonly LintMessage[], withLines = false) =>
  messages
    .filter((m) => m.ruleId === 'schema-unknown-field' || m.ruleId === 'unknown-kind')
    .map((m) => `${withLines ? `${m.range.start.line} ` : ''}${m.message.replace(/(; |\. |, so ).*/, '')}`);

function files(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      return statSync(path).isDirectory() ? files(path) : /\.ya?ml$/.test(entry) ? [path] : [];
    });
}

describe('recordingProject', () => {
  it('computes a memo once per project, and notes what it read for every part that uses it', () => {
    const text = deployment('a') + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    const project = new ProjectIndex(parsePart('/p/a.yaml', text).resources);
    let computed = 0;
    const deployments = (run: ProjectIndex) => {
      computed += 1;
      return run.ofKind('Deployment').length;
    };
    const everything = (run: ProjectIndex) => run.resources.length;
    const first = noDependencies();
    const second = noDependencies();
    assert.equal(recordingProject(project, first).memo(deployments, deployments), 1);
    assert.equal(recordingProject(project, second).memo(deployments, deployments), 1);
    assert.equal(computed, 1);
    assert.deepEqual([first.all, [...first.kinds]], [false, ['Deployment']]);
    assert.deepEqual([second.all, [...second.kinds]], [false, ['Deployment']], 'the second part read Deployments too, through the memo');
    const third = noDependencies();
    assert.equal(recordingProject(project, third).memo(everything, everything), 2);
    assert.equal(third.all, true);
    // Plain use (the command) keeps its own values, apart from the recorded ones.
    assert.equal(project.memo(deployments, deployments), 1);
    assert.equal(computed, 2);
  });
});

describe('DocumentLinter', () => {
  // Each document once got a project of its own, and with it every per-project table built again (4,000 documents
  // took 81 s); now the documents share the project and its memos (the recordingProject test above).
  it('lints a file of 4,000 documents with every rule, as the whole-file lint does', () => {
    const allConfig = resolveConfig(rules, { path: '/p/.podlint.yaml', directory: '/p', presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/p/x.yaml');
    const allLinter = new Linter(rules);
    const service = (index: number) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s-${index}\nspec:\n  selector: {app: same}\n  ports: [{port: 80}]\n`;
    const text = Array.from({ length: 2_000 }, (_, index) => service(index) + deployment(`d-${index}`).replace(/app: d-\d+/g, 'app: same')).join('');
    const result = new DocumentLinter(allLinter, new WorkspaceIndex(), '/p/many.yaml').lint(text, 1, allConfig);
    assert.equal(result.linted, 4_000);
    assert.deepEqual(result.messages, allLinter.lintText({ filePath: '/p/many.yaml', text, config: allConfig, discovered: true }).messages);
  });

  it('hands hover and completion the parse of the text it last linted, and nothing for other text', () => {
    const documentLinter = new DocumentLinter(linter, new WorkspaceIndex(), '/p/parsed.yaml');
    const one = deployment('one');
    documentLinter.lint(one, 1, config);
    assert.equal(documentLinter.parsedDocument(one)?.get('kind'), 'Deployment');
    const two = deployment('two');
    documentLinter.lint(one + two, 2, config);
    // Each chunk's own parse (ranges from the chunk's start), and none for the text of a chunk no longer there.
    assert.equal((documentLinter.parsedDocument(two)?.getIn(['metadata', 'name'])), 'two');
    assert.equal(documentLinter.parsedDocument(one)?.range[0], 0);
    assert.equal(documentLinter.parsedDocument(deployment('three')), undefined);
    documentLinter.lint(two, 3, config);
    assert.equal(documentLinter.parsedDocument(one), undefined);
    documentLinter.close();
    assert.equal(documentLinter.parsedDocument(two), undefined);
  });

  it('equals the whole-file lint on every fixture', () => {
    for (const path of files(join(ROOT, 'fixtures'))) {
      const text = readFileSync(path, 'utf8');
      const result = new DocumentLinter(linter, new WorkspaceIndex(), path).lint(text, 1, config);
      assert.deepEqual(brief(result.messages), brief(whole(path, text)), path);
      assert.deepEqual(result.messages, whole(path, text), path);
    }
  });

  it('equals the whole-file lint on the corpus files with several documents', (context) => {
    if (!existsSync(CORPUS)) {
      context.skip('../shared/corpus is not present (a contributor\'s clone has no ../shared)');
      return;
    }
    let compared = 0;
    for (const path of files(CORPUS)) {
      const text = readFileSync(path, 'utf8');
      if (!/^---/m.test(text.slice(1))) continue;
      const result = new DocumentLinter(linter, new WorkspaceIndex(), path).lint(text, 1, config);
      assert.deepEqual(result.messages, whole(path, text), path);
      compared += 1;
    }
    assert.ok(compared > 20, `only ${compared} multi-document files compared`);
  });

  it('lints only the document that changed, and moves the others\' results', () => {
    const documents = Array.from({ length: 20 }, (_, index) => deployment(`app-${index}`, index % 3 === 0 ? 'nginx' : 'nginx:1.27'));
    // Without the rules across resources, which would make every Deployment depend on the others.
    const documentLinter = new DocumentLinter(localLinter, new WorkspaceIndex(), '/p/many.yaml');
    const text = documents.join('');
    assert.equal(documentLinter.lint(text, 1, localConfig).linted, 20);
    assert.equal(documentLinter.lint(text, 1, localConfig).linted, 0, 'same version: the cached result');
    // Two lines more in document 5: only it is linted again; the ones after it move down.
    documents[5] = deployment('app-5', 'nginx').replace('spec:\n  selector', 'spec:\n  # two\n  # lines\n  selector');
    const edited = documents.join('');
    const result = documentLinter.lint(edited, 2, localConfig);
    assert.equal(result.linted, 1);
    assert.ok(result.messages.length > 0);
    assert.deepEqual(result.messages, localLinter.lintText({ filePath: '/p/many.yaml', text: edited, config: localConfig, discovered: true }).messages);
  });

  it('with every built-in rule on, re-lints only the edited document and re-runs only the rules across the project', () => {
    const allConfig = resolveConfig(rules, { path: '/p/.podlint.yaml', directory: '/p', presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/p/x.yaml');
    const allLinter = new Linter(rules);
    const documents = Array.from({ length: 12 }, (_, index) => deployment(`app-${index % 10}`, 'nginx:1.27'));
    const documentLinter = new DocumentLinter(allLinter, new WorkspaceIndex(), '/p/dups.yaml');
    assert.equal(documentLinter.lint(documents.join(''), 1, allConfig).linted, 12);
    documents[3] = deployment('app-10', 'nginx');
    const edited = documents.join('');
    const result = documentLinter.lint(edited, 2, allConfig);
    assert.equal(result.linted, 1, 'only the edited document runs its own rules again');
    const whole = allLinter.lintText({ filePath: '/p/dups.yaml', text: edited, config: allConfig, discovered: true }).messages;
    assert.deepEqual(result.messages, whole);
    assert.equal(result.messages.filter((m) => m.ruleId === 'resource-duplicate').length, 2, 'app-0 and app-1 are defined twice');
  });

  it('lints again the documents whose objects across resources changed', () => {
    const documentLinter = new DocumentLinter(linter, new WorkspaceIndex(), '/p/dup.yaml');
    const text = deployment('a') + deployment('b') + deployment('a');
    const first = documentLinter.lint(text, 1, config);
    assert.deepEqual(first.messages.filter((m) => m.ruleId === 'test-duplicate-name').map((m) => m.range.start.line), [38]);
    const renamed = deployment('c') + deployment('b') + deployment('a');
    const second = documentLinter.lint(renamed, 2, config);
    // The first document changed; the others listed Deployments, so they are linted again.
    assert.equal(second.linted, 3);
    assert.deepEqual(second.messages, whole('/p/dup.yaml', renamed));
    assert.equal(second.messages.filter((m) => m.ruleId === 'test-duplicate-name').length, 0);
  });

  it('keeps a result while the objects it saw elsewhere are unchanged, and not after', () => {
    const index = new WorkspaceIndex();
    const withTestRule = { ...localRegistry, 'test-duplicate-name': duplicateName };
    const testConfig = resolveConfig(withTestRule, { path: '/p/.podlint.yaml', directory: '/p', presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/p/x.yaml');
    const documentLinter = new DocumentLinter(new Linter(withTestRule), index, '/p/b.yaml');
    index.setDiskFile('/p/a.yaml', parsePart('/p/a.yaml', deployment('shared')), 100);
    const text = deployment('shared');
    assert.equal(documentLinter.lint(text, 1, testConfig).messages.filter((m) => m.ruleId === 'test-duplicate-name').length, 1);
    index.setDiskFile('/p/c.yaml', parsePart('/p/c.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n'), 50);
    assert.ok(documentLinter.isCurrent(1, testConfig), 'a ConfigMap elsewhere changes nothing for Deployments');
    index.setDiskFile('/p/a.yaml', parsePart('/p/a.yaml', deployment('other')), 100);
    assert.equal(documentLinter.isCurrent(1, testConfig), false);
    assert.equal(documentLinter.lint(text, 1, testConfig).messages.filter((m) => m.ruleId === 'test-duplicate-name').length, 0);
  });

  it('checks a custom resource again after its CRD changes, in the same file or another', () => {
    const definition = (fields: readonly string[]) => widgetDefinition(fields);
    const widget = widgetObject();
    const configMap = '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    // One file: the CRD gains a field, loses another, and goes, while the Widget's document stays as it is.
    const sameFile = new DocumentLinter(linter, new WorkspaceIndex(), '/p/widgets.yaml');
    const texts = [definition(['size']) + widget, definition(['size', 'colour']) + widget, definition(['colour']) + widget, configMap + widget];
    const expected = [['Widget.spec has no field "colour"'], [], ['Widget.spec has no field "size"'], ['No schema for Widget (example.com/v1)']];
    for (const [step, text] of texts.entries()) {
      const result = sameFile.lint(text, step + 1, config);
      assert.deepEqual(result.messages, whole('/p/widgets.yaml', text), `step ${step + 1}`);
      assert.deepEqual(schemaMessages(result.messages), expected[step], `step ${step + 1}`);
    }
    // Two files: the Widget's is not edited at all.
    const index = new WorkspaceIndex();
    const definitionFile = new DocumentLinter(linter, index, '/p/crd.yaml');
    const widgetFile = new DocumentLinter(linter, index, '/p/widget.yaml');
    definitionFile.lint(definition(['size']), 1, config);
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), ['Widget.spec has no field "colour"']);
    definitionFile.lint(definition(['size', 'colour']), 2, config);
    assert.equal(widgetFile.isCurrent(1, config), false);
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), []);
    definitionFile.lint(definition(['colour']), 3, config);
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), ['Widget.spec has no field "size"']);
    definitionFile.close();
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), ['No schema for Widget (example.com/v1)']);
  });

  it('reports a CRD whose schema loops through an alias once, and checks its custom resources again once it is fixed', () => {
    const group = 'loop.example.com';
    const fixed = widgetDefinition(['size'], group);
    const looped = fixed.replace('          spec:\n', '          spec: &spec\n').replace('properties: {size:', 'properties: {child: *spec, size:');
    assert.notEqual(looped, fixed);
    const index = new WorkspaceIndex();
    const definitionFile = new DocumentLinter(linter, index, '/p/crd-loop.yaml');
    const widgetFile = new DocumentLinter(linter, index, '/p/widget-loop.yaml');
    const widget = widgetObject(group);
    const definitionMessages = definitionFile.lint(looped, 1, config).messages;
    assert.deepEqual(definitionMessages, whole('/p/crd-loop.yaml', looped));
    assert.deepEqual(brief(definitionMessages), [
      `18:32 yaml-syntax This document cannot be read: the alias *spec is inside the node it repeats (&spec), so the value would contain itself without end; kubectl refuses it too ("anchor 'spec' value contains itself").`,
    ]);
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), [`No schema for Widget (${group}/v1)`]);
    definitionFile.lint(fixed, 2, config);
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), ['Widget.spec has no field "colour"']);
    definitionFile.lint(looped, 3, config);
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), [`No schema for Widget (${group}/v1)`]);
  });

  it('converts the CRDs of the workspace once, again only one that changes, and drops one that is deleted', async () => {
    const index = new WorkspaceIndex();
    const definitionPath = (group: number) => `/p/crds/widgets-${group}.yaml`;
    const setDefinition = (group: number, fields: readonly string[]) => {
      const text = widgetDefinition(fields, `g${group}.crd-cache.example.com`);
      index.setDiskFile(definitionPath(group), parsePart(definitionPath(group), text), text.length);
    };
    for (let group = 0; group < 5; group += 1) setDefinition(group, ['size']);
    // After a Deployment, a Widget of the first group (apiVersion on line 19, spec on 21) and one of the second (spec on 26).
    const appText = (size: string) => deployment('web') + widgetObject('g0.crd-cache.example.com', size) + widgetObject('g1.crd-cache.example.com');
    const app = new DocumentLinter(localLinter, index, '/p/app.yaml');
    const colour = ['21 Widget.spec has no field "colour"', '26 Widget.spec has no field "colour"'];
    assert.deepEqual(schemaMessages(app.lint(appText('M'), 1, localConfig).messages, true), colour);
    const converted = customSchemaConversions();
    // Typing in a custom resource: every edit makes a new project of the workspace, whose CRDs are the same objects.
    for (let version = 2; version <= 6; version += 1) {
      const result = app.lint(appText(`size${version}`), version, localConfig);
      assert.equal(result.linted, 1, 'the edited document only');
      assert.deepEqual(schemaMessages(result.messages, true), colour, `version ${version}`);
    }
    assert.equal(customSchemaConversions(), converted, 'no CRD converted again');
    // The first group's CRD declares colour: it alone is converted again, and its new schema applies.
    setDefinition(0, ['size', 'colour']);
    assert.deepEqual(schemaMessages(app.lint(appText('size6'), 6, localConfig).messages, true), ['26 Widget.spec has no field "colour"']);
    assert.equal(customSchemaConversions(), converted + 1);
    // The same text read again from disk: new objects of the same content, not converted, even once the old are gone.
    setDefinition(0, ['size', 'colour']);
    await collectGarbage();
    assert.deepEqual(schemaMessages(app.lint(appText('size6'), 6, localConfig).messages, true), ['26 Widget.spec has no field "colour"']);
    assert.equal(customSchemaConversions(), converted + 1);
    // Deleted: its Widget has no schema any more; the others' are not converted again.
    index.deleteDiskFile(definitionPath(0));
    assert.deepEqual(schemaMessages(app.lint(appText('size6'), 6, localConfig).messages, true), ['19 No schema for Widget (g0.crd-cache.example.com/v1)', '26 Widget.spec has no field "colour"']);
    assert.equal(customSchemaConversions(), converted + 1);
  });

  it('lets go of the schemas of a CRD\'s earlier texts as it is edited', async () => {
    const index = new WorkspaceIndex();
    const definitionFile = new DocumentLinter(linter, index, '/p/crd.yaml');
    const widgetFile = new DocumentLinter(linter, index, '/p/widget.yaml');
    const widget = widgetObject('edited.crd-cache.example.com');
    const declaresColour = (edit: number) => edit % 2 === 0;
    const edit = (version: number) => {
      const fields = declaresColour(version) ? ['size', 'colour', `extra${version}`] : ['size', `extra${version}`];
      definitionFile.lint(widgetDefinition(fields, 'edited.crd-cache.example.com'), version, config);
      return schemaMessages(widgetFile.lint(widget, 1, config).messages);
    };
    for (let attempt = 0; attempt < 3; attempt += 1) await collectGarbage();
    const before = customSchemaModuleCount();
    for (let version = 1; version <= 30; version += 1) {
      assert.deepEqual(edit(version), declaresColour(version) ? [] : ['Widget.spec has no field "colour"'], `edit ${version}`);
    }
    for (let attempt = 0; attempt < 10 && customSchemaModuleCount() > before + 1; attempt += 1) await collectGarbage();
    assert.ok(customSchemaModuleCount() <= before + 1, `${customSchemaModuleCount()} custom schema modules, ${before} before 30 edits of one CRD`);
    // The schema in use was kept.
    assert.deepEqual(schemaMessages(widgetFile.lint(widget, 1, config).messages), []);
    assert.deepEqual(edit(31), ['Widget.spec has no field "colour"']);
  });

  it('applies a directive of one document to the others, as the whole file does', () => {
    const text = `# podlint-disable-file image-tag-latest\n${deployment('a', 'nginx')}${deployment('b', 'nginx')}# podlint-disable pod-port-collision\n${deployment('c', 'nginx')}`;
    const result = new DocumentLinter(linter, new WorkspaceIndex(), '/p/s.yaml').lint(text, 1, config);
    assert.deepEqual(result.messages, whole('/p/s.yaml', text));
    assert.ok(!result.messages.some((m) => m.ruleId === 'image-tag-latest'));
    assert.equal(result.messages.filter((m) => m.ruleId === 'pod-port-collision').length, 2);
  });

  it('leaves file-wide decisions to the engine: templates, directives, and a broken file that names no kind', () => {
    const cases = [
      `${deployment('a')}---\nname: {{ .Values.name }}\n`,
      `%YAML 1.1\n${deployment('a', 'nginx')}`,
      '---\nfoo: [1\n---\nbar: 2\n',
      `${deployment('a', 'nginx')}---\nfoo: [1\n`,
    ];
    for (const text of cases) {
      const result = new DocumentLinter(linter, new WorkspaceIndex(), '/p/t.yaml').lint(text, 1, config);
      assert.deepEqual(result.messages, whole('/p/t.yaml', text), text);
    }
  });

  // Found by document-linter.properties.test.ts: the parser does not always read a broken document as it reads it
  // alone when a `---` line follows or precedes it.
  it('lints the whole file where a broken document parses otherwise next to a `---` line', () => {
    const configMap = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: ${data}\n`;
    const cases = [
      // A quote never closed runs on to the end of the file: the Deployment is part of the ConfigMap's broken text.
      configMap("{k: 'x}") + deployment('a', 'nginx'),
      // With a closing quote later, it ends at the first line less indented than the key, inside its own document.
      `${configMap('\n  k: "x')}extra: 1\n${deployment('a', 'nginx')}---\nnote: "y"\n`,
      // A flow collection still open: the `---` closes it with an error; at the end of a text, core shows an error
      // on the last character instead.
      `{ apiVersion: v1, kind: C[onfigMap, metadata: {name: c} }\n${deployment('a', 'nginx')}`,
      `---\n{ apiVersion: v1, kind: ConfigMap, metadata: {name: c} }\nfoo: [1\n${deployment('a', 'nginx')}`,
      // A stray `]` after a `---`: the parser gives its error to the document before, which core takes as broken.
      `${deployment('a', 'nginx')}---\n]\n${configMap('{k: v}')}`,
    ];
    for (const text of cases) {
      const result = new DocumentLinter(linter, new WorkspaceIndex(), '/p/b.yaml').lint(text, 1, config);
      assert.deepEqual(brief(result.messages), brief(whole('/p/b.yaml', text)), text);
      assert.deepEqual(result.messages, whole('/p/b.yaml', text), text);
    }
  });

  it('lints the whole file again when an edit breaks a document that way, and in parts once it is fixed', () => {
    const documentLinter = new DocumentLinter(linter, new WorkspaceIndex(), '/p/e.yaml');
    const texts = [deployment('a', 'nginx') + deployment('b'), `${deployment('a', "'nginx")}${deployment('b')}`, deployment('a', 'nginx') + deployment('b')];
    for (const [index, text] of texts.entries()) {
      assert.deepEqual(documentLinter.lint(text, index + 1, config).messages, whole('/p/e.yaml', text), text);
    }
  });

  it('cuts documents and counts lines as the parser and the editor do, with a lone carriage return', () => {
    const cases = [
      // `\r---` starts no document for the parser (only `\n` starts a line)...
      `${deployment('a', 'nginx')}data: {k: "x\r---\ny"}\n${deployment('b', 'nginx')}`,
      // ...but the editor and core count a lone `\r` as a line break, for the lines of the documents after it.
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: "x\ry"}\n${deployment('a', 'nginx')}`,
    ];
    for (const text of cases) {
      const result = new DocumentLinter(linter, new WorkspaceIndex(), '/p/r.yaml').lint(text, 1, config);
      assert.deepEqual(brief(result.messages), brief(whole('/p/r.yaml', text)), JSON.stringify(text));
      assert.deepEqual(result.messages, whole('/p/r.yaml', text), JSON.stringify(text));
    }
  });
});
