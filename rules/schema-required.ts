import {
  apiStatus,
  builtinApiVersionsOf,
  firstLineAt,
  getIn,
  isListKind,
  isPlainObject,
  namesObjectType,
  podMetadataPath,
  schemaDescription,
  schemaFor,
  type Path,
  type Resource,
  type RuleContext,
  type SourceDocument,
} from '@podlint/core';
import { podTemplateChecked } from './api-validation-utils.js';
import { createRule } from './rule-utils.js';
import { firstSentence, schemaProblems } from './schema-utils.js';

type MessageId = 'missingWithHint' | 'missing' | 'empty' | 'noName' | 'noPodSpec' | 'noContainers' | 'noKind' | 'noApiVersion' | 'noApiVersionFor' | 'emptyTypeField' | 'noTypeFields' | 'itemNoTypeFields' | 'typeFieldNotString';

export default createRule({
  name: 'schema-required',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A required field is missing (containers, a container\'s name, a selector, apiVersion or kind...).', recommended: true },
    messages: {
      missingWithHint: '{{type}} needs "{{field}}", which is missing; add it ({{hint}}).',
      missing: '{{type}} needs "{{field}}", which is missing; add it.',
      empty: '"{{field}}" has no value, but {{type}} requires it; fill it in.',
      noName: 'This {{kind}} has no metadata.name, which the API server requires (or generateName, for kubectl create); add a name.',
      noPodSpec: '{{subject}} has no "spec"; a pod needs one, with at least one container.',
      noContainers: '"containers" is empty; a pod needs at least one container.',
      noKind: '{{subject}} has an apiVersion but no kind; every Kubernetes object needs both. Add the kind.',
      noApiVersion: '{{subject}} has a kind but no apiVersion; every Kubernetes object needs both. Add the apiVersion.',
      noApiVersionFor: '{{subject}} has a kind but no apiVersion; every Kubernetes object needs both. For a {{kind}} add "apiVersion: {{apiVersion}}".',
      emptyTypeField: '"{{field}}" has no value; every Kubernetes object needs an apiVersion and a kind.',
      noTypeFields: '{{subject}} has neither an apiVersion nor a kind with a value; every Kubernetes object needs both.',
      itemNoTypeFields: 'Entry {{entry}} of "items" has neither an apiVersion nor a kind; every object in a List needs both.',
      typeFieldNotString: '"{{field}}" must be a string such as {{example}}.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Document(doc) {
        if (doc.hasSyntaxErrors || doc.conversionError) return;
        const value = doc.value;
        if (!isPlainObject(value)) return;
        checkTypeFields(context, doc, value, []);
        if (typeof value.kind === 'string' && typeof value.apiVersion === 'string' && Array.isArray(value.items) && isListKind(value as never)) {
          const untyped = value.kind === 'List';
          value.items.forEach((item, index) => {
            if (!isPlainObject(item)) return;
            // An item of a typed list (PodList) with neither takes the list's type, and is linted as such
            // (documentResources); an item of a List has none then.
            if (untyped && !('apiVersion' in item) && !('kind' in item)) {
              context.report({ offsets: firstLineAt(doc, ['items', index]), messageId: 'itemNoTypeFields', data: { entry: String(index + 1) } });
            } else {
              checkTypeFields(context, doc, item, ['items', index]);
            }
          });
        }
      },
      Resource(resource) {
        for (const problem of schemaProblems(resource, context).problems) {
          if (problem.kind !== 'required') continue;
          const data = { type: problem.typeName, field: problem.field };
          if (problem.isNull) {
            context.report({ path: resource.at(...problem.path, problem.field), at: 'key', messageId: 'empty', data });
            continue;
          }
          const offsets = firstLineAt(resource.document, resource.at(...problem.path));
          const hint = firstSentence(problem.reference ? schemaDescription(problem.reference, problem.field) : undefined);
          if (hint) context.report({ offsets, messageId: 'missingWithHint', data: { ...data, hint: hint.replace(/[.!?]$/, '') } });
          else context.report({ offsets, messageId: 'missing', data });
        }
        checkName(context, resource);
        if (podTemplateChecked(context, resource)) checkPodSpec(context, resource);
      },
    };
  },
});

/**
 * Kinds sent without a name: requests answered at once and never stored (TokenReview, Eviction...), and the API's
 * own descriptions of itself. Every other object needs one (reference A1).
 */
const UNNAMED_KINDS = /Review$|^(TokenRequest|Eviction|Binding|Scale|Status|DeleteOptions|WatchEvent|APIGroup|APIGroupList|APIResourceList|APIVersions)$/;

