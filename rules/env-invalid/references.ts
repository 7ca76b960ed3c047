// env-invalid's checks of references: configMapKeyRef/secretKeyRef (a name and a key are both required, and
// an empty name is not defaulted) and envFrom entries (exactly one source, a name, a valid prefix).
import { isPlainObject, type Path, type RuleContext } from '@podlint/core';
import { itemAnchor, type ListItem } from '../api-validation-utils.js';
import { configKeyProblem, envNameProblem, objectNameProblem } from './names.js';

export type ReferenceMessageId =
  | 'keyRefNameMissing'
  | 'keyRefNameInvalid'
  | 'keyRefKeyEmpty'
  | 'keyRefKeyInvalid'
  | 'envFromNoSource'
  | 'envFromBothSources'
  | 'prefixInvalid';

export function checkKeyRef(context: RuleContext<ReferenceMessageId>, keyRef: unknown, path: Path, kind: 'ConfigMap' | 'Secret'): void {
  if (!isPlainObject(keyRef)) return;
  const ref = path[path.length - 1] as string;
  checkObjectName(context, keyRef, path, kind, false);
  if (keyRef.key === '') context.report({ path: [...path, 'key'], messageId: 'keyRefKeyEmpty', data: { ref, kind } });
  else if (typeof keyRef.key === 'string') {
    const problem = configKeyProblem(keyRef.key);
    if (problem) context.report({ path: [...path, 'key'], messageId: 'keyRefKeyInvalid', data: { key: keyRef.key, problem } });
  }
}

export function checkEnvFrom(context: RuleContext<ReferenceMessageId>, entries: readonly ListItem[]): void {
  for (const { item, path } of entries) {
    const sources = (['configMapRef', 'secretRef'] as const).filter((source) => item[source] !== undefined && item[source] !== null);
    if (sources.length === 0) context.report({ ...itemAnchor(item, path), messageId: 'envFromNoSource' });
    else if (sources.length > 1) context.report({ path: [...path, 'secretRef'], at: 'key', messageId: 'envFromBothSources' });
    for (const source of sources) {
      const reference = item[source];
      if (isPlainObject(reference)) checkObjectName(context, reference, [...path, source], source === 'configMapRef' ? 'ConfigMap' : 'Secret', true);
    }
    if (typeof item.prefix === 'string' && item.prefix !== '') {
      const problem = envNameProblem(item.prefix, context.settings.kubernetesVersion);
      if (problem) context.report({ path: [...path, 'prefix'], messageId: 'prefixInvalid', data: { name: item.prefix, problem } });
    }
  }
}

function checkObjectName(context: RuleContext<ReferenceMessageId>, reference: Record<string, unknown>, path: Path, kind: string, prefix: boolean): void {
  const ref = String(path[path.length - 1]);
  if (reference.name === undefined || reference.name === null || reference.name === '') {
    context.report({ path: reference.name === '' ? [...path, 'name'] : path, at: reference.name === '' ? 'value' : 'key', messageId: 'keyRefNameMissing', data: { ref, kind } });
    return;
  }
  if (typeof reference.name !== 'string') return;
  const problem = objectNameProblem(reference.name, prefix);
  if (problem) context.report({ path: [...path, 'name'], messageId: 'keyRefNameInvalid', data: { kind, name: reference.name, problem } });
}
