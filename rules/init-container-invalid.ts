import { validatesPodTemplate } from '@podlint/core';
import { insertFirstKey } from './yaml-edit-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

/** What only a container that keeps running can use (reference I2). */
const RUNNING_CONTAINER_FIELDS = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export default createRule({
  name: 'init-container-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'An init container that runs to completion (no restartPolicy: Always) with probes or lifecycle hooks, which the API server rejects.',
      recommended: true,
    },
    messages: {
      runningField:
        '{{field}} on {{container}}: an init container without restartPolicy: Always runs to completion before the app starts, so it is never probed and has no lifecycle hooks; the API server rejects it ("may not be set for init containers without restartPolicy=Always"). Remove it, or make the container a native sidecar with restartPolicy: Always if it should keep running.',
      makeSidecar: 'Make it a native sidecar (restartPolicy: Always).',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (container.role !== 'init' || !validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        // A restartPolicy other than Always (OnFailure or Never from 1.35) keeps it a run-to-completion container.
        const hasPolicy = container.container.restartPolicy !== undefined && container.container.restartPolicy !== null;
        for (const field of RUNNING_CONTAINER_FIELDS) {
          const value = container.container[field];
          if (value === undefined || value === null) continue;
          context.report({
            path: [...container.path, field],
            at: 'key',
            messageId: 'runningField',
            data: { field, container: describeContainer(container) },
            suggest: hasPolicy ? [] : [{ messageId: 'makeSidecar', fix: insertFirstKey(resource, container.path, 'restartPolicy', 'Always') }],
          });
        }
      },
    };
  },
});
