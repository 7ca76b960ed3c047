// What the API server accepts but answers with a warning (kubectl prints "Warning: ..."), from
// pkg/api/pod/warnings.go (reference section 3): deprecated node labels (W1-W4), selectors that match no pod
// (W5, W15), deprecated annotations (W6, W16, W17) and volume types (W7), repeated imagePullSecrets and
// hostAliases (W9, W9b), hostIP without hostPort (W11), a negative grace period (W14), overlapping volume files
// and empty projected sources (W18, W19). Not here: fractional byte quantities (fractional-byte-quantity),
// repeated ports (pod-port-collision) and env names (env-name-duplicate).
import { containerPorts, shortenForMessage, type PodSpecRef } from '@podlint/core';
import { itemAnchor, listItems, podTemplateChecked } from './api-validation-utils.js';
import { checkContainerAnnotations, checkPodAnnotations } from './api-server-warning/annotations.js';
import type { WarningContext, WarningMessageId } from './api-server-warning/messages.js';
import { checkScheduling } from './api-server-warning/scheduling.js';
import { checkVolumes } from './api-server-warning/volumes.js';
import { createRule, describeContainer } from './rule-utils.js';

const messages: Record<WarningMessageId, string> = {
  deprecatedNodeLabel: '{{field}} "{{key}}" is deprecated since Kubernetes {{since}}; {{advice}}.',
  renameLabel: 'Rename it to "{{replacement}}".',
  nullLabelSelector: 'This {{term}} has no labelSelector, and a null labelSelector matches no pod, so there are no pods to {{verb}}; the API server warns about it. Add a labelSelector for the pods it is about.',
  annotationNonFunctional: 'Annotation "{{key}}" is deprecated and does nothing from Kubernetes {{since}} on; the API server warns about it. Use {{field}} instead.',
  annotationDeprecated: 'Annotation "{{key}}" is deprecated since Kubernetes {{since}}; the API server warns about it. Use {{field}} instead.',
  volumePluginDeprecated: 'Volume "{{name}}" is of type {{type}}, deprecated since Kubernetes {{deprecated}}; the API server warns about it. Instead, {{advice}}.',
  volumePluginRemoved: 'Volume "{{name}}" is of type {{type}}, deprecated since Kubernetes {{deprecated}} and not working from {{removed}} on; the API server warns about it. Instead, {{advice}}.',
  pathOverlap: 'Path "{{path}}" {{overlap}} in volume "{{name}}"; the API server warns about overlapping paths, and the kubelet cannot write both files. Give each file a path of its own.',
  projectedSourceEmpty: 'This projected source of volume "{{name}}" names no secret, configMap, downwardAPI or serviceAccountToken, so it adds nothing; the API server warns that no sources are provided. Fill it in, or remove it.',
  imagePullSecretEmpty: 'This imagePullSecrets entry has an empty name, so it names no Secret; the API server warns about it. Name the Secret, or remove the entry.',
  imagePullSecretDuplicate: 'Secret "{{name}}" is already in imagePullSecrets; the API server warns about the duplicate name. Remove this entry.',
  hostAliasDuplicate: 'hostAliases already has an entry for IP "{{ip}}"; the API server warns about the duplicate ip. Put all its hostnames in one entry.',
  hostIPWithoutHostPort: 'hostIP "{{hostIP}}" of {{container}} does nothing without a hostPort, and the API server warns about it. Add the hostPort to open on that node address, or remove hostIP.',
  gracePeriodNegative: 'terminationGracePeriodSeconds {{value}} is negative; the API server warns and treats it as 1, so the containers get one second to stop. Use 0 or more (the default is 30).',
};

export default createRule({
  name: 'api-server-warning',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description:
        'What the API server accepts with a warning: deprecated node labels, annotations and volume types, a spread or affinity term without labelSelector, repeated imagePullSecrets or hostAliases, hostIP without hostPort, a negative grace period, overlapping volume files.',
      recommended: true,
    },
    messages,
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        checkScheduling(context, resource, podSpec.spec, podSpec.path);
        checkPodAnnotations(context, podSpec);
        checkVolumes(context, podSpec.spec, podSpec.path);
        checkPodLists(context, podSpec);
        const grace = podSpec.spec.terminationGracePeriodSeconds;
        if (typeof grace === 'number' && grace < 0) context.report({ path: [...podSpec.path, 'terminationGracePeriodSeconds'], messageId: 'gracePeriodNegative', data: { value: grace } });
      },
      Container(container, podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        checkContainerAnnotations(context, container, podSpec);
        for (const port of containerPorts(container)) {
          const hostPort = port.hostPort;
          if (port.hostIP !== undefined && (hostPort === undefined || hostPort === null || hostPort === 0)) {
            context.report({ path: [...port.path, 'hostIP'], messageId: 'hostIPWithoutHostPort', data: { hostIP: shortenForMessage(port.hostIP), container: describeContainer(container) } });
          }
        }
      },
    };
  },
});

/** W9, W9b: imagePullSecrets names that are empty or repeated, hostAliases ips that are repeated. */
function checkPodLists(context: WarningContext, podSpec: PodSpecRef): void {
  const secrets = new Set<string>();
  for (const { item, path } of listItems(podSpec.spec, 'imagePullSecrets', podSpec.path)) {
    const name = item.name;
    if (name === undefined || name === null || name === '') {
      const at = name === undefined ? itemAnchor(item, path) : { path: [...path, 'name'] };
      context.report({ ...at, messageId: 'imagePullSecretEmpty' });
    } else if (typeof name === 'string') {
      if (secrets.has(name)) context.report({ path: [...path, 'name'], messageId: 'imagePullSecretDuplicate', data: { name: shortenForMessage(name) } });
      secrets.add(name);
    }
  }
  const ips = new Set<string>();
  for (const { item, path } of listItems(podSpec.spec, 'hostAliases', podSpec.path)) {
    if (typeof item.ip !== 'string' || item.ip === '') continue;
    if (ips.has(item.ip)) context.report({ path: [...path, 'ip'], messageId: 'hostAliasDuplicate', data: { ip: shortenForMessage(item.ip) } });
    ips.add(item.ip);
  }
}
