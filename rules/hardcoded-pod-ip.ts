// A literal pod IP in env values, command, args or ConfigMap data. Only addresses that are known to be pod
// IPs are reported: those inside the pod network (the default pod CIDRs of kubeadm/flannel/kind/minikube and
// k3s, or the cluster's own through the `podCIDRs` option) and those saved as a pod's status.podIP in the
// linted files. Private addresses in general are not: they are just as often VMs, databases or nodes.
import { isPlainObject, rangeOfPath, type OffsetRange, type Path, type ProjectIndex, type Resource } from '@podlint/core';
import { findIpv4Literals, inCidr, isNetworkOrBroadcast, parseCidr, type Cidr, type Ipv4Literal } from './hardcoded-pod-ip/ipv4.js';
import { createRule } from './rule-utils.js';

export const DEFAULT_POD_CIDRS = ['10.244.0.0/16', '10.42.0.0/16'];


export default createRule<[{ podCIDRs: string[] }], 'podNetwork' | 'knownPod'>({
  name: 'hardcoded-pod-ip',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A literal pod IP in env values, command, args or ConfigMap data: pod IPs change whenever a pod is recreated.', recommended: true },
    messages: {
      podNetwork:
        'This value hardcodes {{ip}}, an address in the pod network {{cidr}}: pod IPs change whenever a pod is recreated or rescheduled. Reach the pod through a Service name instead (a headless Service gives each pod of a StatefulSet a stable DNS name).',
      knownPod:
        'This value hardcodes {{ip}}, the IP of pod "{{pod}}" as saved in these manifests: pod IPs change whenever a pod is recreated or rescheduled. Reach the pod through a Service name instead (a headless Service gives each pod of a StatefulSet a stable DNS name).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          podCIDRs: { type: 'array', items: { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$' } },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ podCIDRs: DEFAULT_POD_CIDRS }],
  create(context, [options]) {
    const cidrs = parsedCidrs(options.podCIDRs);
    const check = (resource: Resource, path: Path, value: unknown) => {
      if (typeof value !== 'string') return;
      for (const literal of findIpv4Literals(value)) {
        if (isNetworkOrBroadcast(literal.value) || inComment(value, literal)) continue;
        const pod = podIps(context.project).get(literal.value);
        const cidr = cidrs.find((candidate) => inCidr(literal.value, candidate));
        if (pod === undefined && cidr === undefined) continue;
        const offsets = literalOffsets(resource, path, value, literal);
        const where = offsets ? { offsets } : { path };
        if (pod !== undefined) context.report({ ...where, messageId: 'knownPod', data: { ip: literal.text, pod } });
        else context.report({ ...where, messageId: 'podNetwork', data: { ip: literal.text, cidr: cidr!.text } });
      }
    };
    return {
      Container(container, _podSpec, resource) {
        for (const field of ['command', 'args'] as const) {
          const list = container.container[field];
          if (Array.isArray(list)) list.forEach((value, index) => check(resource, [...container.path, field, index], value));
        }
        const env = container.container.env;
        if (Array.isArray(env)) env.forEach((variable, index) => isPlainObject(variable) && check(resource, [...container.path, 'env', index, 'value'], variable.value));
      },
      ConfigMap(resource) {
        const data = resource.object.data;
        if (isPlainObject(data)) for (const [key, value] of Object.entries(data)) check(resource, resource.at('data', key), value);
      },
    };
  },
});

// The options are the same object for every file of a run: their CIDRs are parsed once.
const cidrCache = new WeakMap<readonly string[], Cidr[]>();

function parsedCidrs(texts: readonly string[]): Cidr[] {
  let cidrs = cidrCache.get(texts);
  if (!cidrs) {
    cidrs = texts.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== undefined);
    cidrCache.set(texts, cidrs);
  }
  return cidrs;
}

/** True when the address sits in a comment of the config or script (an example log line, an old value). */
function inComment(value: string, literal: Ipv4Literal): boolean {
  const before = value.slice(value.lastIndexOf('\n', literal.index - 1) + 1, literal.index);
  return /(^|\s)(#|\/\/)/.test(before) || /^\s*(;|--\s)/.test(before);
}

/** Pod IPs saved in the linted files (status.podIP and status.podIPs of Pods from `kubectl get -o yaml`). */
function podIps(project: ProjectIndex): Map<number, string> {
  return project.memo(podIps, findPodIps);
}

function findPodIps(project: ProjectIndex): Map<number, string> {
  const ips = new Map<number, string>();
  for (const pod of project.ofKind('Pod')) {
    const status = pod.object.status;
    if (!isPlainObject(status)) continue;
    const addresses = [status.podIP, ...(Array.isArray(status.podIPs) ? status.podIPs.map((entry) => (isPlainObject(entry) ? entry.ip : undefined)) : [])];
    for (const address of addresses) {
      if (typeof address !== 'string') continue;
      const literal = findIpv4Literals(address)[0];
      if (literal && literal.text === address.trim()) ips.set(literal.value, pod.name ?? 'unnamed');
    }
  }
  return ips;
}

/** The literal's own offsets in the file when the scalar's source shows it as often as its value does. */
function literalOffsets(resource: Resource, path: Path, value: string, literal: Ipv4Literal): OffsetRange | undefined {
  const lookup = rangeOfPath(resource.document, path);
  if (!lookup.exact) return undefined;
  const [start, end] = lookup.offsets;
  const inValue = findIpv4Literals(value).filter((candidate) => candidate.text === literal.text);
  const inSource = findIpv4Literals(resource.document.file.text.slice(start, end)).filter((candidate) => candidate.text === literal.text);
  const hit = inSource[inValue.findIndex((candidate) => candidate.index === literal.index)];
  if (inValue.length !== inSource.length || !hit) return undefined;
  return [start + hit.index, start + hit.index + hit.text.length];
}
