// The pods a run would create, with their namespace and labels: what a Service's selector is matched against.
// Built once per run, on the first question (rules that are off never pay for it), and shared by every rule
// across resources that asks.
import { getIn, isPlainObject, podMetadataPath, type PodSpecRef, type Resource } from './kubernetes.js';
import type { ProjectIndex } from './project.js';
import { controllerPodLabels, type ControllerPodLabel } from './workloads.js';

export interface PodTemplate {
  /** The Pod, workload or custom resource that creates the pods. */
  resource: Resource;
  /** As written on the object; undefined means whichever namespace it is applied to. */
  namespace: string | undefined;
  /** The labels written on the template that its pods keep. */
  labels: Readonly<Record<string, string>>;
  /** The labels its controller puts on each pod (a StatefulSet's pod name, a Job's name), over any written ones. */
  controllerLabels: ReadonlyMap<string, ControllerPodLabel>;
  /** Undefined when the object has no pod spec podlint can read (a custom resource, or a template without one). */
  podSpec: PodSpecRef | undefined;
  /** Jobs and CronJobs: their pods finish, and Services rarely select them. */
  runsToCompletion: boolean;
}

const RUN_TO_COMPLETION_KINDS = new Set(['Job', 'CronJob']);
const GENERIC_TEMPLATE_METADATA = ['spec', 'template', 'metadata'] as const;

/**
 * Every object of the run that creates pods: the kinds core knows (even when their template has no spec yet),
 * and custom resources shaped like a workload (`spec.template` with labels and a spec, as OpenShift's
 * DeploymentConfig, Argo Rollouts or Knative Services have), whose pods carry the template's labels too.
 */
export function podTemplates(project: ProjectIndex): readonly PodTemplate[] {
  return project.memo(podTemplates, (run) =>
    run.resources.flatMap((resource) => {
      const template = readPodTemplate(resource);
      return template ? [template] : [];
    }),
  );
}

function readPodTemplate(resource: Resource): PodTemplate | undefined {
  const knownPath = podMetadataPath(resource.kind, resource.group);
  let metadata: unknown;
  if (knownPath) {
    metadata = getIn(resource.object, knownPath);
  } else {
    if (!isPlainObject(getIn(resource.object, ['spec', 'template', 'spec']))) return undefined;
    metadata = getIn(resource.object, GENERIC_TEMPLATE_METADATA);
    if (!isPlainObject(metadata) || !isPlainObject(metadata.labels)) return undefined;
  }
  const controllerLabels = controllerPodLabels(resource);
  const labels = stringLabels(isPlainObject(metadata) ? metadata.labels : undefined);
  // Only where one is written: a delete turns the object into a slow dictionary, and few templates write these.
  for (const key of controllerLabels.keys()) if (Object.hasOwn(labels, key)) delete labels[key];
  return {
    resource,
    namespace: resource.namespace,
    labels,
    controllerLabels,
    podSpec: resource.podSpec,
    runsToCompletion: RUN_TO_COMPLETION_KINDS.has(resource.kind),
  };
}

function stringLabels(labels: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isPlainObject(labels)) return result;
  for (const [key, value] of Object.entries(labels)) {
    if (isLabelValue(value)) result[key] = String(value);
  }
  return result;
}

function isLabelValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * True when two objects can end up in one namespace. An omitted namespace is whatever `kubectl apply -n`
 * (or the current context) says, so it is compatible with every namespace.
 */
