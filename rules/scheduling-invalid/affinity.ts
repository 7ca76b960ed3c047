// scheduling-invalid's checks of affinity: node affinity (core's ValidateNodeSelector and
// ValidatePreferredSchedulingTerms) and pod (anti-)affinity terms (validatePodAffinityTerm).
import { isAtLeast, isPlainObject, type Path } from '@podlint/core';
import { isCheckable, itemAnchor, listItems } from '../api-validation-utils.js';
import { checkLabelSelector, checkRequirements, labelKeyProblems, labelProblems, subdomainProblems } from '../label-selector-utils.js';
import { checkLabelKeys, checkWeight, type SchedulingContext } from './requirements.js';

/** MatchLabelKeysInPodAffinity is on from 1.31; before, the server drops matchLabelKeys and mismatchLabelKeys unchecked. */
const POD_AFFINITY_LABEL_KEYS_SINCE = '1.31';

export function checkAffinity(context: SchedulingContext, spec: Record<string, unknown>, specPath: Path): void {
  const affinity = spec.affinity;
  if (!isPlainObject(affinity)) return;
  const affinityPath = [...specPath, 'affinity'];
  if (isPlainObject(affinity.nodeAffinity)) checkNodeAffinity(context, affinity.nodeAffinity, [...affinityPath, 'nodeAffinity']);
  for (const field of ['podAffinity', 'podAntiAffinity'] as const) {
    const podAffinity = affinity[field];
    if (!isPlainObject(podAffinity)) continue;
    const path = [...affinityPath, field];
    for (const term of listItems(podAffinity, 'requiredDuringSchedulingIgnoredDuringExecution', path)) checkPodAffinityTerm(context, term.item, term.path);
    for (const { item, path: weightedPath } of listItems(podAffinity, 'preferredDuringSchedulingIgnoredDuringExecution', path)) {
      checkWeight(context, item, weightedPath);
      if (isPlainObject(item.podAffinityTerm)) checkPodAffinityTerm(context, item.podAffinityTerm, [...weightedPath, 'podAffinityTerm']);
    }
  }
}

function checkNodeAffinity(context: SchedulingContext, nodeAffinity: Record<string, unknown>, path: Path): void {
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isPlainObject(required)) {
    const requiredPath = [...path, 'requiredDuringSchedulingIgnoredDuringExecution'];
    // A missing or null list is schema-required's.
    if (Array.isArray(required.nodeSelectorTerms) && required.nodeSelectorTerms.length === 0) {
      context.report({ path: [...requiredPath, 'nodeSelectorTerms'], messageId: 'nodeSelectorTermsEmpty' });
    }
    // Required terms must hold label values; preferred ones tolerate any text (it can only fail to match).
    for (const term of listItems(required, 'nodeSelectorTerms', requiredPath)) checkNodeSelectorTerm(context, term.item, term.path, true);
  }
  for (const { item, path: preferredPath } of listItems(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution', path)) {
    checkWeight(context, item, preferredPath);
    if (isPlainObject(item.preference)) checkNodeSelectorTerm(context, item.preference, [...preferredPath, 'preference'], false);
  }
}

function checkNodeSelectorTerm(context: SchedulingContext, term: Record<string, unknown>, path: Path, labelValues: boolean): void {
  checkRequirements(context, term, path, { comparisons: true, labelValues });
  for (const { item, path: fieldPath } of listItems(term, 'matchFields', path)) {
    if (isCheckable(item.key) && item.key !== 'metadata.name') context.report({ path: [...fieldPath, 'key'], messageId: 'fieldKeyInvalid', data: { key: item.key } });
    const operator = item.operator;
    if (typeof operator !== 'string') continue;
    if (operator !== 'In' && operator !== 'NotIn') {
      // Other operators of the enum (Exists, Gt...) are valid for matchExpressions only; "" is outside the enum.
      context.report({ path: [...fieldPath, 'operator'], messageId: 'fieldOperatorInvalid', data: { operator: JSON.stringify(operator) } });
      continue;
    }
    const values = Array.isArray(item.values) ? item.values : [];
    if (values.length !== 1) {
      const at = Array.isArray(item.values) ? { path: [...fieldPath, 'values'] } : itemAnchor(item, fieldPath);
      context.report({ ...at, messageId: 'fieldSingleValue', data: { operator, count: values.length === 0 ? 'none' : values.length } });
    } else if (isCheckable(values[0])) {
      const problems = subdomainProblems(values[0]);
      if (problems) context.report({ path: [...fieldPath, 'values', 0], messageId: 'fieldValueInvalid', data: { value: values[0], problems } });
    }
  }
}

function checkPodAffinityTerm(context: SchedulingContext, term: Record<string, unknown>, path: Path): void {
  checkLabelSelector(context, term.labelSelector, [...path, 'labelSelector']);
  checkLabelSelector(context, term.namespaceSelector, [...path, 'namespaceSelector']);
  if (Array.isArray(term.namespaces)) {
    term.namespaces.forEach((namespace: unknown, index) => {
      if (!isCheckable(namespace)) return;
      const problems = labelProblems(namespace);
      if (problems) context.report({ path: [...path, 'namespaces', index], messageId: 'namespaceInvalid', data: { namespace, problems } });
    });
  }
  // A missing topologyKey is schema-required's.
  if (term.topologyKey === '') context.report({ path: [...path, 'topologyKey'], messageId: 'topologyKeyEmpty' });
  else if (isCheckable(term.topologyKey)) {
    const problems = labelKeyProblems(term.topologyKey);
    if (problems) context.report({ path: [...path, 'topologyKey'], messageId: 'topologyKeyInvalid', data: { key: term.topologyKey, problems } });
  }
  if (isAtLeast(context.settings.kubernetesVersion, POD_AFFINITY_LABEL_KEYS_SINCE)) checkLabelKeys(context, term, path, ['matchLabelKeys', 'mismatchLabelKeys']);
}
