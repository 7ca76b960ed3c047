// Labels, label selectors and annotation keys the API server rejects (reference A5, A6, M0): every object's
// labels and annotations, its pod template's, a pod's nodeSelector, a Service's selector, and the label selector
// of workloads and PodDisruptionBudgets. A label key is a qualified name (an optional DNS subdomain and "/", then
// up to 63 letters, digits, "-", "_" or "."); a value is up to 63 of the same, or empty.
import { isPlainObject, podMetadataPath, getIn, type Path, type Resource, type RuleContext } from '@podlint/core';
import { podTemplateChecked } from './api-validation-utils.js';
import { createRule } from './rule-utils.js';

type MessageId = 'keyInvalid' | 'valueInvalid' | 'annotationsTooLong' | 'valuesRequired' | 'valuesForbidden' | 'operatorInvalid';

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_NAME_PART = 63;
const MAX_PREFIX = 253;
const MAX_ANNOTATIONS_BYTES = 262144;
const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
/** Kinds whose spec.selector is a label selector the server validates as such (ReplicationController's is a map). */
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'PodDisruptionBudget']);

export default createRule({
  name: 'label-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description:
        'A label key or value, a label selector or an annotation key the API server rejects: keys that are not qualified names, values over 63 characters or with other characters, In without values, annotations over 256 KiB.',
      recommended: true,
    },
    messages: {
      keyInvalid: '{{what}} key "{{key}}" is not valid: {{reason}}. The API server rejects it.',
      valueInvalid: 'Label value "{{value}}" is not valid: {{reason}}. The API server rejects it.',
      annotationsTooLong: 'The annotations add up to {{size}} bytes; the API server accepts at most 262144 (256 KiB).',
      valuesRequired: 'Operator {{operator}} needs values to compare the label with; the API server rejects it without.',
      valuesForbidden: 'Operator {{operator}} takes no values (it only asks whether the label is there); the API server rejects them.',
      operatorInvalid: '"{{operator}}" is not a selector operator; the API server accepts In, NotIn, Exists and DoesNotExist.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        checkMetadata(context, resource, []);
        if (resource.holdsPodSpec && resource.kind !== 'Pod' && podTemplateChecked(context, resource)) {
          const metadataPath = podMetadataPath(resource.kind, resource.group);
          if (metadataPath) checkMetadata(context, resource, metadataPath.slice(0, -1));
        }
        const spec = resource.object.spec;
        if (!isPlainObject(spec)) return;
        if (resource.kind === 'Service' && resource.group === '' && isPlainObject(spec.selector)) checkLabels(context, spec.selector, resource.at('spec', 'selector'), 'Selector label');
        if (SELECTOR_KINDS.has(resource.kind) && isPlainObject(spec.selector)) checkSelector(context, spec.selector, resource.at('spec', 'selector'));
      },
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        if (isPlainObject(podSpec.spec.nodeSelector)) checkLabels(context, podSpec.spec.nodeSelector, [...podSpec.path, 'nodeSelector'], 'nodeSelector label');
      },
    };
  },
});

/** The labels and annotation keys of the metadata at `holder` (the object, or its pod template). */
function checkMetadata(context: RuleContext<MessageId>, resource: Resource, holder: Path): void {
  const metadata = getIn(resource.object, [...holder, 'metadata']);
  if (!isPlainObject(metadata)) return;
  const metadataPath = resource.at(...holder, 'metadata');
  if (isPlainObject(metadata.labels)) checkLabels(context, metadata.labels, [...metadataPath, 'labels'], 'Label');
  if (!isPlainObject(metadata.annotations)) return;
  const annotationsPath = [...metadataPath, 'annotations'];
  let size = 0;
  for (const [key, value] of Object.entries(metadata.annotations)) {
    // The server checks annotation keys lower-cased: capitals are fine there.
    const reason = qualifiedNameProblem(key.toLowerCase());
    if (reason) context.report({ path: [...annotationsPath, key], at: 'key', messageId: 'keyInvalid', data: { what: 'Annotation', key, reason } });
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) context.report({ path: annotationsPath, at: 'key', messageId: 'annotationsTooLong', data: { size: String(size) } });
}

function checkLabels(context: RuleContext<MessageId>, labels: Record<string, unknown>, path: Path, what: string): void {
  for (const [key, value] of Object.entries(labels)) {
    const keyReason = qualifiedNameProblem(key);
    if (keyReason) context.report({ path: [...path, key], at: 'key', messageId: 'keyInvalid', data: { what, key, reason: keyReason } });
    // A value of another type is schema-type's.
    const valueReason = typeof value === 'string' ? labelValueProblem(value) : undefined;
    if (valueReason) context.report({ path: [...path, key], messageId: 'valueInvalid', data: { value: String(value), reason: valueReason } });
  }
}

/** A label selector: matchLabels as labels, matchExpressions' keys, operators and values (reference M0). */
function checkSelector(context: RuleContext<MessageId>, selector: Record<string, unknown>, path: Path): void {
  if (isPlainObject(selector.matchLabels)) checkLabels(context, selector.matchLabels, [...path, 'matchLabels'], 'Selector label');
  if (!Array.isArray(selector.matchExpressions)) return;
  selector.matchExpressions.forEach((expression: unknown, index) => {
    if (!isPlainObject(expression)) return;
    const expressionPath = [...path, 'matchExpressions', index];
    if (typeof expression.key === 'string') {
      const reason = qualifiedNameProblem(expression.key);
      if (reason) context.report({ path: [...expressionPath, 'key'], messageId: 'keyInvalid', data: { what: 'Selector label', key: expression.key, reason } });
    }
    const { operator, values } = expression;
    if (typeof operator !== 'string') return;
    const listed = Array.isArray(values) ? values : [];
    if (!OPERATORS.has(operator)) {
      context.report({ path: [...expressionPath, 'operator'], messageId: 'operatorInvalid', data: { operator } });
    } else if ((operator === 'In' || operator === 'NotIn') && listed.length === 0) {
      context.report({ path: [...expressionPath, 'operator'], messageId: 'valuesRequired', data: { operator } });
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && listed.length > 0) {
      context.report({ path: [...expressionPath, 'values'], at: 'key', messageId: 'valuesForbidden', data: { operator } });
    }
    listed.forEach((value: unknown, valueIndex) => {
      const reason = typeof value === 'string' ? labelValueProblem(value) : undefined;
      if (reason) context.report({ path: [...expressionPath, 'values', valueIndex], messageId: 'valueInvalid', data: { value: String(value), reason } });
    });
  });
}

/** Why a label or annotation key is not a qualified name (`example.com/name`), or undefined when it is one. */
function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'it may hold one "/", between a DNS prefix and the name';
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') return 'the prefix before "/" is empty';
    if (prefix.length > MAX_PREFIX || !SUBDOMAIN.test(prefix)) return 'the prefix before "/" must be a lowercase DNS name, such as example.com';
  }
  if (name === '') return 'the name is empty';
  if (name.length > MAX_NAME_PART) return `the name has ${name.length} characters, and at most 63 are allowed`;
  if (!NAME_PART.test(name)) return 'the name may hold letters, digits, "-", "_" and ".", and must begin and end with a letter or digit';
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value.length > MAX_NAME_PART) return `it has ${value.length} characters, and at most 63 are allowed`;
  if (!LABEL_VALUE.test(value)) return 'a value may hold letters, digits, "-", "_" and ".", and must begin and end with a letter or digit (or be empty)';
  return undefined;
}
