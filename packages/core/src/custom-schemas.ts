// Schemas that are not built in: the openAPIV3Schema of CustomResourceDefinitions (found among the linted files
// or in the `schemas:` files of .podlint.yaml, which schema-files.ts reads) and JSON Schema files. Each is
// converted once into the same compact nodes as the built-in schemas (schema-store.ts), so one validator and one
// set of messages serve all of them; a CRD among the linted files is converted again only when it changes
// (convertedCrd).
//
// CRD semantics follow the API server: a structural schema prunes (and kubectl's strict field validation rejects)
// unknown fields, except under x-kubernetes-preserve-unknown-fields; apiextensions.k8s.io/v1beta1 CRDs keep
// unknown fields unless `preserveUnknownFields: false`. JSON Schema files keep JSON Schema's own rule: unknown
// fields are allowed unless `additionalProperties: false`.
import { sha256 } from './hash.js';
import { isPlainObject, type Resource } from './kubernetes.js';
import type { ProjectIndex } from './project.js';
import { CustomSchemaModule, type JsonType, type ObjectNode, type SchemaNode } from './schema-store.js';

export interface CustomKindSchema {
  apiVersion: string;
  kind: string;
  node: SchemaNode;
  /** For messages: `the CRD "shirts.stable.example.com"`, `the JSON Schema schemas/job.json`. */
  origin: string;
  /** The module that holds `node` and the nodes it refers to: registered while this schema is reachable. */
  module?: CustomSchemaModule;
}

type Json = Record<string, unknown>;

let conversions = 0;

/** How many schemas have been converted so far (the benchmark and tests check that unchanged CRDs are not converted again). */
export function customSchemaConversions(): number {
  return conversions;
}

/** Converts one OpenAPI v3 / JSON Schema into the nodes of a fresh module (`target`); returns the root node. */
class SchemaConverter {
  readonly target = new CustomSchemaModule();
  private readonly module = this.target.name;
  private readonly defs = this.target.defs;
  private readonly docs = this.target.docs;

  constructor(
    private readonly mode: 'structural' | 'preserve' | 'json-schema',
    private readonly document: Json,
  ) {
    conversions += 1;
  }

  convertRoot(schema: unknown, kind: string): SchemaNode {
    return this.convert(schema, kind);
  }

  /** The root of a custom resource: apiVersion, kind and metadata are the API server's, whatever the schema says. */
  resourceRoot(schema: unknown, kind: string): SchemaNode {
    const root = this.convertRoot(schema, kind);
    const definition = typeof root === 'string' && root.includes('#') ? this.defs[root.slice(root.indexOf('#') + 1)] : undefined;
    if (definition && typeof definition === 'object' && 'o' in definition) {
      this.defs[kind] = { ...definition, o: { ...definition.o, apiVersion: 's', kind: 's', metadata: 'meta/v1#ObjectMeta' } };
      return root;
    }
    return root;
  }

  /** The schema objects being converted, outermost first: one met again inside itself makes a cycle. */
  private readonly open = new Set<object>();

  private convert(schema: unknown, name: string, depth = 0): SchemaNode {
    // A schema inside itself (a cyclic object handed to crdKindSchemas; documents cannot hold one, see
    // AliasCycleError) describes nothing that ends: it takes anything, rather than a tree converted 64 levels deep.
    if (!isPlainObject(schema) || depth > 64 || this.open.has(schema)) return 'a';
    this.open.add(schema);
    try {
      return this.convertOpen(schema, name, depth);
    } finally {
      this.open.delete(schema);
    }
  }

  private convertOpen(schema: Json, name: string, depth: number): SchemaNode {
    if (typeof schema.$ref === 'string') return this.reference(schema.$ref, depth);
    const merged = this.mergeAllOf(schema);
    if (merged['x-kubernetes-int-or-string'] === true || merged.format === 'int-or-string') return 'ios';
    const types = typeList(merged.type);
    if (types.length === 0) {
      if (isPlainObject(merged.properties) || isPlainObject(merged.additionalProperties)) return this.object(merged, name, depth);
      if (merged.items !== undefined) return { l: this.convert(itemSchema(merged.items), `${name}[]`, depth + 1) };
      const branches = [...asArray(merged.oneOf), ...asArray(merged.anyOf)];
      const branchTypes = branches.flatMap((branch) => (isPlainObject(branch) ? typeList(branch.type) : []));
      if (branches.length > 0 && branchTypes.length === branches.length) return { t: [...new Set(branchTypes)] };
      if (Array.isArray(merged.enum)) return { e: merged.enum as EnumValues };
      return 'a';
    }
    if (types.length > 1) {
      const nonNull = types.filter((type) => type !== 'null');
      if (nonNull.length !== 1) return { t: types };
      return this.single(nonNull[0]!, merged, name, depth);
    }
    return this.single(types[0]!, merged, name, depth);
  }

