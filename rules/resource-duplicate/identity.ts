// What makes two manifests the same API object: API group (not version), kind, namespace and name, with the
// groups that serve one stored resource under two names folded together (a Deployment of extensions/v1beta1
// and one of apps/v1 are the same deployments.apps object), and no namespace for cluster-scoped kinds.
import { isClusterScopedKind, type Resource } from '@podlint/core';

/** Kinds served by an old group and a new one from the same storage: old group -> kind -> group it is stored in. */
const GROUP_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  extensions: {
    Deployment: 'apps',
    DaemonSet: 'apps',
    ReplicaSet: 'apps',
    Ingress: 'networking.k8s.io',
    NetworkPolicy: 'networking.k8s.io',
    PodSecurityPolicy: 'policy',
  },
  'events.k8s.io': { Event: '' },
};

/** Groups of local tool configuration that is never sent to the API server (kustomization.yaml). */
const LOCAL_CONFIG_GROUPS = new Set(['kustomize.config.k8s.io', 'config.kubernetes.io']);

export interface ObjectIdentity {
  group: string;
  kind: string;
  /** '' for an omitted namespace and for cluster-scoped kinds. */
  namespace: string;
  name: string;
}

/** The identity of an object the API server would store, or undefined (no name yet, or local configuration). */
export function objectIdentity(resource: Resource): ObjectIdentity | undefined {
  const name = resource.name;
  if (!name || LOCAL_CONFIG_GROUPS.has(resource.group)) return undefined;
  const group = GROUP_ALIASES[resource.group]?.[resource.kind] ?? resource.group;
  const namespace = isClusterScopedKind(resource.kind) ? '' : (resource.namespace ?? '');
  return { group, kind: resource.kind, namespace, name };
}

export function identityKey(identity: ObjectIdentity): string {
  return [identity.group, identity.kind, identity.namespace, identity.name].join('\u0000');
}
