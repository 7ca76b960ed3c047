// The Kubernetes API schemas podlint ships, generated at build time (scripts/build-k8s-schemas.mjs, docs/schema.md)
// into packages/core/generated/kubernetes/. Nothing is compiled when podlint starts: a module (one API
// group/version) is read and parsed the first time an object needs one of its types, and its descriptions only
// when hover or completion asks (describeField). Schemas converted from CRDs and JSON Schema files are registered
// beside them, each for as long as something holds it (CustomSchemaModule).
import { readFileSync } from 'node:fs';
import { coreUrl } from './core-location.js';

/**
 * A compact schema node, as generated: 's' string, 'i32'/'i64' integer, 'n' number, 'b' boolean,
 * 'q' resource quantity (string or number), 'ios' int or string, 'a' anything, 'module#Name' a reference;
 * {o, r?, x?} an object (fields, required fields, what other keys hold: a node or 'a'), {l} a list, {m} a map,
 * {e} an enum, {t} any of several JSON types (from user JSON Schemas).
 */
export type SchemaNode = string | ObjectNode | ListNode | MapNode | EnumNode | TypesNode;

export interface ObjectNode {
  o: Readonly<Record<string, SchemaNode>>;
  r?: readonly string[];
  /** Keys beyond `o` are allowed and hold this ('a': anything): maps with known keys, preserved unknown fields. */
  x?: SchemaNode;
}
export interface ListNode {
  l: SchemaNode;
}
export interface MapNode {
  m: SchemaNode;
}
export interface EnumNode {
  e: readonly (string | number | boolean | null)[];
}
export interface TypesNode {
  t: readonly JsonType[];
}
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

interface ModuleFile {
  defs: Record<string, SchemaNode>;
}

interface IndexFile {
  kubernetesVersion: string;
  source: string;
  /** The Kubernetes API. */
  kinds: Record<string, Record<string, string>>;
  /** Custom resources of popular projects (Gateway API, Prometheus Operator, cert-manager), bundled. */
  customKinds: Record<string, Record<string, string>>;
}

let generatedDir: URL | undefined;

let index: IndexFile | undefined;
const modules = new Map<string, Record<string, SchemaNode>>();
const docModules = new Map<string, Record<string, Record<string, string>>>();

function readGenerated<T>(name: string): T {
  try {
    generatedDir ??= coreUrl('../generated/kubernetes/');
    return JSON.parse(readFileSync(new URL(name, generatedDir), 'utf8')) as T;
  } catch (error) {
    throw new Error(`podlint's Kubernetes schemas are missing or unreadable (${name}): run the build (pnpm run build). ${(error as Error).message}`);
  }
}

function loadIndex(): IndexFile {
  index ??= readGenerated<IndexFile>('index.json');
  return index;
}

