// The object metadata apimachinery's ValidateObjectMeta and core's validateKubeFinalizerName check besides labels
// (reference A7, A8): each owner reference's apiVersion, kind, name and uid, at most one controller, and
// finalizer names, which are qualified names like label keys.
import { isQualifiedName, type Path, type RuleContext } from '@podlint/core';
import { isCheckable, listItems } from '../api-validation-utils.js';
import { problemsOf } from '../label-selector-utils.js';

export type MetadataMessageId = 'ownerVersionEmpty' | 'ownerFieldEmpty' | 'ownerControllerTwice' | 'finalizerInvalid' | 'finalizerNotQualified';

/** Finalizers the server knows without a prefix (core.FinalizerKubernetes, metav1.FinalizerOrphanDependents and FinalizerDeleteDependents). */
const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** A missing field is schema-required's; an empty one passes the schema and fails on apply. */
export function checkOwnerReferences(context: RuleContext<MetadataMessageId>, metadata: Record<string, unknown>, metadataPath: Path): void {
  let controller: { kind: string; name: string } | undefined;
  for (const { item, path } of listItems(metadata, 'ownerReferences', metadataPath)) {
    if (isCheckable(item.apiVersion) && !hasVersion(item.apiVersion)) {
      context.report({ path: [...path, 'apiVersion'], messageId: 'ownerVersionEmpty', data: { apiVersion: item.apiVersion } });
    }
    for (const field of ['kind', 'name', 'uid']) {
      if (item[field] === '') context.report({ path: [...path, field], messageId: 'ownerFieldEmpty', data: { field } });
    }
    if (item.controller !== true) continue;
    const owner = { kind: String(item.kind ?? ''), name: String(item.name ?? '') };
    if (controller) context.report({ path: [...path, 'controller'], messageId: 'ownerControllerTwice', data: { owner: `${owner.kind}/${owner.name}`, other: `${controller.kind}/${controller.name}` } });
    else controller = owner;
  }
}

/**
 * Each finalizer a qualified name (every kind); one without "/" must be a standard one when `builtIn` (for custom
 * resources the server only warns).
 */
export function checkFinalizers(context: RuleContext<MetadataMessageId>, metadata: Record<string, unknown>, metadataPath: Path, builtIn: boolean): void {
  const finalizers = metadata.finalizers;
  if (!Array.isArray(finalizers)) return;
  finalizers.forEach((finalizer: unknown, index) => {
    if (!isCheckable(finalizer)) return;
    const path = [...metadataPath, 'finalizers', index];
    const problems = problemsOf(isQualifiedName, finalizer);
    if (problems) context.report({ path, messageId: 'finalizerInvalid', data: { finalizer, problems } });
    else if (builtIn && !finalizer.includes('/') && !STANDARD_FINALIZERS.has(finalizer)) context.report({ path, messageId: 'finalizerNotQualified', data: { finalizer } });
  });
}

/** schema.ParseGroupVersion: "v1" and "apps/v1" have a version; "", "apps/" and "a/b/c" do not. */
function hasVersion(apiVersion: string): boolean {
  const parts = apiVersion.split('/');
  return parts.length <= 2 && parts[parts.length - 1] !== '';
}
