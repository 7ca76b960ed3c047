import { quantityOfValue, type QuantityError, type Resource, type RuleContext, type RuleVisitors } from '@podlint/core';
import { replaceScalar } from './api-validation-utils.js';
import { diagnose } from './quantity-format/corrections.js';
import { KIND_QUANTITIES, podSpecQuantities, type QuantityValue } from './quantity-format/locations.js';
import { createRule } from './rule-utils.js';

const QUANTITY_KINDS = Object.keys(KIND_QUANTITIES);

type MessageId = 'byteUnit' | 'binaryUnit' | 'didYouMean' | 'invalid' | 'replace';

const REASONS: Readonly<Record<QuantityError, string>> = {
  format: 'a quantity is a number with an optional suffix and nothing else',
  suffix: 'its suffix is not one Kubernetes knows',
  numeric: 'it has a suffix but no number',
};

export default createRule({
  name: 'quantity-format',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A resource quantity the API cannot parse (512MB, 1.5.0, 100 Mi): kubectl rejects the whole object.', recommended: true },
    messages: {
      byteUnit:
        '"{{value}}" is not a Kubernetes quantity: byte sizes take no "B" and their suffixes are case-sensitive, so the object cannot even be decoded. Write {{decimal}} (powers of 1000) or {{binary}} (powers of 1024, what memory sizes usually mean).',
      binaryUnit: '"{{value}}" is not a Kubernetes quantity: the binary suffixes are exactly Ki, Mi, Gi, Ti, Pi and Ei, with no "B", so the object cannot even be decoded. Write {{binary}}.',
      didYouMean: '"{{value}}" is not a Kubernetes quantity ({{reason}}), so the object cannot even be decoded. Did you mean {{correction}}?',
      invalid:
        '"{{value}}" is not a Kubernetes quantity ({{reason}}), so the object cannot even be decoded. Write a number with an optional suffix: 250m or 2 for CPU; 128Mi, 1Gi or 500M for bytes.',
      replace: 'Replace with {{text}} ({{meaning}}).',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    const check = (resource: Resource, values: readonly QuantityValue[]) => {
      for (const quantity of values) checkQuantity(context, resource, quantity);
    };
    const visitors: RuleVisitors = {
      PodSpec(podSpec, resource) {
        check(resource, podSpecQuantities(podSpec));
      },
    };
    for (const kind of QUANTITY_KINDS) visitors[kind] = (resource: Resource) => check(resource, KIND_QUANTITIES[kind]!(resource));
    return visitors;
  },
});

function checkQuantity(context: RuleContext<MessageId>, resource: Resource, { path, value }: QuantityValue): void {
  const parsed = quantityOfValue(value);
  if (!parsed || parsed.ok) return;
  const text = typeof value === 'string' ? value : String(value);
  const diagnosis = typeof value === 'string' ? diagnose(value) : ({ kind: 'unknown' } as const);
  const replace = (correction: { text: string; meaning: string }) => ({
    messageId: 'replace' as const,
    data: { text: correction.text, meaning: correction.meaning },
    fix: replaceScalar(resource, path, correction.text),
  });
  if (diagnosis.kind === 'byteUnit' && diagnosis.decimal) {
    context.report({
      path,
      messageId: 'byteUnit',
      data: { value: text, decimal: diagnosis.decimal.text, binary: diagnosis.binary.text },
      suggest: [replace(diagnosis.binary), replace(diagnosis.decimal)],
    });
  } else if (diagnosis.kind === 'byteUnit') {
    context.report({ path, messageId: 'binaryUnit', data: { value: text, binary: diagnosis.binary.text }, suggest: [replace(diagnosis.binary)] });
  } else if (diagnosis.kind === 'other') {
    const reason = REASONS[parsed.error];
    context.report({ path, messageId: 'didYouMean', data: { value: text, reason, correction: diagnosis.correction.text }, suggest: [replace(diagnosis.correction)] });
  } else {
    context.report({ path, messageId: 'invalid', data: { value: text, reason: REASONS[parsed.error] } });
  }
}
