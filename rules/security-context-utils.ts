// Reading security contexts as the kubelet applies them: a field of the container's securityContext overrides
// the same field of the pod's, and Windows pods have neither Linux users nor privilege escalation.
import { isPlainObject, type ContainerRef, type PodSpecRef } from '@podlint/core';

/** The container's securityContext, or an empty one. */
export function containerSecurityContext(container: ContainerRef): Record<string, unknown> {
  const context = container.container.securityContext;
  return isPlainObject(context) ? context : {};
}

/** A field set on the container's securityContext, else on the pod's (for the fields both have). */
export function effectiveSecurityField(container: ContainerRef, podSpec: PodSpecRef, field: 'runAsUser' | 'runAsNonRoot'): unknown {
  const own = containerSecurityContext(container)[field];
  if (own !== undefined && own !== null) return own;
  const pod = podSpec.spec.securityContext;
  return isPlainObject(pod) ? pod[field] : undefined;
}

export function isWindowsPod(podSpec: PodSpecRef): boolean {
  const os = podSpec.spec.os;
  return isPlainObject(os) && os.name === 'windows';
}

/** True when the container adds the capability, written with or without the `CAP_` prefix. */
export function addsCapability(container: ContainerRef, capability: string): boolean {
  const capabilities = containerSecurityContext(container).capabilities;
  const added = isPlainObject(capabilities) ? capabilities.add : undefined;
  if (!Array.isArray(added)) return false;
  return added.some((item) => typeof item === 'string' && item.toUpperCase().replace(/^CAP_/, '') === capability);
}
