// Property-based tests over generated and mutated manifests, with every rule on: no exception escapes and no
// rule crashes, every diagnostic's range lies inside its file, a run is deterministic, and applying fixes then
// re-linting reaches a fixed point. Generated inputs cover every pod-holding kind, Lists, native sidecars and
// both YAML styles; mutations break them the way typing does (deleted characters, stray brackets, tabs, aliases).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { applyFixes, INTERNAL_ERROR_RULE, type FileResult } from '@podlint/core';
import { lintWithAllRules } from './fixture-utils.js';

const name = fc.constantFrom('web', 'db', 'proxy', 'log-shipper', 'a', 'Bad_Name', '', 'x'.repeat(70));
const image = fc.constantFrom('nginx', 'nginx:latest', 'postgres:16.4', 'redis', 'fluent/fluent-bit:3.1', 'busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7', '', 'registry:5000/app');
const port = fc.record(
  {
    containerPort: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom(80, 8080, 53), fc.constant('http')),
    name: fc.constantFrom('http', 'metrics', 'TOO-long-port-name-x'),
    protocol: fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp'),
    hostPort: fc.constantFrom(0, 80, 443),
  },
  { requiredKeys: ['containerPort'] },
);
const probe = fc.record(
  {
    httpGet: fc.record({ port: fc.oneof(fc.constantFrom(8080, 'http', 'nope')), path: fc.constant('/healthz') }),
    tcpSocket: fc.record({ port: fc.constantFrom(53, 'dns') }),
    exec: fc.record({ command: fc.constant(['cat', '/tmp/ok']) }),
    periodSeconds: fc.integer({ min: -1, max: 30 }),
    timeoutSeconds: fc.integer({ min: 0, max: 30 }),
    failureThreshold: fc.integer({ min: 0, max: 5 }),
    successThreshold: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: [] },
);
const container = fc.record(
  {
    name,
    image,
    ports: fc.array(port, { maxLength: 3 }),
    command: fc.constantFrom(['sh', '-c', 'nginx & php-fpm'], ['sh', '-c', 'exec nginx -g "daemon off;"'], ['supervisord'], ['/app'], ['bash', '-c', 'a && b; c & wait']),
    args: fc.constantFrom(['--port=8080'], ['--peer', '10.244.1.7:7000'], []),
    env: fc.array(fc.record({ name: fc.constantFrom('A', 'B', 'A'), value: fc.constantFrom('1', '$(A)', '10.1.2.3') }), { maxLength: 3 }),
    resources: fc.record({ requests: fc.record({ cpu: fc.constantFrom('100m', '1', 'lots'), memory: fc.constantFrom('512MB', '128Mi', '1.5.0', 100) }), limits: fc.record({ memory: fc.constantFrom('64Mi', '1Gi') }) }, { requiredKeys: [] }),
    livenessProbe: probe,
    readinessProbe: probe,
    restartPolicy: fc.constantFrom('Always', 'Never', 'OnFailure'),
    volumeMounts: fc.array(fc.record({ name: fc.constantFrom('data', 'logs', 'missing'), mountPath: fc.constantFrom('/data', '/var/log', '/data') }), { maxLength: 2 }),
    securityContext: fc.record({ privileged: fc.boolean(), runAsNonRoot: fc.boolean(), allowPrivilegeEscalation: fc.boolean(), runAsUser: fc.constantFrom(0, 1000) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['name', 'image'] },
);
const podSpec = fc.record(
  {
    containers: fc.array(container, { minLength: 0, maxLength: 3 }),
    initContainers: fc.array(container, { maxLength: 2 }),
    ephemeralContainers: fc.array(container, { maxLength: 1 }),
    volumes: fc.array(fc.record({ name: fc.constantFrom('data', 'logs', 'data'), emptyDir: fc.constant({}) }), { maxLength: 2 }),
    restartPolicy: fc.constantFrom('Always', 'Never', 'OnFailure', 'Sometimes'),
    hostNetwork: fc.boolean(),
  },
  { requiredKeys: ['containers'] },
);
const labels = fc.constantFrom({ app: 'web' }, { app: 'db' }, {});
const metadata = fc.record({ name, namespace: fc.constantFrom('default', 'prod'), labels, uid: fc.constant('0a1b'), resourceVersion: fc.constant('12') }, { requiredKeys: ['name'] });
const template = fc.record({ metadata: fc.record({ labels }), spec: podSpec });
const selector = fc.record({ matchLabels: labels });

const object = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata, spec: podSpec, status: fc.constant({ phase: 'Running' }) }, { requiredKeys: ['apiVersion', 'kind'] }),
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) =>
    fc.record({ apiVersion: fc.constantFrom('apps/v1', 'extensions/v1beta1'), kind: fc.constant(kind), metadata, spec: fc.record({ selector, template, serviceName: fc.constant('svc') }, { requiredKeys: [] }) }, { requiredKeys: ['apiVersion', 'kind'] }),
  ),
  fc.record({ apiVersion: fc.constant('batch/v1'), kind: fc.constant('Job'), metadata, spec: fc.record({ template }) }),
  fc.record({ apiVersion: fc.constantFrom('batch/v1', 'batch/v1beta1'), kind: fc.constant('CronJob'), metadata, spec: fc.record({ schedule: fc.constant('@daily'), jobTemplate: fc.record({ spec: fc.record({ template }) }) }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ReplicationController'), metadata, spec: fc.record({ selector: labels, template }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Service'), metadata, spec: fc.record({ selector: labels, ports: fc.array(fc.record({ port: fc.constantFrom(80, 443), targetPort: fc.constantFrom(8080, 'http', 'nope') }), { maxLength: 2 }) }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ConfigMap'), metadata, data: fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom('x', '10.0.0.7')) }),
  fc.record({ on: fc.constant('push'), jobs: fc.constant({}) }),
);

const documentText = fc.tuple(object, fc.constantFrom(0, 1, 2, 3), fc.constantFrom(2, 4)).map(([value, flowLevel, indent]) =>
  stringify(value, { version: '1.1', flowCollectionPadding: flowLevel % 2 === 0, indent, collectionStyle: flowLevel === 3 ? 'flow' : 'any' }),
);
const manifest = fc.oneof(
  fc.array(documentText, { minLength: 1, maxLength: 4 }).map((docs) => docs.join('---\n')),
  fc.array(object, { minLength: 1, maxLength: 3 }).map((items) => stringify({ apiVersion: 'v1', kind: 'List', items }, { version: '1.1' })),
  fc.array(object, { minLength: 1, maxLength: 2 }).map((items) => items.map((item) => JSON.stringify(item, null, 2)).join('\n---\n')),
);

const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.constantFrom('', ':', '{', '[', ']', '- ', '\t', '&a ', '*a', '*b', '"', "'", '\n', '\r\n', '\r', '  ', '#', '---\n', '...\n', '? ', '|', '>-\n', '!!binary ', '<<: *a\n', '\uFEFF') });
const mutated = fc.tuple(manifest, fc.array(mutation, { maxLength: 4 })).map(([text, mutations]) => {
  let result = text;
  for (const { at, remove, insert } of mutations) {
    const position = result.length === 0 ? 0 : at % result.length;
    result = result.slice(0, position) + insert + result.slice(position + remove);
  }
  return result;
});

