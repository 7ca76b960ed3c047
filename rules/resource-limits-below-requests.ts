import { allowsOvercommit, compareQuantities, isPlainObject, quantityOfValue, type Quantity } from '@podlint/core';
import { podTemplateChecked } from './api-validation-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

export default createRule({
  name: 'resource-limits-below-requests',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A container limit below its request, or unequal to it for huge pages and extended resources.', recommended: true },
    messages: {
      belowRequest:
        'The {{resource}} limit {{limit}} of {{container}} is below its request {{request}}: the scheduler would reserve more than the container may ever use, so the API server rejects it. Raise the limit to at least {{request}} or lower the request.',
      notEqual:
        '{{resource}} cannot be overcommitted, so its limit must equal its request, but {{container}} requests {{request}} and limits {{limit}}; the API server rejects it. Set both to the same value.',
      limitMissing:
        '{{Container}} requests {{resource}} ({{request}}) without a limit; {{resource}} cannot be overcommitted, so the API server requires a limit equal to the request. Add a limit of {{request}}, or set only the limit (the request defaults to it).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const resources = container.container.resources;
        if (!isPlainObject(resources) || !isPlainObject(resources.requests)) return;
        const limits = isPlainObject(resources.limits) ? resources.limits : {};
        const resourcesPath = [...container.path, 'resources'];
        for (const [name, requestValue] of Object.entries(resources.requests)) {
          const request = quantity(requestValue);
          if (!request) continue;
          const describe = { container: describeContainer(container), Container: capitalize(describeContainer(container)), resource: name, request: quantityText(requestValue) };
          if (!(name in limits)) {
            if (!allowsOvercommit(name)) context.report({ path: [...resourcesPath, 'requests', name], at: 'key', messageId: 'limitMissing', data: describe });
            continue;
          }
          const limit = quantity(limits[name]);
          if (!limit) continue;
          const data = { ...describe, limit: quantityText(limits[name]) };
          const comparison = compareQuantities(request, limit);
          if (!allowsOvercommit(name) && comparison !== 0) context.report({ path: [...resourcesPath, 'limits', name], messageId: 'notEqual', data });
          else if (comparison > 0) context.report({ path: [...resourcesPath, 'limits', name], messageId: 'belowRequest', data });
        }
      },
    };
  },
});

/** A quantity as the manifest writes it; an empty one (null) as the API server reads it: 0. */
function quantityText(value: unknown): string {
  return value === null ? '0' : String(value).trim();
}

/** The parsed quantity, or undefined for anything quantity-format reports (or that is not a quantity). */
function quantity(value: unknown): Quantity | undefined {
  const parsed = quantityOfValue(value);
  return parsed?.ok ? parsed.quantity : undefined;
}
