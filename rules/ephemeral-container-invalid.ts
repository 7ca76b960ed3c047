import { isPlainObject, validatesPodTemplate } from '@podlint/core';
import { createRule, listForMessage } from './rule-utils.js';

/** Container fields an ephemeral container may not set (reference I8: everything outside the server's allow list). */
const FORBIDDEN_FIELDS = ['ports', 'resources', 'resizePolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'restartPolicy', 'restartPolicyRules'] as const;

export default createRule({
  name: 'ephemeral-container-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Ephemeral containers in a manifest (pod templates and new Pods reject them), with fields they may not have, or targeting a container the pod does not have.',
      recommended: true,
    },
    messages: {
      inTemplate:
        'A pod template may not hold ephemeralContainers; the API server rejects it ("ephemeral containers not allowed in pod template"). Ephemeral containers are added to one running pod for debugging, with kubectl debug. Remove them.',
      onCreate:
        'A Pod cannot be created with ephemeralContainers; the API server rejects it ("cannot be set on create"). They are added to the running pod for debugging, with kubectl debug. Remove them from the manifest.',
      forbiddenField:
        '{{field}} on ephemeral container "{{name}}": ephemeral containers get no ports, resources, probes, lifecycle hooks or restart policy, so the API server rejects it ("cannot be set for an Ephemeral Container"). Remove it.',
      targetMissing:
        'Ephemeral container "{{name}}" targets "{{target}}", which is not a container or init container of this pod; the API server rejects it ("Not found"). Name one of: {{names}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        const ephemeral = podSpec.containers.filter((container) => container.role === 'ephemeral');
        if (ephemeral.length === 0) return;
        context.report({ path: [...podSpec.path, 'ephemeralContainers'], at: 'key', messageId: resource.kind === 'Pod' ? 'onCreate' : 'inTemplate' });
        const targets = new Set(podSpec.containers.filter((container) => container.role !== 'ephemeral' && container.name).map((container) => container.name!));
        // Listed once per pod, at most a few of them: a pod of thousands of containers would repeat them all in every message.
        let targetList: string | undefined;
        for (const container of ephemeral) {
          const name = container.name ?? `#${container.index + 1}`;
          for (const field of FORBIDDEN_FIELDS) {
            if (!isSet(container.container[field])) continue;
            context.report({ path: [...container.path, field], at: 'key', messageId: 'forbiddenField', data: { field, name } });
          }
          const target = container.container.targetContainerName;
          if (typeof target === 'string' && target !== '' && !targets.has(target)) {
            targetList ??= listForMessage([...targets].map((targetName) => `"${targetName}"`)) || 'none';
            context.report({ path: [...container.path, 'targetContainerName'], messageId: 'targetMissing', data: { name, target, names: targetList } });
          }
        }
      },
    };
  },
});

/**
 * Set with content. The server compares each field with its zero value; `resources: {}` (which kubectl get
 * prints) is that, and an empty list is left alone too rather than risk a false report.
 */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}
