// Helpers shared by the rules that reproduce the API server's checks (RULES.md section 3): whether a pod
// template is validated at all for the target version, iterating a pod's named lists, and suggestion edits
// that replace a scalar while keeping its quotes (so JSON stays JSON).
import { isPlainObject, validatesPodTemplate, type Path, type Resource, type RuleContext } from '@podlint/core';

/** False for StatefulSet templates before 1.34, which the server did not check as pod specs. */
export function podTemplateChecked(context: RuleContext<string>, resource: Resource): boolean {
  return validatesPodTemplate(resource, context.settings.kubernetesVersion);
}

export interface ListItem {
  item: Record<string, unknown>;
  index: number;
  path: Path;
}

/** The mapping items of a list field (`volumes`, `env`, `volumeMounts`...), with their paths. */
export function listItems(owner: Record<string, unknown>, field: string, ownerPath: Path): ListItem[] {
  const list = owner[field];
  if (!Array.isArray(list)) return [];
  const items: ListItem[] = [];
  list.forEach((item: unknown, index) => {
    if (isPlainObject(item)) items.push({ item, index, path: [...ownerPath, field, index] });
  });
  return items;
}

/** Where to report about a whole mapping item: its first key (one line), or the item itself when it is empty. */
export function itemAnchor(item: Record<string, unknown>, path: Path): { path: Path; at: 'key' | 'value' } {
  const first = Object.keys(item)[0];
  return first === undefined ? { path, at: 'value' } : { path: [...path, first], at: 'key' };
}

/**
 * A value a template engine or envsubst fills in before the manifest reaches the server (`{{ .Values.name }}`,
 * `${NAME}`, `$(NAME)`, `$ITEM`): its final text is unknown, so no format check applies to it.
 */
export function isTemplated(value: string): boolean {
  return /\{\{|\$[{(A-Za-z_]/.test(value);
}

/** A string that can be checked as written. */
export function isCheckable(value: unknown): value is string {
  return typeof value === 'string' && !isTemplated(value);
}

/**
 * The groups of built-in kinds (core, apps, batch... and the *.k8s.io groups other than *.x-k8s.io): the API
 * server's own validation applies to them, while custom resources get only what their CRD says.
 */
export function isBuiltInGroup(group: string): boolean {
  if (!group.includes('.')) return true;
  return group.endsWith('.k8s.io') && !group.endsWith('.x-k8s.io') && group !== 'kustomize.config.k8s.io';
}

export { replaceScalar } from './yaml-edit-utils.js';

/** A message's list of names: `"a", "b" and "c"`. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
