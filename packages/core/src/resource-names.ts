// How the API server classifies resource names in a container's limits and requests (core helper's
// IsNativeResource, IsHugePageResourceName, IsOvercommitAllowed, IsExtendedResourceName): it decides whether
// a request may be below its limit, and which names a container may use at all.

/** The resources every container may name without a domain. */
export const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isHugePagesResource(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** Kubernetes' own resources: names without a domain, or in the kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Whether a request may be lower than its limit: native resources except huge pages. */
export function allowsOvercommit(name: string): boolean {
  return isNativeResource(name) && !isHugePagesResource(name);
}

/** `cpu`, `memory`, `ephemeral-storage` and `hugepages-<size>`. */
export function isStandardContainerResource(name: string): boolean {
  return (STANDARD_CONTAINER_RESOURCES as readonly string[]).includes(name) || isHugePagesResource(name);
}

/** A vendor resource such as `nvidia.com/gpu`: not native, and a qualified name once prefixed with `requests.`. */
export function isExtendedResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`);
}

/** A resource name the API accepts at all (validateResourceName: a qualified name). */
export function isValidResourceName(name: string): boolean {
  return isQualifiedName(name);
}

/** apimachinery's IsQualifiedName: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1]!;
  if (parts.length === 2 && (parts[0]!.length === 0 || parts[0]!.length > 253 || !DNS_SUBDOMAIN.test(parts[0]!))) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}
