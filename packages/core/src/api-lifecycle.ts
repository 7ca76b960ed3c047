// When each apiVersion/kind was deprecated and stopped being served, and what replaces it: the Kubernetes
// deprecation guide (removals 1.16-1.32) and the generated lifecycle metadata of k8s.io/api (tags v0.22-v0.36),
// as collected in shared/reference/api-validation.md section 4. Versions are Kubernetes minors ("1.25").
// A replacement is the version to move to at Kubernetes 1.36: where the guide names an intermediate beta that was
// itself removed later (flowcontrol v1beta2, resource v1beta1...), the entry names the version served today.
import { isAtLeast } from './versions.js';

export interface ApiLifecycle {
  apiVersion: string;
  kind: string;
  /** First release that warns; undefined when no source gives it. */
  deprecated?: string;
  /** First release that no longer serves it. */
  removed: string;
  /** What to use instead, if anything. */
  replacement?: { apiVersion: string; kind: string };
  /** What else changes (from the deprecation guide), or what to do when nothing replaces it. */
  note?: string;
}

type Row = [apiVersion: string, kinds: string, deprecated: string | undefined, removed: string, replacement?: string, note?: string];

const ROWS: readonly Row[] = [
  // Removed in 1.16.
  ['extensions/v1beta1', 'NetworkPolicy', '1.9', '1.16', 'networking.k8s.io/v1'],
  ['extensions/v1beta1', 'DaemonSet', '1.8', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, spec.templateGeneration is gone, and updateStrategy defaults to RollingUpdate'],
  ['apps/v1beta2', 'DaemonSet', '1.9', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, spec.templateGeneration is gone, and updateStrategy defaults to RollingUpdate'],
  ['extensions/v1beta1', 'Deployment', '1.8', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, and spec.rollbackTo is gone'],
  ['apps/v1beta1', 'Deployment', '1.8', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, and spec.rollbackTo is gone'],
  ['apps/v1beta2', 'Deployment', '1.9', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, and spec.rollbackTo is gone'],
  ['apps/v1beta1', 'StatefulSet', '1.8', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, and updateStrategy defaults to RollingUpdate'],
  ['apps/v1beta2', 'StatefulSet', '1.9', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation, and updateStrategy defaults to RollingUpdate'],
  ['extensions/v1beta1', 'ReplicaSet', '1.8', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation'],
  ['apps/v1beta1', 'ReplicaSet', undefined, '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation'],
  ['apps/v1beta2', 'ReplicaSet', '1.9', '1.16', 'apps/v1', 'in apps/v1 spec.selector cannot change after creation'],
  ['apps/v1beta1', 'ControllerRevision', '1.8', '1.16', 'apps/v1'],
  ['apps/v1beta2', 'ControllerRevision', '1.9', '1.16', 'apps/v1'],
  ['extensions/v1beta1', 'PodSecurityPolicy', '1.11', '1.16', undefined, 'PodSecurityPolicy itself was removed in 1.25: use Pod Security Admission (pod-security.kubernetes.io labels on the namespace) or a policy webhook'],
  // Removed in 1.21 and 1.22.
  ['flowcontrol.apiserver.k8s.io/v1alpha1', 'FlowSchema,PriorityLevelConfiguration', '1.20', '1.21', 'flowcontrol.apiserver.k8s.io/v1'],
  ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration,ValidatingWebhookConfiguration', '1.16', '1.22', 'admissionregistration.k8s.io/v1', 'v1 requires sideEffects and admissionReviewVersions, defaults failurePolicy to Fail, matchPolicy to Equivalent and timeoutSeconds to 10s, and wants unique webhook names'],
  ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', undefined, '1.22', 'apiextensions.k8s.io/v1', 'v1 requires spec.scope and a structural spec.versions[*].schema.openAPIV3Schema, and forbids preserveUnknownFields: true'],
  ['apiregistration.k8s.io/v1beta1', 'APIService', undefined, '1.22', 'apiregistration.k8s.io/v1'],
  ['authentication.k8s.io/v1beta1', 'TokenReview', '1.19', '1.22', 'authentication.k8s.io/v1'],
  ['authorization.k8s.io/v1beta1', 'LocalSubjectAccessReview,SelfSubjectAccessReview,SubjectAccessReview,SelfSubjectRulesReview', '1.19', '1.22', 'authorization.k8s.io/v1', 'spec.group is renamed spec.groups'],
  ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest', '1.19', '1.22', 'certificates.k8s.io/v1', 'v1 requires spec.signerName and spec.usages'],
  ['coordination.k8s.io/v1beta1', 'Lease', '1.19', '1.22', 'coordination.k8s.io/v1'],
  ['extensions/v1beta1', 'Ingress', '1.14', '1.22', 'networking.k8s.io/v1', 'in v1, spec.backend is spec.defaultBackend, serviceName/servicePort become service.name and service.port.number (or .name), and pathType is required'],
  ['networking.k8s.io/v1beta1', 'Ingress', '1.19', '1.22', 'networking.k8s.io/v1', 'in v1, spec.backend is spec.defaultBackend, serviceName/servicePort become service.name and service.port.number (or .name), and pathType is required'],
  ['networking.k8s.io/v1beta1', 'IngressClass', '1.19', '1.22', 'networking.k8s.io/v1'],
  ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole,ClusterRoleBinding,Role,RoleBinding', '1.17', '1.22', 'rbac.authorization.k8s.io/v1'],
  ['scheduling.k8s.io/v1beta1', 'PriorityClass', '1.14', '1.22', 'scheduling.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', 'CSIDriver,StorageClass,VolumeAttachment', '1.19', '1.22', 'storage.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', 'CSINode', '1.17', '1.22', 'storage.k8s.io/v1'],
  // Removed in 1.24 to 1.27.
  ['storage.k8s.io/v1alpha1', 'CSIStorageCapacity,VolumeAttachment', '1.21', '1.24', 'storage.k8s.io/v1'],
  ['batch/v1beta1', 'CronJob', '1.21', '1.25', 'batch/v1'],
  ['discovery.k8s.io/v1beta1', 'EndpointSlice', '1.21', '1.25', 'discovery.k8s.io/v1', 'v1 sets nodeName and zone per endpoint instead of topology (now the read-only deprecatedTopology)'],
  ['events.k8s.io/v1beta1', 'Event', '1.22', '1.25', 'events.k8s.io/v1', 'v1 limits type to Normal or Warning, renames involvedObject to regarding, and requires action, reason, reportingController and reportingInstance'],
  ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.22', '1.25', 'autoscaling/v2', 'targetAverageUtilization becomes target.averageUtilization with target.type: Utilization'],
  ['policy/v1beta1', 'PodDisruptionBudget', '1.21', '1.25', 'policy/v1', 'an empty spec.selector ({}) selects every pod of the namespace in policy/v1'],
  ['policy/v1beta1', 'PodSecurityPolicy', '1.21', '1.25', undefined, 'nothing replaces it: use Pod Security Admission (pod-security.kubernetes.io labels on the namespace) or a policy webhook'],
  ['node.k8s.io/v1beta1', 'RuntimeClass', '1.22', '1.25', 'node.k8s.io/v1'],
  ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.23', '1.26', 'autoscaling/v2'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema,PriorityLevelConfiguration', '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.24', '1.27', 'storage.k8s.io/v1'],
  // Removed in 1.29 to 1.36.
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema,PriorityLevelConfiguration', '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1', 'assuredConcurrencyShares is renamed nominalConcurrencyShares'],
  ['networking.k8s.io/v1alpha1', 'ClusterCIDR', '1.28', '1.31', undefined, 'nothing replaces it in the Kubernetes API'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema,PriorityLevelConfiguration', '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1', 'in v1, spec.limited.nominalConcurrencyShares defaults to 30 only when unset; an explicit 0 stays 0'],
  ['admissionregistration.k8s.io/v1alpha1', 'ValidatingAdmissionPolicy,ValidatingAdmissionPolicyBinding', '1.29', '1.32', 'admissionregistration.k8s.io/v1'],
  ['networking.k8s.io/v1alpha1', 'IPAddress,ServiceCIDR', '1.30', '1.33', 'networking.k8s.io/v1'],
  ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy,ValidatingAdmissionPolicyBinding', '1.31', '1.34', 'admissionregistration.k8s.io/v1'],
  ['storage.k8s.io/v1alpha1', 'VolumeAttributesClass', '1.32', '1.35', 'storage.k8s.io/v1'],
  ['storagemigration.k8s.io/v1alpha1', 'StorageVersionMigration', '1.33', '1.36', 'storagemigration.k8s.io/v1beta1'],
  // Deprecated, removal scheduled after 1.36.
  ['certificates.k8s.io/v1alpha1', 'ClusterTrustBundle', '1.34', '1.37', 'certificates.k8s.io/v1beta1'],
  ['networking.k8s.io/v1beta1', 'IPAddress,ServiceCIDR', '1.34', '1.37', 'networking.k8s.io/v1'],
  ['resource.k8s.io/v1alpha3', 'DeviceClass,ResourceClaim,ResourceClaimTemplate,ResourceSlice', '1.34', '1.37', 'resource.k8s.io/v1'],
  ['storage.k8s.io/v1beta1', 'VolumeAttributesClass', '1.34', '1.37', 'storage.k8s.io/v1'],
  ['admissionregistration.k8s.io/v1alpha1', 'MutatingAdmissionPolicy,MutatingAdmissionPolicyBinding', '1.35', '1.38', 'admissionregistration.k8s.io/v1beta1'],
  ['coordination.k8s.io/v1alpha2', 'LeaseCandidate', '1.35', '1.38', 'coordination.k8s.io/v1beta1'],
  ['resource.k8s.io/v1beta1', 'DeviceClass,ResourceClaim,ResourceClaimTemplate,ResourceSlice', '1.35', '1.38', 'resource.k8s.io/v1'],
  ['coordination.k8s.io/v1beta1', 'LeaseCandidate', '1.36', '1.39'],
  ['resource.k8s.io/v1alpha3', 'DeviceTaintRule', '1.36', '1.39', 'resource.k8s.io/v1beta2'],
  ['resource.k8s.io/v1beta2', 'DeviceClass,ResourceClaim,ResourceClaimTemplate,ResourceSlice', '1.36', '1.39', 'resource.k8s.io/v1'],
  ['admissionregistration.k8s.io/v1beta1', 'MutatingAdmissionPolicy,MutatingAdmissionPolicyBinding', '1.37', '1.40', 'admissionregistration.k8s.io/v1'],
  ['certificates.k8s.io/v1alpha1', 'PodCertificateRequest', '1.37', '1.40', 'certificates.k8s.io/v1beta1'],
  ['certificates.k8s.io/v1beta1', 'ClusterTrustBundle', '1.37', '1.40'],
  ['certificates.k8s.io/v1beta1', 'PodCertificateRequest', '1.38', '1.41'],
  ['storagemigration.k8s.io/v1beta1', 'StorageVersionMigration', '1.38', '1.41'],
  ['resource.k8s.io/v1alpha3', 'ResourcePoolStatusRequest', '1.39', '1.42'],
  ['resource.k8s.io/v1beta2', 'DeviceTaintRule', '1.39', '1.42'],
];

export const API_LIFECYCLE: readonly ApiLifecycle[] = ROWS.flatMap(([apiVersion, kinds, deprecated, removed, replacement, note]) =>
  kinds.split(',').map((kind) => {
    const entry: ApiLifecycle = { apiVersion, kind, removed };
    if (deprecated) entry.deprecated = deprecated;
    if (replacement) entry.replacement = { apiVersion: replacement, kind };
    if (note) entry.note = note;
    return entry;
  }),
);

const byKey = new Map(API_LIFECYCLE.map((entry) => [`${entry.apiVersion} ${entry.kind}`, entry]));

/** The lifecycle entry of an apiVersion/kind, if it has one. */
export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return byKey.get(`${apiVersion} ${kind}`);
}

export type ApiStatus = { state: 'removed' | 'deprecated'; entry: ApiLifecycle } | { state: 'served' };

/** Whether an apiVersion/kind is removed, deprecated or plainly served in `kubernetesVersion` ("1.36"). */
export function apiStatus(apiVersion: string, kind: string, kubernetesVersion: string): ApiStatus {
  const entry = apiLifecycle(apiVersion, kind);
  if (!entry) return { state: 'served' };
  if (isAtLeast(kubernetesVersion, entry.removed)) return { state: 'removed', entry };
  if (entry.deprecated && isAtLeast(kubernetesVersion, entry.deprecated)) return { state: 'deprecated', entry };
  return { state: 'served' };
}
