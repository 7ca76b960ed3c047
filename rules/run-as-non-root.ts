// A container that may run as root: neither runAsNonRoot: true nor a runAsUser above 0, at the container's level
// or inherited from the pod's securityContext. Whether the image's own USER is root cannot be seen from here,
// which is why runAsNonRoot (the kubelet checks it at start) is the fix.
import { containerNameLocation, describeContainerCapitalized } from './container-report-utils.js';
import { createRule } from './rule-utils.js';
import { effectiveSecurityField, isWindowsPod } from './security-context-utils.js';

export default createRule({
  name: 'run-as-non-root',
  meta: {
    type: 'suggestion',
    severity: 'info',
    docs: { description: 'A container that may run as root: no runAsNonRoot: true and no runAsUser above 0, on the container or the pod.', recommended: false },
    messages: {
      mayRunAsRoot:
        '{{container}} may run as root: neither it nor the pod sets runAsNonRoot: true or a runAsUser above 0, so the image decides. Set securityContext.runAsNonRoot: true (and a runAsUser if the image has no non-root USER).',
      rootAllowed:
        '{{container}} may run as root: runAsNonRoot is false and no runAsUser above 0 is set. Set securityContext.runAsNonRoot: true and a non-zero runAsUser.',
      runsAsRoot:
        '{{container}} runs as root (runAsUser: 0). Use a non-zero runAsUser and set runAsNonRoot: true.',
      contradiction:
        '{{container}} sets runAsUser: 0 together with runAsNonRoot: true, so the kubelet refuses to start it. Use a non-zero runAsUser.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec, resource) {
        // Debug containers are added on purpose, often needing root; Windows pods have no Linux user ids.
        if (container.role === 'ephemeral' || isWindowsPod(podSpec)) return;
        const runAsUser = effectiveSecurityField(container, podSpec, 'runAsUser');
        const runAsNonRoot = effectiveSecurityField(container, podSpec, 'runAsNonRoot');
        let messageId: 'mayRunAsRoot' | 'rootAllowed' | 'runsAsRoot' | 'contradiction';
        if (typeof runAsUser === 'number' && runAsUser > 0) return;
        if (runAsUser === 0) messageId = runAsNonRoot === true ? 'contradiction' : 'runsAsRoot';
        else if (runAsNonRoot === true) return;
        else messageId = runAsNonRoot === false ? 'rootAllowed' : 'mayRunAsRoot';
        context.report({ ...containerNameLocation(container, resource), messageId, data: { container: describeContainerCapitalized(container) } });
      },
    };
  },
});
