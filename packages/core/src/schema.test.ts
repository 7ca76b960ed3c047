// The schema machinery below the rules: lazy loading of the generated modules, the validator's leniency and
// strictness, CRD and JSON Schema conversion, the editor API and the API lifecycle table.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { API_LIFECYCLE, apiStatus } from './api-lifecycle.js';
import { parseConfigText } from './config.js';
import { crdKindSchemas, customSchemaConversions, projectCustomSchemas } from './custom-schemas.js';
import { documentResources } from './kubernetes.js';
import { ProjectIndex } from './project.js';
import { describeField, resourceSchemaProblems, schemaFor } from './resource-schema.js';
import { forgetSchemaFile, isSchemaFile, loadSchemaFile, readSchemaFilesFrom } from './schema-files.js';
import { builtinKindReference, builtinSchemaSource, customSchemaModuleCount, loadedSchemaModules, resolveReference } from './schema-store.js';
import { validateValue, type SchemaProblem } from './schema-validator.js';
import { SourceFile } from './source.js';
import { collectGarbage } from './test-utils.js';

function problemsOf(yaml: string): SchemaProblem[] {
  const file = new SourceFile('test.yaml', yaml);
  const resources = file.documents.flatMap((doc) => documentResources(doc));
  const project = new ProjectIndex(resources);
  return resources.flatMap((resource) => resourceSchemaProblems(resource, { project }).problems);
}

function summary(problems: readonly SchemaProblem[]): string[] {
  return problems.map((problem) => `${problem.kind} ${problem.path.join('.')}${'field' in problem ? ` ${problem.field}` : ''}`);
}

describe('built-in schemas', () => {
  it('reads only the modules an object needs', () => {
    assert.deepEqual(loadedSchemaModules(), []);
    problemsOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {selector: {}, template: {spec: {containers: [{name: a}]}}}\n');
    assert.deepEqual(loadedSchemaModules(), ['apps/v1', 'meta/v1', 'v1']);
  });

  it('describes Kubernetes 1.36 and knows the kinds of its groups', () => {
    assert.equal(builtinSchemaSource().kubernetesVersion, '1.36.0');
    assert.equal(builtinKindReference('apps/v1', 'Deployment'), 'apps/v1#Deployment');
    assert.equal(builtinKindReference('batch/v1beta1', 'CronJob'), 'batch/v1beta1#CronJob');
    assert.equal(builtinKindReference('v1', 'Deployment'), undefined);
  });

  it('tells integers from numbers and checks int32 bounds', () => {
    const problems = problemsOf('apiVersion: v1\nkind: ReplicationController\nmetadata: {name: a}\nspec: {replicas: 1.5, minReadySeconds: 4294967296}\n');
    assert.deepEqual(summary(problems).sort(), ['type spec.minReadySeconds', 'type spec.replicas']);
  });

  it('accepts null where the API server reads it as unset, but not for a required field', () => {
    const problems = problemsOf('apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {a: }}\nspec:\n  nodeSelector:\n  containers:\n    - name:\n      image: x\n      args:\n');
    assert.deepEqual(summary(problems), ['required spec.containers.0 name']);
  });

  it('takes integers and strings for int-or-string, strings and numbers for quantities', () => {
    const ok = problemsOf(
      'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80, targetPort: http}, {port: 81, targetPort: 8081}]}\n---\n' +
        'apiVersion: v1\nkind: LimitRange\nmetadata: {name: a}\nspec: {limits: [{type: Container, max: {cpu: 2, memory: 1Gi}}]}\n',
    );
    assert.deepEqual(ok, []);
    const bad = problemsOf('apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80, targetPort: 80.5}, {port: 81, targetPort: true}]}\n');
    assert.deepEqual(summary(bad), ['type spec.ports.0.targetPort', 'type spec.ports.1.targetPort']);
  });

  it('reports a misspelt required field once, as the misspelling', () => {
    const problems = problemsOf('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {contianers: [{name: a, imagePullPolicy: always}]}\n');
    assert.deepEqual(summary(problems), ['unknown-field spec.contianers contianers']);
    const [typo] = problems;
    assert.equal(typo?.kind === 'unknown-field' && typo.suggestionIsMissing, true);
  });

  it('validates pod templates, job templates and List items with the same definitions', () => {
    const problems = problemsOf(
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: batch/v1\n  kind: CronJob\n  metadata: {name: a}\n  spec:\n    schedule: "* * * * *"\n    jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: b, imagePullPolicy: always}]}}}}\n',
    );
    assert.deepEqual(summary(problems), ['enum spec.jobTemplate.spec.template.spec.containers.0.imagePullPolicy']);
    const [wrong] = problems;
    assert.equal(wrong?.kind === 'enum' && wrong.suggestion, 'Always');
  });
});

