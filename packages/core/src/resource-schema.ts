// Which schema describes an object (a `schemas:` file, the built-in Kubernetes API, or a CRD among the linted
// files), the object's schema problems computed once and shared by every schema rule, and the editor API:
// schemaFor(apiVersion, kind) and describeField(apiVersion, kind, path) for hover and completion.
import { kindKey, projectCustomSchemas } from './custom-schemas.js';
import { schemaFileSchemas, type SchemaFileEntry } from './schema-files.js';
import type { Resource } from './kubernetes.js';
import type { ProjectIndex } from './project.js';
import { builtinKindReference, bundledKindReference, dereference, descriptionOf, isReference, type SchemaNode } from './schema-store.js';
import { apiStatus } from './api-lifecycle.js';
import { validateValue, type SchemaProblem } from './schema-validator.js';
import type { Path } from './types.js';

export interface KindSchema {
  apiVersion: string;
  kind: string;
  /** The root node (a reference for built-in kinds). */
  node: SchemaNode;
  /** builtin: podlint's Kubernetes API schemas; custom: a CRD or a JSON Schema file. */
  origin: 'builtin' | 'custom';
  /** Where it comes from, for messages. */
  source: string;
}

export interface SchemaLookupOptions {
  /** The objects of the run: their CustomResourceDefinitions describe custom resources. */
  project?: ProjectIndex;
  /** The `schemas:` entries of the configuration. */
  schemaFiles?: readonly SchemaFileEntry[];
  /** Target Kubernetes version: for an apiVersion it no longer serves, only problems its replacement shares are kept. */
  kubernetesVersion?: string;
}

/**
 * The schema of an apiVersion/kind: `schemas:` files first (the user's word), then the Kubernetes API, then the
 * run's CRDs, then the bundled schemas of popular custom resources (a CRD in the repository describes the version
 * actually installed).
 */
export function schemaFor(apiVersion: string, kind: string, options: SchemaLookupOptions = {}): KindSchema | undefined {
  const key = kindKey(apiVersion, kind);
  if (options.schemaFiles && options.schemaFiles.length > 0) {
    const fromFile = schemaFileSchemas(options.schemaFiles).get(key);
    if (fromFile) return { apiVersion, kind, node: fromFile.node, origin: 'custom', source: fromFile.origin };
  }
  const builtin = builtinKindReference(apiVersion, kind);
  if (builtin) return { apiVersion, kind, node: builtin, origin: 'builtin', source: 'the Kubernetes API' };
  const fromProject = options.project ? projectCustomSchemas(options.project).get(key) : undefined;
  if (fromProject) return { apiVersion, kind, node: fromProject.node, origin: 'custom', source: fromProject.origin };
  const bundled = bundledKindReference(apiVersion, kind);
  if (bundled) return { apiVersion, kind, node: bundled, origin: 'custom', source: 'the bundled schemas of its project' };
  return undefined;
}

export interface ResourceSchemaResult {
  /** Undefined when no schema describes the object (unknown-kind). */
  schema?: KindSchema;
  /** Paths are relative to the object (prefix them with resource.path to report). */
  problems: readonly SchemaProblem[];
}

/** An object's problems, and what they were worked out against. */
interface ValidatedObject {
  /** The schema's root node: a CRD's is another whenever the CRD is converted again (it changed). */
  node: SchemaNode;
  kubernetesVersion: string | undefined;
  problems: readonly SchemaProblem[];
}

const validated = new WeakMap<Resource, ValidatedObject>();

/**
 * The object's schema problems, validated once per run whichever schema rules ask. The schema is looked up on every
 * call, and the object validated again when it is another one: an editor keeps the objects of a document that did
 * not change while a CRD in another document does (and a lookup that reads the project's CRDs notes so for the
 * editor, as every use of a project memo does, which tells it to lint the object's document again).
 */
export function resourceSchemaProblems(resource: Resource, options: SchemaLookupOptions): ResourceSchemaResult {
  const schema = schemaFor(resource.apiVersion, resource.kind, options);
  if (!schema) return { problems: [] };
  let result = validated.get(resource);
  if (!result || result.node !== schema.node || result.kubernetesVersion !== options.kubernetesVersion) {
    const problems = withoutMigrationEchoes(resource, validateValue(schema.node, resource.object, resource.kind), options);
    result = { node: schema.node, kubernetesVersion: options.kubernetesVersion, problems };
    validated.set(resource, result);
  }
  return { schema, problems: result.problems };
}

