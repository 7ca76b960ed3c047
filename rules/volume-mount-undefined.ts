import { claimTemplateVolumeNames, didYouMean, SuggestionBudget } from '@podlint/core';
import { listItems, podTemplateChecked, replaceScalar } from './api-validation-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

/**
 * The work a pod's suggestions may do together (SuggestionBudget), some hundred times what a pod of hundreds of
 * volumes with a few mistyped mounts needs. Each mount was compared with every volume: a pod of 1,000 undefined
 * mounts and 1,000 volumes took 6 s, and eight times as many would take minutes; its later mounts now go without a
 * suggestion.
 */
const SUGGESTIONS_PER_POD = 10_000_000;

export default createRule({
  name: 'volume-mount-undefined',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A volumeMount or volumeDevice names no volume of the pod.', recommended: true },
    messages: {
      undefinedMount: '{{container}} mounts volume "{{name}}", but the pod declares no volume of that name{{hint}}, so the API server rejects it (Not found). Declare it under volumes, or fix the name.',
      undefinedDevice: '{{container}} uses volume "{{name}}" as a block device, but the pod declares no volume of that name{{hint}}, so the API server rejects it (Not found). Declare it under volumes, or fix the name.',
      useName: 'Use volume "{{name}}".',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const volumes = new Set<string>(claimTemplateVolumeNames(resource));
        for (const { item } of listItems(podSpec.spec, 'volumes', podSpec.path)) {
          if (typeof item.name === 'string') volumes.add(item.name);
        }
        const budget = new SuggestionBudget(SUGGESTIONS_PER_POD);
        for (const container of podSpec.containers) {
          for (const [field, messageId] of [['volumeMounts', 'undefinedMount'], ['volumeDevices', 'undefinedDevice']] as const) {
            for (const { item, path } of listItems(container.container, field, container.path)) {
              const name = item.name;
              if (typeof name !== 'string' || name === '' || volumes.has(name)) continue;
              const closest = didYouMean(name, volumes, budget);
              const hint = closest ? ` (did you mean "${closest}"?)` : '';
              context.report({
                path: [...path, 'name'],
                messageId,
                data: { container: capitalize(describeContainer(container)), name, hint },
                suggest: closest ? [{ messageId: 'useName', data: { name: closest }, fix: replaceScalar(resource, [...path, 'name'], closest) }] : [],
              });
            }
          }
        }
      },
    };
  },
});
