import { podTemplateChecked } from './api-validation-utils.js';
import { createRule } from './rule-utils.js';
import { checkAffinity } from './scheduling-invalid/affinity.js';
import type { SchedulingMessageId } from './scheduling-invalid/requirements.js';
import { checkSchedulingGates } from './scheduling-invalid/scheduling-gates.js';
import { checkTolerations } from './scheduling-invalid/tolerations.js';
import { checkTopologySpread } from './scheduling-invalid/topology-spread.js';

const messages: Record<SchedulingMessageId, string> = {
  tolerationKeyInvalid: 'Toleration key "{{key}}" is not a valid taint key, so the API server rejects it: {{problems}}. Use the key of the taint as the node has it.',
  tolerationKeyEmpty: 'A toleration without a key matches every taint, which the API server accepts only with operator Exists, not with {{operator}}. Set operator: Exists, or name the key of the taint.',
  tolerationValueWithExists: 'Operator Exists matches any value of the taint, so the API server rejects a value ("{{value}}"). Remove value, or use operator Equal.',
  tolerationValueInvalid: 'Toleration value "{{value}}" is not a valid taint value, so the API server rejects it: {{problems}}. Use the value of the taint as the node has it.',
  tolerationComparisonUnsupported: 'Operator {{operator}} in a toleration needs Kubernetes 1.35 or newer (feature gate AllowTaintTolerationComparisonOperators); the API server of {{version}} accepts only Equal and Exists.',
  tolerationValueNotInteger: 'Operator {{operator}} compares the value of the taint as a whole number, so the API server rejects {{value}}. Give value a whole number in quotes, like "100".',
  tolerationSecondsEffect: 'tolerationSeconds says how long the pod stays on a node after a NoExecute taint appears, so the API server requires effect: NoExecute with it ({{effect}}). Set effect: NoExecute, or remove tolerationSeconds.',
  nodeSelectorTermsEmpty: 'Required node affinity needs at least one node selector term; the API server rejects an empty nodeSelectorTerms. Add a term, or remove requiredDuringSchedulingIgnoredDuringExecution.',
  valuesRequired: 'Operator {{operator}} needs at least one entry in values; the API server rejects the requirement without them. Add the values to match.',
  valuesForbidden: 'Operator {{operator}} takes no values; the API server rejects the requirement while values is set. Remove values.',
  singleValueRequired: 'Operator {{operator}} compares a node label with one number, so values must hold exactly one entry ({{count}} here); the API server rejects it. Give one whole number, like ["3"].',
  operatorInvalid: '{{operator}} is not a selector operator, so the API server rejects the requirement. Use {{operators}} (case matters).',
  labelKeyInvalid: 'Label key "{{key}}" is not a valid label name, so the API server rejects it: {{problems}}. Use the key as the labels have it.',
  labelValueInvalid: 'Value "{{value}}" is not a valid label value, so the API server rejects it: {{problems}}. Use the value as the labels have it.',
  fieldKeyInvalid: 'matchFields supports only the key metadata.name, so the API server rejects "{{key}}". Match node labels with matchExpressions instead.',
  fieldOperatorInvalid: 'matchFields supports only the operators In and NotIn, so the API server rejects {{operator}}. Use In or NotIn with one node name.',
  fieldSingleValue: 'matchFields with operator {{operator}} takes exactly one node name in values ({{count}} here); the API server rejects it. Give one name, and add a node selector term for each other node.',
  fieldValueInvalid: 'Node name "{{value}}" is not a valid DNS-1123 subdomain, so the API server rejects it: {{problems}}. Use the name of the node as kubectl get nodes shows it.',
  weightOutOfRange: 'weight must be between 1 and 100; the API server rejects {{weight}}. Give the preference a weight in that range.',
  topologyKeyEmpty: 'topologyKey names the node label that groups nodes into domains, and the API server rejects an empty one. Set it, for example to kubernetes.io/hostname or topology.kubernetes.io/zone.',
  topologyKeyInvalid: 'topologyKey "{{key}}" is not a valid label name, so the API server rejects it: {{problems}}. Use the key of a node label, such as topology.kubernetes.io/zone.',
  namespaceInvalid: 'Namespace "{{namespace}}" is not a valid namespace name (a DNS-1123 label), so the API server rejects it: {{problems}}. Use the name of the namespace.',
  labelKeysWithoutSelector: '{{field}} refines labelSelector with labels of the incoming pod, so the API server rejects it when labelSelector is not set. Add a labelSelector, or remove {{field}}.',
  labelKeyInSelector: 'Key "{{key}}" is both in matchLabelKeys and in the matchLabels of labelSelector; the API server rejects that. Remove it from one of them.',
  labelKeyInBoth: 'Key "{{key}}" is both in matchLabelKeys and in mismatchLabelKeys; the API server rejects that. Keep it in one of them.',
  maxSkewNotPositive: 'maxSkew is the largest difference in matching pods allowed between two domains, and the API server rejects {{value}}: it must be greater than zero. Use 1 for the most even spread.',
  minDomainsNotPositive: 'minDomains must be greater than zero, and the API server rejects {{value}}. Set it to at least 1, or remove it.',
  minDomainsScheduleAnyway: 'minDomains applies only with whenUnsatisfiable: DoNotSchedule, so the API server rejects it with ScheduleAnyway. Remove minDomains, or use DoNotSchedule.',
  constraintDuplicate: 'topologySpreadConstraints[{{index}}] already spreads over "{{key}}" with whenUnsatisfiable {{action}}; the API server rejects two constraints with the same pair. Merge them into one.',
  schedulingGateInvalid: 'Scheduling gate "{{name}}" is not a qualified name, so the API server rejects it: {{problems}}. Name it like a label key, for example example.com/quota-check.',
  schedulingGateDuplicate: 'Scheduling gate "{{name}}" is already schedulingGates[{{index}}]; the API server rejects a gate listed twice. Remove this one.',
};

export default createRule({
  name: 'scheduling-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: "A pod's scheduling settings the API server rejects: tolerations, node affinity, pod (anti-)affinity terms, topology spread constraints and scheduling gates that break its rules.",
      recommended: true,
    },
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        checkTolerations(context, podSpec.spec, podSpec.path);
        checkAffinity(context, podSpec.spec, podSpec.path);
        checkTopologySpread(context, podSpec.spec, podSpec.path);
        checkSchedulingGates(context, podSpec.spec, podSpec.path);
      },
    };
  },
});
