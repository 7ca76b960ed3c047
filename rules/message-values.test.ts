// Values from a manifest in messages, through every rule: each field of a few manifests that many rules read is
// replaced in turn (removed, null, a mapping, a list, a number, a number in quotes, a very long text), and no
// message may print `undefined`, `[object Object]` or a stray `null`, or repeat an unbounded part of the field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, resolveConfig, type LintMessage } from '@podlint/core';
const PLACEHOLDER_LIMIT = 300;
import { stringify } from 'yaml';
import { REPO_ROOT, rules } from './fixture-utils.js';

type Value = unknown;
type Path = (string | number)[];

/** Groups of objects linted together (a Service with the Deployment it selects), each varied on its own. */
const GROUPS: readonly Value[][] = [
  [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web', tier: 'frontend' }, annotations: { owner: 'team-a' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            restartPolicy: 'Always',
            volumes: [
              { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
              { name: 'config', configMap: { name: 'web-config', defaultMode: 420 } },
            ],
            initContainers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', restartPolicy: 'Always' }],
            containers: [
              {
                name: 'web',
                image: 'nginx:1.27',
                imagePullPolicy: 'IfNotPresent',
                command: ['sh', '-c', "exec nginx -g 'daemon off;'"],
                args: ['--port=8080'],
                ports: [
                  { name: 'http', containerPort: 8080, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9090 },
                ],
                env: [
                  { name: 'MODE', value: 'fast' },
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
                ],
                envFrom: [{ configMapRef: { name: 'web-config' } }],
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
                readinessProbe: { tcpSocket: { port: 8080 } },
                securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
              },
              { name: 'exporter', image: 'prom/statsd-exporter:v0.26', ports: [{ containerPort: 9102 }] },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http' },
          { port: 9090, targetPort: 9090, protocol: 'TCP' },
        ],
      },
    },
  ],
  [
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report' },
      spec: {
        schedule: '@daily',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }] } } } },
      },
    },
    { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'old' }, spec: { backend: { serviceName: 'web', servicePort: 80 } } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } },
    { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }] },
  ],
];

const config = resolveConfig(rules, { path: 'test', directory: REPO_ROOT, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/repo/m.yaml', new Map());
const linter = new Linter(rules);

/** Every path of a value: mapping entries and list items, outermost first. */
function pathsOf(value: Value, path: Path = [], into: Path[] = []): Path[] {
  if (path.length > 0) into.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...path, index], into));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], into);
  return into;
}

function valueAt(value: Value, path: Path): Value {
  return path.reduce<Value>((current, segment) => (current as Record<string | number, Value>)[segment], value);
}

/** A copy of `value` with the entry at `path` changed by `change`, which gets the parent and the last segment. */
function changed(value: Value, path: Path, change: (parent: Record<string | number, Value>, last: string | number) => void): Value {
  const copy = structuredClone(value);
  change(valueAt(copy, path.slice(0, -1)) as Record<string | number, Value>, path[path.length - 1]!);
  return copy;
}

/** The messages (and suggestions) of a group with one object changed, linted as one file. */
function messagesOf(group: readonly Value[], index: number, object: Value): LintMessage[] {
  const text = group.map((item, at) => stringify(at === index ? object : item, { lineWidth: 0 })).join('---\n');
  const { messages } = linter.lintText({ filePath: '/repo/m.yaml', text, config });
  assert.deepEqual(messages.filter((message) => message.ruleId === 'internal-error').map((message) => message.message), []);
  return messages;
}

/** Each object of each group with each of its paths changed, and the messages that result. */
function* variants(changes: (value: Value, path: Path) => Value[]): Generator<{ where: string; messages: LintMessage[] }> {
  for (const group of GROUPS) {
    for (const [index, object] of group.entries()) {
      for (const path of pathsOf(object)) {
        for (const variant of changes(object, path)) yield { where: `${(object as { kind: string }).kind} ${path.join('.')}`, messages: messagesOf(group, index, variant) };
      }
    }
  }
}

function texts(messages: readonly LintMessage[]): string[] {
  return messages.flatMap((message) => [message.message, ...(message.suggestions ?? []).map((suggestion) => suggestion.message)]);
}

/** What a malformed field may hold instead; undefined removes it. */
const MALFORMED: readonly Value[] = [undefined, null, { a: 1 }, [1], 5432, '5432', ''];

/** JavaScript's words for what is not a value: a message says what is there instead. `(null)` is describeValue's. */
const GARBLED = /\bundefined\b|\[object |\bNaN\b|(^|[^"(\w])null($|[^")\w])/;

describe('values in messages', () => {
  it('describes a malformed field in words, never as undefined, null or [object Object]', () => {
    const changes = (object: Value, path: Path): Value[] =>
      MALFORMED.map((malformed) =>
        changed(object, path, (parent, last) => {
          if (malformed !== undefined) parent[last] = structuredClone(malformed);
          else if (Array.isArray(parent)) parent.splice(last as number, 1);
          else delete parent[last];
        }),
      );
    const garbled = new Set<string>();
    for (const { where, messages } of variants(changes)) {
      for (const message of messages) {
        for (const text of texts([message])) if (GARBLED.test(text)) garbled.add(`${message.ruleId} (${where}): ${text}`);
      }
    }
    assert.deepEqual([...garbled], []);
  });


  it('never repeats more than a bounded part of a long key or value', () => {
    const long = `${'x'.repeat(20_000)}🎉`;
    const changes = (object: Value, path: Path): Value[] => {
      const renamed = typeof path[path.length - 1] === 'string' ? [changed(object, path, (parent, last) => {
        parent[`${String(last)}${long}`] = parent[last];
        delete parent[last];
      })] : [];
      const value = valueAt(object, path);
      return typeof value === 'string' ? [...renamed, changed(object, path, (parent, last) => (parent[last] = `${value}${long}`))] : renamed;
    };
    for (const { where, messages } of variants(changes)) {
      for (const text of texts(messages)) {
        assert.ok(text.length < 4 * PLACEHOLDER_LIMIT, `${where}: a message of ${text.length} characters: ${text.slice(0, 200)}...`);
      }
    }
    // The parser's own messages quote the source.
    const stray = linter.lintText({ filePath: '/repo/m.yaml', text: `apiVersion: v1\nkind: ConfigMap\n${long}\n`, config }).messages;
    assert.deepEqual(stray.map((message) => message.ruleId), ['yaml-syntax']);
    assert.ok(stray[0]!.message.length < 4 * PLACEHOLDER_LIMIT, stray[0]!.message.slice(0, 200));
  });
});