/** metadata.name, empty or missing without generateName, on an object of the Kubernetes API or a known custom resource. */
function checkName(context: RuleContext<MessageId>, resource: Resource): void {
  const metadata = resource.object.metadata;
  // A metadata that is not a mapping is schema-type's; a name of another type too.
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) return;
  const named = (field: string) => isPlainObject(metadata) && metadata[field] !== undefined && metadata[field] !== null && metadata[field] !== '';
  if (named('name') || named('generateName')) return;
  if (UNNAMED_KINDS.test(resource.kind) || !schemaFor(resource.apiVersion, resource.kind)) return;
  const data = { kind: resource.kind };
  if (isPlainObject(metadata) && 'name' in metadata) context.report({ path: resource.at('metadata', 'name'), at: metadata.name === '' ? 'value' : 'key', messageId: 'noName', data });
  else context.report({ offsets: firstLineAt(resource.document, resource.at(...(isPlainObject(metadata) ? ['metadata'] : []))), messageId: 'noName', data });
}

/** What the schema leaves optional and the server does not (reference B1-B3): a pod spec, a container, names and images. */
function checkPodSpec(context: RuleContext<MessageId>, resource: Resource): void {
  const podSpec = resource.podSpec;
  if (!podSpec) {
    // The mapping that should hold the spec: the Pod itself, or the template.
    const metadataPath = podMetadataPath(resource.kind, resource.group);
    if (!metadataPath) return;
    const holderPath = metadataPath.slice(0, -1);
    const holder = getIn(resource.object, holderPath);
    if (!isPlainObject(holder) || 'spec' in holder) return;
    const subject = holderPath.length === 0 ? `This ${resource.kind}` : `The pod template "${String(holderPath[holderPath.length - 1])}"`;
    context.report({ offsets: firstLineAt(resource.document, resource.at(...holderPath)), messageId: 'noPodSpec', data: { subject } });
    return;
  }
  if (Array.isArray(podSpec.spec.containers) && podSpec.spec.containers.length === 0) {
    context.report({ path: [...podSpec.path, 'containers'], messageId: 'noContainers' });
  }
  for (const container of podSpec.containers) {
    const type = container.list === 'ephemeralContainers' ? 'EphemeralContainer' : 'Container';
    for (const field of ['name', 'image']) {
      if (container.container[field] === '') context.report({ path: [...container.path, field], messageId: 'empty', data: { type, field } });
    }
  }
}

/** apiVersion and kind: both present, both non-empty strings (kubectl and kubeconform refuse anything else). */
function checkTypeFields(context: RuleContext<MessageId>, doc: SourceDocument, value: Record<string, unknown>, path: Path): void {
  // Neither: not a Kubernetes object (the summary counts it as such); either: one, as the summary counts it.
  if (!namesObjectType(value)) return;
  const state = (field: 'apiVersion' | 'kind') => {
    const item = value[field];
    if (!(field in value)) return 'missing';
    if (item === null || item === '') return 'empty';
    return typeof item === 'string' ? 'ok' : 'wrongType';
  };
  const apiVersion = state('apiVersion');
  const kind = state('kind');
  // Where the object starts: worked out only for a report, since nearly every document has both fields.
  const objectStart = () => firstLineAt(doc, path);
  const subject = path.length === 0 ? 'This document' : `Entry ${Number(path[path.length - 1]) + 1} of "items"`;
  if (apiVersion !== 'ok' && apiVersion !== 'wrongType' && kind !== 'ok' && kind !== 'wrongType') {
    context.report({ offsets: objectStart(), messageId: 'noTypeFields', data: { subject } });
    return;
  }
  for (const [field, fieldState] of [['apiVersion', apiVersion], ['kind', kind]] as const) {
    if (fieldState === 'wrongType') context.report({ path: [...path, field], messageId: 'typeFieldNotString', data: { field, example: field === 'kind' ? '"Deployment"' : '"apps/v1"' } });
    if (fieldState === 'empty') context.report({ path: [...path, field], at: 'key', messageId: 'emptyTypeField', data: { field } });
  }
  if (kind === 'missing') {
    context.report({ offsets: objectStart(), messageId: 'noKind', data: { subject } });
  } else if (apiVersion === 'missing') {
    const suggested = kind === 'ok' ? servedApiVersion(String(value.kind), context.settings.kubernetesVersion) : undefined;
    if (suggested) context.report({ offsets: objectStart(), messageId: 'noApiVersionFor', data: { subject, kind: String(value.kind), apiVersion: suggested } });
    else context.report({ offsets: objectStart(), messageId: 'noApiVersion', data: { subject } });
  }
}

/** The one stable, served apiVersion of a built-in kind, if there is exactly one. */
function servedApiVersion(kind: string, kubernetesVersion: string): string | undefined {
  const served = builtinApiVersionsOf(kind).filter((apiVersion) => apiStatus(apiVersion, kind, kubernetesVersion).state === 'served' && /\/v\d+$|^v\d+$/.test(apiVersion));
  return served.length === 1 ? served[0] : undefined;
}
