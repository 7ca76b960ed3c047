// Label keys, label values and label selectors as apimachinery's ValidateLabelSelector and core's
// ValidateNodeSelectorRequirement check them (reference A5, M0, L10): shared by label-invalid (object labels and
// workload selectors), scheduling-invalid (node selectors, affinity and topology spread selectors), and the
// reasons of other name checks (dns-config-invalid's host aliases).
import { isDNS1123Label, isDNS1123Subdomain, isPlainObject, isQualifiedName, isValidLabelValue, withoutRegexHint, type Path, type RuleContext } from '@podlint/core';
import { isCheckable, isTemplated, itemAnchor, listItems } from './api-validation-utils.js';

/** The messages a rule that checks selectors defines. */
export type SelectorMessageId = 'labelKeyInvalid' | 'labelValueInvalid' | 'valuesRequired' | 'valuesForbidden' | 'singleValueRequired' | 'operatorInvalid';

export type SelectorContext = RuleContext<SelectorMessageId>;

/** The server's reasons joined for a message, without the regex hint; empty when the text passes. */
export function problemsOf(check: (value: string) => string[], value: string): string {
  return check(value).map(withoutRegexHint).join('; ');
}

export const labelKeyProblems = (key: string): string => problemsOf(isQualifiedName, key);
export const labelValueProblems = (value: string): string => problemsOf(isValidLabelValue, value);
export const subdomainProblems = (value: string): string => problemsOf(isDNS1123Subdomain, value);
export const labelProblems = (value: string): string => problemsOf(isDNS1123Label, value);


export interface RequirementOptions {
  /** Gt and Lt (node selectors only). */
  comparisons: boolean;
  /** Whether each value must be a label value (label selectors, and required node affinity terms). */
  labelValues: boolean;
}

const SET_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Each item of a matchExpressions list: the operator's values, the key, and (when asked) the values themselves. */
export function checkRequirements(context: SelectorContext, owner: Record<string, unknown>, ownerPath: Path, options: RequirementOptions): void {
  const operators = options.comparisons ? [...SET_OPERATORS, 'Gt', 'Lt'] : SET_OPERATORS;
  for (const { item, path } of listItems(owner, 'matchExpressions', ownerPath)) {
    if (isCheckable(item.key)) {
      const problems = labelKeyProblems(item.key);
      if (problems) context.report({ path: [...path, 'key'], messageId: 'labelKeyInvalid', data: { key: item.key, problems } });
    }
    const operator = item.operator;
    // A missing operator is schema-required's; one outside the schema's enum is schema-enum's (node selectors).
    if (typeof operator !== 'string') continue;
    const values = Array.isArray(item.values) ? item.values : [];
    const valuesAt = Array.isArray(item.values) ? { path: [...path, 'values'], at: 'value' as const } : itemAnchor(item, path);
    if (!operators.includes(operator)) {
      if (operator === '' || !options.comparisons) {
        context.report({ path: [...path, 'operator'], messageId: 'operatorInvalid', data: { operator: JSON.stringify(operator), operators: `${operators.slice(0, -1).join(', ')} or ${operators[operators.length - 1]}` } });
      }
      continue;
    }
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) context.report({ ...valuesAt, messageId: 'valuesRequired', data: { operator } });
    else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) context.report({ ...valuesAt, messageId: 'valuesForbidden', data: { operator } });
    else if ((operator === 'Gt' || operator === 'Lt') && values.length !== 1) context.report({ ...valuesAt, messageId: 'singleValueRequired', data: { operator, count: values.length === 0 ? 'none' : values.length } });
    else if (options.labelValues) {
      values.forEach((value: unknown, index) => {
        if (!isCheckable(value)) return;
        const problems = labelValueProblems(value);
        if (problems) context.report({ path: [...path, 'values', index], messageId: 'labelValueInvalid', data: { value, problems } });
      });
    }
  }
}

/** A LabelSelector of pod affinity or topology spread: matchLabels keys and values, and matchExpressions. */
export function checkLabelSelector(context: SelectorContext, selector: unknown, path: Path): void {
  if (!isPlainObject(selector)) return;
  if (isPlainObject(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const keyProblems = isTemplated(key) ? '' : labelKeyProblems(key);
      if (keyProblems) context.report({ path: [...path, 'matchLabels', key], at: 'key', messageId: 'labelKeyInvalid', data: { key, problems: keyProblems } });
      const valueProblems = isCheckable(value) ? labelValueProblems(value) : '';
      if (valueProblems) context.report({ path: [...path, 'matchLabels', key], messageId: 'labelValueInvalid', data: { value: value as string, problems: valueProblems } });
    }
  }
  checkRequirements(context, selector, path, { comparisons: false, labelValues: true });
}
