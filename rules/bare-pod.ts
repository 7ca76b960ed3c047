import { createRule } from './rule-utils.js';

export default createRule({
  name: 'bare-pod',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A Pod that no controller manages: nothing recreates it when its node fails.', recommended: true },
    messages: {
      barePod:
        'This Pod is not managed by a controller: when its node fails or it is evicted, nothing recreates it. Run it from a Deployment (or a StatefulSet, DaemonSet or Job) instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Pod(resource) {
        const owners = resource.metadata?.ownerReferences;
        if (Array.isArray(owners) && owners.length > 0) return;
        context.report({ path: resource.at('kind'), messageId: 'barePod' });
      },
    };
  },
});
