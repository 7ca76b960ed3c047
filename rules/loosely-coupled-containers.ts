// Two main containers of one pod that each serve their own ports and show no sign of working together: no
// shared volume, no connection over localhost, no shared process namespace. Helpers, one image in several
// roles, and a data store beside an app (split-tiers' finding) are left out.
import { TIER_PATTERNS_SCHEMA, TierClassifier, containerPorts, imageName, type ContainerRef, type TierClassification, type TierPatterns } from '@podlint/core';
import { LOOPBACK, configuredStrings, mountedVolumes } from './pod-design-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

/**
 * A main container that serves ports, with what the search for independent pairs needs worked out once:
 * parsing images or scanning strings for each pair compared made a pod of thousands of containers take minutes.
 */
export interface Server {
  container: ContainerRef;
  tier: TierClassification;
  ports: number[];
  image: string;
  volumes: ReadonlySet<string>;
  loopback: LoopbackUse | undefined;
}

/** How a container's configuration points at localhost. */
export interface LoopbackUse {
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
    const classifier = TierClassifier.for(options.tiers);
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
        const earliest = earliestIndependent(servers);
        for (const [index, server] of servers.entries()) {
          if (earliest[index] === -1) continue;
          const earlier = servers[earliest[index]!]!;
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

/** True when two serving containers share nothing: the pair this rule reports. */
export function independent(a: Server, b: Server): boolean {
  // A data store beside an app is split-tiers' finding; two roles of one image are one component.
  if ((a.tier.tier === 'data') !== (b.tier.tier === 'data')) return false;
  if (a.image === b.image) return false;
  // The same port twice cannot serve at all: pod-port-collision's finding, not two components.
  if (a.ports.some((port) => b.ports.includes(port))) return false;
  for (const volume of a.volumes) if (b.volumes.has(volume)) return false;
  return !reachesOverLoopback(a, b) && !reachesOverLoopback(b, a);
}

/**
 * For each server, the index of the first server before it that is independent of it, or -1: what comparing
 * every pair would find, without comparing every pair (a pod of 20,000 containers of one image is 200 million
 * pairs).
 *
 * Whatever makes two servers dependent is something they have in common: a key. Server `j` is dependent on a
 * later server `s` exactly when one of `j`'s keys is among the keys `s` asks about (its image, its volumes,
 * the tier class it is not, the ports its localhost references name, ...). So each key lists the servers that
 * have it, and the servers before `s` are scanned 32 at a time as bits: a server is taken unless a key of
 * `s` lists it. Keys that many servers have are kept as bits outright, with the runs of words they fill, so
 * that a pod of replicas of one image takes one step per container; the others are merged in from their lists.
 */
export function earliestIndependent(servers: readonly Server[]): Int32Array {
  const count = servers.length;
  const earliest = new Int32Array(count).fill(-1);
  // Most pods serve from one container or none.
  if (count < 2) return earliest;
  const holders = new Map<string, number[]>();
  for (const [index, server] of servers.entries()) {
    for (const key of ownKeys(server)) {
      const list = holders.get(key);
      if (list) list.push(index);
      else holders.set(key, [index]);
    }
  }
  const words = Math.ceil(count / 32);
  const dense = Math.max(64, words);
  const bitsOf = new Map<string, KeyBits>();
  for (const [key, list] of holders) {
    if (list.length < dense) continue;
    const bits = new Uint32Array(words);
    for (const index of list) bits[index >>> 5]! |= 1 << (index & 31);
    const partial = new Int32Array(words + 1).fill(words);
    for (let word = words - 1; word >= 0; word -= 1) partial[word] = bits[word] === 0xffffffff ? partial[word + 1]! : word;
    bitsOf.set(key, { bits, partial });
  }
  for (const [index, server] of servers.entries()) {
    const keys = queriedKeys(server);
    if (!keys) continue;
    const bitKeys: KeyBits[] = [];
    const listKeys: number[][] = [];
    for (const key of keys) {
      const bits = bitsOf.get(key);
      if (bits) bitKeys.push(bits);
      else if (holders.has(key)) listKeys.push(holders.get(key)!);
    }
    const next = new Array<number>(listKeys.length).fill(0);
    for (let word = 0; word * 32 < index; word += 1) {
      // Words where one key lists every server are skipped whole: many replicas of one image.
      let partial = word;
      for (const key of bitKeys) partial = Math.max(partial, key.partial[word]!);
      if (partial > word) {
        word = partial - 1;
        continue;
      }
      // Bits at and after `index` stand for the server itself and those after it: never candidates.
      let taken = index - word * 32 < 32 ? ~((1 << (index - word * 32)) - 1) : 0;
      for (const key of bitKeys) taken |= key.bits[word]!;
      for (const [position, list] of listKeys.entries()) {
        let at = next[position]!;
        while (at < list.length && list[at]! >>> 5 < word) at += 1;
        for (; at < list.length && list[at]! >>> 5 === word; at += 1) taken |= 1 << (list[at]! & 31);
        next[position] = at;
      }
      const free = ~taken;
      if (free !== 0) {
        earliest[index] = word * 32 + 31 - Math.clz32(free & -free);
        break;
      }
    }
  }
  return earliest;
}

/** The servers that have one key, as bits, and for each word of them the first at or after it not all set. */
interface KeyBits {
  bits: Uint32Array;
  partial: Int32Array;
}

/** What a server has that can make it dependent on a later server: see `earliestIndependent`. */
function ownKeys(server: Server): string[] {
  const keys = [`class ${classOf(server)}`, `image ${server.image}`, ...[...server.volumes].map((volume) => `volume ${volume}`), ...server.ports.map((port) => `port ${port}`)];
  const use = server.loopback;
  // The server points at localhost: at every later server, or at those serving a port it names.
  if (use?.unnamedPort) keys.push('reaches any');
  else if (use) for (const port of new Set([...use.explicitPorts, ...use.mentions])) keys.push(`reaches ${port}`);
  return keys;
}

/** The keys that make an earlier server dependent on this one, or undefined when every earlier server is. */
function queriedKeys(server: Server): Set<string> | undefined {
  const use = server.loopback;
  if (use?.unnamedPort) return undefined;
  const keys = new Set([`class ${classOf(server) === 'data' ? 'other' : 'data'}`, `image ${server.image}`, 'reaches any']);
  for (const volume of server.volumes) keys.add(`volume ${volume}`);
  for (const port of server.ports) keys.add(`reaches ${port}`).add(`port ${port}`);
  if (use) for (const port of [...use.explicitPorts, ...use.mentions]) keys.add(`port ${port}`);
  return keys;
}

const classOf = (server: Server) => (server.tier.tier === 'data' ? 'data' : 'other');

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
