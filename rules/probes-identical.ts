// A livenessProbe that is the readinessProbe again: same check, same timing, so both fail together and a
// slow dependency restarts the container instead of only taking the pod out of rotation. Probes compare as
// the API server stores them (its defaults applied, named ports resolved against the container's own ports);
// a difference in any threshold or period counts as different, since it lets readiness act first (kube-score
// is criticised for flagging probes that differ only there).
import { containerPorts, isPlainObject, type ContainerRef } from '@podlint/core';
import { createRule, describeContainer } from './rule-utils.js';
import { isProbed, probeOf, probeTiming } from './probe-utils.js';

export default createRule({
  name: 'probes-identical',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'Liveness and readiness probes with the same handler and the same timing.', recommended: true },
    messages: {
      identical:
        'The livenessProbe of {{container}} is its readinessProbe again (same check, same timing): when a dependency is slow, the kubelet restarts the container at the moment it should only take the pod out of rotation, and a restart cures nothing. Make the liveness probe check only the process itself, or let it tolerate more failures than the readiness probe.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container) {
        if (!isProbed(container)) return;
        const liveness = probeOf(container, 'livenessProbe');
        const readiness = probeOf(container, 'readinessProbe');
        if (!liveness || !readiness) return;
        if (canonicalProbe(liveness, container) !== canonicalProbe(readiness, container)) return;
        context.report({ path: [...container.path, 'livenessProbe'], at: 'key', messageId: 'identical', data: { container: describeContainer(container) } });
      },
    };
  },
});

/** The probe as one string: handlers with their defaults and resolved ports, then the effective timing. */
function canonicalProbe(probe: Record<string, unknown>, container: ContainerRef): string {
  const port = (value: unknown) => resolvePort(value, container);
  const handlers: Record<string, unknown> = {};
  const { exec, httpGet, tcpSocket, grpc } = probe;
  if (isPlainObject(exec)) handlers.exec = { command: exec.command ?? [] };
  if (isPlainObject(httpGet)) {
    handlers.httpGet = {
      host: httpGet.host ?? '',
      path: httpGet.path || '/',
      port: port(httpGet.port),
      scheme: httpGet.scheme || 'HTTP',
      httpHeaders: httpGet.httpHeaders ?? [],
    };
  }
  if (isPlainObject(tcpSocket)) handlers.tcpSocket = { host: tcpSocket.host ?? '', port: port(tcpSocket.port) };
  if (isPlainObject(grpc)) handlers.grpc = { port: port(grpc.port), service: grpc.service ?? '' };
  return JSON.stringify([handlers, probeTiming(probe)]);
}

/** `port: http` and `port: 8080` are the same check when the container names 8080 `http`. */
function resolvePort(value: unknown, container: ContainerRef): unknown {
  if (typeof value !== 'string') return value;
  const named = containerPorts(container).find((port) => port.name === value);
  return named && typeof named.containerPort === 'number' ? named.containerPort : value;
}
