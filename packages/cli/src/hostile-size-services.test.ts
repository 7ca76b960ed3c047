// Inputs large enough that a rule whose cost grows with the square of their size would take minutes: the Service
// rules (Services against many pod templates) and the pod rules that compare a pod's containers, ports and volumes
// with each other. Each runs the real command in a child process with a memory cap and a hang guard
// (testing/hostile.ts), and checks the findings themselves; no speed is asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLACEHOLDER_LIMIT, shortenForMessage } from '@podlint/core';
import { podlint, workspace } from './testing/hostile.js';

/** Rules that report every container of these inputs, turned off so that the output is the findings under test. */
const CONTAINER_RULES_OFF = ['liveness-probe-missing', 'readiness-probe-missing', 'resources-missing', 'run-as-non-root', 'privilege-escalation'].flatMap(
  (id) => ['--rule', `${id}: off`],
);

const deployment = (name: string, labels: string, metadata = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}${metadata}}\nspec:\n  selector: {matchLabels: ${labels}}\n  template:\n    metadata: {labels: ${labels}}\n    spec:\n      containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 8080, name: http}]}]\n`;
const service = (name: string, selector: string, metadata = '', targetPort = 'http') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}${metadata}}\nspec:\n  selector: ${selector}\n  ports: [{port: 80, targetPort: ${targetPort}}]\n`;

describe('hostile sizes: Services', () => {
  it('checks the targetPorts of 10,000 Services in 10,000 namespaces against the same 10,000 Deployments', () => {
    // service-target-port-missing worked out each Service's selection once per namespace, so each of these indexed
    // the ports of all 10,000 Deployments again: 2,000 took 6 s, 8,000 took 149 s, these about four minutes (the hang
    // guard).
    const count = 10_000;
    const documents = Array.from({ length: count }, (_, index) => [deployment(`d${index}`, '{app: web}'), service(`s${index}`, '{app: web}', `, namespace: ns${index}`, 'nope')]);
    const root = workspace({ 'app.yaml': documents.flat().join('---\n') });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', ...CONTAINER_RULES_OFF, 'app.yaml']);
    assert.equal(result.code, 0);
    const message =
      'No container of the pods this Service selects (Deployment "d0", Deployment "d1", Deployment "d2", Deployment "d3", Deployment "d4" and 9995 more) declares a TCP port named "nope", so the Service has no endpoint for it and its traffic fails. Name the container port "nope", or target a declared name ("http").';
    // Each pair of documents is 17 lines (with its ---); the targetPort is on the 6th line of a Service.
    const expected = Array.from({ length: count }, (_, index) => `app.yaml:${17 * index + 16}:34: warning ${message} [service-target-port-missing]\n`);
    assert.equal(result.stdout, expected.join(''));
  });

  it('names the closest template for each of 8,000 Services that select nothing, among 8,000 Deployments in their folder', () => {
    // service-selector-no-match compared each Service's 50 selector labels with every template of its folder (and
    // sorted them into run order first): 4,000 took 50 s, these would take minutes (the hang guard). Now it looks only
    // at the templates that share a label, and stops at the first that shares all it can (tier: web).
    const count = 8000;
    const labels = Array.from({ length: 48 }, (_, index) => `x${index}: '1'`).join(', ');
    const documents = Array.from({ length: count }, (_, index) => [deployment(`d${index}`, `{app: d${index}, tier: web}`), service(`s${index}`, `{app: s${index}, tier: web, ${labels}}`)]);
    const root = workspace({ 'app.yaml': documents.flat().join('---\n') });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', ...CONTAINER_RULES_OFF, 'app.yaml']);
    assert.equal(result.code, 0);
    const selected = labels.replaceAll(': ', '=').replaceAll("'", '');
    const expected = Array.from(
      { length: count },
      (_, index) =>
        // Messages hold at most 300 characters of each listed value.
        `app.yaml:${17 * index + 15}:3: warning No pod template among the linted files has the labels ${shortenForMessage(`app=s${index}, tier=web, ${selected}`, PLACEHOLDER_LIMIT)} that this Service selects, so it gets no endpoints and traffic to it fails; the closest, Deployment "d0", has ${shortenForMessage(`app=d0, tier=web, ${selected.replaceAll('=1', '=(none)')}`, PLACEHOLDER_LIMIT)}. Make the selector match the labels of the pod template it fronts. [service-selector-no-match]\n`,
    );
    assert.equal(result.stdout, expected.join(''));
  });

  it('names the namespace of the pods for each of 16,000 Services in 16,000 other namespaces', () => {
    // service-selector-no-match listed the matching templates and their namespaces again for each Service, reading a
    // long namespace name whole each time: with a short name these took 80 s, with this one five minutes (the hang
    // guard). Now once per selector.
    const count = 16_000;
    const namespace = 'storefront-checkout-payments-production-europe-west1-primary-a';
    const documents = Array.from({ length: count }, (_, index) => [deployment(`d${index}`, '{app: web}', `, namespace: ${namespace}`), service(`s${index}`, '{app: web}', `, namespace: ns${index}`)]);
    const root = workspace({ 'app.yaml': documents.flat().join('---\n') });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', ...CONTAINER_RULES_OFF, 'app.yaml']);
    assert.equal(result.code, 0);
    const expected = Array.from(
      { length: count },
      (_, index) =>
        `app.yaml:${17 * index + 15}:3: warning The pods of Deployment "d0", Deployment "d1", Deployment "d2", Deployment "d3", Deployment "d4" and 15995 more have the labels app=web, but they are in namespace "${namespace}" and a Service selects pods only in its own namespace ("ns${index}"). Put the Service in the namespace of its pods. [service-selector-no-match]\n`,
    );
    assert.equal(result.stdout, expected.join(''));
  });
});

