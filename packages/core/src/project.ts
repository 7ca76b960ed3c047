// The objects of a whole run (every file), built after all files are read and before any rule runs, so that
// rules across resources (Services and the pods they select, duplicates) can ask about the other files.
import type { Resource } from './kubernetes.js';

export class ProjectIndex {
  private readonly byKindCache = new Map<string, Resource[]>();

  constructor(readonly resources: readonly Resource[]) {}

  /** Objects of one kind, in file order. */
  ofKind(kind: string): readonly Resource[] {
    let list = this.byKindCache.get(kind);
    if (!list) {
      list = this.resources.filter((resource) => resource.kind === kind);
      this.byKindCache.set(kind, list);
    }
    return list;
  }

  /** Objects that hold a pod spec (Pods, templates, workloads). */
  get podHolders(): readonly Resource[] {
    return this.resources.filter((resource) => resource.podSpec !== undefined);
  }
}