  private single(type: JsonType, schema: Json, name: string, depth: number): SchemaNode {
    if (Array.isArray(schema.enum) && type !== 'object' && type !== 'array') return { e: schema.enum as EnumValues };
    switch (type) {
      case 'string':
        return 's';
      case 'integer':
        return schema.format === 'int32' ? 'i32' : 'i64';
      case 'number':
        return 'n';
      case 'boolean':
        return 'b';
      case 'array':
        return { l: this.convert(itemSchema(schema.items), `${name}[]`, depth + 1) };
      case 'object':
        return this.object(schema, name, depth);
      case 'null':
        return { t: ['null'] };
    }
  }

  private object(schema: Json, name: string, depth: number): SchemaNode {
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
    const fields: Record<string, SchemaNode> = {};
    const docs: Record<string, string> = {};
    if (typeof schema.description === 'string') docs[''] = schema.description;
    for (const [field, child] of Object.entries(properties)) {
      fields[field] = this.convert(child, `${name}.${field}`, depth + 1);
      if (isPlainObject(child) && typeof child.description === 'string') docs[field] = child.description;
    }
    if (schema['x-kubernetes-embedded-resource'] === true) {
      fields.apiVersion ??= 's';
      fields.kind ??= 's';
      fields.metadata = 'meta/v1#ObjectMeta';
    }
    const additional = schema.additionalProperties;
    const node: ObjectNode & { x?: SchemaNode } = { o: fields };
    const required = Array.isArray(schema.required) ? schema.required.filter((field): field is string => typeof field === 'string') : [];
    if (required.length > 0) node.r = required;
    if (isPlainObject(additional)) {
      if (Object.keys(fields).length === 0 && !preserve) return { m: this.convert(additional, `${name}{}`, depth + 1) };
      node.x = this.convert(additional, `${name}{}`, depth + 1);
    } else if (preserve || additional === true || this.mode === 'preserve' || (this.mode === 'json-schema' && additional !== false)) {
      node.x = 'a';
    }
    this.defs[name] = node;
    if (Object.keys(docs).length > 0) this.docs[name] = docs;
    return `${this.module}#${name}`;
  }

  private mergeAllOf(schema: Json): Json {
    if (!Array.isArray(schema.allOf)) return schema;
    let merged: Json = { ...schema, allOf: undefined };
    for (const part of schema.allOf) {
      if (!isPlainObject(part)) continue;
      const resolved = typeof part.$ref === 'string' ? this.lookup(part.$ref) : part;
      if (!resolved) continue;
      merged = {
        ...resolved,
        ...merged,
        properties: { ...(isPlainObject(resolved.properties) ? resolved.properties : {}), ...(isPlainObject(merged.properties) ? merged.properties : {}) },
        required: [...asArray(resolved.required), ...asArray(merged.required)],
      };
    }
    return merged;
  }

  private readonly referenced = new Map<string, string>();

  private reference(ref: string, depth: number): SchemaNode {
    const existing = this.referenced.get(ref);
    if (existing) return existing;
    const target = this.lookup(ref);
    if (!target) return 'a';
    const name = `$ref:${ref}`;
    // Registered before converting, so that recursive schemas (a tree of nodes) end in a reference.
    const placeholder = `${this.module}#${name}`;
    this.referenced.set(ref, placeholder);
    const node = this.convert(target, name, depth + 1);
    if (node !== placeholder) this.defs[name] = node;
    return placeholder;
  }

