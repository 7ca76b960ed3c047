import { apiStatus, builtinApiVersionsOf, describeField, rangeOfPath, type Path, type Resource } from '@podlint/core';
import { createRule } from './rule-utils.js';
import { replaceKeepingQuotes, schemaProblems } from './schema-utils.js';

export default createRule({
  name: 'schema-unknown-field',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A field that the object\'s API type does not have (a typo or a field at the wrong level).', recommended: true },
    messages: {
      didYouMean: '{{type}} has no field "{{field}}"; did you mean "{{suggestion}}"? kubectl rejects unknown fields, and tools that ignore them drop the setting silently.',
      typoOfRequired: '{{type}} has no field "{{field}}"; did you mean "{{suggestion}}"? That field is required and missing, so this is probably it misspelt.',
      belongsUnder: '{{type}} has no field "{{field}}"; a field of that name belongs under "{{under}}". Move it there.',
      belongsInMap: '{{type}} has no field "{{field}}"; a key like that belongs in the map "{{under}}". Move it there.',
      elsewhere: '{{type}} has no field "{{field}}"; it is a field of {{owner}}, at "{{where}}". Move it there.',
      inOtherVersion: '{{type}} has no field "{{field}}" in {{apiVersion}}, but {{other}} has it. Change the apiVersion, or remove the field.',
      knownFields: '{{type}} has no field "{{field}}"; its fields are {{fields}}. Remove it or correct its name.',
      unknown: '{{type}} has no field "{{field}}". Remove it or correct its name: kubectl rejects unknown fields.',
      rename: 'Rename "{{field}}" to "{{suggestion}}".',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        for (const problem of schemaProblems(resource, context).problems) {
          if (problem.kind !== 'unknown-field') continue;
          const path = resource.at(...problem.path);
          const data = { type: problem.typeName, field: problem.field };
          if (problem.suggestion) {
            const suggestion = problem.suggestion;
            const keyOffsets = rangeOfPath(resource.document, path, 'key').offsets;
            const keySource = context.file.text.slice(keyOffsets[0], keyOffsets[1]);
            context.report({
              path,
              at: 'key',
              messageId: problem.suggestionIsMissing ? 'typoOfRequired' : 'didYouMean',
              data: { ...data, suggestion },
              suggest: [{ messageId: 'rename', data: { ...data, suggestion }, fix: (fixer) => fixer.replaceRange(keyOffsets, replaceKeepingQuotes(keySource, suggestion)) }],
            });
          } else if (otherVersionWithField(resource, problem.path, context.settings.kubernetesVersion)) {
            const other = otherVersionWithField(resource, problem.path, context.settings.kubernetesVersion)!;
            context.report({ path, at: 'key', messageId: 'inOtherVersion', data: { ...data, apiVersion: resource.apiVersion, other } });
          } else if (problem.belongsUnder) {
            context.report({ path, at: 'key', messageId: problem.belongsUnderIsMap ? 'belongsInMap' : 'belongsUnder', data: { ...data, under: problem.belongsUnder } });
          } else if (problem.elsewhere) {
            const where = problem.elsewhere.path || '(the top level)';
            context.report({ path, at: 'key', messageId: 'elsewhere', data: { ...data, owner: problem.elsewhere.typeName, where } });
          } else if (problem.knownFields) {
            context.report({ path, at: 'key', messageId: 'knownFields', data: { ...data, fields: problem.knownFields.map((field) => `"${field}"`).join(', ') } });
          } else {
            context.report({ path, at: 'key', messageId: 'unknown', data });
          }
        }
      },
    };
  },
});

/** Another served apiVersion of the same kind whose schema has the field (autoscaling/v2 for an HPA's metrics). */
function otherVersionWithField(resource: Resource, path: Path, kubernetesVersion: string): string | undefined {
  return builtinApiVersionsOf(resource.kind).find(
    (apiVersion) =>
      apiVersion !== resource.apiVersion &&
      apiStatus(apiVersion, resource.kind, kubernetesVersion).state !== 'removed' &&
      describeField(apiVersion, resource.kind, path) !== undefined,
  );
}
