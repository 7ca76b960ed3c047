import { didYouMean, isPlainObject, type Path, type Resource, type RuleContext } from '@podlint/core';
import { listItems, podTemplateChecked, replaceScalar } from './api-validation-utils.js';
import { checkEnvFrom, checkKeyRef, type ReferenceMessageId } from './env-invalid/references.js';
import { ENV_FIELD_PATHS, RESOURCE_FIELDS, allowedDivisors, divisorAllowed, fieldPathProblem, isResourceField, subscriptKeyProblem } from './env-invalid/downward.js';
import { envNameProblem } from './env-invalid/names.js';
import { createRule } from './rule-utils.js';

type MessageId =
  | ReferenceMessageId
  | 'nameEmpty'
  | 'nameInvalid'
  | 'noSource'
  | 'valueAndValueFrom'
  | 'severalSources'
  | 'fieldPathVolumeOnly'
  | 'fieldPathUnsupported'
  | 'fieldPathSubscript'
  | 'fieldPathKeyInvalid'
  | 'fieldRefEmpty'
  | 'resourceUnsupported'
  | 'divisorInvalid'
  | 'useValue';

const VALUE_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;

export default createRule({
  name: 'env-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: "An env or envFrom entry the API server rejects: a bad name, a valueFrom with no or several sources, or a reference it cannot resolve.", recommended: true },
    messages: {
      nameEmpty: 'This environment variable has an empty name; the API server rejects it. Give it a name.',
      nameInvalid: 'Environment variable name "{{name}}" {{problem}}, so the API server rejects it. Rename it.',
      prefixInvalid: 'envFrom prefix "{{name}}" {{problem}}, so the API server rejects it (every variable name starts with it).',
      noSource: 'valueFrom names no source; it needs exactly one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef. Add one, or use value instead.',
      valueAndValueFrom: 'This variable sets both value and valueFrom; the API server rejects that. Keep one of them.',
      severalSources: 'valueFrom may name only one source, and this one also has {{source}}; the API server rejects it. Split it into two variables.',
      fieldPathVolumeOnly: 'fieldRef "{{fieldPath}}" is not available to environment variables (only to downwardAPI volumes); pick one label or annotation with {{fieldPath}}[\'<key>\'], or mount a downwardAPI volume.',
      fieldPathUnsupported: 'fieldRef "{{fieldPath}}" is not a pod field the downward API gives to environment variables, so the API server rejects it.{{hint}} The fields are: {{supported}}.',
      fieldPathSubscript: 'fieldRef "{{fieldPath}}" uses a subscript, which only metadata.labels and metadata.annotations support; the API server rejects it.',
      fieldPathKeyInvalid: 'fieldRef "{{fieldPath}}" reads {{kind}} key "{{key}}", which is not a valid {{kind}} key, so the API server rejects it: {{problems}}.',
      fieldRefEmpty: '{{ref}} has an empty {{field}}; the API server requires it. Name the {{what}} to read.',
      resourceUnsupported: 'resourceFieldRef "{{resource}}" is not a container resource field, so the API server rejects it. Use one of: {{supported}} (or limits./requests.hugepages-<size>).',
      divisorInvalid: 'Divisor {{divisor}} is not allowed for {{resource}}; the API server accepts only {{allowed}}.',
      keyRefNameMissing: '{{ref}} has no name, and the API server rejects an empty name (it does not default to anything). Name the {{kind}} to read.',
      keyRefNameInvalid: '{{kind}} name "{{name}}" {{problem}}, so the API server rejects this reference.',
      keyRefKeyEmpty: '{{ref}} has an empty key; the API server rejects it. Name the key of the {{kind}} to read.',
      keyRefKeyInvalid: 'Key "{{key}}" {{problem}}, so the API server rejects this reference.',
      envFromNoSource: 'This envFrom entry names neither configMapRef nor secretRef; the API server rejects it. Add one of them.',
      envFromBothSources: 'This envFrom entry names both configMapRef and secretRef; the API server rejects it. Split it into two entries.',
      useValue: 'Use {{value}}.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        for (const { item, path } of listItems(container.container, 'env', container.path)) checkEnvVar(context, resource, item, path);
        checkEnvFrom(context, listItems(container.container, 'envFrom', container.path));
      },
    };
  },
});