describe('describeField', () => {
  it('gives description, type, enum, required and fields for hover and completion', () => {
    const policy = describeField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
    assert.deepEqual(policy?.enum, ['Always', 'IfNotPresent', 'Never']);
    assert.equal(policy?.type, 'string (enum)');
    assert.match(policy?.description ?? '', /Image pull policy/);
    const containers = describeField('v1', 'Pod', ['spec', 'containers']);
    assert.equal(containers?.required, true);
    assert.equal(containers?.type, 'list of Container');
    const container = describeField('v1', 'Pod', ['spec', 'containers', 0]);
    assert.ok(container?.fields?.some((field) => field.name === 'name' && field.required && field.type === 'string'));
    assert.equal(describeField('v1', 'Pod', ['spec', 'nodeSelector', 'disktype'])?.type, 'string');
    assert.equal(describeField('v1', 'Pod', ['spec', 'nope']), undefined);
    assert.equal(describeField('example.com/v1', 'Nothing', []), undefined);
  });
});

describe('custom resources', () => {
  const crd = (apiVersion: string, extra: string) =>
    `apiVersion: ${apiVersion}\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n${extra}`;
  const v1Schema =
    '  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            required: [size]\n            properties:\n              size: {type: integer}\n              port: {x-kubernetes-int-or-string: true}\n              mode: {type: string, enum: [fast, slow]}\n              template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}\n              labels: {type: object, additionalProperties: {type: string}}\n              raw: {type: object, x-kubernetes-preserve-unknown-fields: true}\n';

  it('validates strictly against a structural v1 CRD of the same run', () => {
    const problems = problemsOf(
      `${crd('apiextensions.k8s.io/v1', v1Schema)}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, labels: {a: b}}\nspec: {size: "2", port: http, mode: quick, colour: red, labels: {x: z}, raw: {any: [1]}, template: {apiVersion: v1, kind: Pod, metadata: {name: p}, extra: 1}}\n`,
    );
    assert.deepEqual(summary(problems), ['type spec.size', 'enum spec.mode', 'unknown-field spec.colour colour']);
  });

  it('keeps unknown fields of a v1beta1 CRD unless preserveUnknownFields is false', () => {
    const beta = '  version: v1\n  validation:\n    openAPIV3Schema:\n      properties:\n        spec:\n          properties:\n            size: {type: integer}\n';
    const lenient = problemsOf(`${crd('apiextensions.k8s.io/v1beta1', beta)}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, other: x}\n`);
    assert.deepEqual(lenient, []);
    const strict = problemsOf(`${crd('apiextensions.k8s.io/v1beta1', `  preserveUnknownFields: false\n${beta}`)}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, other: x}\n`);
    assert.deepEqual(summary(strict), ['unknown-field spec.other other']);
  });

  it('reads CRD files and JSON Schema files given in `schemas:`', () => {
    const directory = mkdtempSync(join(tmpdir(), 'podlint-schemas-'));
    writeFileSync(join(directory, 'crd.yaml'), crd('apiextensions.k8s.io/v1', v1Schema));
    writeFileSync(
      join(directory, 'job.json'),
      JSON.stringify({
        type: 'object',
        definitions: { step: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false } },
        properties: { spec: { allOf: [{ properties: { steps: { type: 'array', items: { $ref: '#/definitions/step' } } } }], properties: { retries: { type: ['integer', 'null'] } } } },
      }),
    );
    writeFileSync(join(directory, 'cyclic.yaml'), crd('apiextensions.k8s.io/v1', `${v1Schema}              tree: &tree {type: object, properties: {child: *tree}}\n`));
    assert.throws(() => loadSchemaFile({ path: join(directory, 'cyclic.yaml') }), {
      message: `${join(directory, 'cyclic.yaml')} cannot be read: the alias *tree is inside the node it repeats (&tree), so the value would contain itself without end; kubectl refuses it too ("anchor 'tree' value contains itself")`,
    });
    const [widget] = loadSchemaFile({ path: join(directory, 'crd.yaml') });
    assert.equal(`${widget?.apiVersion} ${widget?.kind}`, 'example.com/v1 Widget');
    const [job] = loadSchemaFile({ path: join(directory, 'job.json'), apiVersion: 'ci.example.com/v1', kind: 'Job' });
    const problems = validateValue(job!.node, { spec: { retries: 'x', steps: [{ name: 'a', nmae: 'b' }], free: true }, other: 1 }, 'Job');
    assert.deepEqual(summary(problems), ['type spec.retries', 'unknown-field spec.steps.0.nmae nmae']);
    const config = parseConfigText(`schemas:\n  - crd.yaml\n  - {path: job.json, apiVersion: ci.example.com/v1, kind: Job}\n`, join(directory, '.podlint.yaml'), {});
    assert.equal(config.schemas?.length, 2);
    assert.ok(schemaFor('ci.example.com/v1', 'Job', { schemaFiles: config.schemas }));
    assert.throws(
      () => parseConfigText('schemas:\n  - missing.yaml\n', join(directory, '.podlint.yaml'), {}),
      (error: Error & { line?: number; column?: number }) => error.line === 2 && error.column === 5 && /schemas: cannot read .*missing\.yaml: ENOENT/.test(error.message),
    );
    assert.throws(() => parseConfigText('schemas:\n  - job.json\n', join(directory, '.podlint.yaml'), {}), /give the apiVersion and kind/);
  });

  it('searches "did you mean" for the first 1,000 unknown keys of an object, and reports the rest without it', () => {
    const keys = Array.from({ length: 1_001 }, (_, index) => `entry${index}x`);
    const properties = keys.map((key) => `              ${key.slice(0, -1)}: {type: string}\n`).join('');
    const schema = `  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n${properties}`;
    const problems = problemsOf(`${crd('apiextensions.k8s.io/v1', schema)}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {${keys.map((key) => `${key}: a`).join(', ')}}\n`);
    const suggestions = problems.map((problem) => (problem.kind === 'unknown-field' ? problem.suggestion : problem.kind));
    assert.deepEqual(suggestions.slice(0, 2), ['entry0', 'entry1']);
    assert.equal(suggestions[999], 'entry999');
    assert.equal(suggestions[1_000], undefined);
    assert.equal(suggestions.length, 1_001);
  });

  it('validates an object again in a project whose CRD is another, as an editor asks after a CRD is edited', () => {
    const resourcesOf = (path: string, text: string) => new SourceFile(path, text).documents.flatMap((doc) => documentResources(doc));
    const [widget] = resourcesOf('widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 2, colour: red}\n');
    const withoutColour = resourcesOf('crd.yaml', crd('apiextensions.k8s.io/v1', v1Schema));
    const withColour = resourcesOf('crd.yaml', crd('apiextensions.k8s.io/v1', `${v1Schema}              colour: {type: string}\n`));
    const problems = (definitions: typeof withColour) => summary(resourceSchemaProblems(widget!, { project: new ProjectIndex([...definitions, widget!]) }).problems);
    assert.deepEqual(problems(withoutColour), ['unknown-field spec.colour colour']);
    assert.deepEqual(problems(withColour), []);
    assert.equal(resourceSchemaProblems(widget!, { project: new ProjectIndex([widget!]) }).schema, undefined);
    assert.deepEqual(problems(withoutColour), ['unknown-field spec.colour colour']);
  });

  it('converts a CRD of the linted files again only when it changes, whatever the project', () => {
    const resourcesOf = (path: string, text: string) => new SourceFile(path, text).documents.flatMap((doc) => documentResources(doc));
    const nodeOf = (project: ProjectIndex) => projectCustomSchemas(project).get('example.com/v1 Widget')?.node;
    // A file of its own: the other tests' CRDs of the same text in crd.yaml may still be held.
    const definition = resourcesOf('conversions.yaml', crd('apiextensions.k8s.io/v1', v1Schema));
    const [deployment] = resourcesOf('app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n');
    const before = customSchemaConversions();
    const first = nodeOf(new ProjectIndex(definition));
    assert.equal(customSchemaConversions(), before + 1);
    // A project of the same objects and another, as an editor makes after each edit: the same schema, not converted.
    assert.equal(nodeOf(new ProjectIndex([...definition, deployment!])), first);
    // The same text read again (new objects), or only its comments changed: found by content.
    assert.equal(nodeOf(new ProjectIndex(resourcesOf('conversions.yaml', `# read again\n${crd('apiextensions.k8s.io/v1', v1Schema)}`))), first);
    assert.equal(customSchemaConversions(), before + 1);
    // A field more is another schema.
    const changed = nodeOf(new ProjectIndex(resourcesOf('conversions.yaml', crd('apiextensions.k8s.io/v1', `${v1Schema}              colour: {type: string}\n`))));
    assert.notEqual(changed, first);
    assert.equal(customSchemaConversions(), before + 2);
    // A value JSON cannot tell from another (.nan is written as null) is not looked up by content.
    const withNaN = `${v1Schema}              ratio: {type: number, maximum: .nan}\n`;
    nodeOf(new ProjectIndex(resourcesOf('conversions.yaml', crd('apiextensions.k8s.io/v1', withNaN))));
    nodeOf(new ProjectIndex(resourcesOf('conversions.yaml', crd('apiextensions.k8s.io/v1', withNaN))));
    assert.equal(customSchemaConversions(), before + 4);
    // A CRD whose schema holds an alias inside its own anchor cannot be read (kubectl refuses it): no object, nothing to convert.
    const cyclic = `${v1Schema}              tree: &tree {type: object, properties: {child: *tree}}\n`;
    assert.deepEqual(resourcesOf('conversions.yaml', crd('apiextensions.k8s.io/v1', cyclic)), []);
    assert.equal(customSchemaConversions(), before + 4);
  });

  it('converts a schema that repeats a node through aliases, and one handed over as an object that contains itself', () => {
    // One anchor used for several fields, at several depths: a tree, not a loop.
    const repeated = `${v1Schema}              left: &side {type: object, properties: {name: {type: string}, weight: {type: integer}}}\n              right: *side\n              nested: {type: object, properties: {inner: *side, other: *side}}\n`;
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, left: {name: a}, right: {weight: heavy}, nested: {inner: {colour: red}, other: {name: b}}}\n';
    assert.deepEqual(summary(problemsOf(`${crd('apiextensions.k8s.io/v1', repeated)}---\n${widget}`)), ['type spec.right.weight', 'unknown-field spec.nested.inner.colour colour']);
    // A schema that contains itself (the API takes JSON, which cannot hold one): where it loops it takes anything,
    // rather than unrolling 64 levels (2^64 schemas, had it two such fields); the fields around it are still checked.
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    node.properties = { name: { type: 'string' }, left: node };
    const [schema] = crdKindSchemas({ apiVersion: 'apiextensions.k8s.io/v1', spec: { group: 'g.io', names: { kind: 'K' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: node } } } }] } }, 'test');
    assert.deepEqual(summary(validateValue(schema!.node, { spec: { name: 1, left: { anything: true }, colour: 'red' } }, 'K')), ['type spec.name', 'unknown-field spec.colour colour']);
  });

  it('reads a `schemas:` file once, and again after forgetSchemaFile, which knows the files it was asked for', () => {
    const directory = mkdtempSync(join(tmpdir(), 'podlint-schemas-'));
    const path = join(directory, 'crd.yaml');
    const fieldsOf = () => Object.keys((resolveReference(loadSchemaFile({ path })[0]!.node as string) as { o: Record<string, unknown> }).o);
    writeFileSync(path, crd('apiextensions.k8s.io/v1', '  versions:\n  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {size: {type: string}}}}}\n'));
    assert.deepEqual(fieldsOf(), ['size', 'apiVersion', 'kind', 'metadata']);
    writeFileSync(path, crd('apiextensions.k8s.io/v1', '  versions:\n  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {colour: {type: string}}}}}\n'));
    assert.deepEqual(fieldsOf(), ['size', 'apiVersion', 'kind', 'metadata'], 'read once');
    assert.equal(forgetSchemaFile(path), true);
    assert.deepEqual(fieldsOf(), ['colour', 'apiVersion', 'kind', 'metadata']);
    // A file that could not be used is one it was asked for too (a config naming it must be loaded again once fixed).
    const missing = join(directory, 'missing.yaml');
    assert.throws(() => loadSchemaFile({ path: missing }), /cannot read/);
    assert.equal(forgetSchemaFile(missing), true);
    assert.equal(forgetSchemaFile(join(directory, 'other.yaml')), false);
  });

  it('reads a `schemas:` file from the editor\'s text of it while readSchemaFilesFrom gives one, and from the disk again after', () => {
    const directory = mkdtempSync(join(tmpdir(), 'podlint-schemas-'));
    const path = join(directory, 'crd.yaml');
    const configPath = join(directory, '.podlint.yaml');
    const withField = (field: string) => crd('apiextensions.k8s.io/v1', `  versions:\n  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {${field}: {type: string}}}}}\n`);
    const fieldsOf = () => Object.keys((resolveReference(loadSchemaFile({ path })[0]!.node as string) as { o: Record<string, unknown> }).o)[0];
    writeFileSync(path, withField('size'));
    const buffers = new Map([[path, withField('colour')]]);
    const asked: string[] = [];
    readSchemaFilesFrom((file) => {
      asked.push(file);
      return buffers.get(file);
    });
    try {
      assert.equal(isSchemaFile(path), false);
      forgetSchemaFile(path);
      assert.equal(fieldsOf(), 'colour', 'the buffer, not the disk');
      assert.equal(isSchemaFile(path), true);
      buffers.set(path, withField('weight'));
      assert.equal(fieldsOf(), 'colour', 'read once, until forgotten');
      forgetSchemaFile(path);
      assert.equal(fieldsOf(), 'weight');
      // The config loader reports a buffer that cannot be used at its entry, as it would the file saved so.
      buffers.set(path, `${withField('weight')}  broken: [\n`);
      forgetSchemaFile(path);
      assert.throws(
        () => parseConfigText('schemas:\n  - crd.yaml\n', configPath, {}),
        (error: Error & { line?: number; column?: number }) => error.line === 2 && error.column === 5 && /^schemas: .*crd\.yaml does not parse: /.test(error.message),
      );
      // A file with no buffer is read from the disk: the buffer closed.
      buffers.delete(path);
      forgetSchemaFile(path);
      assert.equal(parseConfigText('schemas:\n  - crd.yaml\n', configPath, {}).schemas?.length, 1);
      assert.equal(fieldsOf(), 'size');
      assert.deepEqual([...new Set(asked)], [path]);
    } finally {
      readSchemaFilesFrom(undefined);
    }
    // Without a way to ask, only the disk counts (the command).
    buffers.set(path, withField('colour'));
    forgetSchemaFile(path);
    assert.equal(fieldsOf(), 'size');
  });

  it('describes the fields of a CRD among the linted files, from its descriptions', () => {
    const described = `${v1Schema}              colour: {type: string, description: The colour of the widget.}\n`;
    const project = new ProjectIndex(new SourceFile('described.yaml', crd('apiextensions.k8s.io/v1', described)).documents.flatMap((doc) => documentResources(doc)));
    const colour = describeField('example.com/v1', 'Widget', ['spec', 'colour'], { project });
    assert.deepEqual([colour?.type, colour?.description], ['string', 'The colour of the widget.']);
  });

  it('lets a converted schema go once nothing holds it, with what was derived from it', async () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'M', colour: 'red' } };
    // Earlier tests' schemas that nothing holds go first (`schemas:` files stay, held for good).
    for (let attempt = 0; attempt < 3; attempt += 1) await collectGarbage();
    const modulesBefore = customSchemaModuleCount();
    const convert = () => {
      const [schema] = crdKindSchemas(new SourceFile('crd.yaml', crd('apiextensions.k8s.io/v1', v1Schema)).documents[0]!.value as Record<string, unknown>, 'test');
      // Validating fills the caches of references and of values derived from the nodes.
      assert.deepEqual(summary(validateValue(schema!.node, widget, 'Widget')), ['type spec.size', 'unknown-field spec.colour colour']);
      return schema!.node as string;
    };
    const references = [convert(), convert(), convert()];
    assert.equal(customSchemaModuleCount(), modulesBefore + 3);
    assert.ok(resolveReference(references[0]!));
    for (let attempt = 0; attempt < 10 && customSchemaModuleCount() > modulesBefore; attempt += 1) await collectGarbage();
    assert.ok(customSchemaModuleCount() <= modulesBefore, `${customSchemaModuleCount()} modules, ${modulesBefore} before`);
    // A reference kept past its module finds nothing: no cache still holds the module's nodes.
    for (const reference of references) assert.equal(resolveReference(reference), undefined);
  });

  it('turns every version of a CRD into a schema', () => {
    const schemas = crdKindSchemas({ apiVersion: 'apiextensions.k8s.io/v1', spec: { group: 'g.io', names: { kind: 'K' }, versions: [{ name: 'v1' }, { name: 'v2', schema: { openAPIV3Schema: { type: 'object' } } }] } }, 'test');
    assert.deepEqual(schemas.map((schema) => schema.apiVersion), ['g.io/v1', 'g.io/v2']);
    assert.equal(schemas[0]!.node, 'a');
  });
});

