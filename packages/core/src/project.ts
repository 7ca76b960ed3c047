// The objects of a whole run (every file), built after all files are read and before any rule runs, so that
// rules across resources (Services and the pods they select, duplicates) can ask about the other files.
import type { Resource } from './kubernetes.js';

export class ProjectIndex {
  private readonly byKindCache = new Map<string, Resource[]>();
  private readonly memos = new Map<unknown, unknown>();

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

  /**
   * A value worked out once per project (an index of pod templates, a rule's table of definitions), under `key`
   * (a function or object of its own, or a string). `compute` must read the project it is given, not another:
   * an editor passes a project that notes what is read, and replays that for every later use of the value.
   */
  memo<T>(key: object | string, compute: (project: ProjectIndex) => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute(this);
    this.memos.set(key, value);
    return value;
  }

  /** Objects that hold a pod spec (Pods, templates, workloads). */
  get podHolders(): readonly Resource[] {
    return this.resources.filter((resource) => resource.podSpec !== undefined);
  }
}
