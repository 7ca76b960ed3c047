// Two main containers of one pod that each serve their own ports and show no sign of working together: no
// shared volume, no connection over localhost, no shared process namespace. Helpers, one image in several
// roles, and a data store beside an app (split-tiers' finding) are left out.
import { TIER_PATTERNS_SCHEMA, TierClassifier, containerPorts, imageName, type ContainerRef, type TierClassification, type TierPatterns } from '@podlint/core';
import { LOOPBACK, configuredStrings, sharedVolumes } from './pod-design-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

interface Server {
  container: ContainerRef;
  tier: TierClassification;
  ports: number[];
  strings: string[];
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
          if (ports.length > 0) servers.push({ container, tier, ports, strings: configuredStrings(container) });
        }
        servers.forEach((server, index) => {
          const earlier = servers.slice(0, index).find((other) => independent(other, server));
          if (!earlier) return;
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
        });
      },
    };
  },
});

function independent(a: Server, b: Server): boolean {
  // A data store beside an app is split-tiers' finding; two roles of one image are one component.
  if ((a.tier.tier === 'data') !== (b.tier.tier === 'data')) return false;
  if (sameImage(a.container, b.container)) return false;
  if (sharedVolumes(a.container, b.container).length > 0) return false;
  return !reachesOverLoopback(a, b) && !reachesOverLoopback(b, a);
}

function sameImage(a: ContainerRef, b: ContainerRef): boolean {
  const imageA = typeof a.container.image === 'string' ? imageName(a.container.image).path : undefined;
  const imageB = typeof b.container.image === 'string' ? imageName(b.container.image).path : undefined;
  return imageA !== undefined && imageA === imageB;
}

/**
 * True when `from` points at localhost in a way that may reach `to`: `localhost:<a port of to>`, a bare
 * `localhost` (its port may sit in another variable), or a loopback address beside one of `to`'s ports.
 */
function reachesOverLoopback(from: Server, to: Server): boolean {
  const text = from.strings.join('\n');
  if (!LOOPBACK.test(text)) return false;
  const explicitPorts = [...text.matchAll(new RegExp(`(?:${LOOPBACK.source}):(\\d+)`, 'gi'))].map((match) => Number(match[match.length - 1]));
  const mentions = [...text.matchAll(/(?<![\w.])(\d{2,5})(?![\w.])/g)].map((match) => Number(match[1]));
  if (to.ports.some((port) => explicitPorts.includes(port) || mentions.includes(port))) return true;
  // Every loopback reference names a port, and none is the other container's: it talks to itself or elsewhere.
  const references = [...text.matchAll(new RegExp(LOOPBACK.source, 'gi'))].length;
  return explicitPorts.length < references;
}
