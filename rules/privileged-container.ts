// securityContext.privileged: true gives a container every capability and the node's devices: it is root on the
// node in all but name.
import { describeContainerCapitalized } from './container-report-utils.js';
import { createRule } from './rule-utils.js';
import { containerSecurityContext } from './security-context-utils.js';

export default createRule({
  name: 'privileged-container',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A container with securityContext.privileged: true, which has the node\'s devices and every capability.', recommended: false },
    messages: {
      privileged:
        '{{container}} runs privileged: it sees the node\'s devices and holds every capability, so escaping to the node is trivial. Remove privileged and add only the capabilities it needs (capabilities.add).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container) {
        if (containerSecurityContext(container).privileged !== true) return;
        context.report({
          path: [...container.path, 'securityContext', 'privileged'],
          messageId: 'privileged',
          data: { container: describeContainerCapitalized(container) },
        });
      },
    };
  },
});