/**
 * An object written for the replacement of a removed apiVersion (networking.k8s.io/v1 backends under
 * networking.k8s.io/v1beta1) is one mistake, the apiVersion, which api-version-removed reports: problems that
 * vanish under the replacement's schema are not reported again.
 */
function withoutMigrationEchoes(resource: Resource, problems: SchemaProblem[], options: SchemaLookupOptions): SchemaProblem[] {
  if (problems.length === 0 || !options.kubernetesVersion) return problems;
  const status = apiStatus(resource.apiVersion, resource.kind, options.kubernetesVersion);
  const replacement = status.state === 'removed' ? status.entry.replacement : undefined;
  const target = replacement && replacement.kind === resource.kind ? builtinKindReference(replacement.apiVersion, replacement.kind) : undefined;
  if (!target) return problems;
  const shared = new Set(validateValue(target, resource.object, resource.kind).map(problemKey));
  return problems.filter((problem) => shared.has(problemKey(problem)));
}

/** Identifies a problem across schemas: what, where, which field. */
export function problemKey(problem: SchemaProblem): string {
  return `${problem.kind} ${problem.path.join('.')} ${'field' in problem ? problem.field : ''}`;
}

export interface FieldInfo {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface FieldDescription {
  /** The field's type in words: string, integer, boolean, Container, list of Container, map of string... */
  type: string;
  description?: string;
  /** Allowed values, for an enum. */
  enum?: readonly (string | number | boolean | null)[];
  /** True when the containing object requires the field. */
  required: boolean;
  /** The fields of an object type (for completion), sorted by name. */
  fields?: FieldInfo[];
}

/**
 * Describes the field at `path` of an apiVersion/kind (list indexes as numbers or any value): description,
 * type, enum values, whether it is required, and its own fields. `[]` describes the kind itself.
 */
export function describeField(apiVersion: string, kind: string, path: Path, options: SchemaLookupOptions = {}): FieldDescription | undefined {
  const schema = schemaFor(apiVersion, kind, options);
  if (!schema) return undefined;
  let node: SchemaNode = schema.node;
  let description = docOf(node, '');
  let required = false;
  for (const segment of path) {
    const shape = dereference(node);
    if (typeof shape === 'string') return undefined;
    if ('l' in shape) {
      node = shape.l;
      description = docOf(node, '') ?? description;
      required = false;
    } else if ('m' in shape) {
      node = shape.m;
      required = false;
    } else if ('o' in shape) {
      const field = shape.o[String(segment)];
      if (field !== undefined) {
        description = docOf(node, String(segment)) ?? docOf(field, '');
        required = shape.r?.includes(String(segment)) ?? false;
        node = field;
      } else if (shape.x !== undefined) {
        node = shape.x;
        required = false;
      } else {
        return undefined;
      }
    } else {
      return undefined;
    }
  }
  const shape = dereference(node);
  const result: FieldDescription = { type: typeWords(node), required };
  if (description) result.description = description;
  if (typeof shape === 'object' && 'e' in shape) result.enum = shape.e;
  if (typeof shape === 'object' && 'o' in shape) {
    result.fields = Object.entries(shape.o)
      .map(([name, field]) => {
        const info: FieldInfo = { name, type: typeWords(field), required: shape.r?.includes(name) ?? false };
        const doc = docOf(node, name);
        if (doc) info.description = doc;
        return info;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return result;
}

/** The description of a type (field '') or of one of its fields, for a reference of a built-in or custom schema. */
export function schemaDescription(reference: string, field = ''): string | undefined {
  return docOf(reference, field);
}

function docOf(node: SchemaNode, field: string): string | undefined {
  if (!isReference(node)) return undefined;
  return descriptionOf(node, field);
}

const SCALAR_WORDS: Record<string, string> = {
  s: 'string',
  i32: 'integer (int32)',
  i64: 'integer (int64)',
  n: 'number',
  b: 'boolean',
  q: 'quantity (string or number)',
  ios: 'integer or string',
  a: 'any',
};

/** A node's type in words, for hover. */
export function typeWords(node: SchemaNode): string {
  if (isReference(node)) {
    const shape = dereference(node);
    if (typeof shape === 'object' && 'o' in shape) return node.startsWith('custom:') ? 'object' : node.slice(node.indexOf('#') + 1);
    return typeWords(shape);
  }
  if (typeof node === 'string') return SCALAR_WORDS[node] ?? node;
  if ('l' in node) return `list of ${typeWords(node.l)}`;
  if ('m' in node) return `map of ${typeWords(node.m)}`;
  if ('e' in node) return 'string (enum)';
  if ('t' in node) return node.t.join(' or ');
  return 'object';
}
