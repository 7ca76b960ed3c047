// What the downward API offers to environment variables (validEnvDownwardAPIFieldPathExpressions and
// validContainerResourceFieldPathExpressions of the core validation), and the divisors each resource takes.
import { canonicalQuantity, isQualifiedName, quantityOfValue, withoutRegexHint } from '@podlint/core';

/** Pod fields an env var may read through fieldRef; spec.host is an old alias of spec.nodeName. */
export const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
] as const;

/** Paths the downward API knows but only downwardAPI volumes (labels, annotations) or nothing at all serve to env. */
const VOLUME_ONLY_PATHS = new Set(['metadata.labels', 'metadata.annotations']);

export type FieldPathProblem = 'unsupported' | 'volumeOnly' | 'subscript';

export function fieldPathProblem(fieldPath: string): FieldPathProblem | undefined {
  const subscripted = /^([^[]+)\['([^']*)'\]$/.exec(fieldPath);
  if (subscripted) return VOLUME_ONLY_PATHS.has(subscripted[1]!) ? undefined : 'subscript';
  if ((ENV_FIELD_PATHS as readonly string[]).includes(fieldPath) || fieldPath === 'spec.host') return undefined;
  return VOLUME_ONLY_PATHS.has(fieldPath) ? 'volumeOnly' : 'unsupported';
}

export interface SubscriptKeyProblem {
  key: string;
  kind: 'label' | 'annotation';
  problems: string[];
}

/**
 * A labels or annotations subscript whose key the server rejects: a label key must be a qualified name, and
 * so must an annotation key once lower-cased (validateObjectFieldSelector).
 */
export function subscriptKeyProblem(fieldPath: string): SubscriptKeyProblem | undefined {
  const subscripted = /^(metadata\.labels|metadata\.annotations)\['(.*)'\]$/.exec(fieldPath);
  if (!subscripted) return undefined;
  const key = subscripted[2]!;
  const kind = subscripted[1] === 'metadata.labels' ? 'label' : 'annotation';
  const problems = isQualifiedName(kind === 'label' ? key : key.toLowerCase()).map(withoutRegexHint);
  return problems.length > 0 ? { key, kind, problems } : undefined;
}

export const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'] as const;

export function isResourceField(resource: string): boolean {
  return (RESOURCE_FIELDS as readonly string[]).includes(resource) || resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-');
}

const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** The divisors allowed for a resource field, or undefined when the field is not checked (unknown resource). */
export function allowedDivisors(resource: string): readonly string[] | undefined {
  const name = resource.replace(/^(limits|requests)\./, '');
  if (name === 'cpu') return ['1m', '1'];
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) return BYTE_DIVISORS;
  return undefined;
}

/**
 * True when the divisor is allowed. The server compares the quantity's printed form, so "1000m" passes for cpu
 * (it prints as "1") but "1e3" fails for memory (it prints as "1e3", not "1k").
 */
export function divisorAllowed(divisor: unknown, allowed: readonly string[]): boolean {
  const parsed = quantityOfValue(divisor);
  if (!parsed || !parsed.ok) return true;
  const printed = canonicalQuantity(parsed.quantity);
  return printed === '0' || allowed.includes(printed);
}
