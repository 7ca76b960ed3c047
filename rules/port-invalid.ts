import {
  containerPorts,
  isPlainObject,
  isValidPortName,
  type ContainerPort,
  type ContainerRef,
  type Path,
  type PodSpecRef,
  type Resource,
  type RuleContext,
  validatesPodTemplate,
} from '@podlint/core';
import { caseCorrected, containerHooks, containerProbes, probesValidated } from './pod-validation-utils.js';
import { replaceScalar } from './yaml-edit-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

type MessageId =
  | 'containerPort'
  | 'hostPort'
  | 'hostNetworkHostPort'
  | 'protocol'
  | 'useProtocol'
  | 'handlerPortRange'
  | 'handlerPortName'
  | 'handlerPortQuoted'
  | 'targetPortRange'
  | 'targetPortQuoted';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const HANDLER_PORT_FIELDS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export default createRule({
  name: 'port-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description:
        'A containerPort, hostPort, probe or lifecycle-hook port or Service targetPort outside 1-65535 or not a valid port name, a hostPort other than its containerPort under hostNetwork, or a protocol other than TCP, UDP or SCTP.',
      recommended: true,
    },
    messages: {
      containerPort: 'containerPort {{value}} of {{container}} is not a port number; the API server rejects it: it must be between 1 and 65535.',
      hostPort: 'hostPort {{value}} of {{container}} is not a port number; the API server rejects it: it must be between 1 and 65535 (or 0, the default, for no host port).',
      hostNetworkHostPort:
        'hostPort {{hostPort}} of {{container}} differs from its containerPort {{containerPort}}, but with `hostNetwork: true` the container listens on the node\'s own ports; the API server rejects it: it must match `containerPort`. Set it to {{containerPort}}, or remove it.',
      protocol: 'Protocol {{value}} of {{container}} is not supported; the API server accepts "TCP", "UDP" or "SCTP" (case matters). Omit it for TCP.',
      useProtocol: 'Use {{protocol}}.',
      handlerPortRange: 'The {{owner}} {{handler}} port {{value}} of {{container}} is not a port number; the API server rejects it: it must be between 1 and 65535.',
      handlerPortName:
        'The {{owner}} {{handler}} port "{{value}}" of {{container}} is not a valid port name, so the API server rejects it: {{problems}}. Use a port number, or the name of one of the container\'s ports.',
      handlerPortQuoted:
        'The {{owner}} {{handler}} port "{{value}}" of {{container}} is quoted, so it is read as a port name, and a name needs a letter; the API server rejects it. Write {{value}} without quotes.',
      targetPortRange:
        'targetPort {{value}} is not a port number; the API server rejects it: it must be between 1 and 65535 (or 0, the default, for the Service port itself).',
      targetPortQuoted:
        'targetPort "{{value}}" is quoted, so it is read as a port name, and a name needs a letter; the API server rejects it. Write {{value}} without quotes.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        const label = describeContainer(container);
        for (const port of containerPorts(container)) {
          if (isInteger(port.containerPort) && !inPortRange(port.containerPort)) {
            context.report({ path: [...port.path, 'containerPort'], messageId: 'containerPort', data: { value: port.containerPort, container: label } });
          }
          if (isInteger(port.hostPort) && port.hostPort !== 0 && !inPortRange(port.hostPort)) {
            context.report({ path: [...port.path, 'hostPort'], messageId: 'hostPort', data: { value: port.hostPort, container: label } });
          } else if (hostNetworkMismatch(podSpec, container, port)) {
            const data = { hostPort: port.hostPort, containerPort: port.containerPort, container: label };
            context.report({ path: [...port.path, 'hostPort'], messageId: 'hostNetworkHostPort', data });
          }
          checkProtocol(context, resource, (container.container.ports as unknown[])[port.index], port.path, label);
        }
        if (probesValidated(container)) checkHandlerPorts(context, container);
      },
      Service(service) {
        const ports = isPlainObject(service.object.spec) ? service.object.spec.ports : undefined;
        if (service.group !== '' || !Array.isArray(ports)) return;
        ports.forEach((port: unknown, index) => {
          const value = isPlainObject(port) ? port.targetPort : undefined;
          const path = service.at('spec', 'ports', index, 'targetPort');
          // 0 is defaulted to the Service port; other names are service-target-port-missing's to compare with the pods.
          if (isInteger(value) && value !== 0 && !inPortRange(value)) context.report({ path, messageId: 'targetPortRange', data: { value } });
          else if (typeof value === 'string' && /^\d+$/.test(value)) context.report({ path, messageId: 'targetPortQuoted', data: { value } });
        });
      },
    };
  },
});

/**
 * A hostPort other than the containerPort in the pod's network namespace, when that is the node's. The server checks
 * regular containers only. A Pod's absent or 0 hostPort is defaulted to the containerPort first, and a template's is
 * left alone: either way only a non-zero one can differ.
 */
function hostNetworkMismatch(
  podSpec: PodSpecRef,
  container: ContainerRef,
  port: ContainerPort,
): port is ContainerPort & { hostPort: number; containerPort: number } {
  return (
    podSpec.spec.hostNetwork === true &&
    container.list === 'containers' &&
    isInteger(port.hostPort) &&
    port.hostPort !== 0 &&
    isInteger(port.containerPort) &&
    port.hostPort !== port.containerPort
  );
}

function checkProtocol(context: RuleContext<MessageId>, resource: Resource, port: unknown, portPath: Path, container: string): void {
  const protocol = isPlainObject(port) ? port.protocol : undefined;
  // An empty protocol is defaulted to TCP; a non-string one is schema-type's.
  if (typeof protocol !== 'string' || protocol === '' || PROTOCOLS.includes(protocol)) return;
  const path = [...portPath, 'protocol'];
  const corrected = caseCorrected(protocol, PROTOCOLS);
  const suggest = corrected ? [{ messageId: 'useProtocol' as const, data: { protocol: corrected }, fix: replaceScalar(resource, path, corrected) }] : [];
  context.report({ path, messageId: 'protocol', data: { value: `"${protocol}"`, container }, suggest });
}

function checkHandlerPorts(context: RuleContext<MessageId>, container: ContainerRef): void {
  for (const owner of [...containerProbes(container), ...containerHooks(container)]) {
    for (const handler of HANDLER_PORT_FIELDS) {
      const action = owner.value[handler];
      if (!isPlainObject(action)) continue;
      const value = action.port;
      const path = [...owner.path, handler, 'port'];
      const data = { owner: owner.kind === 'hook' ? `${owner.field} hook` : owner.field, handler, container: describeContainer(container) };
      if (isInteger(value) && !inPortRange(value)) {
        context.report({ path, messageId: 'handlerPortRange', data: { ...data, value } });
      } else if (typeof value === 'string' && handler !== 'grpc') {
        if (/^\d+$/.test(value)) {
          context.report({ path, messageId: 'handlerPortQuoted', data: { ...data, value } });
          continue;
        }
        const problems = isValidPortName(value);
        if (problems.length > 0) context.report({ path, messageId: 'handlerPortName', data: { ...data, value, problems: problems.join('; ') } });
      }
    }
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function inPortRange(value: number): boolean {
  return value >= 1 && value <= 65535;
}
