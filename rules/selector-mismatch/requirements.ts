// Says which selector requirement a set of labels fails, in words a person can act on: which label is
// missing, which has another value, which the selector excludes.
import { requirementMatches, type LabelRequirement } from '@podlint/core';

/** One phrase per requirement the labels do not meet. */
export function describeUnmet(requirements: readonly LabelRequirement[], labels: ReadonlyMap<string, string>): string[] {
  return requirements.filter((requirement) => !requirementMatches(requirement, labels)).map((requirement) => describe(requirement, labels.get(requirement.key)));
}

/**
 * The requirements a Job's generated labels do not meet. The uid is unknown before the Job exists (and the
 * name too, with generateName), so a requirement on an unknown value is given the benefit of the doubt.
 */
export function unmetByGeneratedLabels(requirements: readonly LabelRequirement[], generated: ReadonlyMap<string, string | undefined>): string[] {
  const unmet: string[] = [];
  for (const requirement of requirements) {
    const known = generated.has(requirement.key);
    const value = generated.get(requirement.key);
    if (known && value === undefined) {
      if (requirement.operator === 'DoesNotExist') unmet.push(describe(requirement, '(generated)'));
      continue;
    }
    const labels = new Map<string, string>(known && value !== undefined ? [[requirement.key, value]] : []);
    if (!requirementMatches(requirement, labels)) unmet.push(describe(requirement, labels.get(requirement.key)));
  }
  return unmet;
}

function describe(requirement: LabelRequirement, actual: string | undefined): string {
  const key = requirement.key;
  const values = requirement.values.map((value) => `"${value}"`).join(', ');
  switch (requirement.operator) {
    case 'Equals':
      return actual === undefined ? `label "${key}" is missing (the selector wants ${key}=${requirement.values[0]})` : `label "${key}" is "${actual}" but the selector wants "${requirement.values[0]}"`;
    case 'In':
      return actual === undefined ? `label "${key}" is missing (the selector wants one of ${values})` : `label "${key}" is "${actual}", not one of ${values}`;
    case 'NotIn':
      return `label "${key}" is "${actual}", which the selector excludes (NotIn ${values})`;
    case 'Exists':
      return `label "${key}" is missing (the selector requires it to exist)`;
    case 'DoesNotExist':
      return `label "${key}" is set, but the selector requires it to be absent`;
  }
}
