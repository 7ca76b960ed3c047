// The pair check compares each serving container with those before it: bounded per pod, so that a pod of
// thousands of containers of one image (never coupled to one another) cannot take minutes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PAIR_CHECKS } from './loosely-coupled-containers.js';
import { lintRun } from './lint-run-utils.js';

/** A pod of `same` serving containers of one image, then one of another image (independent of the first). */
function pod(same: number): string {
  const containers = Array.from({ length: same }, (_, index) => `  - {name: c${index}, image: app:1, ports: [{containerPort: ${1000 + index}}]}\n`).join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}  - {name: other, image: other:1, ports: [{containerPort: 80}]}\n`;
}

/** Checks the pair loop makes before it reaches the last container: each of the `same` compares with all before it. */
const checksBefore = (same: number) => (same * (same - 1)) / 2;

describe('loosely-coupled-containers in very large pods', () => {
  it('compares every pair while the pod stays within the budget of pair checks', () => {
    let same = 1;
    while (checksBefore(same + 1) < MAX_PAIR_CHECKS) same += 1;
    const findings = lintRun([{ path: '/repo/pod.yaml', text: pod(same) }], 'loosely-coupled-containers').get('/repo/pod.yaml')!;
    assert.equal(findings.length, 1);
    assert.match(findings[0]!, /^\d+:\d+ Container "other" and container "c0" each serve their own ports \(80 and 1000\)/);
  });

  it('stops comparing once the budget is spent', () => {
    let same = 1;
    while (checksBefore(same) < MAX_PAIR_CHECKS) same += 1;
    assert.deepEqual(lintRun([{ path: '/repo/pod.yaml', text: pod(same) }], 'loosely-coupled-containers').get('/repo/pod.yaml') ?? [], []);
  });
});
