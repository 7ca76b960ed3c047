// A test rule across resources, as the real ones are, that is not of scope 'project' (so the editor caches its
// results per document): an object whose kind and name came earlier in the project.
import { RuleCreator } from '@podlint/core';

const createRule = RuleCreator((name) => `test://${name}`);

export const duplicateName = createRule({
  name: 'test-duplicate-name',
  meta: { type: 'problem', severity: 'error', docs: { description: 'Test rule.', recommended: true }, messages: { duplicate: 'duplicate {{name}}' }, schema: [] },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        const first = context.project.ofKind(resource.kind).find((other) => other.name === resource.name);
        if (resource.name && first && first !== resource) context.report({ path: resource.at('metadata', 'name'), messageId: 'duplicate', data: { name: resource.name } });
      },
    };
  },
});
