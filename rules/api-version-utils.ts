// What moving an object to the replacement of its removed or deprecated apiVersion involves, decided by
// validating the object against the replacement's schema: if nothing new breaks, the same fields carry over and
// the apiVersion can be rewritten (a fix); otherwise the message lists what has to change.
import {
  isPlainObject,
  problemKey,
  schemaFor,
  validateValue,
  type ApiLifecycle,
  type FixFunction,
  type Resource,
  type RuleContext,
  type SchemaProblem,
} from '@podlint/core';
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
  /** True when `changes` name what the object's own fields would come to mean, which says more than the guide's note. */
  specific: boolean;
}

const MAX_CHANGES = 3;

export function migrationOf(resource: Resource, entry: ApiLifecycle, context: RuleContext<string>): Migration | undefined {
  const replacement = entry.replacement;
  if (!replacement) return undefined;
  const target = replacement.kind === resource.kind ? replacement.apiVersion : `${replacement.apiVersion} ${replacement.kind}`;
  const schema = schemaFor(replacement.apiVersion, replacement.kind);
  if (!schema) return { target, checked: false, sameFields: false, changes: [], specific: false };
  const before = new Set(schemaProblems(resource, context).problems.map(problemKey));
  const after = validateValue(schema.node, resource.object, replacement.kind).filter((problem) => !before.has(problemKey(problem)));
  const meaning = meaningChanges(resource);
  const changes = [...after.map(describeProblem), ...meaning].slice(0, MAX_CHANGES);
  return { target, checked: true, sameFields: changes.length === 0 && replacement.kind === resource.kind, changes, specific: meaning.length > 0 };
}

/**
 * What the same fields mean otherwise under the replacement, for this object: a default or a reading that changed
 * between the versions (the deprecation guide's notes). A schema passes them, so a rewrite of the apiVersion alone
 * would change what the object does: such an object gets no fix, and the message says what changes.
 */
function meaningChanges(resource: Resource): string[] {
  const spec = isPlainObject(resource.object.spec) ? resource.object.spec : {};
  const key = `${resource.apiVersion} ${resource.kind}`;
  switch (key) {
    case 'policy/v1beta1 PodDisruptionBudget':
      return isPlainObject(spec.selector) && selectsEverything(spec.selector)
        ? ['its empty spec.selector, which selects no pod here, selects every pod of the namespace']
        : [];
    case 'events.k8s.io/v1beta1 Event': {
      const missing = ['action', 'reason', 'reportingController', 'reportingInstance'].filter((field) => !resource.object[field]);
      return missing.length > 0 ? [`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`] : [];
    }
    case 'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration':
    case 'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration': {
      const webhooks = Array.isArray(resource.object.webhooks) ? resource.object.webhooks.filter(isPlainObject) : [];
      const defaults = [
        ['failurePolicy', 'Fail, not Ignore'],
        ['matchPolicy', 'Equivalent, not Exact'],
        ['timeoutSeconds', '10, not 30'],
      ] as const;
      const changed = defaults.filter(([field]) => webhooks.some((webhook) => webhook[field] === undefined));
      if (changed.length === 0) return [];
      const fields = changed.map(([field]) => field).join(' or ');
      return [`webhooks without ${fields} get other defaults (${changed.map(([field, values]) => `${field}: ${values}`).join('; ')})`];
    }
    case 'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration':
      return isPlainObject(spec.limited) && spec.limited.nominalConcurrencyShares === 0
        ? ['nominalConcurrencyShares: 0 stays 0 (v1beta3 made it 30)']
        : [];
    case 'extensions/v1beta1 DaemonSet':
    case 'apps/v1beta1 StatefulSet':
      return isPlainObject(spec.updateStrategy) && spec.updateStrategy.type !== undefined
        ? []
        : ['without spec.updateStrategy.type, pods are replaced when the template changes (RollingUpdate), not only when deleted (OnDelete)'];
    default:
      return [];
  }
}

/** A label selector with no requirement: `{}`, or empty matchLabels and matchExpressions. */
function selectsEverything(selector: Record<string, unknown>): boolean {
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  return (!isPlainObject(labels) || Object.keys(labels).length === 0) && (!Array.isArray(expressions) || expressions.length === 0);
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
  if (entry.note && !migration.specific) parts.push(entry.note);
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