describe('hostile sizes: pods', () => {
  it('checks the host ports of a pod of 1,000 containers that bind 150,000 host addresses', () => {
    // pod-port-collision compared each binding of a host port with every earlier one: 64,000 bindings took 17 s in one
    // container and 53 s across containers, these 250 s (the hang guard). Each container binds its own port on
    // hostPort 8080 at 150 addresses of its own; a last container takes one of them, and then all of them. The pod
    // needs a larger heap than the others: with 512 MB, the largest that fits took the old code under two minutes.
    const address = (index: number) => `10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`;
    const containers = Array.from({ length: 1000 }, (_, container) => {
      const bindings = Array.from({ length: 150 }, (_, binding) => `    - {containerPort: ${1000 + container}, hostPort: 8080, hostIP: ${address(150 * container + binding)}}\n`);
      return `  - name: c${container}\n    image: nginx:1.27\n    ports:\n${bindings.join('')}`;
    });
    const late = `  - name: late\n    image: nginx:1.27\n    ports:\n    - {containerPort: 80, hostPort: 8080, hostIP: ${address(149_999)}}\n    - {containerPort: 81, hostPort: 8080}\n`;
    const root = workspace({ 'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers.join('')}${late}` });
    const args = ['--max-file-size', '0', '--format', 'compact', ...CONTAINER_RULES_OFF, '--rule', 'bare-pod: off', 'pod.yaml'];
    const result = podlint(root, args, undefined, [], 1024);
    assert.equal(result.code, 1);
    const claimed = (line: number, other: string) =>
      `pod.yaml:${line}:37: error Container "late" declares hostPort 8080/TCP, which container "${other}" of the same pod already claims on the node; a host port can be bound only once. Use another hostPort. [pod-port-collision]\n`;
    assert.equal(result.stdout, claimed(153_010, 'c999') + claimed(153_011, 'c0'));
  });

  it('reports each of 16,000 undefined volume mounts of a pod of 16,000 volumes, suggesting names while its budget lasts', () => {
    // volume-mount-undefined looked for the closest volume name of every undefined mount among all the volumes: 1,000
    // of each took 2 to 6 s, 4,000 took 29 s, these would take eight minutes (the hang guard). The suggestions of a
    // pod now share a budget: the first mounts get the closest name, exactly as before, and the rest none. How far it
    // goes is core's business.
    const count = 16_000;
    const name = (prefix: string, index: number) => `${prefix}-${String(index).padStart(6, '0')}`;
    const volumes = Array.from({ length: count }, (_, index) => `  - {name: ${name('vol', index)}, emptyDir: {}}\n`).join('');
    const mounts = Array.from({ length: count }, (_, index) => `    - {name: ${name('mnt', index)}, mountPath: /m${index}}\n`).join('');
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n${volumes}  containers:\n  - name: c\n    image: nginx:1.27\n    volumeMounts:\n${mounts}`;
    const root = workspace({ 'pod.yaml': pod });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', ...CONTAINER_RULES_OFF, '--rule', 'bare-pod: off', 'pod.yaml']);
    assert.equal(result.code, 1);
    const suggested = result.stdout.split('\n').filter((line) => line.includes('did you mean')).length;
    assert.ok(suggested >= 20 && suggested < count, `${suggested} suggestions`);
    const expected = Array.from({ length: count }, (_, index) => {
      const hint = index < suggested ? ` (did you mean "${name('vol', index)}"?)` : '';
      return `pod.yaml:${count + 11 + index}:14: error Container "c" mounts volume "${name('mnt', index)}", but the pod declares no volume of that name${hint}, so the API server rejects it (Not found). Declare it under volumes, or fix the name. [volume-mount-undefined]\n`;
    });
    assert.equal(result.stdout, expected.join(''));
  });

  it('names the app server beside each of 16,000 data stores in a pod of 16,000 agents that share their volume', () => {
    // split-tiers asked, for each data store, whether each container is its app server, working out the container's
    // ports and shared volumes each time: 2,000 of each took 8 s, 8,000 took 66 s, these would take minutes (the hang
    // guard). The agents mount the data stores' volume (they are their helpers), so each data store's app server is
    // the last container.
    const count = 16_000;
    const dataStores = Array.from({ length: count }, (_, index) => `  - {name: db${index}, image: "redis:7", volumeMounts: [{name: data, mountPath: /d}]}\n`);
    const agents = Array.from(
      { length: count },
      (_, index) => `  - {name: agent${index}, image: "acme/agent${index}:1", ports: [{containerPort: ${40_000 + index}}], volumeMounts: [{name: data, mountPath: /d}]}\n`,
    );
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - {name: data, emptyDir: {}}\n  containers:\n${dataStores.join('')}${agents.join('')}  - {name: web, image: "nginx:1.27"}\n`;
    const root = workspace({ 'pod.yaml': pod });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', ...CONTAINER_RULES_OFF, '--rule', 'bare-pod: off', 'pod.yaml']);
    assert.equal(result.code, 0);
    const expected = Array.from(
      { length: count },
      (_, index) =>
        `pod.yaml:${9 + index}:12: warning Container "db${index}" runs "redis", a data tier, in the same pod as container "web" ("nginx", a web or app server): a pod is scaled, scheduled and restarted as one unit, so the data store would be copied with every replica of the app and restarted whenever the app is. Run the data store in its own workload (a StatefulSet, or a managed service) and reach it through a Service. [split-tiers]\n`,
    );
    assert.equal(result.stdout, expected.join(''));
  });
});
