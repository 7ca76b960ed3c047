// What the probe rules share: which containers the kubelet probes, the server's probe defaults, and which
// containers are helpers (log shippers, proxies, exporters) beside an application. The helper table is kept
// small and local on purpose; the lead may merge it with split-tiers' tier table into core later.
import { isPlainObject, parseImageReference, type ContainerRef, type PodSpecRef, type Resource } from '@podlint/core';

export const PROBE_KEYS = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;
export type ProbeKey = (typeof PROBE_KEYS)[number];

/** The handlers a probe can use that connect to a port (exec has none). */
export const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** The probe of that key, when it is a mapping. */
export function probeOf(container: ContainerRef, key: ProbeKey): Record<string, unknown> | undefined {
  const probe = container.container[key];
  return isPlainObject(probe) ? probe : undefined;
}

/**
 * Main containers and native sidecars are probed. The API server rejects probes on regular init containers
 * and on ephemeral containers, so the probe rules never look at those (another rule's business).
 */
export function isProbed(container: ContainerRef): boolean {
  return container.role === 'main' || container.role === 'sidecar';
}

/** Probe timing as the API server stores it: a missing or 0 field takes its default (reference §1.4). */
export interface ProbeTiming {
  initialDelaySeconds: unknown;
  timeoutSeconds: unknown;
  periodSeconds: unknown;
  successThreshold: unknown;
  failureThreshold: unknown;
}

const TIMING_DEFAULTS: ProbeTiming = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

export function probeTiming(probe: Record<string, unknown>): ProbeTiming {
  const value = (key: keyof ProbeTiming): unknown => {
    const raw = probe[key];
    return raw === undefined || raw === null || raw === 0 ? TIMING_DEFAULTS[key] : raw;
  };
  return {
    initialDelaySeconds: value('initialDelaySeconds'),
    timeoutSeconds: value('timeoutSeconds'),
    periodSeconds: value('periodSeconds'),
    successThreshold: value('successThreshold'),
    failureThreshold: value('failureThreshold'),
  };
}

/**
 * A pod whose containers are meant to keep running: not a Job's or CronJob's, and not a Pod that asks not to
 * be restarted (restartPolicy Never or OnFailure is a one-off task).
 */
export function isLongRunning(podSpec: PodSpecRef): boolean {
  if (podSpec.runsToCompletion) return false;
  const restartPolicy = podSpec.spec.restartPolicy;
  return restartPolicy !== 'Never' && restartPolicy !== 'OnFailure';
}

/** Controllers that keep replicas running behind Services and roll them out; readiness gates both. */
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export function isReplicatedWorkload(resource: Resource): boolean {
  return REPLICATED_KINDS.has(resource.kind);
}

export type HelperKind = 'log shipper' | 'proxy' | 'metrics exporter' | 'config reloader';

// Matched against the image's last path segment (`fluent/fluent-bit:3.1` -> `fluent-bit`), lower-cased.
const HELPER_IMAGES: readonly (readonly [RegExp, HelperKind])[] = [
  [/^(fluent-bit|fluentd|fluentd-.+|filebeat|promtail|vector|logstash|otelcol(-contrib)?|opentelemetry-collector(-contrib)?|jaeger-agent)$/, 'log shipper'],
  [/^(envoy|envoy-.+|proxyv2|proxy|.+[-_]proxy|pgbouncer)$/, 'proxy'],
  [/^.+[-_]exporter$/, 'metrics exporter'],
  [/^(configmap-reload|.+-config-reloader|config-reloader|git-sync|k8s-sidecar)$/, 'config reloader'],
];

/** The last path segment of an image's repository, lower-cased (`registry.k8s.io/pause:3.9` -> `pause`). */
export function imageName(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return undefined;
  const repository = parseImageReference(image.trim()).repository.toLowerCase();
  return repository.slice(repository.lastIndexOf('/') + 1);
}

/** The helper kind an image belongs to, from its name; undefined for anything else. */
export function helperKindOfImage(image: unknown): HelperKind | undefined {
  const name = imageName(image);
  return name === undefined ? undefined : HELPER_IMAGES.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * The pause image only sleeps (placeholder and over-provisioning pods run it): it has no shell and no port,
 * so there is nothing a probe could check.
 */
export function runsPauseImage(container: ContainerRef): boolean {
  return imageName(container.container.image) === 'pause';
}

/**
 * A helper is a container with a helper's image in a pod that also runs a main container that is not one.
 * A pod made only of helpers (a node-exporter DaemonSet, a fluent-bit DaemonSet) runs them as its application.
 */
export function isHelper(container: ContainerRef, podSpec: PodSpecRef): boolean {
  return helperKindOfImage(container.container.image) !== undefined && runsApplication(podSpec);
}

// Asked once per pod: asked for each container, a pod of 16,000 helpers took 99 s.
const applicationRunners = new WeakMap<PodSpecRef, boolean>();

/** The pod has a main container that is not a helper. */
function runsApplication(podSpec: PodSpecRef): boolean {
  let answer = applicationRunners.get(podSpec);
  if (answer === undefined) {
    answer = podSpec.containers.some((other) => other.role === 'main' && helperKindOfImage(other.container.image) === undefined);
    applicationRunners.set(podSpec, answer);
  }
  return answer;
}
