// ReplicationController, the first replica controller, long superseded by Deployment and ReplicaSet.
import { createRule } from './rule-utils.js';

export default createRule({
  name: 'replication-controller',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A ReplicationController, which Deployment (with ReplicaSets) supersedes.', recommended: true },
    messages: {
      replicationController:
        'ReplicationController is superseded by Deployment, which manages ReplicaSets: it adds declarative rolling updates, rollbacks and set-based selectors. Use an apps/v1 Deployment (its selector goes under `matchLabels`).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      ReplicationController(resource) {
        if (resource.group !== '') return;
        context.report({ path: resource.at('kind'), messageId: 'replicationController' });
      },
    };
  },
});
