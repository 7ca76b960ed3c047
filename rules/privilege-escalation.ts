// allowPrivilegeEscalation defaults to true: setuid binaries and file capabilities can then raise a process above
// its parent. A privileged container or one adding SYS_ADMIN always allows it (Kubernetes treats the field as true
// then, and rejects `false` beside privileged or a literal CAP_SYS_ADMIN), so the fix is to drop the privilege.
import { containerNameLocation, describeContainerCapitalized } from './container-report-utils.js';
import { createRule } from './rule-utils.js';
import { addsCapability, containerSecurityContext, isWindowsPod } from './security-context-utils.js';

export default createRule({
  name: 'privilege-escalation',
  meta: {
    type: 'suggestion',
    severity: 'info',
    docs: { description: 'A container that does not set allowPrivilegeEscalation: false.', recommended: false },
    messages: {
      unset:
        '{{container}} allows privilege escalation (allowPrivilegeEscalation defaults to true): a setuid binary can gain more privileges than its parent process. Set securityContext.allowPrivilegeEscalation: false.',
      allowed:
        '{{container}} sets allowPrivilegeEscalation: true: a setuid binary can gain more privileges than its parent process. Set it to false unless the container really needs it.',
      impliedByPrivileged:
        '{{container}} runs privileged, which always allows privilege escalation (the API server rejects allowPrivilegeEscalation: false with it). Drop privileged, then set allowPrivilegeEscalation: false.',
      impliedBySysAdmin:
        '{{container}} adds the SYS_ADMIN capability, with which privilege escalation is always allowed, whatever allowPrivilegeEscalation says. Drop SYS_ADMIN, then set allowPrivilegeEscalation: false.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec, resource) {
        // Debug containers are added on purpose; Windows pods may not set the field at all.
        if (container.role === 'ephemeral' || isWindowsPod(podSpec)) return;
        const securityContext = containerSecurityContext(container);
        let messageId: 'unset' | 'allowed' | 'impliedByPrivileged' | 'impliedBySysAdmin';
        if (securityContext.privileged === true) messageId = 'impliedByPrivileged';
        else if (addsCapability(container, 'SYS_ADMIN')) messageId = 'impliedBySysAdmin';
        else if (securityContext.allowPrivilegeEscalation === false) return;
        else messageId = securityContext.allowPrivilegeEscalation === true ? 'allowed' : 'unset';
        context.report({ ...containerNameLocation(container, resource), messageId, data: { container: describeContainerCapitalized(container) } });
      },
    };
  },
});
