import {
  STANDARD_CONTAINER_RESOURCES,
  didYouMean,
  hasFraction,
  isExtendedResource,
  isNativeResource,
  isPlainObject,
  isStandardContainerResource,
  isValidResourceName,
  quantityOfValue,
  quantitySign,
} from '@podlint/core';
import { podTemplateChecked } from './api-validation-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';
import { checkResizePolicy } from './resource-invalid/resize-policy.js';

/** Names people write for the standard resources, which are too far from them for a spelling match. */
const ALIASES: Readonly<Record<string, string>> = { mem: 'memory', ram: 'memory', storage: 'ephemeral-storage', disk: 'ephemeral-storage', 'local-storage': 'ephemeral-storage' };

function nameHint(name: string): string {
  const lower = name.toLowerCase();
  if (/^(gpus?|nvidia-gpu)$/.test(lower)) return ' A GPU is an extended resource named with its vendor\'s domain, such as nvidia.com/gpu or amd.com/gpu.';
  const closest = ALIASES[lower] ?? didYouMean(name, STANDARD_CONTAINER_RESOURCES);
  return closest ? ` Did you mean "${closest}"?` : '';
}

export default createRule({
  name: 'resource-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A container resource the API server rejects: an unknown resource name, a negative quantity, a fraction of an extended resource, or a resizePolicy it does not accept.', recommended: true },
    messages: {
      notContainerResource:
        '{{container}} names resource "{{name}}", which is not a resource a container can use, so the API server rejects it.{{hint}} Containers use cpu, memory, ephemeral-storage, hugepages-<size>, or a vendor resource with its domain (nvidia.com/gpu).',
      badName: '"{{name}}" is not a valid resource name (an optional DNS-subdomain prefix and "/", then letters, digits, "-", "_" or "."), so the API server rejects it.',
      negative: 'The {{name}} quantity {{value}} is negative; the API server rejects it. Use zero or more.',
      fractional: '{{name}} is an extended resource, which is handed out in whole units, so the API server rejects {{value}}. Use a whole number.',
      resizeResourceUnsupported: '{{container}} has a resizePolicy for "{{value}}"; only cpu and memory can be resized in place, and the API server rejects anything else.',
      resizeRestartUnsupported: 'resizePolicy restartPolicy "{{value}}" is not supported; the API server accepts "NotRequired" or "RestartContainer" (case matters).',
      resizeDuplicate: '{{container}} has a second resizePolicy for {{value}}; the API server rejects the repeat. Keep one.',
      resizeFieldEmpty: 'resizePolicy {{field}} is empty; the API server requires {{allowed}}.',
      resizeNeverPod:
        "{{container}} asks to be restarted when its resources are resized, but the pod's restartPolicy is Never, so it would not come back; the API server rejects it (\"must be 'NotRequired' when `restartPolicy` is 'Never'\"). Use NotRequired.",
      resizeRunToCompletionInit:
        '{{container}} runs to completion before the app starts, so it cannot be restarted for a resize; the API server rejects RestartContainer here. Use NotRequired, or remove the entry.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        checkResizePolicy(context, container, podSpec);
        const resources = container.container.resources;
        if (!isPlainObject(resources)) return;
        for (const side of ['limits', 'requests'] as const) {
          const map = resources[side];
          if (!isPlainObject(map)) continue;
          const sidePath = [...container.path, 'resources', side];
          for (const [name, value] of Object.entries(map)) {
            const keyPath = [...sidePath, name];
            if (!isValidResourceName(name)) {
              context.report({ path: keyPath, at: 'key', messageId: 'badName', data: { name } });
              continue;
            }
            const plain = !name.includes('/');
            if ((plain && !isStandardContainerResource(name)) || (!plain && !isNativeResource(name) && !isExtendedResource(name))) {
              const hint = plain ? nameHint(name) : '';
              context.report({ path: keyPath, at: 'key', messageId: 'notContainerResource', data: { container: capitalize(describeContainer(container)), name, hint } });
              continue;
            }
            const parsed = quantityOfValue(value);
            if (!parsed?.ok) continue;
            const text = String(value).trim();
            if (quantitySign(parsed.quantity) < 0) context.report({ path: keyPath, messageId: 'negative', data: { name, value: text } });
            else if (isExtendedResource(name) && hasFraction(parsed.quantity)) context.report({ path: keyPath, messageId: 'fractional', data: { name, value: text } });
          }
        }
      },
    };
  },
});
