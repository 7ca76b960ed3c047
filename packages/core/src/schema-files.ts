// The `schemas:` files of .podlint.yaml (CRD files, and JSON Schema files for one kind): each is read and converted
// (custom-schemas.ts) once, as every file linted under the config uses it, and again only after forgetSchemaFile.
import { readFileSync } from 'node:fs';
import { crdKindSchemas, jsonSchemaKindSchema, kindKey, type CustomKindSchema } from './custom-schemas.js';
import { isPlainObject } from './kubernetes.js';
import { SourceFile } from './source.js';

/** One entry of `schemas:` in .podlint.yaml: a CRD file, or a JSON Schema file for one apiVersion/kind. */
export interface SchemaFileEntry {
  /** Absolute path. */
  path: string;
  apiVersion?: string;
  kind?: string;
}

const fileCache = new Map<string, CustomKindSchema[]>();
/** Every path loadSchemaFile was asked for, read or not: forgetSchemaFile tells which are `schemas:` files. */
const requestedFiles = new Set<string>();
/** How to ask an editor for its text of a file; unset, the disk is all there is (the command). */
let editorTextOf: ((path: string) => string | undefined) | undefined;

/**
 * Has loadSchemaFile take a file's text from `textOf` when it gives one (an editor's buffer of the file, saved or
 * not) and from the disk otherwise; undefined reads only the disk again. An editor treats its buffers as the truth,
 * so custom resources follow their CRD as it is typed. `textOf` is asked at every read, which makes the order of
 * opening files and loading configs irrelevant; a text it gives that changes (or one it no longer gives, its buffer
 * closed) counts after forgetSchemaFile, as a change on disk does.
 */
export function readSchemaFilesFrom(textOf: ((path: string) => string | undefined) | undefined): void {
  editorTextOf = textOf;
}

/** Whether loadSchemaFile was asked for the path (read, or found unusable), so a config names it: a quick check. */
export function isSchemaFile(path: string): boolean {
  return requestedFiles.has(path);
}

/**
 * Forgets what was read from a `schemas:` file, so that the next loadSchemaFile reads it again: for an editor, which
 * lives on while the file changes (the command reads each file once). Returns true when the path is one
 * loadSchemaFile was asked for (read, or found unusable): configs that name it must be loaded again.
 */
export function forgetSchemaFile(path: string): boolean {
  const prefix = `${path}\u0000`;
  for (const key of fileCache.keys()) if (key.startsWith(prefix)) fileCache.delete(key);
  return requestedFiles.has(path);
}

/**
 * Reads one `schemas:` entry: a YAML/JSON file of CustomResourceDefinitions, or a JSON Schema for one kind
 * (its apiVersion/kind from the entry or from the schema's x-kubernetes-group-version-kind). Throws a readable
 * error for a file that cannot be used, which the config loader reports at the entry. Read once, until
 * forgetSchemaFile; from the editor's text of it when readSchemaFilesFrom said where to ask and it has one.
 */
export function loadSchemaFile(entry: SchemaFileEntry): CustomKindSchema[] {
  const key = `${entry.path}\u0000${entry.apiVersion ?? ''}\u0000${entry.kind ?? ''}`;
  const cached = fileCache.get(key);
  if (cached) return cached;
  requestedFiles.add(entry.path);
  let text = editorTextOf?.(entry.path);
  try {
    text ??= readFileSync(entry.path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${entry.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const source = new SourceFile(entry.path, text);
  const broken = source.documents.find((doc) => doc.hasSyntaxErrors);
  if (broken) throw new Error(`${entry.path} does not parse: ${broken.errors[0]?.message ?? 'syntax error'}`);
  const unreadable = source.documents.find((doc) => doc.conversionError);
  if (unreadable) throw new Error(`${entry.path} cannot be read: ${unreadable.conversionError!.message}`);
  const values = source.documents.map((doc) => doc.value).filter(isPlainObject);
  const crds = values.flatMap((value) => (value.kind === 'CustomResourceDefinition' ? [value] : listItems(value)));
  let schemas: CustomKindSchema[];
  if (crds.length > 0) {
    schemas = crds.flatMap((crd) => crdKindSchemas(crd, `the CustomResourceDefinition "${crdName(crd)}" in ${entry.path}`));
  } else {
    const schema = values[0];
    if (!schema) throw new Error(`${entry.path} holds no CustomResourceDefinition and no JSON Schema`);
    const gvk = entry.apiVersion && entry.kind ? { apiVersion: entry.apiVersion, kind: entry.kind } : groupVersionKindOf(schema);
    if (!gvk) throw new Error(`${entry.path} is a JSON Schema: give the apiVersion and kind it describes ({ path, apiVersion, kind })`);
    schemas = [jsonSchemaKindSchema(schema, gvk.apiVersion, gvk.kind, `the JSON Schema ${entry.path}`)];
  }
  if (schemas.length === 0) throw new Error(`${entry.path}: its CustomResourceDefinitions declare no group, kind or versions`);
  fileCache.set(key, schemas);
  return schemas;
}

function listItems(value: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(value.items) ? value.items.filter((item): item is Record<string, unknown> => isPlainObject(item) && item.kind === 'CustomResourceDefinition') : [];
}

function crdName(crd: Record<string, unknown>): string {
  return isPlainObject(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : 'unnamed';
}

function groupVersionKindOf(schema: Record<string, unknown>): { apiVersion: string; kind: string } | undefined {
  const list = schema['x-kubernetes-group-version-kind'];
  const first = Array.isArray(list) ? list[0] : undefined;
  if (!isPlainObject(first) || typeof first.kind !== 'string' || typeof first.version !== 'string') return undefined;
  const group = typeof first.group === 'string' ? first.group : '';
  return { apiVersion: group ? `${group}/${first.version}` : first.version, kind: first.kind };
}

/** The schemas of the `schemas:` entries, by `apiVersion kind` (later entries win). */
export function schemaFileSchemas(entries: readonly SchemaFileEntry[]): Map<string, CustomKindSchema> {
  const result = new Map<string, CustomKindSchema>();
  for (const entry of entries) for (const schema of loadSchemaFile(entry)) result.set(kindKey(schema.apiVersion, schema.kind), schema);
  return result;
}
