// The objects of the whole workspace for rules across resources: every YAML file found at start (kept up to
// date as files change on disk) and every open document (its editor text wins over the disk). Each file is held
// as parts (one per YAML document of an open file, one for a file on disk); a part's key changes whenever its
// text does, so a lint result can say which objects it looked at and learn cheaply whether they changed.
import {
  ProjectIndex,
  SourceFile,
  documentResources,
  templateSkipMessage,
  type Resource,
} from '@podlint/core';

export interface IndexedPart {
  /** Changes whenever the part's text changes. */
  key: string;
  resources: readonly Resource[];
}

/** What a lint asked of the project: the kinds it listed, or everything. */
export interface Dependencies {
  all: boolean;
  kinds: Set<string>;
}

export function noDependencies(): Dependencies {
  return { all: false, kinds: new Set() };
}

export function hasDependencies(dependencies: Dependencies): boolean {
  return dependencies.all || dependencies.kinds.size > 0;
}

let partCounter = 0;

/** A part for `text` of `filePath`: its objects, as the engine finds them (broken documents hold none). */
export function parsePart(filePath: string, text: string): IndexedPart {
  partCounter += 1;
  const key = `p${partCounter}`;
  // A text that names no apiVersion or kind holds no Kubernetes object: no need to parse it.
  if (!text.includes('apiVersion') || !text.includes('kind')) return { key, resources: [] };
  const file = new SourceFile(filePath, text);
  if (templateSkipMessage(file)) return { key, resources: [] };
  const resources = file.documents.flatMap((doc) => (doc.hasSyntaxErrors || doc.conversionError ? [] : documentResources(doc)));
  return { key, resources };
}

export function newPartKey(): string {
  partCounter += 1;
  return `p${partCounter}`;
}

interface Snapshot {
  /** Every resource in project order (files by path, parts in order). */
  resources: Resource[];
  keys: string[];
  /** Where each file's resources sit in `resources`: [start, end) and the start of each part. */
  files: Map<string, { start: number; end: number; partStarts: number[] }>;
  signatures: Map<string, string>;
  /** The project of exactly these resources, made on first use: the rules' per-project caches hang on it. */
  project?: ProjectIndex;
}

export class WorkspaceIndex {
  /** Whether a file is left out by its config's `ignores`, as the command leaves it out of a run, asked once. */
  private readonly ignored = new Map<string, boolean>();
  private readonly disk = new Map<string, IndexedPart[]>();
  private readonly open = new Map<string, IndexedPart[]>();
  private current: Snapshot | undefined;
  private diskBytes = 0;
  private readonly diskSizes = new Map<string, number>();

  /** Bumped on every change; lets callers notice that some result may need re-checking. */
  generation = 0;

  constructor(private readonly isIgnored: (filePath: string) => boolean = () => false) {}

  /** A config changed: its `ignores` may leave out other files now. */
  ignoresChanged(): void {
    this.ignored.clear();
    this.changed();
  }

  setDiskFile(filePath: string, part: IndexedPart, bytes: number): void {
    this.diskBytes += bytes - (this.diskSizes.get(filePath) ?? 0);
    this.diskSizes.set(filePath, bytes);
    this.disk.set(filePath, [part]);
    if (!this.open.has(filePath)) this.changed();
  }

  deleteDiskFile(filePath: string): void {
    this.diskBytes -= this.diskSizes.get(filePath) ?? 0;
    this.diskSizes.delete(filePath);
    if (this.disk.delete(filePath) && !this.open.has(filePath)) this.changed();
  }

  hasDiskFile(filePath: string): boolean {
    return this.disk.has(filePath);
  }

  get diskFileCount(): number {
    return this.disk.size;
  }

  get diskTextBytes(): number {
    return this.diskBytes;
  }

  setOpenFile(filePath: string, parts: readonly IndexedPart[]): void {
    const previous = this.open.get(filePath);
    if (previous && previous.length === parts.length && previous.every((part, index) => part.key === parts[index]!.key)) return;
    this.open.set(filePath, [...parts]);
    this.changed();
  }

  closeFile(filePath: string): void {
    if (this.open.delete(filePath)) this.changed();
  }

  /**
   * The project for linting part `own.part` of `filePath` (or the whole file): every object of the workspace in
   * file order, with the objects the engine made for the text being linted in place of that part's.
   */
  project(filePath: string, own?: { part: number; resources: readonly Resource[] }): ProjectIndex {
    const snapshot = this.snapshot();
    if (!own) return (snapshot.project ??= new ProjectIndex(snapshot.resources));
    const file = snapshot.files.get(filePath);
    if (!file) return new ProjectIndex([...snapshot.resources, ...own.resources]);
    const start = file.partStarts[own.part] ?? file.end;
    const end = file.partStarts[own.part + 1] ?? file.end;
    // A part linted with the very objects the index holds for it (each part of an open file, as it is linted)
    // sees the snapshot's own project: one per snapshot, not one per part, which made a file of 16,000 documents
    // rebuild every per-project cache 16,000 times.
    const same = own.resources.length === end - start && own.resources.every((resource, index) => resource === snapshot.resources[start + index]);
    if (same) return (snapshot.project ??= new ProjectIndex(snapshot.resources));
    return new ProjectIndex([...snapshot.resources.slice(0, start), ...own.resources, ...snapshot.resources.slice(end)]);
  }

  /** The project for a buffer that is no workspace file: every object of the workspace, then the buffer's own. */
  projectWith(resources: readonly Resource[]): ProjectIndex {
    return new ProjectIndex([...this.snapshot().resources, ...resources]);
  }

  /** A string that changes when any object a lint with these dependencies could have seen changes. */
  signature(dependencies: Dependencies): string {
    if (!hasDependencies(dependencies)) return '';
    const snapshot = this.snapshot();
    const cacheKey = dependencies.all ? '*' : [...dependencies.kinds].sort().join('\u0000');
    let signature = snapshot.signatures.get(cacheKey);
    if (signature === undefined) {
      const keys = dependencies.all
        ? snapshot.keys
        : snapshot.keys.filter((_key, index) => dependencies.kinds.has(snapshot.resources[index]!.kind));
      signature = keys.join(' ');
      snapshot.signatures.set(cacheKey, signature);
    }
    return signature;
  }

  private changed(): void {
    this.generation += 1;
    this.current = undefined;
  }

  private ignoredPath(filePath: string): boolean {
    let ignored = this.ignored.get(filePath);
    if (ignored === undefined) {
      ignored = this.isIgnored(filePath);
      this.ignored.set(filePath, ignored);
    }
    return ignored;
  }

  private snapshot(): Snapshot {
    if (this.current) return this.current;
    const paths = [...new Set([...this.disk.keys(), ...this.open.keys()])].filter((path) => !this.ignoredPath(path)).sort();
    const snapshot: Snapshot = { resources: [], keys: [], files: new Map(), signatures: new Map() };
    for (const path of paths) {
      const parts = this.open.get(path) ?? this.disk.get(path) ?? [];
      const start = snapshot.resources.length;
      const partStarts: number[] = [];
      for (const part of parts) {
        partStarts.push(snapshot.resources.length);
        for (const resource of part.resources) {
          snapshot.resources.push(resource);
          snapshot.keys.push(`${part.key}:${resource.path.join('.')}`);
        }
      }
      snapshot.files.set(path, { start, end: snapshot.resources.length, partStarts });
    }
    this.current = snapshot;
    return snapshot;
  }
}
