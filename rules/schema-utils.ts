// Helpers the schema rules share: the object's schema problems (validated once, whichever rule asks first),
// how a field is named in a message, and edits that keep the source's quoting.
import { nodeAtPath, resourceSchemaProblems, type Path, type Resource, type ResourceSchemaResult, type RuleContext } from '@podlint/core';

export function schemaProblems(resource: Resource, context: RuleContext<string>): ResourceSchemaResult {
  return resourceSchemaProblems(resource, { project: context.project, schemaFiles: context.settings.schemas ?? [], kubernetesVersion: context.settings.kubernetesVersion });
}

/** How a message names the value at `path`: `"replicas"`, `entry 2 of "args"`. */
export function fieldLabel(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = [...path].reverse().find((segment) => typeof segment === 'string');
    return parent === undefined ? `entry ${last + 1}` : `entry ${last + 1} of "${parent}"`;
  }
  return `"${String(last ?? 'the object')}"`;
}

/** The scalar node at `path` with its source text, for edits that keep the rest of the line as written. */
export function scalarAt(resource: Resource, path: Path): { offsets: [number, number]; text: string } | undefined {
  const node = nodeAtPath(resource.document, resource.at(...path));
  // A scalar: a node with a range that holds no items (maps and sequences do).
  if (!node || !node.range || 'items' in node) return undefined;
  const offsets: [number, number] = [node.range[0], node.range[1]];
  return { offsets, text: resource.document.file.text.slice(offsets[0], offsets[1]) };
}

/** A replacement for a scalar that keeps its quotes: `"tcp"` -> `"TCP"`, `tcp` -> `TCP`. */
export function replaceKeepingQuotes(source: string, value: string): string {
  const quote = source[0] === '"' || source[0] === "'" ? source[0] : '';
  if (quote === '') return /^[A-Za-z0-9._/-]+$/.test(value) ? value : JSON.stringify(value);
  return quote === '"' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
}

/** The first sentence of a description, ending with a full stop (for a hint in a message). */
export function firstSentence(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const lineEnd = description.indexOf('\n');
  const text = (lineEnd === -1 ? description : description.slice(0, lineEnd)).trim();
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  const sentence = (match ? match[1]! : text).trim();
  if (sentence.length === 0 || sentence.length > 160) return undefined;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
