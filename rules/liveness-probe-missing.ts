// A long-running application container without a livenessProbe. Only main containers of pods meant to keep
// running are asked for one: Jobs finish, init containers finish, ephemeral containers cannot have probes,
// and helpers (log shippers, proxies, exporters) and native sidecars support an application whose own
// liveness is what matters; kube-linter and Checkov are criticised for flagging exactly those. The pause
// image has nothing to check.
import { createRule, describeContainer } from './rule-utils.js';
import { isHelper, isLongRunning, probeOf, runsPauseImage } from './probe-utils.js';

export default createRule({
  name: 'liveness-probe-missing',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A long-running main container without a livenessProbe (not for Jobs, init containers, native sidecars or helpers).', recommended: true },
    messages: {
      missing:
        'There is no livenessProbe on {{container}}: if its process hangs without exiting (a deadlock, a stuck event loop), the kubelet never restarts it and the pod stays up doing nothing. Add a livenessProbe that checks the process itself, not its dependencies.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec) {
        if (container.role !== 'main' || !isLongRunning(podSpec)) return;
        if (probeOf(container, 'livenessProbe') || isHelper(container, podSpec) || runsPauseImage(container)) return;
        context.report({ path: [...container.path, 'name'], messageId: 'missing', data: { container: describeContainer(container) } });
      },
    };
  },
});