export function namespacesOverlap(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** A Service-style equality selector (`{app: web}`) as strings; undefined when it is absent, empty or not a mapping. */
export function equalitySelector(value: unknown): Readonly<Record<string, string>> | undefined {
  if (!isPlainObject(value)) return undefined;
  const selector = stringLabels(value);
  return Object.keys(selector).length > 0 ? selector : undefined;
}

/** True when the template's pods carry every label of the selector with its value. */
export function selectorMatches(selector: Readonly<Record<string, string>>, template: PodTemplate): boolean {
  return Object.entries(selector).every(([key, value]) => carriesLabel(template, key, value));
}

/** True when the template's pods (some of them, for a StatefulSet's pod name) carry the label with this value. */
export function carriesLabel(template: PodTemplate, key: string, value: string): boolean {
  const added = template.controllerLabels.get(key);
  return added ? added.matches(value) : template.labels[key] === value;
}

/**
 * Lookups over the run's pod templates, built once per run, so that a Service costs the templates that share one of
 * its labels rather than every template of the run (a run of n Services and n workloads would otherwise cost n²).
 */
interface TemplateIndex {
  /** Templates by `key\0value` of each written label, in run order. */
  byLabel: Map<string, PodTemplate[]>;
  /** Templates by the key of each label their controller sets, in run order. */
  byControllerLabel: Map<string, PodTemplate[]>;
  position: Map<PodTemplate, number>;
}

function templateIndex(project: ProjectIndex): TemplateIndex {
  return project.memo(templateIndex, buildTemplateIndex);
}

function buildTemplateIndex(project: ProjectIndex): TemplateIndex {
  const index: TemplateIndex = { byLabel: new Map(), byControllerLabel: new Map(), position: new Map() };
  for (const [position, template] of podTemplates(project).entries()) {
    index.position.set(template, position);
    for (const [key, value] of Object.entries(template.labels)) append(index.byLabel, `${key}\u0000${value}`, template);
    for (const key of template.controllerLabels.keys()) append(index.byControllerLabel, key, template);
  }
  return index;
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * The pod templates of the run, in run order, whose labels an equality selector matches, in any namespace.
 * Worked out once per selector and run: thousands of Services that select the same thousands of pods would
 * otherwise compare every pair.
 */
export function matchingPodTemplates(project: ProjectIndex, selector: Readonly<Record<string, string>>): readonly PodTemplate[] {
  return project.memo(`matchingPodTemplates\u0002${equalitySelectorKey(selector)}`, (run) => {
    const { byLabel, byControllerLabel, position } = templateIndex(run);
    // Every match carries every selector label, so the templates that may carry the rarest one hold them all.
    let fewest: [readonly PodTemplate[], readonly PodTemplate[]] | undefined;
    for (const [key, value] of Object.entries(selector)) {
      const lists: [readonly PodTemplate[], readonly PodTemplate[]] = [byLabel.get(`${key}\u0000${value}`) ?? [], byControllerLabel.get(key) ?? []];
      if (!fewest || lists[0].length + lists[1].length < fewest[0].length + fewest[1].length) fewest = lists;
    }
    if (!fewest) return [];
    return inRunOrder(fewest[0], fewest[1], position).filter((template) => selectorMatches(selector, template));
  });
}

/** Two lists of templates in run order, with no template in both, as one. */
export function inRunOrder(a: readonly PodTemplate[], b: readonly PodTemplate[], position: ReadonlyMap<PodTemplate, number>): readonly PodTemplate[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => position.get(x)! - position.get(y)!);
}

/** One string per equality selector, whatever the order of its labels: for memo keys. */
export function equalitySelectorKey(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}\u0000${value}`)
    .join('\u0001');
}

/**
 * The pod templates of the run, in run order, that an equality selector in `namespace` selects. Worked out once per
 * selection (selectionKey): Services in thousands of namespaces that no template names share one list.
 */
export function selectedPodTemplates(project: ProjectIndex, selector: Readonly<Record<string, string>>, namespace: string | undefined): readonly PodTemplate[] {
  return project.memo(`selectedPodTemplates\u0002${selectionKey(project, selector, namespace)}`, (run) =>
    matchingPodTemplates(run, selector).filter((template) => namespacesOverlap(template.namespace, namespace)),
  );
}

/**
 * One string per selection of an equality selector in a namespace, for memo keys. In a namespace that no matching
 * template names, a selector selects the same templates as in any other such namespace (those without a
 * namespace), so all of them share one key.
 */
export function selectionKey(project: ProjectIndex, selector: Readonly<Record<string, string>>, namespace: string | undefined): string {
  // The first character tells no namespace, a namespace no template names and a named one apart, whatever the name.
  let where: string;
  if (namespace === undefined) where = '-';
  else if (namespacesOfMatching(project, selector).named.has(namespace)) where = `=${namespace}`;
  else where = '*';
  return JSON.stringify([where, equalitySelectorKey(selector)]);
}

/**
 * True when an equality selector in `namespace` selects a pod template of the run: one without a namespace, or one
 * in `namespace` (any, when the selector's namespace is not written either).
 */
export function selectsAnyPodTemplate(project: ProjectIndex, selector: Readonly<Record<string, string>>, namespace: string | undefined): boolean {
  const { unnamespaced, named } = namespacesOfMatching(project, selector);
  return unnamespaced || (namespace === undefined ? named.size > 0 : named.has(namespace));
}

/** Where the templates an equality selector matches are: whether one has no namespace, and the namespaces the others name. */
interface MatchingNamespaces {
  unnamespaced: boolean;
  named: ReadonlySet<string>;
}

function namespacesOfMatching(project: ProjectIndex, selector: Readonly<Record<string, string>>): MatchingNamespaces {
  return project.memo(`namespacesOfMatching\u0002${equalitySelectorKey(selector)}`, (run) => {
    const named = new Set<string>();
    let unnamespaced = false;
    for (const template of matchingPodTemplates(run, selector)) {
      if (template.namespace === undefined) unnamespaced = true;
      else named.add(template.namespace);
    }
    return { unnamespaced, named };
  });
}
