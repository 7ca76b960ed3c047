// Schema checks on hostile sizes, through the real command in a child process (testing/hostile.ts: a memory cap and
// a hang guard): each input here once ran for minutes. The findings are asserted line by line; no speed is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podlint, workspace } from './testing/hostile.js';

describe('hostile sizes: schemas and quantities', () => {
  it('reads a divisor of a million zeros', () => {
    // canonicalQuantity divided the zeros off one at a time, copying the whole number each time: 128,000 zeros took
    // 7 s, these would take minutes (the hang guard).
    const divisor = `1${'0'.repeat(1_000_000)}`;
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    env:\n    - name: A\n      valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: "${divisor}"}}\n`;
    const root = workspace({ 'pod.yaml': pod });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', '--rule', 'resources-missing: off', 'pod.yaml']);
    assert.equal(result.code, 1);
    const findings = result.stdout.split('\n').filter((line) => line.includes('[env-invalid]'));
    // The million digits stand in as <divisor>, so that a failure prints a readable line.
    assert.deepEqual(findings.map((line) => line.replace(divisor, '<divisor>')), [
      'pod.yaml:10:72: error Divisor <divisor> is not allowed for limits.memory; the API server accepts only 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei. [env-invalid]',
    ]);
  });
});
