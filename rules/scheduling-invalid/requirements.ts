// scheduling-invalid's shared checks: the message ids of the rule, weights, and matchLabelKeys; label keys,
// values and selectors are label-selector-utils', which label-invalid shares.
import { isPlainObject, type Path, type RuleContext } from '@podlint/core';
import { isCheckable } from '../api-validation-utils.js';
import { labelKeyProblems } from '../label-selector-utils.js';

export type SchedulingMessageId =
  | 'tolerationKeyInvalid'
  | 'tolerationKeyEmpty'
  | 'tolerationValueWithExists'
  | 'tolerationValueInvalid'
  | 'tolerationComparisonUnsupported'
  | 'tolerationValueNotInteger'
  | 'tolerationSecondsEffect'
  | 'nodeSelectorTermsEmpty'
  | 'valuesRequired'
  | 'valuesForbidden'
  | 'singleValueRequired'
  | 'operatorInvalid'
  | 'labelKeyInvalid'
  | 'labelValueInvalid'
  | 'fieldKeyInvalid'
  | 'fieldOperatorInvalid'
  | 'fieldSingleValue'
  | 'fieldValueInvalid'
  | 'weightOutOfRange'
  | 'topologyKeyEmpty'
  | 'topologyKeyInvalid'
  | 'namespaceInvalid'
  | 'labelKeysWithoutSelector'
  | 'labelKeyInSelector'
  | 'labelKeyInBoth'
  | 'maxSkewNotPositive'
  | 'minDomainsNotPositive'
  | 'minDomainsScheduleAnyway'
  | 'constraintDuplicate'
  | 'schedulingGateInvalid'
  | 'schedulingGateDuplicate';

export type SchedulingContext = RuleContext<SchedulingMessageId>;

/** `1..100` for preferred terms; a weight that is not a whole number is schema-type's. */
export function checkWeight(context: SchedulingContext, item: Record<string, unknown>, path: Path): void {
  const weight = item.weight;
  if (typeof weight === 'number' && Number.isInteger(weight) && (weight < 1 || weight > 100)) {
    context.report({ path: [...path, 'weight'], messageId: 'weightOutOfRange', data: { weight } });
  }
}

/** The keys a selector names in matchLabels (what matchLabelKeys may not repeat). */
export function matchLabelsKeys(selector: unknown): Set<string> {
  return new Set(isPlainObject(selector) && isPlainObject(selector.matchLabels) ? Object.keys(selector.matchLabels) : []);
}

/**
 * matchLabelKeys (and mismatchLabelKeys) of an affinity term or spread constraint: they refine labelSelector,
 * so they need one, may not repeat a key its matchLabels already fixes, and may not name a key both ways.
 */
export function checkLabelKeys(context: SchedulingContext, owner: Record<string, unknown>, path: Path, fields: readonly ('matchLabelKeys' | 'mismatchLabelKeys')[]): void {
  const hasSelector = owner.labelSelector !== undefined && owner.labelSelector !== null;
  const selectorKeys = matchLabelsKeys(owner.labelSelector);
  const matchKeys = new Set(Array.isArray(owner.matchLabelKeys) ? owner.matchLabelKeys : []);
  for (const field of fields) {
    const keys = owner[field];
    if (!Array.isArray(keys) || keys.length === 0) continue;
    if (!hasSelector) {
      context.report({ path: [...path, field], at: 'key', messageId: 'labelKeysWithoutSelector', data: { field } });
      continue;
    }
    keys.forEach((key: unknown, index) => {
      if (!isCheckable(key)) return;
      const at = [...path, field, index];
      const problems = labelKeyProblems(key);
      if (problems) context.report({ path: at, messageId: 'labelKeyInvalid', data: { key, problems } });
      else if (field === 'matchLabelKeys' && selectorKeys.has(key)) context.report({ path: at, messageId: 'labelKeyInSelector', data: { key } });
      else if (field === 'mismatchLabelKeys' && matchKeys.has(key)) context.report({ path: at, messageId: 'labelKeyInBoth', data: { key } });
    });
  }
}