const fileOf = (module: string) => module.replace(/\//g, '_');

/** Registers schemas under a module name of their own, for good (a test's); what was derived from the schemas is forgotten. */
export function registerSchemaModule(module: string, defs: Record<string, SchemaNode>): void {
  modules.set(module, defs);
  resolved.clear();
  referenceInfos.clear();
  for (const table of derivedTables) table.clear();
}

const CUSTOM_PREFIX = 'custom:';
let customCounter = 0;
// A custom module is found by name while its CustomSchemaModule is reachable. Once it is not, nothing can ask for its
// references any more (whoever holds a node holds its module): its name and what was derived from it are dropped.
const customModules = new Map<string, WeakRef<CustomSchemaModule>>();
const collectedModules = new Set<string>();
const customModuleCollected = new FinalizationRegistry<string>((module) => {
  customModules.delete(module);
  if (collectedModules.size === 0) queueMicrotask(forgetCollectedModules);
  collectedModules.add(module);
});

/**
 * The nodes and descriptions of schemas that are not built in (one version of a CRD, a JSON Schema file), filled by
 * their converter, under a module name of their own (`custom:N`, never reused) for as long as this object is
 * reachable: whatever keeps the nodes for use (a converted CRD's schema) must keep this object too.
 */
export class CustomSchemaModule {
  readonly name = `${CUSTOM_PREFIX}${(customCounter += 1)}`;
  readonly defs: Record<string, SchemaNode> = {};
  /** Descriptions by type name, then field ('' for the type's own). */
  readonly docs: Record<string, Record<string, string>> = {};

  constructor() {
    customModules.set(this.name, new WeakRef(this));
    customModuleCollected.register(this, this.name);
  }
}

/** Drops the derived values of the collected modules (by their references), in one pass over each table. */
function forgetCollectedModules(): void {
  const isCollected = (key: unknown) => typeof key === 'string' && key.startsWith(CUSTOM_PREFIX) && collectedModules.has(key.slice(0, key.indexOf('#')));
  for (const table of [resolved, referenceInfos, ...derivedTables.map((table) => table.strings)]) {
    for (const key of table.keys()) if (isCollected(key)) table.delete(key);
  }
  collectedModules.clear();
}

/** How many custom schema modules are registered now (the benchmark and tests check that old ones are let go). */
export function customSchemaModuleCount(): number {
  return customModules.size;
}

/** A derived table: schema nodes (objects) are held weakly, so that a collected module's go with it; references by name. */
class DerivedTable<V> {
  private objects = new WeakMap<object, V>();
  readonly strings = new Map<string, V>();

  get(key: object | string): V | undefined {
    return typeof key === 'string' ? this.strings.get(key) : this.objects.get(key);
  }

  set(key: object | string, value: V): void {
    if (typeof key === 'string') this.strings.set(key, value);
    else this.objects.set(key, value);
  }

  clear(): void {
    this.objects = new WeakMap();
    this.strings.clear();
  }
}

const derivedTables: DerivedTable<unknown>[] = [];

/**
 * `compute`, remembered per key (a schema node, or a reference): for values worked out from the schemas (an index of
 * a type's fields, say), which are forgotten whenever a module is registered under a name already used.
 */
export function schemaDerived<K extends object | string, V>(compute: (key: K) => V): (key: K) => V {
  const table = new DerivedTable<V>();
  derivedTables.push(table);
  return (key) => {
    let value = table.get(key);
    if (value === undefined) {
      value = compute(key);
      table.set(key, value);
    }
    return value;
  };
}

// Validation follows the same few hundred references for every object: each is looked up once.
const resolved = new Map<string, SchemaNode | undefined>();

/** Follows a 'module#Name' reference; undefined for a name that does not exist. */
export function resolveReference(reference: string): SchemaNode | undefined {
  if (resolved.has(reference)) return resolved.get(reference);
  const node = lookUpReference(reference);
  // Not a custom module's missing name: that module may be gone, and nothing would forget the entry.
  if (node !== undefined || !reference.startsWith(CUSTOM_PREFIX)) resolved.set(reference, node);
  return node;
}

function lookUpReference(reference: string): SchemaNode | undefined {
  const hash = reference.indexOf('#');
  const module = reference.slice(0, hash);
  let defs = modules.get(module);
  if (!defs) {
    if (module.startsWith(CUSTOM_PREFIX)) return customModules.get(module)?.deref()?.defs[reference.slice(hash + 1)];
    defs = readGenerated<ModuleFile>(`${fileOf(module)}.json`).defs;
    modules.set(module, defs);
  }
  return defs[reference.slice(hash + 1)];
}

export function isReference(node: SchemaNode): node is string {
  return typeof node === 'string' && node.includes('#');
}

/** A reference's shape (as dereference gives it) and its type name ('apps/v1#DeploymentSpec' -> 'DeploymentSpec'). */
export interface ReferenceInfo {
  shape: SchemaNode;
  typeName: string;
}

// The validator asks this for every value it checks: worked out once per reference.
const referenceInfos = new Map<string, ReferenceInfo>();

export function referenceInfo(reference: string): ReferenceInfo {
  let info = referenceInfos.get(reference);
  if (!info) {
    info = { shape: dereference(reference), typeName: reference.slice(reference.indexOf('#') + 1) };
    referenceInfos.set(reference, info);
  }
  return info;
}

/** The node behind references, so callers see the shape itself. */
export function dereference(node: SchemaNode): SchemaNode {
  let current = node;
  for (let hops = 0; isReference(current) && hops < 64; hops += 1) {
    const next = resolveReference(current);
    if (next === undefined) return 'a';
    current = next;
  }
  return current;
}

/** The Kubernetes version the built-in schemas describe, and where they come from. */
export function builtinSchemaSource(): { kubernetesVersion: string; source: string } {
  const { kubernetesVersion, source } = loadIndex();
  return { kubernetesVersion, source };
}

/** The reference of a built-in kind's schema ('apps/v1#Deployment'), or undefined. */
export function builtinKindReference(apiVersion: string, kind: string): string | undefined {
  return loadIndex().kinds[apiVersion]?.[kind];
}

/** The reference of a bundled custom resource's schema ('monitoring.coreos.com/v1#ServiceMonitor'), or undefined. */
export function bundledKindReference(apiVersion: string, kind: string): string | undefined {
  return loadIndex().customKinds[apiVersion]?.[kind];
}

/** Every built-in apiVersion that has `kind`, in index order. */
export function builtinApiVersionsOf(kind: string): string[] {
  const { kinds } = loadIndex();
  return Object.keys(kinds).filter((apiVersion) => kinds[apiVersion]![kind] !== undefined);
}

/** The kinds of one built-in apiVersion. */
export function builtinKindsOf(apiVersion: string): string[] {
  return Object.keys(loadIndex().kinds[apiVersion] ?? {});
}

/** Every built-in kind name (for "did you mean"). */
export function builtinKindNames(): string[] {
  const names = new Set<string>();
  for (const byKind of Object.values(loadIndex().kinds)) for (const kind of Object.keys(byKind)) names.add(kind);
  return [...names];
}

/** The description of a type ('' key) or of one of its fields, from the separate docs file of its module. */
export function descriptionOf(reference: string, field = ''): string | undefined {
  const hash = reference.indexOf('#');
  const module = reference.slice(0, hash);
  if (module.startsWith(CUSTOM_PREFIX)) return customModules.get(module)?.deref()?.docs[reference.slice(hash + 1)]?.[field];
  let docs = docModules.get(module);
  if (!docs) {
    try {
      docs = readGenerated<Record<string, Record<string, string>>>(`${fileOf(module)}.docs.json`);
    } catch {
      docs = {};
    }
    docModules.set(module, docs);
  }
  return docs[reference.slice(hash + 1)]?.[field];
}

/** Which modules have been read so far (the benchmark and a test check that loading stays lazy). */
export function loadedSchemaModules(): string[] {
  return [...modules.keys()].sort();
}
