// scheduling-invalid's checks of tolerations (core's ValidateTolerations): a key that is a label name, operator
// Exists for an empty key and with no value, a value that is a label value, effect NoExecute with
// tolerationSeconds, and the numeric value of Lt and Gt.
import { isAtLeast, type Path } from '@podlint/core';
import { isCheckable, itemAnchor, listItems } from '../api-validation-utils.js';
import { labelKeyProblems, labelValueProblems } from '../label-selector-utils.js';
import type { SchedulingContext } from './requirements.js';

/** AllowTaintTolerationComparisonOperators came with 1.35; before it the server knew Equal and Exists only. */
const COMPARISON_OPERATORS_SINCE = '1.35';
/** What the schema's enum allows ("" is Equal); others are schema-enum's. */
const OPERATORS: ReadonlySet<string> = new Set(['', 'Equal', 'Exists', 'Lt', 'Gt']);
const INT64_MAX = 2n ** 63n - 1n;

export function checkTolerations(context: SchedulingContext, spec: Record<string, unknown>, specPath: Path): void {
  const version = context.settings.kubernetesVersion;
  for (const { item, path } of listItems(spec, 'tolerations', specPath)) {
    const key = typeof item.key === 'string' ? item.key : '';
    // An absent or empty operator is Equal.
    const operator = typeof item.operator === 'string' && item.operator !== '' ? item.operator : 'Equal';
    const value = typeof item.value === 'string' ? item.value : '';
    if (isCheckable(item.key) && key !== '') {
      const problems = labelKeyProblems(key);
      if (problems) context.report({ path: [...path, 'key'], messageId: 'tolerationKeyInvalid', data: { key, problems } });
    }
    const knownOperator = item.operator === undefined || (typeof item.operator === 'string' && OPERATORS.has(item.operator));
    if (key === '' && operator !== 'Exists' && knownOperator) {
      const at = item.operator !== undefined ? { path: [...path, 'operator'], at: 'value' as const } : item.key !== undefined ? { path: [...path, 'key'], at: 'value' as const } : itemAnchor(item, path);
      context.report({ ...at, messageId: 'tolerationKeyEmpty', data: { operator: item.operator === undefined || item.operator === '' ? 'the default operator Equal' : `operator ${operator}` } });
    }
    if (operator === 'Exists' && value !== '') context.report({ path: [...path, 'value'], messageId: 'tolerationValueWithExists', data: { value } });
    if (operator === 'Equal' && isCheckable(item.value)) {
      const problems = labelValueProblems(value);
      if (problems) context.report({ path: [...path, 'value'], messageId: 'tolerationValueInvalid', data: { value, problems } });
    }
    if (operator === 'Lt' || operator === 'Gt') {
      if (!isAtLeast(version, COMPARISON_OPERATORS_SINCE)) context.report({ path: [...path, 'operator'], messageId: 'tolerationComparisonUnsupported', data: { operator, version } });
      else if (!isInt64(value) && (item.value === undefined || isCheckable(item.value))) {
        const at = item.value === undefined ? itemAnchor(item, path) : { path: [...path, 'value'] };
        context.report({ ...at, messageId: 'tolerationValueNotInteger', data: { operator, value: item.value === undefined ? 'a toleration without a value' : JSON.stringify(value) } });
      }
    }
    if (typeof item.tolerationSeconds === 'number' && item.effect !== 'NoExecute' && (item.effect === undefined || typeof item.effect === 'string')) {
      const at = typeof item.effect === 'string' ? { path: [...path, 'effect'] } : itemAnchor(item, path);
      context.report({ ...at, messageId: 'tolerationSecondsEffect', data: { effect: typeof item.effect === 'string' && item.effect !== '' ? `this one says ${item.effect}` : 'this one matches every effect' } });
    }
  }
}

/** Go's strconv.ParseInt(value, 10, 64). */
function isInt64(value: string): boolean {
  if (!/^[+-]?\d+$/.test(value)) return false;
  const number = BigInt(value);
  return number <= INT64_MAX && number >= -INT64_MAX - 1n;
}
