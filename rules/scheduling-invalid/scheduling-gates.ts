// scheduling-invalid's checks of schedulingGates (core's validateSchedulingGates, reference L13): each gate's
// name a qualified name, and no name twice.
import type { Path } from '@podlint/core';
import { isCheckable, listItems } from '../api-validation-utils.js';
import { labelKeyProblems } from '../label-selector-utils.js';
import type { SchedulingContext } from './requirements.js';

export function checkSchedulingGates(context: SchedulingContext, spec: Record<string, unknown>, specPath: Path): void {
  const seen = new Map<string, number>();
  // A missing name is schema-required's.
  for (const { item, index, path } of listItems(spec, 'schedulingGates', specPath)) {
    const name = item.name;
    if (!isCheckable(name)) continue;
    const problems = labelKeyProblems(name);
    if (problems) context.report({ path: [...path, 'name'], messageId: 'schedulingGateInvalid', data: { name, problems } });
    const earlier = seen.get(name);
    if (earlier !== undefined) context.report({ path: [...path, 'name'], messageId: 'schedulingGateDuplicate', data: { name, index: earlier } });
    else seen.set(name, index);
  }
}
