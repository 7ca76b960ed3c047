// Two main containers of one pod that each serve their own ports and show no sign of working together: no
// shared volume, no connection over localhost, no shared process namespace. Helpers, one image in several
// roles, and a data store beside an app (split-tiers' finding) are left out.
import { TIER_PATTERNS_SCHEMA, TierClassifier, containerPorts, imageName, type ContainerRef, type TierClassification, type TierPatterns } from '@podlint/core';
import { LOOPBACK, configuredStrings, mountedVolumes } from './pod-design-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

/**
 * A main container that serves ports, with what the pair check needs worked out once: a pod of thousands of
 * containers is compared pair by pair, and parsing images or scanning strings per pair made that take minutes.
 */
interface Server {
  container: ContainerRef;
  tier: TierClassification;
  ports: number[];
  image: string;
  volumes: ReadonlySet<string>;
  loopback: LoopbackUse | undefined;
}

/**
 * Pairs one pod may compare: each container is compared with those before it, so a pod of thousands of serving
 * containers of one image took seconds (and a 16 MB pod, hours). Real pods need a few dozen.
 */
export const MAX_PAIR_CHECKS = 1_000_000;

/** How a container's configuration points at localhost. */
interface LoopbackUse {
  /** Ports named as `localhost:<port>` (or another loopback address). */
  explicitPorts: ReadonlySet<number>;
  /** Every number that could be a port, anywhere in its configuration. */
  mentions: ReadonlySet<number>;
  /** Some loopback reference names no port (its port may sit in another variable). */
  unnamedPort: boolean;
}

export default createRule<[{ tiers: TierPatterns }], 'looselyCoupled'>({
  name: 'loosely-coupled-containers',
  meta: {
    type: 'suggestion',
    severity: 'info',
    docs: { description: 'Two main containers that each serve their own ports and share nothing: independent components that are better as two pods.', recommended: true },
    messages: {
      looselyCoupled:
        '{{container}} and {{other}} each serve their own ports ({{ports}} and {{otherPorts}}) and share no volume, localhost connection or process namespace: they look like independent components tied into one pod, so they can only scale, restart and move together. Consider running them as two workloads, each behind its own Service.',
    },
    schema: [{ type: 'object', properties: { tiers: TIER_PATTERNS_SCHEMA }, additionalProperties: false }],
  },
  defaultOptions: [{ tiers: {} }],
  create(context, [options]) {
    const classifier = new TierClassifier(options.tiers);
    return {
      PodSpec(podSpec) {
        if (podSpec.spec.shareProcessNamespace === true) return;
        const servers: Server[] = [];
        for (const container of podSpec.containers) {
          // Without an image there is nothing to tell what the container is (and the API server rejects it).
          if (container.role !== 'main' || typeof container.container.image !== 'string' || container.container.image.trim() === '') continue;
          const tier = classifier.classify(container.container);
          if (tier.tier === 'helper') continue;
          const ports = containerPorts(container).flatMap((port) => (typeof port.containerPort === 'number' ? [port.containerPort] : []));
          if (ports.length === 0) continue;
          servers.push({
            container,
            tier,
            ports,
            image: imageName(container.container.image).path,
            volumes: mountedVolumes(container),
            loopback: loopbackUse(configuredStrings(container)),
          });
        }
        let checks = 0;
        for (const [index, server] of servers.entries()) {
          let earlier: Server | undefined;
          for (let other = 0; other < index && !earlier && checks < MAX_PAIR_CHECKS; other += 1, checks += 1) {
            if (independent(servers[other]!, server)) earlier = servers[other];
          }
          // Out of pair checks: the pod's later containers are not compared.
          if (!earlier && checks >= MAX_PAIR_CHECKS) break;
          if (!earlier) continue;
          context.report({
            path: typeof server.container.container.name === 'string' ? [...server.container.path, 'name'] : server.container.path,
            messageId: 'looselyCoupled',
            data: {
              container: capitalize(describeContainer(server.container)),
              other: describeContainer(earlier.container),
              ports: server.ports.join(', '),
              otherPorts: earlier.ports.join(', '),
            },
          });
        }
      },
    };
  },
});

function independent(a: Server, b: Server): boolean {
  // A data store beside an app is split-tiers' finding; two roles of one image are one component.
  if ((a.tier.tier === 'data') !== (b.tier.tier === 'data')) return false;
  if (a.image === b.image) return false;
  for (const volume of a.volumes) if (b.volumes.has(volume)) return false;
  return !reachesOverLoopback(a, b) && !reachesOverLoopback(b, a);
}

function loopbackUse(strings: readonly string[]): LoopbackUse | undefined {
  const text = strings.join('\n');
  if (!LOOPBACK.test(text)) return undefined;
  const explicitPorts = [...text.matchAll(new RegExp(`(?:${LOOPBACK.source}):(\\d+)`, 'gi'))].map((match) => Number(match[match.length - 1]));
  const mentions = [...text.matchAll(/(?<![\w.])(\d{2,5})(?![\w.])/g)].map((match) => Number(match[1]));
  const references = [...text.matchAll(new RegExp(LOOPBACK.source, 'gi'))].length;
  return { explicitPorts: new Set(explicitPorts), mentions: new Set(mentions), unnamedPort: explicitPorts.length < references };
}

/**
 * True when `from` points at localhost in a way that may reach `to`: `localhost:<a port of to>`, a bare
 * `localhost` (its port may sit in another variable), or a loopback address beside one of `to`'s ports.
 */
function reachesOverLoopback(from: Server, to: Server): boolean {
  const use = from.loopback;
  if (!use) return false;
  if (to.ports.some((port) => use.explicitPorts.has(port) || use.mentions.has(port))) return true;
  // Every loopback reference names a port, and none is the other container's: it talks to itself or elsewhere.
  return use.unnamedPort;
}
