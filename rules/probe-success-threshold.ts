import { isPlainObject, validatesPodTemplate } from '@podlint/core';
import { probesValidated } from './pod-validation-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

// A readiness probe may ask for several successes before traffic returns; liveness and startup probes act on
// the first success, so the server requires 1 there (reference H7).
const SINGLE_SUCCESS_PROBES = ['livenessProbe', 'startupProbe'] as const;

export default createRule({
  name: 'probe-success-threshold',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A liveness or startup probe with a successThreshold other than 1.', recommended: true },
    messages: {
      notOne:
        'successThreshold {{value}} on the {{probe}} of {{container}}: the API server rejects it ("must be 1"), because a {{kind}} probe acts on the first success. Remove it (it defaults to 1); only a readinessProbe may require several successes.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion) || !probesValidated(container)) return;
        for (const probe of SINGLE_SUCCESS_PROBES) {
          const value = container.container[probe];
          const threshold = isPlainObject(value) ? value.successThreshold : undefined;
          // 0 is what an omitted value decodes to, and the server defaults it to 1.
          if (typeof threshold !== 'number' || threshold === 0 || threshold === 1) continue;
          context.report({
            path: [...container.path, probe, 'successThreshold'],
            messageId: 'notOne',
            data: { value: threshold, probe, container: describeContainer(container), kind: probe === 'livenessProbe' ? 'liveness' : 'startup' },
          });
        }
      },
    };
  },
});
