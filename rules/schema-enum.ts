import { describeValue } from '@podlint/core';
import { createRule } from './rule-utils.js';
import { fieldLabel, replaceKeepingQuotes, scalarAt, schemaProblems } from './schema-utils.js';

export default createRule({
  name: 'schema-enum',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A value outside the set the API allows (imagePullPolicy: always); the case-corrected value is suggested.', recommended: true },
    messages: {
      wrongCase: '{{value}} is not a valid value of {{field}}: values are case-sensitive, use "{{suggestion}}".',
      didYouMean: '{{value}} is not a valid value of {{field}}; did you mean "{{suggestion}}"? Allowed: {{allowed}}.',
      notAllowed: '{{value}} is not a valid value of {{field}}; use one of {{allowed}}.',
      replace: 'Replace with "{{suggestion}}".',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        for (const problem of schemaProblems(resource, context).problems) {
          if (problem.kind !== 'enum') continue;
          const path = resource.at(...problem.path);
          const data = {
            value: enumValue(problem.value),
            field: fieldLabel(problem.path),
            allowed: allowedText(problem.allowed),
          };
          const suggestion = problem.suggestion;
          const scalar = scalarAt(resource, problem.path);
          if (suggestion === undefined || !scalar) {
            context.report({ path, messageId: 'notAllowed', data });
            continue;
          }
          const sameLetters = typeof problem.value === 'string' && problem.value.toLowerCase() === suggestion.toLowerCase();
          context.report({
            path,
            messageId: sameLetters ? 'wrongCase' : 'didYouMean',
            data: { ...data, suggestion },
            suggest: [{ messageId: 'replace', data: { suggestion }, fix: (fixer) => fixer.replaceRange(scalar.offsets, replaceKeepingQuotes(scalar.text, suggestion)) }],
          });
        }
      },
    };
  },
});

/**
 * A value as an enum's message names it: a string quoted, a number or boolean as written, and null (which a
 * custom schema's enum may allow) or anything else in words. JSON.stringify would print NaN as null.
 */
function enumValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describeValue(value);
}

const allowedTexts = new WeakMap<readonly unknown[], string>();

/**
 * The allowed values as the messages list them, written once per enum: a CRD's enum may have thousands of values,
 * and as many objects may be reported (4,000 of each took 2.4 s to write out again for each message).
 */
function allowedText(allowed: readonly unknown[]): string {
  let text = allowedTexts.get(allowed);
  if (text === undefined) {
    text = allowed.map(enumValue).join(', ');
    allowedTexts.set(allowed, text);
  }
  return text;
}
