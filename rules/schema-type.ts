import { describeValue, isKubeObject, isListKind, isPlainObject, type RuleContext, type SchemaProblem, type SourceDocument } from '@podlint/core';
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
      Document(doc) {
        if (!doc.hasSyntaxErrors && !doc.conversionError) checkListItems(context, doc);
      },
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

/**
 * The items of a List, which no schema describes: kubectl refuses a `kind: List` whose items are not a list, and a
 * list whose entries are not objects (a mapping where a list belongs, a number where an object belongs).
 */
function checkListItems(context: RuleContext<'listNotMapping' | 'wrongType'>, doc: SourceDocument): void {
  const value = doc.value;
  if (!isKubeObject(value) || !isListKind(value)) return;
  const { items } = value;
  if (!Array.isArray(items)) {
    // `items:` with nothing after it is an empty List.
    if (items === null) return;
    if (isPlainObject(items)) context.report({ path: ['items'], messageId: 'listNotMapping', data: { field: '"items"' } });
    else context.report({ path: ['items'], messageId: 'wrongType', data: { field: '"items"', expected: 'a list of Kubernetes objects', actual: describeValue(items) } });
    return;
  }
  items.forEach((item, index) => {
    if (isPlainObject(item)) return;
    const field = capitalize(fieldLabel(['items', index]));
    context.report({ path: ['items', index], messageId: 'wrongType', data: { field, expected: 'a Kubernetes object (a mapping with apiVersion and kind)', actual: describeValue(item) } });
  });
}

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
