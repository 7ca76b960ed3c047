import { containerPorts, runsAlongsideMain, validatesPodTemplate, type ContainerPort, type ContainerRef, type RuleContext } from '@podlint/core';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

type MessageId = 'containerPort' | 'containerPortTwice' | 'hostPort' | 'hostPortTwice';

interface Claim {
  container: ContainerRef;
  /** Undefined for every address of the node (bindHostIP). */
  hostIP: string | undefined;
}

/** Host IPs that bind a host port on every address of the node, as an omitted one does. */
const WILDCARD_HOST_IPS: ReadonlySet<string> = new Set(['0.0.0.0', '::']);

/**
 * The claims of one host port and protocol by the containers before: the first of all, the first without a hostIP
 * and the first of each hostIP, which are the first that a binding can conflict with. Scanning every claim instead
 * took 17 s for a pod of 64,000 bindings of one hostPort to different hostIPs.
 */
class HostPortClaims {
  private first: Claim | undefined;
  private firstWithoutHostIP: Claim | undefined;
  private readonly firstByHostIP = new Map<string, Claim>();

  add(claim: Claim): void {
    this.first ??= claim;
    if (claim.hostIP === undefined) this.firstWithoutHostIP ??= claim;
    else if (!this.firstByHostIP.has(claim.hostIP)) this.firstByHostIP.set(claim.hostIP, claim);
  }

  /**
   * The first claim that a binding to `hostIP` conflicts with: two conflict unless both name different, specific host
   * IPs. The API server rejects only two regular containers' bindings written alike (its key is the protocol, the
   * hostIP as written and the port); it lets the others through, but they claim the same address and port on the node. A claim without a hostIP conflicts with the bindings of every other container, so once there is one, all
   * claims are its container's: whether it or the first of `hostIP` came first names the same container.
   */
  firstConflict(hostIP: string | undefined): Claim | undefined {
    if (hostIP === undefined) return this.first;
    return this.firstByHostIP.get(hostIP) ?? this.firstWithoutHostIP;
  }
}

export default createRule({
  name: 'pod-port-collision',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Two containers of one pod declare the same containerPort or hostPort with the same protocol (native sidecars count), or one container declares the same hostPort, or the same containerPort without hostPort, twice.',
      recommended: true,
    },
    messages: {
      containerPort:
        '{{container}} declares port {{port}}/{{protocol}}, which {{other}} of the same pod already declares. Containers in a pod share one network namespace, so only one of them can listen on it: use another port, or move one container to its own pod.',
      hostPort:
        '{{container}} declares hostPort {{port}}/{{protocol}}, which {{other}} of the same pod already claims on the node; a host port can be bound only once. Use another hostPort.',
      containerPortTwice:
        '{{container}} declares port {{port}}/{{protocol}} twice; the API server warns "duplicate port definition", and the second entry adds nothing. Remove one of them.',
      hostPortTwice:
        '{{container}} declares hostPort {{port}}/{{protocol}}{{onHostIP}} twice; the API server rejects the second (Duplicate value: "{{key}}"). Remove one of them.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        const serverChecked = validatesPodTemplate(resource, context.settings.kubernetesVersion);
        // Regular init containers finish before the others start; main containers and native sidecars run together.
        const containerPortClaims = new Map<string, Claim>();
        const hostPortClaims = new Map<string, HostPortClaims>();
        for (const container of podSpec.containers.filter(runsAlongsideMain)) {
          // A container's host ports conflict only with other containers' claims (its own count from the next on); one
          // written twice alike is the server's duplicate, reported unless it already collides with another container.
          const ownHostPorts: Array<{ key: string; claim: Claim }> = [];
          const duplicates = serverChecked ? hostPortsWrittenTwice(container) : new Map<ContainerPort, string>();
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
              const hostIP = bindHostIP(port.hostIP);
              const earlier = hostPortClaims.get(key)?.firstConflict(hostIP);
              if (earlier) {
                duplicates.delete(port);
                context.report({
                  path: [...port.path, 'hostPort'],
                  messageId: 'hostPort',
                  data: { container: capitalize(describeContainer(container)), other: describeContainer(earlier.container), port: port.hostPort, protocol: port.protocol },
                });
              } else {
                ownHostPorts.push({ key, claim: { container, hostIP } });
              }
            }
          }
          reportWrittenTwice(context, container, duplicates);
          for (const { key, claim } of ownHostPorts) {
            let claims = hostPortClaims.get(key);
            if (!claims) {
              claims = new HostPortClaims();
              hostPortClaims.set(key, claims);
            }
            claims.add(claim);
          }
        }
        // Warnings come for every pod template, and for each container on its own whatever its role.
        for (const container of podSpec.containers) reportContainerPortsWrittenTwice(context, container);
        // The server checks each regular init container's host ports on their own (checkHostPortConflicts).
        if (!serverChecked) return;
        for (const container of podSpec.containers.filter((candidate) => candidate.role === 'init')) reportWrittenTwice(context, container, hostPortsWrittenTwice(container));
      },
    };
  },
});

function reportWrittenTwice(context: RuleContext<MessageId>, container: ContainerRef, duplicates: ReadonlyMap<ContainerPort, string>): void {
  for (const [port, key] of duplicates) {
    context.report({
      path: [...port.path, 'hostPort'],
      messageId: 'hostPortTwice',
      data: { container: capitalize(describeContainer(container)), port: String(port.hostPort), protocol: port.protocol, onHostIP: port.hostIP === undefined ? '' : ` on ${port.hostIP}`, key },
    });
  }
}

/**
 * A port that repeats an earlier one of the same container, protocol and hostIP as written, neither with a host port
 * (the server's "duplicate port definition" warning); with host ports, hostPortTwice is the server's error.
 */
function reportContainerPortsWrittenTwice(context: RuleContext<MessageId>, container: ContainerRef): void {
  const seen = new Set<string>();
  for (const port of containerPorts(container)) {
    if (!isPortNumber(port.containerPort) || isPortNumber(port.hostPort)) continue;
    const key = `${port.containerPort}/${port.protocol}/${port.hostIP ?? ''}`;
    if (seen.has(key)) {
      context.report({
        path: [...port.path, 'containerPort'],
        messageId: 'containerPortTwice',
        severity: 'warning',
        data: { container: capitalize(describeContainer(container)), port: port.containerPort, protocol: port.protocol },
      });
    }
    seen.add(key);
  }
}

/**
 * The ports of one container that repeat an earlier one's host port as the API server keys them: the protocol,
 * the hostIP as written and the port ("TCP//8080"), with the key.
 */
function hostPortsWrittenTwice(container: ContainerRef): Map<ContainerPort, string> {
  const seen = new Set<string>();
  const duplicates = new Map<ContainerPort, string>();
  for (const port of containerPorts(container)) {
    if (!isPortNumber(port.hostPort)) continue;
    const key = `${port.protocol}/${port.hostIP ?? ''}/${port.hostPort}`;
    if (seen.has(key)) duplicates.set(port, key);
    seen.add(key);
  }
  return duplicates;
}

/** The specific address a host port is bound to; undefined for all of them (no hostIP, 0.0.0.0 or ::). */
function bindHostIP(hostIP: string | undefined): string | undefined {
  return hostIP === undefined || WILDCARD_HOST_IPS.has(hostIP) ? undefined : hostIP;
}

function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
