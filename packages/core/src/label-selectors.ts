// Label selectors as the API server evaluates them (apimachinery's LabelSelectorAsSelector): every matchLabels
// entry is an equality requirement, matchExpressions are In/NotIn/Exists/DoesNotExist, and all must hold.
// A nil selector selects nothing; a selector without requirements ({}) selects everything.
import { isPlainObject } from './kubernetes.js';
import type { Path } from './types.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelRequirement {
  key: string;
  /** `Equals` for a matchLabels entry. */
  operator: 'Equals' | SelectorOperator;
  values: string[];
  /** Path of the matchLabels entry or of the matchExpressions item. */
  path: Path;
}

/** A matchExpressions item the server rejects (ValidateLabelSelector); such a selector is never evaluated. */
export interface SelectorExpressionProblem {
  /** valuesRequired: In/NotIn without values; valuesForbidden: Exists/DoesNotExist with values. */
  problem: 'valuesRequired' | 'valuesForbidden' | 'unknownOperator';
  operator: string;
  key: string;
  /** Path of the expression item. */
  path: Path;
}

export interface ParsedLabelSelector {
  requirements: LabelRequirement[];
  problems: SelectorExpressionProblem[];
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A label value as the server would hold it: scalars as text (a number label fails decoding anyway). */
export function labelText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return undefined;
}

/** A label map (metadata.labels, a ReplicationController selector) with its values as text. */
export function labelMap(value: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  if (!isPlainObject(value)) return labels;
  for (const [key, raw] of Object.entries(value)) {
    const text = labelText(raw);
    if (text !== undefined) labels.set(key, text);
  }
  return labels;
}

/** The requirements of a LabelSelector object (`{matchLabels, matchExpressions}`) at `path`. */
export function parseLabelSelector(selector: Record<string, unknown>, path: Path): ParsedLabelSelector {
  const requirements: LabelRequirement[] = [];
  const problems: SelectorExpressionProblem[] = [];
  for (const [key, value] of labelMap(selector.matchLabels)) {
    requirements.push({ key, operator: 'Equals', values: [value], path: [...path, 'matchLabels', key] });
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  expressions.forEach((expression: unknown, index) => {
    if (!isPlainObject(expression)) return;
    const itemPath = [...path, 'matchExpressions', index];
    const key = typeof expression.key === 'string' ? expression.key : '';
    const operator = typeof expression.operator === 'string' ? expression.operator : '';
    const values = Array.isArray(expression.values) ? expression.values.map(labelText).filter((value): value is string => value !== undefined) : [];
    if (!OPERATORS.has(operator)) {
      problems.push({ problem: 'unknownOperator', operator, key, path: itemPath });
    } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      problems.push({ problem: 'valuesRequired', operator, key, path: itemPath });
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      problems.push({ problem: 'valuesForbidden', operator, key, path: itemPath });
    } else {
      requirements.push({ key, operator: operator as SelectorOperator, values, path: itemPath });
    }
  });
  return { requirements, problems };
}

/** True when the labels satisfy the requirement (labels.Requirement.Matches). */
export function requirementMatches(requirement: LabelRequirement, labels: ReadonlyMap<string, string>): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'Equals':
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}
