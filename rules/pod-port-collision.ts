import { containerPorts, runsAlongsideMain, type ContainerRef } from '@podlint/core';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

interface Claim {
  container: ContainerRef;
  hostIP: string | undefined;
}

export default createRule({
  name: 'pod-port-collision',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Two containers of one pod declare the same containerPort or hostPort with the same protocol (native sidecars count).',
      recommended: true,
    },
    messages: {
      containerPort:
        '{{container}} declares port {{port}}/{{protocol}}, which {{other}} of the same pod already declares. Containers in a pod share one network namespace, so only one of them can listen on it: use another port, or move one container to its own pod.',
      hostPort:
        '{{container}} declares hostPort {{port}}/{{protocol}}, which {{other}} of the same pod already claims on the node; a host port can be bound only once. Use another hostPort.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec) {
        // Regular init containers finish before the others start; main containers and native sidecars run together.
        const containerPortClaims = new Map<string, Claim>();
        const hostPortClaims = new Map<string, Claim[]>();
        for (const container of podSpec.containers.filter(runsAlongsideMain)) {
          for (const port of containerPorts(container)) {
            if (isPortNumber(port.containerPort)) {
              const key = `${port.containerPort}/${port.protocol}`;
              const earlier = containerPortClaims.get(key);
              if (earlier && earlier.container !== container) {
                context.report({
                  path: [...port.path, 'containerPort'],
                  messageId: 'containerPort',
                  data: { container: capitalize(describeContainer(container)), other: describeContainer(earlier.container), port: port.containerPort, protocol: port.protocol },
                });
              } else if (!earlier) {
                containerPortClaims.set(key, { container, hostIP: port.hostIP });
              }
            }
            if (isPortNumber(port.hostPort)) {
              const key = `${port.hostPort}/${port.protocol}`;
              const claims = hostPortClaims.get(key) ?? [];
              // Two bindings of one host port conflict unless both name different, specific host IPs.
              const earlier = claims.find(
                (claim) => claim.container !== container && (claim.hostIP === undefined || port.hostIP === undefined || claim.hostIP === port.hostIP),
              );
              if (earlier) {
                context.report({
                  path: [...port.path, 'hostPort'],
                  messageId: 'hostPort',
                  data: { container: capitalize(describeContainer(container)), other: describeContainer(earlier.container), port: port.hostPort, protocol: port.protocol },
                });
              } else {
                claims.push({ container, hostIP: port.hostIP });
                hostPortClaims.set(key, claims);
              }
            }
          }
        }
      },
    };
  },
});

function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