  /** Local references only (#, #/definitions/x, #/$defs/x): a schema file that points elsewhere is taken as "anything". */
  private lookup(ref: string): Json | undefined {
    if (!ref.startsWith('#')) return undefined;
    let current: unknown = this.document;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      if (!isPlainObject(current)) return undefined;
      current = current[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return isPlainObject(current) ? current : undefined;
  }
}

type EnumValues = (string | number | boolean | null)[];

function typeList(type: unknown): JsonType[] {
  const list = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return list.filter((item): item is JsonType => ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'].includes(item as string));
}

function itemSchema(items: unknown): unknown {
  return Array.isArray(items) ? items[0] : items;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The schemas a CustomResourceDefinition object declares, one per version. */
export function crdKindSchemas(crd: Record<string, unknown>, origin: string): CustomKindSchema[] {
  const spec = crd.spec;
  if (!isPlainObject(spec) || typeof spec.group !== 'string' || !isPlainObject(spec.names) || typeof spec.names.kind !== 'string') return [];
  const { group } = spec;
  const kind = spec.names.kind;
  const isV1beta1 = crd.apiVersion === 'apiextensions.k8s.io/v1beta1';
  // v1beta1 kept unknown fields unless told otherwise; v1 always prunes them.
  const preserve = isV1beta1 ? spec.preserveUnknownFields !== false : spec.preserveUnknownFields === true;
  const sharedSchema = isPlainObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const versions: { name: string; schema: unknown }[] = [];
  for (const version of asArray(spec.versions)) {
    if (!isPlainObject(version) || typeof version.name !== 'string') continue;
    const own = isPlainObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
    versions.push({ name: version.name, schema: own ?? sharedSchema });
  }
  if (versions.length === 0 && typeof spec.version === 'string') versions.push({ name: spec.version, schema: sharedSchema });
  return versions.map(({ name, schema }) => {
    const apiVersion = `${group}/${name}`;
    if (!isPlainObject(schema)) return { apiVersion, kind, node: 'a', origin };
    const converter = new SchemaConverter(preserve ? 'preserve' : 'structural', schema);
    return { apiVersion, kind, node: converter.resourceRoot(schema, kind), origin, module: converter.target };
  });
}

/** The schema of one apiVersion/kind that a JSON Schema file describes. */
export function jsonSchemaKindSchema(schema: Record<string, unknown>, apiVersion: string, kind: string, origin: string): CustomKindSchema {
  const converter = new SchemaConverter('json-schema', schema);
  return { apiVersion, kind, node: converter.convertRoot(schema, kind), origin, module: converter.target };
}

// An editor makes a new project of the workspace's objects after every edit: converting each of its CRDs again
// every time cost the time, and the memory of modules kept for good. A CRD's schemas are found again by its object
// (a document that did not change keeps its objects), then by its content (a file read again, a document edited only
// in its comments or edited back). Only objects and projects hold them: once none does, they and their modules are
// let go. The latest project's stay held until the next project's are worked out, so that a file read again in
// between finds its CRDs' schemas whenever garbage is collected.
const schemasByResource = new WeakMap<Resource, readonly CustomKindSchema[]>();
const latestProject: { schemas: (readonly CustomKindSchema[])[] } = { schemas: [] };
const schemasByContent = new Map<string, WeakRef<readonly CustomKindSchema[]>>();
const contentCollected = new FinalizationRegistry<string>((key) => {
  if (schemasByContent.get(key)?.deref() === undefined) schemasByContent.delete(key);
});

/** The schemas of every CRD among the linted files, by `apiVersion kind`. */
export function projectCustomSchemas(project: ProjectIndex): Map<string, CustomKindSchema> {
  return project.memo(projectCustomSchemas, (run) => {
    const schemas = new Map<string, CustomKindSchema>();
    const converted: (readonly CustomKindSchema[])[] = [];
    for (const crd of run.ofKind('CustomResourceDefinition')) {
      if (!crd.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
      const ofCrd = convertedCrd(crd);
      converted.push(ofCrd);
      for (const schema of ofCrd) schemas.set(kindKey(schema.apiVersion, schema.kind), schema);
    }
    latestProject.schemas = converted;
    return schemas;
  });
}

function convertedCrd(crd: Resource): readonly CustomKindSchema[] {
  const known = schemasByResource.get(crd);
  if (known) return known;
  const origin = `the CustomResourceDefinition "${crd.name ?? crd.kind}" in ${crd.document.file.path}`;
  const key = contentKey(origin, crd.object);
  let schemas = key === undefined ? undefined : schemasByContent.get(key)?.deref();
  if (!schemas) {
    schemas = crdKindSchemas(crd.object, origin);
    if (key !== undefined) {
      schemasByContent.set(key, new WeakRef(schemas));
      contentCollected.register(schemas, key);
    }
  }
  schemasByResource.set(crd, schemas);
  return schemas;
}

/**
 * A digest of where an object comes from and of its JSON; undefined when JSON would write it as it writes another
 * value (NaN as null, a Date as its string), which then cannot be told apart, or cannot write it (an alias inside
 * its own anchor makes a cycle).
 */
function contentKey(origin: string, object: unknown): string | undefined {
  let exact = true;
  let json: string;
  try {
    json = jsonOf(object, () => (exact = false));
  } catch {
    return undefined;
  }
  return exact ? sha256().update(origin).update('\u0000').update(json).digest('base64') : undefined;
}

/** JSON.stringify, calling `inexact` for a value that JSON writes as it writes another one, or not at all. */
function jsonOf(object: unknown, inexact: () => void): string {
  return JSON.stringify(object, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (typeof raw === 'object' && raw !== null) {
      const prototype: unknown = Object.getPrototypeOf(raw);
      if (!Array.isArray(raw) && prototype !== Object.prototype && prototype !== null) inexact();
    } else if (typeof raw === 'number') {
      if (!Number.isFinite(raw) || Object.is(raw, -0)) inexact();
    } else if (raw !== null && typeof raw !== 'string' && typeof raw !== 'boolean') {
      inexact();
      return null;
    }
    return value;
  });
}

export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}
