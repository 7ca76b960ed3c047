// api-server-warning's checks of scheduling (reference section 3, W1-W5, W15): node labels the server calls
// deprecated in nodeSelector, node affinity terms and topology spread keys, and spread constraints or pod
// (anti-)affinity terms without a labelSelector, which match no pod. Invalid keys and selectors are
// scheduling-invalid's and label-invalid's.
import { isPlainObject, type Path, type Resource } from '@podlint/core';
import { itemAnchor, listItems, replaceScalar } from '../api-validation-utils.js';
import { replaceKey } from '../yaml-edit-utils.js';
import type { WarningContext } from './messages.js';

interface DeprecatedNodeLabel {
  since: string;
  replacement?: string;
  /** What to do instead when there is no label to rename to. */
  advice?: string;
}

/** The node labels of the server's deprecatedNodeLabels (reference, table "Deprecated node labels"). */
const DEPRECATED_NODE_LABELS: Readonly<Record<string, DeprecatedNodeLabel>> = {
  'beta.kubernetes.io/arch': { since: '1.14', replacement: 'kubernetes.io/arch' },
  'beta.kubernetes.io/os': { since: '1.14', replacement: 'kubernetes.io/os' },
  'failure-domain.beta.kubernetes.io/region': { since: '1.17', replacement: 'topology.kubernetes.io/region' },
  'failure-domain.beta.kubernetes.io/zone': { since: '1.17', replacement: 'topology.kubernetes.io/zone' },
  'beta.kubernetes.io/instance-type': { since: '1.17', replacement: 'node.kubernetes.io/instance-type' },
  'app.kubernetes.io/created-by': { since: '1.9', advice: 'select nodes by a label they carry instead' },
  'scheduler.alpha.kubernetes.io/preferAvoidPods': { since: '1.22', advice: 'keep pods off nodes with taints and tolerations instead' },
  // kubeadm labels control-plane nodes with node-role.kubernetes.io/control-plane since 1.20, and only with it since 1.24.
  'node-role.kubernetes.io/master': { since: '1.20', replacement: 'node-role.kubernetes.io/control-plane' },
};

function deprecatedNodeLabel(key: unknown): DeprecatedNodeLabel | undefined {
  return typeof key === 'string' && Object.hasOwn(DEPRECATED_NODE_LABELS, key) ? DEPRECATED_NODE_LABELS[key] : undefined;
}

interface LabelReport {
  context: WarningContext;
  resource: Resource;
  key: string;
  label: DeprecatedNodeLabel;
  field: string;
  path: Path;
  at: 'key' | 'value';
  /** Whether renaming would clash with what is already there (a duplicate key or spread constraint). */
  renameClashes: boolean;
}

function reportLabel({ context, resource, key, label, field, path, at, renameClashes }: LabelReport): void {
  const { since, replacement } = label;
  const advice = replacement === undefined ? label.advice! : `use "${replacement}"`;
  const suggest =
    replacement === undefined || renameClashes
      ? []
      : [{ messageId: 'renameLabel' as const, data: { replacement }, fix: at === 'key' ? replaceKey(resource, path, replacement) : replaceScalar(resource, path, replacement) }];
  context.report({ path, at, messageId: 'deprecatedNodeLabel', data: { field, key, since, advice }, suggest });
}

