// A container the scheduler cannot size: no memory request or limit, or no CPU request. The API server copies a
// missing request from its limit when it creates a Pod (also the Pods a workload's template makes), so a limit
// counts; pod-level resources (spec.resources, on by default from 1.34) count for every container.
import { isAtLeast, isPlainObject } from '@podlint/core';
import { containerNameLocation, describeContainerCapitalized } from './container-report-utils.js';
import { createRule } from './rule-utils.js';

const POD_LEVEL_RESOURCES_SINCE = '1.34';

export default createRule({
  name: 'resources-missing',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A container without a memory request or limit, or without a CPU request.', recommended: true },
    messages: {
      missing:
        '{{container}} sets no {{missing}}, so the scheduler places the pod as if it needed none and the node can run out. Set resources.requests (a limit alone also works: the request defaults to it).',
      missingInit:
        '{{container}} sets no {{missing}}. The pod is scheduled for the largest init container request, so a heavy init step without one can land on a node that cannot hold it. Set resources.requests (a limit alone also works: the request defaults to it).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const podLevelHonoured = isAtLeast(context.settings.kubernetesVersion, POD_LEVEL_RESOURCES_SINCE);
    return {
      Container(container, podSpec, resource) {
        // Ephemeral (debug) containers may not set resources at all.
        if (container.role === 'ephemeral') return;
        const podLevel = podLevelHonoured ? podSpec.spec.resources : undefined;
        const missing: string[] = [];
        if (!sizes(container.container.resources, 'memory') && !sizes(podLevel, 'memory')) missing.push('memory request or limit');
        if (!sizes(container.container.resources, 'cpu') && !sizes(podLevel, 'cpu')) missing.push('CPU request');
        if (missing.length === 0) return;
        context.report({
          ...containerNameLocation(container, resource),
          messageId: container.role === 'init' ? 'missingInit' : 'missing',
          data: { container: describeContainerCapitalized(container), missing: missing.join(' and no ') },
        });
      },
    };
  },
});

/** True when `resources` requests the resource, or limits it (the server then copies the limit into the request). */
function sizes(resources: unknown, resource: 'memory' | 'cpu'): boolean {
  if (!isPlainObject(resources)) return false;
  return [resources.requests, resources.limits].some((list) => isPlainObject(list) && list[resource] !== undefined && list[resource] !== null);
}