describe('API lifecycle', () => {
  it('knows every removal from 1.16 to 1.36 with its state at a target version', () => {
    const removedBy = (version: string) => API_LIFECYCLE.filter((entry) => entry.removed === version).map((entry) => `${entry.apiVersion} ${entry.kind}`);
    assert.equal(removedBy('1.16').length, 14);
    assert.ok(removedBy('1.22').includes('networking.k8s.io/v1beta1 Ingress'));
    assert.ok(removedBy('1.25').includes('batch/v1beta1 CronJob'));
    assert.ok(removedBy('1.36').includes('storagemigration.k8s.io/v1alpha1 StorageVersionMigration'));
    assert.equal(apiStatus('batch/v1beta1', 'CronJob', '1.36').state, 'removed');
    assert.equal(apiStatus('batch/v1beta1', 'CronJob', '1.22').state, 'deprecated');
    assert.equal(apiStatus('batch/v1beta1', 'CronJob', '1.20').state, 'served');
    assert.equal(apiStatus('batch/v1', 'CronJob', '1.36').state, 'served');
  });

  it('names replacements that exist: built in, or themselves in the table', () => {
    const known = new Set(API_LIFECYCLE.map((entry) => `${entry.apiVersion} ${entry.kind}`));
    for (const entry of API_LIFECYCLE) {
      if (!entry.replacement) continue;
      const { apiVersion, kind } = entry.replacement!;
      assert.ok(builtinKindReference(apiVersion, kind) || known.has(`${apiVersion} ${kind}`), `${entry.apiVersion} ${entry.kind} -> ${apiVersion} ${kind}`);
      assert.notEqual(apiStatus(apiVersion, kind, entry.removed).state, 'removed', `${apiVersion} ${kind} is served when ${entry.apiVersion} goes`);
    }
  });
});
