// The app server split-tiers names beside each data store: worked out once per pod (and once per set of shared data
// volumes) instead of for each pair of containers; checked against asking each pair, on generated pods whose
// containers often share volumes, serve data-store ports or run as native sidecars.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { containerPorts, DATA_STORE_PORTS, TierClassifier, type ContainerRef } from '@podlint/core';
import { lintWithAllRules } from '../fixture-utils.js';
import { mountedVolumes } from '../pod-design-utils.js';

interface GeneratedContainer {
  image: string;
  ports: number[];
  mounts: string[];
  sidecar: boolean;
}

/** The pod's volumes: configuration, data, and `claimed` left undeclared (storage from volumeClaimTemplates). */
const VOLUMES = '  volumes:\n  - {name: config, configMap: {name: c}}\n  - {name: data, emptyDir: {}}\n  - {name: cache, emptyDir: {}}\n  - {name: data, secret: {secretName: s}}\n';

/** Asking each pair, as split-tiers did: for each data store, the first container that is an app server beside it. */
function pairByPair(containers: readonly GeneratedContainer[]): string[] {
  const classifier = new TierClassifier({});
  const configuration = new Set(['config']);
  const running = containers.map((container, index) => {
    const object = { name: `c${index}`, image: container.image, ports: container.ports.map((containerPort) => ({ containerPort })), volumeMounts: container.mounts.map((name) => ({ name, mountPath: `/${name}` })) };
    const ref = { role: container.sidecar ? 'sidecar' : 'main', container: object, path: [], name: object.name } as unknown as ContainerRef;
    return { ref, tier: classifier.classify(object) };
  });
  const appServer = (entry: (typeof running)[number], data: (typeof running)[number]) => {
    if (entry.ref.role !== 'main') return false;
    if (entry.tier.tier === 'web') return true;
    if (entry.tier.tier !== undefined) return false;
    if (!containerPorts(entry.ref).some((port) => typeof port.containerPort === 'number' && !(port.containerPort in DATA_STORE_PORTS))) return false;
    const ofData = mountedVolumes(data.ref);
    return ![...mountedVolumes(entry.ref)].some((volume) => ofData.has(volume) && !configuration.has(volume));
  };
  return running.flatMap((data) => {
    if (data.tier.tier !== 'data') return [];
    const app = running.find((entry) => entry !== data && appServer(entry, data));
    return app ? [`${data.ref.name} beside ${app.ref.name}`] : [];
  });
}

function pod(containers: readonly GeneratedContainer[]): string {
  const lines = (container: GeneratedContainer, index: number) =>
    `  - name: c${index}\n    image: ${container.image}\n${container.sidecar ? '    restartPolicy: Always\n' : ''}    ports: [${container.ports.map((port) => `{containerPort: ${port}}`).join(', ')}]\n    volumeMounts: [${container.mounts.map((name) => `{name: ${name}, mountPath: /${name}}`).join(', ')}]\n`;
  const main = containers.map((container, index) => (container.sidecar ? '' : lines(container, index))).join('');
  const sidecars = containers.map((container, index) => (container.sidecar ? lines(container, index) : '')).join('');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n${VOLUMES.replaceAll(/^/gm, '    ').trimEnd()}\n      containers:\n${main.replaceAll(/^(?=.)/gm, '    ')}${sidecars ? `      initContainers:\n${sidecars.replaceAll(/^(?=.)/gm, '    ')}` : ''}`;
}

const container: fc.Arbitrary<GeneratedContainer> = fc.record({
  image: fc.constantFrom('redis:7', 'postgres:16', 'nginx:1.27', 'acme/agent:1', 'acme/api:2', 'fluent-bit:3'),
  ports: fc.uniqueArray(fc.constantFrom(80, 8080, 6379, 5432), { maxLength: 2 }),
  mounts: fc.uniqueArray(fc.constantFrom('config', 'data', 'cache', 'claimed'), { maxLength: 3 }),
  sidecar: fc.constantFrom(false, false, false, true),
});

describe('split-tiers: the app server beside each data store', () => {
  it('names what asking each pair names', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 8 }), (containers) => {
        // Native sidecars come after the main containers in the pod, and so in the order containers are asked in.
        const ordered = [...containers.filter((entry) => !entry.sidecar), ...containers.filter((entry) => entry.sidecar)];
        const expected = pairByPair(ordered);
        const reported = lintWithAllRules('/project/deployment.yaml', pod(ordered), 'split-tiers')
          .messages.filter((message) => message.ruleId === 'split-tiers')
          .map((message) => {
            const [, data, app] = /^(?:Container|Native sidecar) "(\w+)" runs .* in the same pod as container "(\w+)"/.exec(message.message)!;
            return `${data} beside ${app}`;
          });
        assert.deepEqual(reported, expected);
        found += expected.length;
      }),
      { numRuns: 400, seed: 20_250_101 },
    );
    assert.ok(found > 200, `only ${found} findings`);
  });
});
