import { validatesPodTemplate } from '@podlint/core';
import type { ContainerList, ContainerRef } from '@podlint/core';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

// The server checks containers first, then init containers against them, then ephemeral containers against
// both (reference C1-C3), so "the second" of two names is the later one in this order, whatever the file's.
const CHECK_ORDER: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

export default createRule({
  name: 'container-name-duplicate',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Two containers of one pod (across containers, initContainers and ephemeralContainers) share a name.',
      recommended: true,
    },
    messages: {
      duplicate:
        '{{container}} has the name of {{other}}; names must be unique across containers, initContainers and ephemeralContainers of a pod, so the API server rejects it ("Duplicate value"). Rename one of them.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        const seen = new Map<string, ContainerRef>();
        const ordered = CHECK_ORDER.flatMap((list) => podSpec.containers.filter((container) => container.list === list));
        for (const container of ordered) {
          // An empty name is a missing name (schema-required), not a duplicate.
          if (container.name === undefined || container.name === '') continue;
          const earlier = seen.get(container.name);
          if (!earlier) {
            seen.set(container.name, container);
            continue;
          }
          context.report({
            path: [...container.path, 'name'],
            messageId: 'duplicate',
            data: { container: capitalize(describeContainer(container)), other: `${describeContainer(earlier)} (${earlier.list}[${earlier.index}])` },
          });
        }
      },
    };
  },
});
