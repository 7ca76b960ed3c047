// A literal pod IP in env values, command, args or ConfigMap data. Only addresses that are known to be pod
// IPs are reported: those inside the pod network (the default pod CIDRs of kubeadm/flannel/kind/minikube and
// k3s, or the cluster's own through the `podCIDRs` option) and those saved as a pod's status.podIP in the
// linted files. Private addresses in general are not: they are just as often VMs, databases or nodes.
import { isPlainObject, lineAt, rangeOfPath, type OffsetRange, type Path, type ProjectIndex, type Resource } from '@podlint/core';
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
      const literals = findIpv4Literals(value);
      if (literals.length === 0) return;
      const comments = new CommentFinder(value);
      let locate: ReturnType<typeof sourceLocator> | undefined;
      // The how-manieth time each address appears in the value, to find the same appearance in the source.
      const seen = new Map<string, number>();
      for (const literal of literals) {
        const rank = seen.get(literal.text) ?? 0;
        seen.set(literal.text, rank + 1);
        if (isNetworkOrBroadcast(literal.value) || comments.covers(literal.index)) continue;
        const pod = podIps(context.project).get(literal.value);
        const cidr = cidrs.find((candidate) => inCidr(literal.value, candidate));
        if (pod === undefined && cidr === undefined) continue;
        locate ??= sourceLocator(resource, path, literals);
        const offsets = locate(literal, rank);
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

/**
 * Where the comments of a config or script are (an example log line, an old value): on each line, from the end of
 * a `#` or `//` at the line's start or after a space, or of a `;` or `-- ` that leads the line. Each line is read
 * once, when an address on it is asked about: looking back from each address, a value of thousands of
 * addresses on one line took minutes.
 */
class CommentFinder {
  private readonly lineStarts: number[] = [0];
  /** Where the comment of each line starts (Infinity when it has none), for the lines read so far. */
  private readonly commentStarts = new Map<number, number>();

  constructor(private readonly value: string) {
    for (let newline = value.indexOf('\n'); newline !== -1; newline = value.indexOf('\n', newline + 1)) this.lineStarts.push(newline + 1);
  }

  covers(index: number): boolean {
    const line = lineAt(this.lineStarts, index);
    let commentStart = this.commentStarts.get(line);
    if (commentStart === undefined) {
      const start = this.lineStarts[line]!;
      commentStart = start + commentStartIn(this.value.slice(start, this.lineStarts[line + 1] ?? this.value.length));
      this.commentStarts.set(line, commentStart);
    }
    return index >= commentStart;
  }
}

/** Where a line's comment starts, past its marker; Infinity when it has none. */
function commentStartIn(line: string): number {
  const marker = /(^|\s)(#|\/\/)/.exec(line);
  const leader = /^\s*(;|--\s)/.exec(line);
  return Math.min(marker ? marker.index + marker[0].length : Infinity, leader ? leader[0].length : Infinity);
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

/**
 * Finds a literal's own offsets in the file, given which appearance of its address in the value it is, when the
 * scalar's source shows each address as often as its value does (escapes and folding can change that). The
 * source is searched once per value, not once per literal.
 */
function sourceLocator(resource: Resource, path: Path, inValue: readonly Ipv4Literal[]): (literal: Ipv4Literal, rank: number) => OffsetRange | undefined {
  const lookup = rangeOfPath(resource.document, path);
  if (!lookup.exact) return () => undefined;
  const [start, end] = lookup.offsets;
  const inSource = groupByText(findIpv4Literals(resource.document.file.text.slice(start, end)));
  const valueCounts = new Map<string, number>();
  for (const literal of inValue) valueCounts.set(literal.text, (valueCounts.get(literal.text) ?? 0) + 1);
  return (literal, rank) => {
    const hits = inSource.get(literal.text) ?? [];
    const hit = hits[rank];
    if (hits.length !== valueCounts.get(literal.text) || !hit) return undefined;
    return [start + hit.index, start + hit.index + hit.text.length];
  };
}

function groupByText(literals: readonly Ipv4Literal[]): Map<string, Ipv4Literal[]> {
  const groups = new Map<string, Ipv4Literal[]>();
  for (const literal of literals) {
    const group = groups.get(literal.text);
    if (group) group.push(literal);
    else groups.set(literal.text, [literal]);
  }
  return groups;
}
