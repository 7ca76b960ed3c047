// What the API server does with a workload's selector and pod template, per kind and API version, so that
// rules need not know: which selector must select the template's labels, which ones the server fills in
// (old API versions and ReplicationControllers copy the template's labels; Jobs generate theirs), and which
// templates are validated as pod specs at all (StatefulSet templates only from Kubernetes 1.34), and which labels
// the controllers add to every pod they create.
import { getIn, isPlainObject, podMetadataPath, type Resource } from './kubernetes.js';
import type { Path } from './types.js';
import { labelMap } from './label-selectors.js';
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

/** A label a controller puts on each pod it creates, whatever the template says. */
export interface ControllerPodLabel {
  /** True when a pod can carry this value. */
  matches(value: string): boolean;
  /** The values, as a message shows them: `web-0`, `web-0 to web-2`, `(set by the controller)`. */
  values: string;
}

const ANY_VALUE: ControllerPodLabel = { matches: () => true, values: '(set by the controller)' };
const ORDINAL = /^(?:0|[1-9]\d*)$/;

/**
 * The labels the controllers (and the Job strategy, before the Job is created) add to the pods of a workload, so
 * that a Service may select them: a Deployment's pod-template-hash; a StatefulSet's pod name and index; a
 * StatefulSet's or DaemonSet's revision hash; a Job's name, uid and completion index. A standalone ReplicaSet adds
 * nothing (the Deployment controller writes pod-template-hash into the templates of its ReplicaSets). Values that
 * exist only once the objects do (hashes, uids, a CronJob's Job names) match any value.
 */
export function controllerPodLabels(resource: Resource): ReadonlyMap<string, ControllerPodLabel> {
  const labels = new Map<string, ControllerPodLabel>();
  const spec = isPlainObject(resource.object.spec) ? resource.object.spec : {};
  switch (resource.kind) {
    case 'Deployment':
      labels.set('pod-template-hash', ANY_VALUE);
      break;
    case 'DaemonSet':
      labels.set('controller-revision-hash', ANY_VALUE);
      labels.set('pod-template-generation', ANY_VALUE);
      break;
    case 'StatefulSet': {
      labels.set('controller-revision-hash', ANY_VALUE);
      const ordinals = statefulSetOrdinals(spec);
      labels.set('apps.kubernetes.io/pod-index', ordinalLabel('', ordinals));
      labels.set('statefulset.kubernetes.io/pod-name', resource.name === undefined ? ANY_VALUE : ordinalLabel(`${resource.name}-`, ordinals));
      break;
    }
    case 'Job':
      addJobLabels(labels, resource, spec, resource.name);
      break;
    case 'CronJob': {
      const jobSpec = getIn(spec, ['jobTemplate', 'spec']);
      // The CronJob controller names each Job it creates after the schedule time.
      addJobLabels(labels, resource, isPlainObject(jobSpec) ? jobSpec : {}, undefined);
      break;
    }
  }
  return labels;
}

function addJobLabels(labels: Map<string, ControllerPodLabel>, resource: Resource, jobSpec: Record<string, unknown>, name: string | undefined): void {
  if (jobSpec.completionMode === 'Indexed') {
    const completions = jobSpec.completions;
    const count = typeof completions === 'number' && Number.isInteger(completions) ? completions : undefined;
    labels.set('batch.kubernetes.io/job-completion-index', ordinalLabel('', { start: 0, count }));
  }
  if (jobSpec.manualSelector === true) return;
  // The Job strategy adds its labels only where the template does not set them already.
  const metadataPath = podMetadataPath(resource.kind, resource.group);
  const written = labelMap(metadataPath && getIn(resource.object, [...metadataPath, 'labels']));
  for (const [key, value] of jobGeneratedLabels(name)) {
    if (written.has(key)) continue;
    labels.set(key, value === undefined ? ANY_VALUE : { matches: (candidate) => candidate === value, values: value });
  }
}

/** The ordinals of a StatefulSet's pods: from `ordinals.start`, `replicas` of them (any number when it is not written). */
interface Ordinals {
  start: number | undefined;
  count: number | undefined;
}

function statefulSetOrdinals(spec: Record<string, unknown>): Ordinals {
  const written = getIn(spec, ['ordinals', 'start']);
  const start = written === undefined || written === null ? 0 : typeof written === 'number' && Number.isInteger(written) ? written : undefined;
  // An absent replicas defaults to 1, but is also how a StatefulSet scaled by an autoscaler is written.
  const count = typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) ? spec.replicas : undefined;
  return { start, count };
}

/** `<prefix><ordinal>` for each ordinal of the pods, in decimal without leading zeros. */
function ordinalLabel(prefix: string, { start, count }: Ordinals): ControllerPodLabel {
  const isOrdinal = (value: string) => value.startsWith(prefix) && ORDINAL.test(value.slice(prefix.length));
  if (start === undefined || count === undefined) return { matches: isOrdinal, values: `${prefix}<ordinal>` };
  return {
    matches: (value) => isOrdinal(value) && Number(value.slice(prefix.length)) >= start && Number(value.slice(prefix.length)) < start + count,
    values: count <= 0 ? '(no pods)' : count === 1 ? `${prefix}${start}` : `${prefix}${start} to ${prefix}${start + count - 1}`,
  };
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
