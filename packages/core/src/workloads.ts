// What the API server does with a workload's selector and pod template, per kind and API version, so that
// rules need not know: which selector must select the template's labels, which ones the server fills in
// (old API versions and ReplicationControllers copy the template's labels; Jobs generate theirs), and which
// templates are validated as pod specs at all (StatefulSet templates only from Kubernetes 1.34).
import { isPlainObject, type Resource } from './kubernetes.js';
import type { Path } from './types.js';
import { isAtLeast } from './versions.js';

export interface WorkloadSelector {
  /** Where the selector sits in the document (present or not). */
  path: Path;
  /** The selector as written; undefined or null when it is absent. */
  value: unknown;
  /** A LabelSelector (`matchLabels`/`matchExpressions`), or a plain label map (ReplicationController). */
  form: 'labelSelector' | 'labelMap';
  /**
   * matchTemplate: the selector must select the template's labels. generated: the server generates it (Jobs
   * without manualSelector) and a selector the user writes must agree with the generated labels. forbidden:
   * the server generates it and rejects any selector written (a CronJob's job template).
   */
  mode: 'matchTemplate' | 'generated' | 'forbidden';
  /** matchTemplate only: true when the server fills an absent (or, for label maps, empty) selector from the template's labels. */
  defaultsFromTemplate: boolean;
  /** matchTemplate only: a selector without requirements ({}) is rejected. */
  rejectsEmpty: boolean;
  /** generated only: the labels the generated selector requires, undefined where the value is unknown before creation (the uid). */
  generatedLabels?: ReadonlyMap<string, string | undefined>;
}

/** API versions whose defaulting copied the template's labels into an absent selector (removed in 1.16). */
const SELECTOR_DEFAULTING_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'extensions/v1beta1': ['Deployment', 'ReplicaSet', 'DaemonSet'],
  'apps/v1beta1': ['Deployment', 'StatefulSet'],
};

const APPS_SELECTOR_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

/** The workload's own selector and how the server treats it; undefined for kinds without one (Pod, PodTemplate). */
export function workloadSelector(resource: Resource): WorkloadSelector | undefined {
  if (!resource.holdsPodSpec) return undefined;
  const spec = isPlainObject(resource.object.spec) ? resource.object.spec : {};
  if (APPS_SELECTOR_KINDS.has(resource.kind)) {
    return {
      path: resource.at('spec', 'selector'),
      value: spec.selector,
      form: 'labelSelector',
      mode: 'matchTemplate',
      defaultsFromTemplate: SELECTOR_DEFAULTING_VERSIONS[resource.apiVersion]?.includes(resource.kind) ?? false,
      rejectsEmpty: true,
    };
  }
  if (resource.kind === 'ReplicationController') {
    return { path: resource.at('spec', 'selector'), value: spec.selector, form: 'labelMap', mode: 'matchTemplate', defaultsFromTemplate: true, rejectsEmpty: false };
  }
  if (resource.kind === 'Job') {
    const path = resource.at('spec', 'selector');
    if (spec.manualSelector === true) {
      return { path, value: spec.selector, form: 'labelSelector', mode: 'matchTemplate', defaultsFromTemplate: false, rejectsEmpty: false };
    }
    return { path, value: spec.selector, form: 'labelSelector', mode: 'generated', defaultsFromTemplate: false, rejectsEmpty: false, generatedLabels: jobGeneratedLabels(resource.name) };
  }
  if (resource.kind === 'CronJob') {
    const jobSpec = isPlainObject(spec.jobTemplate) && isPlainObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
    return {
      path: resource.at('spec', 'jobTemplate', 'spec', 'selector'),
      value: jobSpec.selector,
      form: 'labelSelector',
      mode: 'forbidden',
      defaultsFromTemplate: false,
      rejectsEmpty: false,
    };
  }
  return undefined;
}

/** The labels the Job strategy puts on the template and selects on; the uid exists only once the Job is created. */
function jobGeneratedLabels(name: string | undefined): ReadonlyMap<string, string | undefined> {
  return new Map([
    ['job-name', name],
    ['batch.kubernetes.io/job-name', name],
    ['controller-uid', undefined],
    ['batch.kubernetes.io/controller-uid', undefined],
  ]);
}

/**
 * Names a StatefulSet's volumeClaimTemplates add to every pod as volumes (the controller adds one volume per
 * claim template, and the 1.34 validation counts them); empty for other kinds.
 */
export function claimTemplateVolumeNames(resource: Resource): string[] {
  if (resource.kind !== 'StatefulSet') return [];
  const spec = isPlainObject(resource.object.spec) ? resource.object.spec : {};
  const templates = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  return templates.flatMap((template: unknown) => {
    const name = isPlainObject(template) && isPlainObject(template.metadata) ? template.metadata.name : undefined;
    return typeof name === 'string' && name !== '' ? [name] : [];
  });
}

/**
 * Whether the API server validates this object's pod template as a pod spec when it is created. StatefulSet
 * templates were only checked for labels and annotations before 1.34; the controller then fails to create pods.
 */
export function validatesPodTemplate(resource: Resource, kubernetesVersion: string): boolean {
  return resource.kind !== 'StatefulSet' || isAtLeast(kubernetesVersion, '1.34');
}
