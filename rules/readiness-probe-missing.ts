// A container that serves ports in a replicated workload without a readinessProbe. Without one the kubelet
// marks it ready as soon as it starts: Services send it traffic before it can answer, and a rollout replaces
// working pods with ones that do not work. Bare Pods (bare-pod's business), Jobs and pod templates are out
// of scope, and so are native sidecars and helpers: the application container's readiness gates the pod.
import { containerPorts } from '@podlint/core';
import { createRule, describeContainer } from './rule-utils.js';
import { isHelper, isReplicatedWorkload, probeOf } from './probe-utils.js';

export default createRule({
  name: 'readiness-probe-missing',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'A container serving ports in a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController without a readinessProbe.',
      recommended: true,
    },
    messages: {
      missing:
        'There is no readinessProbe on {{container}}, which serves port {{port}}: the pod counts as ready the moment the container starts, so Services send it traffic before it can answer, and a rollout replaces working pods with broken ones. Add a readinessProbe that checks it can serve requests.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec, resource) {
        if (container.role !== 'main' || !isReplicatedWorkload(resource)) return;
        // A containerPort that is not a number is the schema rules' finding, not a port this rule can name.
        const served = containerPorts(container).find((port) => typeof port.containerPort === 'number');
        if (!served || probeOf(container, 'readinessProbe') || isHelper(container, podSpec)) return;
        context.report({
          path: [...container.path, 'name'],
          messageId: 'missing',
          data: { container: describeContainer(container), port: String(served.containerPort) },
        });
      },
    };
  },
});
