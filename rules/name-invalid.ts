import {
  NAME_FORMAT_TITLES,
  isClusterScopedKind,
  isPlainObject,
  isValidPortName,
  objectNameFormat,
  validateName,
  validatesPodTemplate,
  withoutRegexHint,
  type NameFormat,
  type Path,
  type RuleContext,
} from '@podlint/core';
import { isBuiltInGroup, isCheckable } from './api-validation-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';
import { suggestName, suggestPortName } from './name-invalid/suggestions.js';
import { checkReadinessGates, checkResourceClaims, type PodReferenceMessageId } from './name-invalid/pod-references.js';

type MessageId = PodReferenceMessageId | 'objectName' | 'generateName' | 'cronJobNameLength' | 'containerName' | 'portName' | 'volumeName' | 'podField' | 'namespace';

/** Pod fields the server holds to a name format (ValidatePodSpec): the pod's own DNS names, and names of other objects. */
const POD_NAME_FIELDS: ReadonlyArray<readonly [field: string, format: NameFormat]> = [
  ['hostname', 'dns1123Label'],
  ['subdomain', 'dns1123Label'],
  ['serviceAccountName', 'dns1123Subdomain'],
  ['nodeName', 'dns1123Subdomain'],
  ['priorityClassName', 'dns1123Subdomain'],
  ['runtimeClassName', 'dns1123Subdomain'],
];

/** A CronJob's Jobs are named `<name>-<minutes since epoch>` (11 characters more), and must fit in 63. */
const CRONJOB_NAME_MAX_LENGTH = 52;

