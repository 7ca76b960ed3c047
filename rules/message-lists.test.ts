// Messages that name what a pod declares list five items and count the rest: a pod of thousands of containers or
// ports would otherwise repeat all of them in every message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintRun } from './lint-run-utils.js';

const names = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index)).join('');

describe('lists in messages', () => {
  it('ephemeral-container-invalid names five of the containers a target may be', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${names(7, (index) => `  - {name: c${index}, image: nginx:1.27}\n`)}  ephemeralContainers:\n  - {name: debug, image: busybox, targetContainerName: nope}\n`;
    const [message] = lintRun([{ path: '/repo/pod.yaml', text }], 'ephemeral-container-invalid').get('/repo/pod.yaml')!.filter((line) => line.includes('"nope"'));
    assert.match(message!, /"c0", "c1", "c2", "c3", "c4" and 2 more/);
  });

  it('probe-port-not-exposed names five of the declared ports', () => {
    const ports = names(6, (index) => `    - {name: p${index}, containerPort: ${8000 + index}}\n`);
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n        readinessProbe:\n          tcpSocket: {port: 9090}\n        ports:\n${ports.replace(/^ {4}/gm, '        ')}`;
    const [message] = lintRun([{ path: '/repo/d.yaml', text }], 'probe-port-not-exposed').get('/repo/d.yaml')!;
    assert.match(message!, /8000 "p0", 8001 "p1", 8002 "p2", 8003 "p3", 8004 "p4" and 1 more/);
  });
});