export function checkScheduling(context: WarningContext, resource: Resource, spec: Record<string, unknown>, specPath: Path): void {
  const { nodeSelector, affinity } = spec;
  if (isPlainObject(nodeSelector)) {
    for (const key of Object.keys(nodeSelector)) {
      const label = deprecatedNodeLabel(key);
      if (!label) continue;
      const renameClashes = label.replacement !== undefined && Object.hasOwn(nodeSelector, label.replacement);
      reportLabel({ context, resource, key, label, field: 'nodeSelector key', path: [...specPath, 'nodeSelector', key], at: 'key', renameClashes });
    }
  }
  if (isPlainObject(affinity)) {
    const affinityPath = [...specPath, 'affinity'];
    if (isPlainObject(affinity.nodeAffinity)) checkNodeAffinity(context, resource, affinity.nodeAffinity, [...affinityPath, 'nodeAffinity']);
    for (const field of ['podAffinity', 'podAntiAffinity'] as const) {
      const podAffinity = affinity[field];
      if (!isPlainObject(podAffinity)) continue;
      const path = [...affinityPath, field];
      const term = field === 'podAffinity' ? 'pod affinity term' : 'pod anti-affinity term';
      const verb = field === 'podAffinity' ? 'be placed near' : 'keep away from';
      for (const { item, path: termPath } of listItems(podAffinity, 'requiredDuringSchedulingIgnoredDuringExecution', path)) checkSelectorPresent(context, item, termPath, term, verb);
      for (const { item, path: weightedPath } of listItems(podAffinity, 'preferredDuringSchedulingIgnoredDuringExecution', path)) {
        if (isPlainObject(item.podAffinityTerm)) checkSelectorPresent(context, item.podAffinityTerm, [...weightedPath, 'podAffinityTerm'], term, verb);
      }
    }
  }
  checkTopologySpread(context, resource, spec, specPath);
}

function checkNodeAffinity(context: WarningContext, resource: Resource, nodeAffinity: Record<string, unknown>, path: Path): void {
  const terms: { item: Record<string, unknown>; path: Path }[] = [];
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isPlainObject(required)) terms.push(...listItems(required, 'nodeSelectorTerms', [...path, 'requiredDuringSchedulingIgnoredDuringExecution']));
  for (const { item, path: preferredPath } of listItems(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution', path)) {
    if (isPlainObject(item.preference)) terms.push({ item: item.preference, path: [...preferredPath, 'preference'] });
  }
  for (const term of terms) {
    for (const { item, path: requirementPath } of listItems(term.item, 'matchExpressions', term.path)) {
      const label = deprecatedNodeLabel(item.key);
      if (label) reportLabel({ context, resource, key: item.key as string, label, field: 'Node affinity key', path: [...requirementPath, 'key'], at: 'value', renameClashes: false });
    }
  }
}

function checkTopologySpread(context: WarningContext, resource: Resource, spec: Record<string, unknown>, specPath: Path): void {
  const constraints = listItems(spec, 'topologySpreadConstraints', specPath);
  const pairOf = (key: unknown, item: Record<string, unknown>) => JSON.stringify([key, item.whenUnsatisfiable]);
  const pairs = new Set(constraints.map(({ item }) => pairOf(item.topologyKey, item)));
  const seen = new Set<string>();
  for (const { item, path } of constraints) {
    const pair = pairOf(item.topologyKey, item);
    // A repeated (topologyKey, whenUnsatisfiable) is scheduling-invalid's, at this very topologyKey.
    const repeated = seen.has(pair);
    seen.add(pair);
    const label = deprecatedNodeLabel(item.topologyKey);
    if (label && !repeated) {
      const renameClashes = label.replacement !== undefined && pairs.has(pairOf(label.replacement, item));
      reportLabel({ context, resource, key: item.topologyKey as string, label, field: 'topologyKey', path: [...path, 'topologyKey'], at: 'value', renameClashes });
    }
    checkSelectorPresent(context, item, path, 'topology spread constraint', 'spread');
  }
}

/** W5, W15: a term without labelSelector matches no pod. With matchLabelKeys the server rejects it (scheduling-invalid). */
function checkSelectorPresent(context: WarningContext, term: Record<string, unknown>, path: Path, termName: string, verb: string): void {
  if (term.labelSelector !== undefined && term.labelSelector !== null) return;
  const refines = ['matchLabelKeys', 'mismatchLabelKeys'].some((field) => Array.isArray(term[field]) && (term[field] as unknown[]).length > 0);
  if (refines) return;
  const at = term.labelSelector === null ? { path: [...path, 'labelSelector'], at: 'key' as const } : itemAnchor(term, path);
  context.report({ ...at, messageId: 'nullLabelSelector', data: { term: termName, verb } });
}
