// A probe aimed at a port the container does not declare. The API server does not resolve probe port names
// (reference H5); the kubelet resolves them against the container's own ports only, and when that fails the
// probe errors on every attempt and its result is thrown away, so the probe can never succeed: an error. A
// number the container does not declare is a warning (a process may listen on undeclared ports), and only
// checked when the container declares ports at all, each with a number. Probes always connect over TCP.
import { containerPorts, type ContainerPort } from '@podlint/core';
import { createRule, describeContainer, listForMessage } from './rule-utils.js';
import { PORT_HANDLERS, PROBE_KEYS, isProbed, probeOf, type ProbeKey } from './probe-utils.js';

/** What a probe whose port name never resolves does to the pod (the kubelet discards errored results). */
const NEVER_SUCCEEDS: Record<ProbeKey, string> = {
  livenessProbe: 'the liveness check never takes effect, so a hung container is never restarted',
  readinessProbe: 'the pod never becomes ready, so it never receives traffic and a rollout stalls',
  startupProbe: 'the container never counts as started, so its other probes never run and the pod never becomes ready',
};

const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '::1']);

export default createRule({
  name: 'probe-port-not-exposed',
  meta: {
    type: 'problem',
    severity: 'warning',
    docs: { description: 'A probe port (number or name) that the container does not declare; a name that does not exist can never succeed.', recommended: true },
    messages: {
      namedPortMissing:
        'The {{probe}} of {{container}} uses port "{{port}}", but the container declares no port of that name; the kubelet looks probe port names up among the container\'s own ports only, so the probe errors every time: {{consequence}}. Name one of its ports "{{port}}" or use the port number.',
      numberNotDeclared:
        'The {{probe}} of {{container}} checks port {{port}}, which the container does not declare (it declares {{declared}}): the probe may be aimed at the wrong port. Declare port {{port}}, or probe one of the declared ports.',
      notTcp:
        'The {{probe}} of {{container}} checks port {{port}}, which the container declares for {{protocol}} only, but probes always connect over TCP. Probe a TCP port, or declare the TCP port the process listens on.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container) {
        if (!isProbed(container)) return;
        const ports = containerPorts(container);
        for (const probeKey of PROBE_KEYS) {
          const probe = probeOf(container, probeKey);
          if (!probe) continue;
          for (const handlerKey of PORT_HANDLERS) {
            const handler = probe[handlerKey];
            if (typeof handler !== 'object' || handler === null || Array.isArray(handler)) continue;
            const { port, host } = handler as Record<string, unknown>;
            // A probe of another host checks that host's port, not this container's.
            if (typeof host === 'string' && !LOCAL_HOSTS.has(host.trim())) continue;
            const path = [...container.path, probeKey, handlerKey, 'port'];
            const data = { probe: probeKey, container: describeContainer(container) };
            if (typeof port === 'string' && handlerKey !== 'grpc' && !/^\d+$/.test(port)) {
              const named = ports.find((declared) => declared.name === port);
              if (!named) {
                context.report({ path, messageId: 'namedPortMissing', severity: 'error', data: { ...data, port, consequence: NEVER_SUCCEEDS[probeKey] } });
              } else if (OTHER_PROTOCOLS.has(named.protocol)) {
                context.report({ path, messageId: 'notTcp', data: { ...data, port: `"${port}"`, protocol: named.protocol } });
              }
            } else if (typeof port === 'number' && ports.length > 0 && ports.every(hasPortNumber)) {
              checkNumber(port, ports, (messageId, extra) => context.report({ path, messageId, data: { ...data, port, ...extra } }));
            }
          }
        }
      },
    };
  },
});

/**
 * The protocols a probe cannot reach. A protocol the API server does not know (`tcp`, `HTTP`) is the finding of
 * port-invalid and schema-enum; what it was meant to be is not known here, so it is not reported as "not TCP".
 */
const OTHER_PROTOCOLS = new Set(['UDP', 'SCTP']);

/**
 * A port entry whose containerPort is a number. One that is missing or not a number (`"5432"`) is the schema rules'
 * finding; until it is fixed, what the container declares is not known, so numbers are not compared.
 */
function hasPortNumber(port: ContainerPort): boolean {
  return typeof port.containerPort === 'number';
}

function checkNumber(port: number, ports: readonly ContainerPort[], report: (messageId: 'numberNotDeclared' | 'notTcp', data: Record<string, string>) => void): void {
  const sameNumber = ports.filter((declared) => declared.containerPort === port);
  if (sameNumber.some((declared) => !OTHER_PROTOCOLS.has(declared.protocol))) return;
  if (sameNumber.length > 0) {
    report('notTcp', { protocol: sameNumber.map((declared) => declared.protocol).join('/') });
    return;
  }
  const declared = listForMessage(ports.map((item) => `${String(item.containerPort)}${item.name ? ` "${item.name}"` : ''}`));
  report('numberNotDeclared', { declared });
}
