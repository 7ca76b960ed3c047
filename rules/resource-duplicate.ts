// The same API object (group, kind, namespace, name) defined twice: applying both makes the later silently
// replace the earlier. The first definition in run order (files in order, then position) is the original; every
// later one is reported at its metadata.name. By default only definitions in one directory are compared, since
// separate directories usually hold alternatives (one per environment or cluster, kustomize bases and overlays).
import { basename, dirname, relative, resolve } from 'node:path';
import { type ProjectIndex, type Resource, type SourceFile } from '@podlint/core';
import { identityKey, objectIdentity } from './resource-duplicate/identity.js';
import { kustomizePatchFiles } from './resource-duplicate/kustomize-patches.js';
import { createRule } from './rule-utils.js';

type Scope = 'directory' | 'run';
interface Options {
  scope: Scope;
}

export default createRule({
  name: 'resource-duplicate',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'The same object (API group, kind, namespace and name) defined twice.', recommended: true },
    messages: {
      duplicate:
        '{{object}} is already defined {{where}}; applying both makes this one silently replace it. Remove one of them or give this one another name.',
    },
    scope: 'project',
    schema: [
      {
        type: 'object',
        properties: { scope: { enum: ['directory', 'run'] } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ scope: 'directory' }] as [Options],
  create(context, [options]) {
    const filePath = absolutePath(context.file);
    const fileDirectory = directoryOf(context.file);
    const patchFiles = kustomizePatchFiles(context.project);
    const seenInFile = new Map<string, Resource>();
    const { definitions, keys } = runDefinitions(context.project, options.scope);
    const fileStart = fileStarts(context.project).get(filePath) ?? -1;
    return {
      Resource(resource) {
        if (patchFiles.has(filePath)) return;
        // The run's objects have their key already; an editor's unsaved file is not part of the run.
        const key = keys.has(resource) ? keys.get(resource) : keyOf(resource, fileDirectory, options.scope);
        if (key === undefined) return;
        // In run order, so that it also holds when an editor lints a file's documents one by one.
        const order = orderOf(context.project, resource);
        const found = definitions.get(key);
        // The file's first definition is its earliest: when it does not come before this one, none does.
        const firstHere = order === -1 ? undefined : found?.firstInFile(filePath);
        const earlierInFile = seenInFile.get(key) ?? (firstHere && firstHere.order < order ? firstHere.resource : undefined);
        if (!seenInFile.has(key)) seenInFile.set(key, resource);
        // Another file's definition counts when it comes earlier in the run; an editor's unsaved file (not part of
        // the run) comes last.
        const other = found?.firstOutside(filePath);
        const earlierElsewhere = other && (fileStart === -1 || other.order < fileStart) ? other.resource : undefined;
        const earlier = earlierInFile ?? earlierElsewhere;
        if (!earlier) return;
        context.report({
          path: resource.at('metadata', 'name'),
          messageId: 'duplicate',
          data: { object: describe(resource), where: locate(earlier, filePath, fileDirectory) },
        });
      },
    };
  },
});

interface Definition {
  resource: Resource;
  file: string;
  order: number;
}

/**
 * The definitions of one object in run order, with the answers the rule asks of them for every object worked out
 * once: scanning the list for each object took seconds for 10,000 files that each define the same object.
 */
class Definitions {
  /** The first definition in run order. */
  private first: Definition | undefined;
  /** The first definition of each file, once there is more than one definition. */
  private firsts: Map<string, Definition> | undefined;
  /** The first definition in another file than the first definition's. */
  private firstElsewhere: Definition | undefined;

  /** Adds the next definition in run order. */
  add(definition: Definition): void {
    if (!this.first) {
      this.first = definition;
      return;
    }
    this.firsts ??= new Map([[this.first.file, this.first]]);
    if (!this.firsts.has(definition.file)) this.firsts.set(definition.file, definition);
    if (!this.firstElsewhere && definition.file !== this.first.file) this.firstElsewhere = definition;
  }

  /** The earliest definition in `file`. */
  firstInFile(file: string): Definition | undefined {
    return this.firsts ? this.firsts.get(file) : this.first?.file === file ? this.first : undefined;
  }

