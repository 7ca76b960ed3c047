// The pod templates that show a run holds a Service's workloads (its evidence), and among them the one its
// selector most likely meant. Both come from an index of the run's templates by directory, namespace and label,
// built once per run: a Service then looks only at the templates that share one of its labels. Comparing each
// Service with every template of its directory made 4,000 Services and 4,000 Deployments take 9 to 20 s.
import { dirname } from 'node:path';
import { carriesLabel, inRunOrder, podTemplates, type PodTemplate, type ProjectIndex, type Resource } from '@podlint/core';

/** Some of a run's templates, in run order. */
interface TemplatesByLabel {
  /** By `key\0value` of each written label. */
  byLabel: Map<string, PodTemplate[]>;
  /** By the key of each label their controller sets (a StatefulSet's pod name), whose values are checked one by one. */
  byControllerLabel: Map<string, PodTemplate[]>;
}

/**
 * The run's long-running pod templates (Jobs rarely sit behind a Service) in the groups that make up a Service's
 * evidence. Only groups with templates are present.
 */
interface EvidenceIndex {
  /** Each template's place in the run. */
  position: Map<PodTemplate, number>;
  /** By directory, whatever their namespace: the evidence of a Service without a namespace. */
  byDirectory: Map<string, TemplatesByLabel>;
  /** By directory, those without a namespace; with byNamespace, the evidence of a Service with one. */
  unnamespacedByDirectory: Map<string, TemplatesByLabel>;
  /** By the namespace written on them, in any directory. */
  byNamespace: Map<string, TemplatesByLabel>;
}

/** A Service's evidence: groups of templates that no template is in twice. */
export interface Evidence {
  groups: TemplatesByLabel[];
  position: ReadonlyMap<PodTemplate, number>;
}

/**
 * The templates, in groups, that show the run holds this Service's workloads: long-running ones that can share its
 * namespace and are in the Service's directory (applied together with it) or in the same namespace written out on
 * both. No groups when there are none.
 */
export function evidenceOf(project: ProjectIndex, service: Resource): Evidence {
  const index = project.memo(buildEvidenceIndex, buildEvidenceIndex);
  const directory = dirname(service.document.file.path);
  // With a namespace, the templates of its directory that can share it are those without one and those in it; the
  // latter are in byNamespace with the rest of that namespace's, so no template is in both groups.
  const groups =
    service.namespace === undefined
      ? [index.byDirectory.get(directory)]
      : [index.unnamespacedByDirectory.get(directory), index.byNamespace.get(service.namespace)];
  return { groups: groups.filter((group) => group !== undefined), position: index.position };
}

function buildEvidenceIndex(project: ProjectIndex): EvidenceIndex {
  const index: EvidenceIndex = { position: new Map(), byDirectory: new Map(), unnamespacedByDirectory: new Map(), byNamespace: new Map() };
  for (const [position, template] of podTemplates(project).entries()) {
    if (template.runsToCompletion) continue;
    index.position.set(template, position);
    const directory = dirname(template.resource.document.file.path);
    addTo(index.byDirectory, directory, template);
    if (template.namespace === undefined) addTo(index.unnamespacedByDirectory, directory, template);
    else addTo(index.byNamespace, template.namespace, template);
  }
  return index;
}

function addTo(groups: Map<string, TemplatesByLabel>, key: string, template: PodTemplate): void {
  // A group is there even when its templates have no labels: they are still evidence.
  let group = groups.get(key);
  if (!group) {
    group = { byLabel: new Map(), byControllerLabel: new Map() };
    groups.set(key, group);
  }
  for (const [name, value] of Object.entries(template.labels)) append(group.byLabel, `${name}\u0000${value}`, template);
  for (const name of template.controllerLabels.keys()) append(group.byControllerLabel, name, template);
}

function append(map: Map<string, PodTemplate[]>, key: string, template: PodTemplate): void {
  const list = map.get(key);
  if (list) list.push(template);
  else map.set(key, [template]);
}

/** Where the walk of closestTemplate is in the evidence templates that carry one selector label. */
interface Cursor {
  /** Which selector label. */
  label: number;
  templates: readonly PodTemplate[];
  next: number;
}

/**
 * The evidence template sharing the most selector labels (at least one), the first in the run on a tie. Only for a
 * selector that matches no template of the run: a template then shares all but one of its labels at most.
 *
 * The lists of the templates that carry each label are walked together in run order, so that a template is scored
 * when every list that holds it is at it; the walk stops once the labels whose lists go on are too few to beat the
 * best so far. A common label (`tier: web` on every template) then costs one step, not a step per template.
 */
export function closestTemplate(selector: Readonly<Record<string, string>>, evidence: Evidence): PodTemplate | undefined {
  const labels = Object.entries(selector);
  const cursors: Cursor[] = [];
  labels.forEach(([key, value], label) => {
    for (const group of evidence.groups) {
      const setByController = (group.byControllerLabel.get(key) ?? []).filter((template) => carriesLabel(template, key, value));
      const templates = inRunOrder(group.byLabel.get(`${key}\u0000${value}`) ?? [], setByController, evidence.position);
      if (templates.length > 0) cursors.push({ label, templates, next: 0 });
    }
  });
  const mostShared = labels.length - 1;
  let best: PodTemplate | undefined;
  let bestShared = 0;
  for (;;) {
    const open = cursors.filter((cursor) => cursor.next < cursor.templates.length);
    const labelsLeft = new Set(open.map((cursor) => cursor.label)).size;
    if (bestShared >= Math.min(mostShared, labelsLeft)) return best;
    const template = earliest(open, evidence.position);
    // A group holds a template once, and the groups none in common: each list at it is one more label it carries.
    let shared = 0;
    for (const cursor of open) {
      if (cursor.templates[cursor.next] !== template) continue;
      shared += 1;
      cursor.next += 1;
    }
    if (shared > bestShared) [best, bestShared] = [template, shared];
  }
}

/** The first in the run of the templates the cursors are at. */
function earliest(cursors: readonly Cursor[], position: ReadonlyMap<PodTemplate, number>): PodTemplate {
  let first = cursors[0]!.templates[cursors[0]!.next]!;
  for (const cursor of cursors) {
    const template = cursor.templates[cursor.next]!;
    if (position.get(template)! < position.get(first)!) first = template;
  }
  return first;
}