export default createRule({
  name: 'name-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'An object name or namespace, a container, port or volume name, a pod\'s hostname, subdomain, readiness gate or resource claim, or its reference to a node, service account, priority class, runtime class or resource claim, that breaks the DNS-1123, DNS-1035, IANA service name or qualified name rules the API server enforces.',
      recommended: true,
    },
    messages: {
      objectName: '{{kind}} name "{{name}}" is not a valid {{format}}, so the API server rejects it: {{problems}}. {{advice}}.',
      generateName: 'generateName "{{name}}" is not a valid {{format}} prefix, so the API server rejects it: {{problems}}. {{advice}}.',
      cronJobNameLength:
        'CronJob name "{{name}}" has {{length}} characters; the API server accepts at most 52, because the Jobs it creates are named "<name>-<time>" and must fit in 63. Shorten it.',
      containerName: '{{container}} has a name that is not a valid DNS-1123 label, so the API server rejects it: {{problems}}. {{advice}}.',
      portName:
        'Port name "{{name}}" of {{container}} is not a valid IANA service name, so the API server rejects it: {{problems}}. {{advice}}.',
      volumeName: 'Volume name "{{name}}" is not a valid DNS-1123 label, so the API server rejects it: {{problems}}. {{advice}}.',
      namespace: 'Namespace "{{name}}" is not a valid DNS-1123 label, so the API server rejects it: {{problems}}. {{advice}}.',
      readinessGateInvalid: 'Readiness gate conditionType "{{name}}" is not a qualified name, so the API server rejects it: {{problems}}. Use the condition type your controller sets, like example.com/load-balancer-ready.',
      claimNameEmpty: 'A resource claim needs a name (containers refer to it by that name); the API server rejects an empty one.',
      claimNameInvalid: 'Resource claim name "{{name}}" is not a valid DNS-1123 label, so the API server rejects it: {{problems}}.',
      claimNameDuplicate: 'Resource claim name "{{name}}" is already used by resourceClaims[{{index}}]; the API server rejects a name twice. Rename one of them.',
      claimSourceCount: 'A resource claim takes exactly one of resourceClaimName and resourceClaimTemplateName, and this one has {{count}}; the API server rejects it.',
      claimSourceInvalid: '{{field}} "{{name}}" is not a valid DNS-1123 subdomain, so the API server rejects it: {{problems}}.',
      podField: '{{field}} "{{name}}" is not a valid {{format}}, so the API server rejects it: {{problems}}. {{advice}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        const metadata = resource.metadata;
        if (!metadata) return;
        const namespace = metadata.namespace;
        if (isCheckableName(namespace) && hasCheckedNamespace(resource.kind, resource.group)) {
          const problems = validateName('dns1123Label', namespace);
          if (problems.length > 0) report(context, resource.at('metadata', 'namespace'), 'namespace', problems, suggestName('dns1123Label', namespace), { name: namespace });
        }
        const format = objectNameFormat(resource.kind, resource.group);
        if (!format) return;
        const { name, generateName } = metadata;
        if (isCheckableName(name)) {
          const problems = validateName(format, name);
          if (problems.length > 0) {
            report(context, resource.at('metadata', 'name'), 'objectName', problems, suggestName(format, name), { kind: resource.kind, name, format: title(format) });
          } else if (resource.kind === 'CronJob' && name.length > CRONJOB_NAME_MAX_LENGTH) {
            context.report({ path: resource.at('metadata', 'name'), messageId: 'cronJobNameLength', data: { name, length: name.length } });
          }
        }
        if (isCheckableName(generateName)) {
          const problems = validateName(format, generateName, true);
          if (problems.length > 0) {
            report(context, resource.at('metadata', 'generateName'), 'generateName', problems, suggestName(format, generateName, true), { name: generateName, format: title(format) });
          }
        }
      },
      PodSpec(podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        for (const [field, format] of POD_NAME_FIELDS) {
          const value = podSpec.spec[field];
          if (!isCheckableName(value)) continue;
          const problems = validateName(format, value);
          if (problems.length > 0) report(context, [...podSpec.path, field], 'podField', problems, suggestName(format, value), { field, name: value, format: title(format) });
        }
        for (const container of podSpec.containers) {
          const name = container.name;
          if (isCheckableName(name)) {
            const problems = validateName('dns1123Label', name);
            if (problems.length > 0) report(context, [...container.path, 'name'], 'containerName', problems, suggestName('dns1123Label', name), { container: capitalize(describeContainer(container)) });
          }
          const ports = container.container.ports;
          if (!Array.isArray(ports)) continue;
          ports.forEach((port: unknown, index) => {
            const portName = isPlainObject(port) ? port.name : undefined;
            if (!isCheckableName(portName)) return;
            const problems = isValidPortName(portName);
            if (problems.length > 0) {
              report(context, [...container.path, 'ports', index, 'name'], 'portName', problems, suggestPortName(portName), { name: portName, container: describeContainer(container) });
            }
          });
        }
        checkReadinessGates(context, podSpec);
        checkResourceClaims(context, podSpec);
        const volumes = podSpec.spec.volumes;
        if (!Array.isArray(volumes)) return;
        volumes.forEach((volume: unknown, index) => {
          const volumeName = isPlainObject(volume) ? volume.name : undefined;
          if (!isCheckableName(volumeName)) return;
          const problems = validateName('dns1123Label', volumeName);
          if (problems.length > 0) report(context, [...podSpec.path, 'volumes', index, 'name'], 'volumeName', problems, suggestName('dns1123Label', volumeName), { name: volumeName });
        });
      },
    };
  },
});

/** Non-empty strings without a placeholder (isCheckable): an empty name is the schema rules' or the server's default. */
function isCheckableName(value: unknown): value is string {
  return isCheckable(value) && value !== '';
}

/** Built-in namespaced kinds: kubectl drops a namespace written on a cluster-scoped kind, and a custom resource's scope is not known here. */
function hasCheckedNamespace(kind: string, group: string): boolean {
  return isBuiltInGroup(group) && !isClusterScopedKind(kind);
}

function title(format: NameFormat): string {
  return NAME_FORMAT_TITLES[format];
}

function report(
  context: RuleContext<MessageId>,
  path: Path,
  messageId: MessageId,
  problems: string[],
  suggestion: string | undefined,
  data: Record<string, string>,
): void {
  const advice = suggestion === undefined ? 'Rename it' : `Try "${suggestion}"`;
  context.report({ path, messageId, data: { ...data, problems: problems.map(withoutRegexHint).join('; '), advice } });
}
