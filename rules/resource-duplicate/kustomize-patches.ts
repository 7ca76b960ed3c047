// Files that a Kustomization of the run names as patches: they restate an object's kind and name to patch it, so
// they are not second definitions. Only Kustomizations written with apiVersion and kind are objects of the run;
// a kustomization.yaml without them is invisible here (list its patches under `ignores` instead).
import { dirname, resolve } from 'node:path';
import { isPlainObject, type ProjectIndex } from '@podlint/core';

/** Absolute paths of the patch files named by the run's Kustomizations. */
export function kustomizePatchFiles(project: ProjectIndex): ReadonlySet<string> {
  return project.memo(kustomizePatchFiles, findPatchFiles);
}

function findPatchFiles(project: ProjectIndex): ReadonlySet<string> {
  const found = new Set<string>();
  for (const kustomization of project.ofKind('Kustomization')) {
    const directory = dirname(resolve(kustomization.document.file.path));
    const object = kustomization.object;
    const entries = [
      ...listOf(object.patchesStrategicMerge),
      ...listOf(object.patches).map((entry) => (isPlainObject(entry) ? entry.path : undefined)),
    ];
    for (const entry of entries) {
      // An inline patch is YAML text, not a file name.
      if (typeof entry === 'string' && !entry.includes('\n')) found.add(resolve(directory, entry));
    }
  }
  return found;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