  /** The earliest definition in a file other than `file`. */
  firstOutside(file: string): Definition | undefined {
    return this.first && this.first.file !== file ? this.first : this.firstElsewhere;
  }
}

const fileLocations = new WeakMap<SourceFile, { path: string; directory: string }>();

/**
 * A file's absolute path and its directory: asked for every object of the run (a cold path.dirname for each of
 * 3,000 objects took 15 ms), so worked out once per file.
 */
function fileLocation(file: SourceFile): { path: string; directory: string } {
  let location = fileLocations.get(file);
  if (location === undefined) {
    const path = resolve(file.path);
    location = { path, directory: dirname(path) };
    fileLocations.set(file, location);
  }
  return location;
}

function absolutePath(file: SourceFile): string {
  return fileLocation(file).path;
}

function directoryOf(file: SourceFile): string {
  return fileLocation(file).directory;
}

/** Where each file's objects start in run order. */
function fileStarts(project: ProjectIndex): Map<string, number> {
  return project.memo(fileStarts, (run) => {
    const starts = new Map<string, number>();
    for (const [order, resource] of run.resources.entries()) {
      const file = absolutePath(resource.document.file);
      if (!starts.has(file)) starts.set(file, order);
    }
    return starts;
  });
}

/** Keys of runDefinitions' memos, one per scope. */
const DEFINITIONS: Record<Scope, object> = { directory: {}, run: {} };

interface RunDefinitions {
  /** The definitions of each object, by key (keyOf). */
  definitions: Map<string, Definitions>;
  /** The key of each of the run's objects, undefined for one that is not compared: worked out once per object. */
  keys: Map<Resource, string | undefined>;
}

/** The definitions of every object in run order, patch files left out; computed once per run and scope. */
function runDefinitions(project: ProjectIndex, scope: Scope): RunDefinitions {
  return project.memo(DEFINITIONS[scope], (run) => findDefinitions(run, scope));
}

function findDefinitions(project: ProjectIndex, scope: Scope): RunDefinitions {
  const found = new Map<string, Definitions>();
  const keys = new Map<Resource, string | undefined>();
  const patchFiles = kustomizePatchFiles(project);
  project.resources.forEach((resource, order) => {
    const file = absolutePath(resource.document.file);
    const key = keyOf(resource, directoryOf(resource.document.file), scope);
    keys.set(resource, key);
    if (key === undefined || patchFiles.has(file)) return;
    let definitions = found.get(key);
    if (!definitions) {
      definitions = new Definitions();
      found.set(key, definitions);
    }
    definitions.add({ resource, file, order });
  });
  return { definitions: found, keys };
}

/** What identifies an object in the rule's scope, or undefined for one that is not compared (objectIdentity). */
function keyOf(resource: Resource, directory: string, scope: Scope): string | undefined {
  const identity = objectIdentity(resource);
  if (!identity) return undefined;
  const key = identityKey(identity);
  return scope === 'run' ? key : `${directory}\u0000${key}`;
}

function describe(resource: Resource): string {
  const namespace = objectIdentity(resource)?.namespace ?? '';
  const where = namespace === '' ? '' : ` in namespace "${namespace}"`;
  return `${resource.kind} "${resource.name}"${where}`;
}

/**
 * `earlier in this file`, or `in other.yaml` (relative to this file's directory). No line number: an editor lints a
 * file's documents one by one and reuses results while a document's text is unchanged, so a quoted line would go
 * stale as lines above it move.
 */
function locate(resource: Resource, currentFile: string, currentDirectory: string): string {
  const file = absolutePath(resource.document.file);
  if (file === currentFile) return 'earlier in this file';
  // Most are in the same directory (the rule's default scope): their name, without a relative() for each report.
  if (directoryOf(resource.document.file) === currentDirectory) return `in ${basename(file)}`;
  return `in ${relative(currentDirectory, file)}`;
}

/** A resource's position in run order, or -1 when it is not part of the run. */
function orderOf(project: ProjectIndex, resource: Resource): number {
  const orders = project.memo(orderOf, (run) => new Map(run.resources.map((item, index) => [item, index])));
  return orders.get(resource) ?? -1;
}
