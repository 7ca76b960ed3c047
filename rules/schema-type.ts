import { describeValue, type SchemaProblem } from '@podlint/core';
import { createRule, capitalize } from './rule-utils.js';
import { fieldLabel, scalarAt, schemaProblems } from './schema-utils.js';

type TypeProblem = Extract<SchemaProblem, { kind: 'type' }>;

export default createRule({
  name: 'schema-type',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A value of the wrong type: a string where the API wants a number, a mapping where it wants a list, and so on.', recommended: true },
    messages: {
      quote: '{{field}} must be a string, not {{actual}}; quote it: {{quoted}}.',
      unquote: '{{field}} must be {{expected}}, not {{actual}}; remove the quotes: {{unquoted}}.',
      listNotMapping: '{{field}} must be a list, not a mapping; start each entry on its own line with "- ".',
      wrongType: '{{field}} must be {{expected}}, not {{actual}}.',
      quoteIt: 'Quote it: {{quoted}}.',
      unquoteIt: 'Write {{unquoted}} without quotes.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        for (const problem of schemaProblems(resource, context).problems) {
          if (problem.kind !== 'type') continue;
          const path = resource.at(...problem.path);
          const field = capitalize(fieldLabel(problem.path));
          const actual = describeValue(problem.actual);
          const scalar = scalarAt(resource, problem.path);
          if (problem.expectedType === 'string' && scalar && (typeof problem.actual === 'number' || typeof problem.actual === 'boolean')) {
            const quoted = JSON.stringify(scalar.text);
            context.report({
              path,
              messageId: 'quote',
              data: { field, actual, quoted },
              suggest: [{ messageId: 'quoteIt', data: { quoted }, fix: (fixer) => fixer.replaceRange(scalar.offsets, quoted) }],
            });
            continue;
          }
          const unquoted = scalar && typeof problem.actual === 'string' ? unquotedValue(problem, problem.actual) : undefined;
          if (scalar && unquoted !== undefined) {
            context.report({
              path,
              messageId: 'unquote',
              data: { field, expected: problem.expected, actual, unquoted },
              suggest: [{ messageId: 'unquoteIt', data: { unquoted }, fix: (fixer) => fixer.replaceRange(scalar.offsets, unquoted) }],
            });
            continue;
          }
          if (problem.expectedType === 'list' && problem.actual !== null && typeof problem.actual === 'object') {
            context.report({ path, messageId: 'listNotMapping', data: { field } });
            continue;
          }
          context.report({ path, messageId: 'wrongType', data: { field, expected: problem.expected, actual } });
        }
      },
    };
  },
});

/** The value without quotes, when the quoted string is exactly a value of the expected type (`"3"` for an integer). */
function unquotedValue(problem: TypeProblem, text: string): string | undefined {
  const trimmed = text.trim();
  switch (problem.expectedType) {
    case 'integer':
      return /^-?\d+$/.test(trimmed) ? trimmed : undefined;
    case 'number':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? trimmed : undefined;
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? trimmed : undefined;
    default:
      return undefined;
  }
}
