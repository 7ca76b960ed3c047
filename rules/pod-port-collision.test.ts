// Host ports: the rule looks up the first earlier claim a binding conflicts with (the first of all, the first
// without a hostIP, the first of its hostIP) instead of scanning every claim; checked against the scan on generated
// pods, where containers bind few host ports and addresses so that they often meet. 0.0.0.0 and :: bind every
// address of the node, as no hostIP does. A binding that repeats its own container's protocol, hostIP as written
// and port, and collides with no other container, is the server's duplicate ("twice").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lintWithAllRules } from './fixture-utils.js';

interface Binding {
  hostPort: number;
  protocol: 'TCP' | 'UDP';
  hostIP: string | undefined;
}

/** What scanning every earlier claim finds: for each binding in order, the container it conflicts with or "twice", if any. */
function scanEveryClaim(containers: readonly Binding[][]): Array<string | undefined> {
  const claims = new Map<string, Array<{ container: number; hostIP: string | undefined }>>();
  const found: Array<string | undefined> = [];
  containers.forEach((bindings, container) => {
    const written = new Set<string>();
    for (const binding of bindings) {
      const serverKey = `${binding.protocol}/${binding.hostIP ?? ''}/${binding.hostPort}`;
      const key = `${binding.hostPort}/${binding.protocol}`;
      const everyAddress = (hostIP: string | undefined) => hostIP === undefined || hostIP === '0.0.0.0' || hostIP === '::';
      const earlier = (claims.get(key) ?? []).find(
        (claim) => claim.container !== container && (everyAddress(claim.hostIP) || everyAddress(binding.hostIP) || claim.hostIP === binding.hostIP),
      );
      found.push(earlier ? `container "c${earlier.container}"` : written.has(serverKey) ? 'twice' : undefined);
      written.add(serverKey);
      if (!earlier) claims.set(key, [...(claims.get(key) ?? []), { container, hostIP: binding.hostIP }]);
    }
  });
  return found;
}

/** A pod with one binding per line, each with its own containerPort (so that only host ports can collide). */
function pod(containers: readonly Binding[][]): { text: string; lines: number[] } {
  const lines: number[] = [];
  const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:'];
  containers.forEach((bindings, container) => {
    text.push(`  - name: c${container}`, '    image: agent:1', '    ports:');
    for (const binding of bindings) {
      lines.push(text.length + 1);
      const hostIP = binding.hostIP === undefined ? '' : `, hostIP: "${binding.hostIP}"`;
      text.push(`    - {containerPort: ${lines.length}, hostPort: ${binding.hostPort}, protocol: ${binding.protocol}${hostIP}}`);
    }
  });
  return { text: `${text.join('\n')}\n`, lines };
}

const binding: fc.Arbitrary<Binding> = fc.record({
  hostPort: fc.constantFrom(80, 443),
  protocol: fc.constantFrom('TCP' as const, 'TCP' as const, 'UDP' as const),
  hostIP: fc.constantFrom(undefined, '0.0.0.0', '::', '10.0.0.1', '10.0.0.2', '10.0.0.3'),
});

describe('pod-port-collision: host ports', () => {
  it('reports what scanning every earlier claim reports', () => {
    let conflicts = 0;
    fc.assert(
      fc.property(fc.array(fc.array(binding, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), (containers) => {
        const { text, lines } = pod(containers);
        const expected = scanEveryClaim(containers).flatMap((other, index) => (other ? [`${lines[index]} ${other}`] : []));
        const reported = lintWithAllRules('/project/pod.yaml', text, 'pod-port-collision')
          .messages.filter((message) => message.ruleId === 'pod-port-collision')
          .map((message) => `${message.range.start.line + 1} ${/which (.+) of the same pod/.exec(message.message)?.[1] ?? (message.message.includes(' twice;') ? 'twice' : message.message)}`);
        assert.deepEqual(reported, expected);
        conflicts += expected.length;
      }),
      { numRuns: 300, seed: 20_240_611 },
    );
    assert.ok(conflicts > 300, `only ${conflicts} conflicts`);
  });
});
