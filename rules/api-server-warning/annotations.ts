// api-server-warning's checks of deprecated annotations on a pod's or a template's metadata (reference section 3,
// W6, W16, W17): annotations that fields replaced, which the server still accepts with a warning.
import { isAtLeast, isPlainObject, shortenForMessage, type ContainerRef, type PodSpecRef } from '@podlint/core';
import { labelKeyProblems } from '../label-selector-utils.js';
import { describeContainer } from '../rule-utils.js';
import type { WarningContext } from './messages.js';

/** W6: annotations that stopped working, with the release and the field that replaced them. */
const NON_FUNCTIONAL_ANNOTATIONS: Readonly<Record<string, { since: string; field: string }>> = {
  'scheduler.alpha.kubernetes.io/critical-pod': { since: '1.16', field: 'priorityClassName (system-cluster-critical or system-node-critical)' },
  'security.alpha.kubernetes.io/sysctls': { since: '1.11', field: 'securityContext.sysctls' },
  'security.alpha.kubernetes.io/unsafe-sysctls': { since: '1.11', field: 'securityContext.sysctls' },
};

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** AppArmorFields went GA in 1.30; from then on the server warns about the annotation. */
const APPARMOR_FIELDS_SINCE = '1.30';

function annotationsOf(podSpec: PodSpecRef): Record<string, unknown> | undefined {
  const annotations = podSpec.metadata?.annotations;
  return isPlainObject(annotations) ? annotations : undefined;
}

function securityContextField(owner: Record<string, unknown>, field: string): boolean {
  const securityContext = owner.securityContext;
  return isPlainObject(securityContext) && securityContext[field] !== undefined && securityContext[field] !== null;
}

export function checkPodAnnotations(context: WarningContext, podSpec: PodSpecRef): void {
  const annotations = annotationsOf(podSpec);
  if (!annotations) return;
  const path = [...podSpec.metadataPath, 'annotations'];
  for (const key of Object.keys(annotations)) {
    if (!Object.hasOwn(NON_FUNCTIONAL_ANNOTATIONS, key)) continue;
    const { since, field } = NON_FUNCTIONAL_ANNOTATIONS[key]!;
    context.report({ path: [...path, key], at: 'key', messageId: 'annotationNonFunctional', data: { key, since, field } });
  }
  if (Object.hasOwn(annotations, SECCOMP_POD_ANNOTATION) && !securityContextField(podSpec.spec, 'seccompProfile')) {
    context.report({ path: [...path, SECCOMP_POD_ANNOTATION], at: 'key', messageId: 'annotationNonFunctional', data: { key: SECCOMP_POD_ANNOTATION, since: '1.27', field: "the pod's securityContext.seccompProfile" } });
  }
}

/** W16, W17: a container's seccomp or AppArmor annotation without the field that replaced it. */
export function checkContainerAnnotations(context: WarningContext, container: ContainerRef, podSpec: PodSpecRef): void {
  const annotations = annotationsOf(podSpec);
  if (!annotations || typeof container.name !== 'string' || container.name === '') return;
  const path = [...podSpec.metadataPath, 'annotations'];
  const whose = `the securityContext of ${describeContainer(container)}`;
  const seccompKey = SECCOMP_CONTAINER_PREFIX + container.name;
  // A key that is not a valid annotation key (an invalid container name) is label-invalid's, at the same key.
  if (Object.hasOwn(annotations, seccompKey) && !labelKeyProblems(seccompKey) && !securityContextField(container.container, 'seccompProfile')) {
    context.report({ path: [...path, seccompKey], at: 'key', messageId: 'annotationNonFunctional', data: { key: shortenForMessage(seccompKey), since: '1.27', field: `seccompProfile in ${whose}` } });
  }
  const appArmorKey = APPARMOR_CONTAINER_PREFIX + container.name;
  if (!isAtLeast(context.settings.kubernetesVersion, APPARMOR_FIELDS_SINCE) || !Object.hasOwn(annotations, appArmorKey) || labelKeyProblems(appArmorKey)) return;
  if (securityContextField(podSpec.spec, 'appArmorProfile') || securityContextField(container.container, 'appArmorProfile')) return;
  context.report({ path: [...path, appArmorKey], at: 'key', messageId: 'annotationDeprecated', data: { key: shortenForMessage(appArmorKey), since: APPARMOR_FIELDS_SINCE, field: `appArmorProfile in ${whose} (or the pod's)` } });
}
