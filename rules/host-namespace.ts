// hostNetwork, hostPID and hostIPC: the pod gives up the namespaces that make it a pod and joins the node's.
import { createRule } from './rule-utils.js';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default createRule({
  name: 'host-namespace',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A pod that shares the node\'s network, process or IPC namespace (hostNetwork, hostPID, hostIPC).', recommended: true },
    messages: {
      hostNetwork:
        '`hostNetwork: true` puts the pod in the node\'s network namespace: it gets the node\'s IP instead of its own, its ports are bound on the node (so two replicas cannot share a node), and it can reach every local service of the node. Remove it unless this is a node agent that must see the host network.',
      hostPID:
        '`hostPID: true` lets the pod\'s containers see, and signal, every process on the node. Remove it unless this is a node agent that must inspect host processes; to share processes between the pod\'s own containers, use `shareProcessNamespace`.',
      hostIPC:
        '`hostIPC: true` puts the pod in the node\'s IPC namespace, so it shares shared memory and semaphores with every process on the node. Remove it; the pod\'s containers already share an IPC namespace with each other.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec) {
        for (const key of HOST_NAMESPACES) {
          if (podSpec.spec[key] === true) context.report({ path: [...podSpec.path, key], at: 'key', messageId: key });
        }
      },
    };
  },
});
