// Labels, label selectors and annotation keys the API server rejects (reference A5, A6, M0): every object's
// labels and annotations, its pod template's, a pod's nodeSelector, a Service's selector, and the label selector
// of workloads and PodDisruptionBudgets. A label key is a qualified name (an optional DNS subdomain and "/", then
// up to 63 letters, digits, "-", "_" or "."); a value is up to 63 of the same, or empty. The object's owner
// references and finalizers (A7, A8) are checked here too: finalizers are qualified names like label keys.
import { getIn, isPlainObject, isQualifiedName, podMetadataPath, type Path, type Resource, type RuleContext } from '@podlint/core';
import { isBuiltInGroup, isCheckable, isTemplated, podTemplateChecked } from './api-validation-utils.js';
import { checkFinalizers, checkOwnerReferences, type MetadataMessageId } from './label-invalid/owners-and-finalizers.js';
import { checkLabelSelector, labelKeyProblems, labelValueProblems, problemsOf, type SelectorMessageId } from './label-selector-utils.js';
import { createRule } from './rule-utils.js';

type MessageId = SelectorMessageId | MetadataMessageId | 'annotationKeyInvalid' | 'annotationsTooLong';

const MAX_ANNOTATIONS_BYTES = 262144;
/** Kinds whose spec.selector is a label selector the server validates as such (ReplicationController's is a map). */
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'PodDisruptionBudget']);

export default createRule({
  name: 'label-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description:
        'A label key or value, a label selector, an annotation key, an owner reference or a finalizer the API server rejects: keys and finalizers that are not qualified names, values over 63 characters or with other characters, In without values, annotations over 256 KiB, empty owner fields or two controllers.',
      recommended: true,
    },
    messages: {
      labelKeyInvalid: 'Label key "{{key}}" is not valid, so the API server rejects it: {{problems}}.',
      labelValueInvalid: 'Label value "{{value}}" is not valid, so the API server rejects it: {{problems}}.',
      annotationKeyInvalid: 'Annotation key "{{key}}" is not valid, so the API server rejects it: {{problems}}.',
      annotationsTooLong: 'The annotations add up to {{size}} bytes; the API server accepts at most 262144 (256 KiB).',
      ownerVersionEmpty: 'Owner reference apiVersion "{{apiVersion}}" has no version, so the API server rejects it. Write the owner\'s apiVersion as it has it, like apps/v1.',
      ownerFieldEmpty: 'Owner reference {{field}} is empty, so the API server rejects it. Fill it in from the owner, or remove the reference.',
      ownerControllerTwice: 'Owner reference {{owner}} is a second controller ({{other}} already is); the API server accepts only one reference with controller: true. Set controller: false on one of them.',
      finalizerInvalid: 'Finalizer "{{finalizer}}" is not a qualified name, so the API server rejects it: {{problems}}.',
      finalizerNotQualified: 'Finalizer "{{finalizer}}" is neither a standard finalizer (kubernetes, orphan, foregroundDeletion) nor qualified with a domain, so the API server rejects it. Prefix it with your domain, like example.com/{{finalizer}}.',
      valuesRequired: 'Operator {{operator}} needs values to compare the label with; the API server rejects it without.',
      valuesForbidden: 'Operator {{operator}} takes no values (it only asks whether the label is there); the API server rejects them.',
      singleValueRequired: 'Operator {{operator}} compares with exactly one value, and has {{count}}; the API server rejects it.',
      operatorInvalid: '{{operator}} is not a selector operator, so the API server rejects it. Use {{operators}} (case matters).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        checkMetadata(context, resource, []);
        if (isPlainObject(resource.object.metadata)) {
          checkOwnerReferences(context, resource.object.metadata, resource.at('metadata'));
          checkFinalizers(context, resource.object.metadata, resource.at('metadata'), isBuiltInGroup(resource.group));
        }
        if (resource.holdsPodSpec && resource.kind !== 'Pod' && podTemplateChecked(context, resource)) {
          const metadataPath = podMetadataPath(resource.kind, resource.group);
          if (metadataPath) checkMetadata(context, resource, metadataPath.slice(0, -1));
        }
        const spec = resource.object.spec;
        if (!isPlainObject(spec)) return;
        if (resource.kind === 'Service' && resource.group === '' && isPlainObject(spec.selector)) checkLabels(context, spec.selector, resource.at('spec', 'selector'));
        if (SELECTOR_KINDS.has(resource.kind)) checkLabelSelector(context, spec.selector, resource.at('spec', 'selector'));
      },
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        if (isPlainObject(podSpec.spec.nodeSelector)) checkLabels(context, podSpec.spec.nodeSelector, [...podSpec.path, 'nodeSelector']);
      },
    };
  },
});

/** The labels and annotation keys of the metadata at `holder` (the object, or its pod template). */
function checkMetadata(context: RuleContext<MessageId>, resource: Resource, holder: Path): void {
  const metadata = getIn(resource.object, [...holder, 'metadata']);
  if (!isPlainObject(metadata)) return;
  const metadataPath = resource.at(...holder, 'metadata');
  if (isPlainObject(metadata.labels)) checkLabels(context, metadata.labels, [...metadataPath, 'labels']);
  if (!isPlainObject(metadata.annotations)) return;
  const annotationsPath = [...metadataPath, 'annotations'];
  let size = 0;
  for (const [key, value] of Object.entries(metadata.annotations)) {
    // The server checks annotation keys lower-cased: capitals are fine there.
    const problems = isTemplated(key) ? '' : problemsOf(isQualifiedName, key.toLowerCase());
    if (problems) context.report({ path: [...annotationsPath, key], at: 'key', messageId: 'annotationKeyInvalid', data: { key, problems } });
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) context.report({ path: annotationsPath, at: 'key', messageId: 'annotationsTooLong', data: { size: String(size) } });
}

/** A map of labels (metadata.labels, a nodeSelector, a Service's selector): keys and values. */
function checkLabels(context: RuleContext<MessageId>, labels: Record<string, unknown>, path: Path): void {
  for (const [key, value] of Object.entries(labels)) {
    const keyProblems = isTemplated(key) ? '' : labelKeyProblems(key);
    if (keyProblems) context.report({ path: [...path, key], at: 'key', messageId: 'labelKeyInvalid', data: { key, problems: keyProblems } });
    // A value of another type is schema-type's.
    if (!isCheckable(value)) continue;
    const valueProblems = labelValueProblems(value);
    if (valueProblems) context.report({ path: [...path, key], messageId: 'labelValueInvalid', data: { value, problems: valueProblems } });
  }
}