function checkInvariants(text: string, result: FileResult): void {
  const crashes = result.messages.filter((message) => message.ruleId === INTERNAL_ERROR_RULE);
  assert.deepEqual(crashes.map((message) => message.message), [], 'no rule crashes');
  // Lines end as podlint (and LSP) ends them: at \n, \r\n, or a lone \r. Counted at \n alone, a lone \r that
  // a mutation left (a \r\n with its \n removed) made correct ranges look outside their lines.
  const lines = text.split(/\r\n|\r|\n/);
  for (const message of result.messages) {
    const { start, end } = message.range;
    const where = `${message.ruleId} ${start.line}:${start.character}-${end.line}:${end.character}`;
    assert.ok(start.line >= 0 && start.line < lines.length, `start line inside the file: ${where}`);
    assert.ok(end.line >= start.line && end.line < lines.length, `end line inside the file: ${where}`);
    assert.ok(start.character >= 0 && start.character <= lines[start.line]!.length, `start column inside its line: ${where}`);
    assert.ok(end.character <= lines[end.line]!.length, `end column inside its line: ${where}`);
    assert.ok(message.offsets[0] <= message.offsets[1] && message.offsets[1] <= text.length, `offsets inside the text: ${where}`);
    // An unfilled placeholder is `{{name}}`; a key of the linted text may hold `{{` itself (a mutation's `{`).
    const placeholder = /\{\{\s*\w+\s*\}\}/.exec(message.message);
    assert.ok(message.message.length > 0 && (!placeholder || text.includes(placeholder[0])), `a filled message: ${where}: ${message.message}`);
  }
}

function strip(result: FileResult) {
  return result.messages.map(({ ruleId, message, range, fix, suggestions }) => ({ ruleId, message, range, fix, suggestions }));
}

describe('properties of a lint run (fast-check)', () => {
  it('never throws, never crashes a rule, keeps ranges inside the file, and is deterministic, on generated manifests', () => {
    fc.assert(
      fc.property(manifest, (text) => {
        const first = lintWithAllRules('/p/generated.yaml', text);
        checkInvariants(text, first);
        assert.deepEqual(strip(lintWithAllRules('/p/generated.yaml', text)), strip(first), 'deterministic');
      }),
      { numRuns: 250, seed: 20261122 },
    );
  });

  it('keeps the same guarantees on mutated (broken) manifests', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        checkInvariants(text, lintWithAllRules('/p/mutated.yaml', text));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('reaches a fixed point when fixes are applied and the text re-linted', () => {
    fc.assert(
      fc.property(manifest, (text) => {
        let current = text;
        for (let pass = 0; pass < 10; pass += 1) {
          const result = lintWithAllRules('/p/fix.yaml', current);
          checkInvariants(current, result);
          const fixes = result.messages.flatMap((message) => (message.fix ? [message.fix] : []));
          if (fixes.length === 0) return;
          const { output } = applyFixes(current, fixes);
          if (output === current) return;
          current = output;
        }
        assert.fail(`fixes did not settle within 10 passes:\n${current}`);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
