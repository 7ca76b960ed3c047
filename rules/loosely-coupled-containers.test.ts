// The pair search finds, for each serving container, the first one before it that it is independent of, without
// comparing pair by pair: checked against comparing every pair, and on pods too large for that.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ContainerRef } from '@podlint/core';
import { earliestIndependent, independent, type Server } from './loosely-coupled-containers.js';
import { lintRun } from './lint-run-utils.js';

/** What comparing every pair finds: the reference the search must match. */
function pairByPair(servers: readonly Server[]): number[] {
  return servers.map((server, index) => servers.slice(0, index).findIndex((earlier) => independent(earlier, server)));
}

// Few distinct values, so that generated servers often share an image, a volume, a port or a mention.
const port = fc.integer({ min: 80, max: 86 });
const server: fc.Arbitrary<Server> = fc
  .record({
    data: fc.boolean(),
    image: fc.constantFrom('a', 'b', 'c', 'd'),
    ports: fc.uniqueArray(port, { minLength: 1, maxLength: 3 }),
    volumes: fc.uniqueArray(fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5'), { maxLength: 2 }),
    loopback: fc.option(fc.record({ explicitPorts: fc.uniqueArray(port, { maxLength: 2 }), mentions: fc.uniqueArray(port, { maxLength: 2 }), unnamedPort: fc.constantFrom(false, false, false, true) })),
  })
  .map(({ data, image, ports, volumes, loopback }) => ({
    container: {} as ContainerRef,
    tier: { tier: data ? ('data' as const) : ('web' as const), reason: 'image' as const, subject: image },
    ports,
    image,
    volumes: new Set(volumes),
    loopback: loopback ? { explicitPorts: new Set(loopback.explicitPorts), mentions: new Set(loopback.mentions), unnamedPort: loopback.unnamedPort } : undefined,
  }));

/** A pod of `same` serving containers of one image, then one of another image (independent of the first). */
function pod(same: number): string {
  const containers = Array.from({ length: same }, (_, index) => `  - {name: c${index}, image: app:1, ports: [{containerPort: ${1000 + index}}]}\n`).join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}  - {name: other, image: other:1, ports: [{containerPort: 80}]}\n`;
}

describe('loosely-coupled-containers: the pair search', () => {
  it('finds what comparing every pair finds', () => {
    // Up to 300 servers: keys that 64 or more servers share are kept as bits.
    fc.assert(
      fc.property(fc.array(server, { maxLength: 300 }), (servers) => {
        assert.deepEqual([...earliestIndependent(servers)], pairByPair(servers));
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('finds what comparing every pair finds among runs of replicas', () => {
    // Runs of one server fill whole words of their keys' bits, which the search skips.
    const replicas = fc.array(fc.tuple(server, fc.integer({ min: 1, max: 100 })), { maxLength: 8 }).map((runs) => runs.flatMap(([one, times]) => Array<Server>(times).fill(one)));
    fc.assert(
      fc.property(replicas, (servers) => {
        assert.deepEqual([...earliestIndependent(servers)], pairByPair(servers));
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('compares the last container of a pod of 20,000 with all before it', () => {
    // 200 million pairs; a cap on the pairs compared once stopped before the last container, and said nothing.
    const findings = lintRun([{ path: '/repo/pod.yaml', text: pod(20_000) }], 'loosely-coupled-containers').get('/repo/pod.yaml')!;
    assert.deepEqual(findings, [
      '20007:12 Container "other" and container "c0" each serve their own ports (80 and 1000) and share no volume, localhost connection or process namespace: they look like independent components tied into one pod, so they can only scale, restart and move together. Consider running them as two workloads, each behind its own Service.',
    ]);
  });
});
