// The real server with podlint's rules plus three test rules, for protocol tests of what no built-in rule does
// yet (a fix and a suggestion, a rule across resources, a rule that throws), and a tiny field-docs provider.
import { RuleCreator, rangeOfPath, type AnyRuleModule } from '@podlint/core';
import { rules } from '@podlint/rules';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { FieldDocsProvider } from '../field-docs.js';
import { startServer } from '../server.js';

const createRule = RuleCreator((name) => `https://example.test/rules/${name}`);

const testFixable = createRule({
  name: 'test-fixable',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'Test rule: imagePullPolicy "always" is spelled "Always".', recommended: true },
    messages: { wrongCase: 'imagePullPolicy "always" must be "Always".', useNever: 'Use "Never" instead.' },
    schema: [],
    fixable: 'code',
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (container.container.imagePullPolicy !== 'always') return;
        const path = [...container.path, 'imagePullPolicy'];
        const { offsets } = rangeOfPath(resource.document, path);
        context.report({
          path,
          messageId: 'wrongCase',
          fix: (fixer) => fixer.replaceRange(offsets, 'Always'),
          suggest: [{ messageId: 'useNever', fix: (fixer) => fixer.replaceRange(offsets, 'Never') }],
        });
      },
    };
  },
});

const testDuplicateName = createRule({
  name: 'test-duplicate-name',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'Test rule: two objects of one kind with one name.', recommended: true },
    messages: { duplicate: '{{kind}} "{{name}}" is defined before this one.' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        if (!resource.name) return;
        const first = context.project.ofKind(resource.kind).find((other) => other.name === resource.name);
        if (first && first !== resource) context.report({ path: resource.at('metadata', 'name'), messageId: 'duplicate', data: { kind: resource.kind, name: resource.name } });
      },
    };
  },
});

const testThrows = createRule({
  name: 'test-throws',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'Test rule: throws on an image called "boom".', recommended: true },
    messages: { never: 'never reported' },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {
      Container(container) {
        if (container.container.image === 'boom') throw new Error('the test rule exploded');
      },
    };
  },
});

/** Two fields of a Pod, standing in for the schema-backed provider. */
const fieldDocs: FieldDocsProvider = {
  describe(apiVersion, kind, path) {
    if (apiVersion !== 'v1' || kind !== 'Pod') return undefined;
    const name = path.filter((segment) => typeof segment === 'string').join('.');
    if (name === 'spec.containers.imagePullPolicy') return { name: 'imagePullPolicy', type: 'string', description: 'Image pull policy.', enum: ['Always', 'IfNotPresent', 'Never'] };
    if (name === 'spec.containers.image') return { name: 'image', type: 'string', description: 'Container image name.' };
    return undefined;
  },
  complete(apiVersion, kind, path) {
    if (apiVersion !== 'v1' || kind !== 'Pod' || path.filter((segment) => typeof segment === 'string').join('.') !== 'spec.containers') return [];
    return [{ name: 'image', type: 'string' }, { name: 'imagePullPolicy', type: 'string' }, { name: 'name', type: 'string', required: true }];
  },
};

const registry: Record<string, AnyRuleModule> = { ...rules, 'test-fixable': testFixable, 'test-duplicate-name': testDuplicateName, 'test-throws': testThrows };
startServer(createConnection(ProposedFeatures.all), { registry, fieldDocs, version: 'test' });