function checkEnvVar(context: RuleContext<MessageId>, resource: Resource, envVar: Record<string, unknown>, path: Path): void {
  if (envVar.name === '') context.report({ path: [...path, 'name'], messageId: 'nameEmpty' });
  if (typeof envVar.name === 'string' && envVar.name !== '') {
    const problem = envNameProblem(envVar.name, context.settings.kubernetesVersion);
    if (problem) context.report({ path: [...path, 'name'], messageId: 'nameInvalid', data: { name: envVar.name, problem } });
  }
  const valueFrom = envVar.valueFrom;
  if (!isPlainObject(valueFrom)) return;
  const valueFromPath = [...path, 'valueFrom'];
  const sources = VALUE_SOURCES.filter((source) => valueFrom[source] !== undefined && valueFrom[source] !== null);
  if (sources.length === 0) {
    context.report({ path: valueFromPath, at: 'key', messageId: 'noSource' });
    return;
  }
  if (typeof envVar.value === 'string' && envVar.value !== '') context.report({ path: valueFromPath, at: 'key', messageId: 'valueAndValueFrom' });
  else if (sources.length > 1) {
    for (const source of sources.slice(1)) context.report({ path: [...valueFromPath, source], at: 'key', messageId: 'severalSources', data: { source } });
  }
  checkFieldRef(context, resource, valueFrom.fieldRef, [...valueFromPath, 'fieldRef']);
  checkResourceFieldRef(context, resource, valueFrom.resourceFieldRef, [...valueFromPath, 'resourceFieldRef']);
  checkKeyRef(context, valueFrom.configMapKeyRef, [...valueFromPath, 'configMapKeyRef'], 'ConfigMap');
  checkKeyRef(context, valueFrom.secretKeyRef, [...valueFromPath, 'secretKeyRef'], 'Secret');
}

function checkFieldRef(context: RuleContext<MessageId>, resource: Resource, fieldRef: unknown, path: Path): void {
  if (!isPlainObject(fieldRef) || typeof fieldRef.fieldPath !== 'string') return;
  const at = [...path, 'fieldPath'];
  if (fieldRef.fieldPath === '') {
    context.report({ path: at, messageId: 'fieldRefEmpty', data: { ref: 'fieldRef', field: 'fieldPath', what: 'pod field' } });
    return;
  }
  const fieldPath = fieldRef.fieldPath;
  const keyProblem = subscriptKeyProblem(fieldPath);
  if (keyProblem) context.report({ path: at, messageId: 'fieldPathKeyInvalid', data: { fieldPath, key: keyProblem.key, kind: keyProblem.kind, problems: keyProblem.problems.join('; ') } });
  const problem = fieldPathProblem(fieldPath);
  if (!problem) return;
  if (problem === 'volumeOnly') context.report({ path: at, messageId: 'fieldPathVolumeOnly', data: { fieldPath } });
  else if (problem === 'subscript') context.report({ path: at, messageId: 'fieldPathSubscript', data: { fieldPath } });
  else {
    const closest = didYouMean(fieldPath, ENV_FIELD_PATHS);
    context.report({
      path: at,
      messageId: 'fieldPathUnsupported',
      data: { fieldPath, supported: ENV_FIELD_PATHS.join(', '), hint: closest ? ` Did you mean "${closest}"?` : '' },
      suggest: closest ? [{ messageId: 'useValue', data: { value: closest }, fix: replaceScalar(resource, at, closest) }] : [],
    });
  }
}

function checkResourceFieldRef(context: RuleContext<MessageId>, object: Resource, resourceFieldRef: unknown, path: Path): void {
  if (!isPlainObject(resourceFieldRef) || typeof resourceFieldRef.resource !== 'string') return;
  if (resourceFieldRef.resource === '') {
    context.report({ path: [...path, 'resource'], messageId: 'fieldRefEmpty', data: { ref: 'resourceFieldRef', field: 'resource', what: 'container resource (limits.memory, say)' } });
    return;
  }
  const resource = resourceFieldRef.resource;
  if (!isResourceField(resource)) {
    // "cpu" or "memory" alone: the field needs to say whether it reads the limit or the request.
    const qualified = ['limits', 'requests'].map((side) => `${side}.${resource}`).filter(isResourceField);
    context.report({
      path: [...path, 'resource'],
      messageId: 'resourceUnsupported',
      data: { resource, supported: RESOURCE_FIELDS.join(', ') },
      suggest: qualified.map((value) => ({ messageId: 'useValue' as const, data: { value }, fix: replaceScalar(object, [...path, 'resource'], value) })),
    });
    return;
  }
  const allowed = allowedDivisors(resource);
  const divisor = resourceFieldRef.divisor;
  if (allowed && divisor !== undefined && !divisorAllowed(divisor, allowed)) {
    context.report({ path: [...path, 'divisor'], messageId: 'divisorInvalid', data: { divisor: String(divisor), resource, allowed: allowed.join(', ') } });
  }
}

