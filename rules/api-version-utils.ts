// What moving an object to the replacement of its removed or deprecated apiVersion involves, decided by
// validating the object against the replacement's schema: if nothing new breaks, the same fields carry over and
// the apiVersion can be rewritten (a fix); otherwise the message lists what has to change.
import { problemKey, schemaFor, validateValue, type ApiLifecycle, type FixFunction, type Resource, type RuleContext, type SchemaProblem } from '@podlint/core';
import { fieldLabel, replaceKeepingQuotes, scalarAt, schemaProblems } from './schema-utils.js';

export interface Migration {
  /** The replacement as one would write it: `batch/v1`, or `networking.k8s.io/v1 IngressClass` when the kind changes. */
  target: string;
  /** False when podlint has no schema for the replacement to compare with. */
  checked: boolean;
  /** True when the object validates against the replacement's schema as well as against its own. */
  sameFields: boolean;
  /** What breaks under the replacement (at most three), when not sameFields. */
  changes: string[];
}

const MAX_CHANGES = 3;

export function migrationOf(resource: Resource, entry: ApiLifecycle, context: RuleContext<string>): Migration | undefined {
  const replacement = entry.replacement;
  if (!replacement) return undefined;
  const target = replacement.kind === resource.kind ? replacement.apiVersion : `${replacement.apiVersion} ${replacement.kind}`;
  const schema = schemaFor(replacement.apiVersion, replacement.kind);
  if (!schema) return { target, checked: false, sameFields: false, changes: [] };
  const before = new Set(schemaProblems(resource, context).problems.map(problemKey));
  const after = validateValue(schema.node, resource.object, replacement.kind).filter((problem) => !before.has(problemKey(problem)));
  return { target, checked: true, sameFields: after.length === 0 && replacement.kind === resource.kind, changes: after.slice(0, MAX_CHANGES).map(describeProblem) };
}

/**
 * A fix rewriting the apiVersion value, keeping its quotes. None for an item typed by its list (PodList): the list's
 * apiVersion is the type of all such items, whose fields were not all checked against the replacement.
 */
export function rewriteApiVersion(resource: Resource, apiVersion: string): FixFunction | undefined {
  if (resource.typeFromList) return undefined;
  const scalar = scalarAt(resource, ['apiVersion']);
  if (!scalar) return undefined;
  return (fixer) => fixer.replaceRange(scalar.offsets, replaceKeepingQuotes(scalar.text, apiVersion));
}

/** What else must change, in words: the guide's note and the problems found under the replacement's schema. */
export function changesText(entry: ApiLifecycle, migration: Migration): string {
  const parts = [...migration.changes];
  if (entry.note) parts.push(entry.note);
  return parts.length > 0 ? parts.join('; ') : 'the kind is named differently';
}

function describeProblem(problem: SchemaProblem): string {
  const where = problem.path.filter((segment) => typeof segment === 'string').join('.');
  switch (problem.kind) {
    case 'unknown-field':
      return `${where} does not exist`;
    case 'required':
      return `${where ? `${where}.` : ''}${problem.field} is required`;
    case 'type':
      return `${where || fieldLabel(problem.path)} must be ${problem.expected}`;
    case 'enum':
      return `${where} must be one of ${problem.allowed.join(', ')}`;
  }
}
