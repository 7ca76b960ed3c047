// Validates a plain value against a schema node (schema-store.ts) and returns one problem per real mistake:
// an unknown field (with "did you mean"), a wrong type, a missing required field, a value outside an enum.
// It never reports a cascade: a mistyped key that is probably a missing required field is one problem, and a
// value of the wrong type is not looked into further.
//
// Leniency follows the API server, not JSON Schema: `key:` with no value (null) is accepted for optional fields
// and map values (the decoder reads it as unset), an empty string is accepted for enums (the server defaults it),
// and quantities take strings and numbers.
import { CandidateIndex } from './did-you-mean.js';
import { isPlainObject } from './kubernetes.js';
import { findFieldBelow, findFieldElsewhere, looksLikeMapKey, onlyMapField, typeNameOf, uniqueExtension } from './schema-hints.js';
import { dereference, isReference, referenceInfo, schemaDerived, type EnumNode, type JsonType, type ObjectNode, type SchemaNode } from './schema-store.js';
import type { Path } from './types.js';

export type SchemaProblem =
  | {
      kind: 'unknown-field';
      /** Path of the unknown key. */
      path: Path;
      field: string;
      /** Name of the type that lacks the field (Container, PodSpec). */
      typeName: string;
      suggestion?: string;
      /** The suggestion is a required field that is missing: the typo is why it is missing. */
      suggestionIsMissing?: boolean;
      /** A field of that name exists one or two levels down, under this path (relative to the object). */
      belongsUnder?: string;
      /** belongsUnder is a map whose keys look like this one (matchLabels for `app.kubernetes.io/name`). */
      belongsUnderIsMap?: boolean;
      /** Elsewhere in the object's schema, a type that has the field (`privileged` in a container's securityContext). */
      elsewhere?: { path: string; typeName: string };
      /** The type's fields, when there are few. */
      knownFields?: readonly string[];
    }
  | { kind: 'type'; path: Path; expected: string; actual: unknown; expectedType: ExpectedType; typeName?: string }
  | {
      kind: 'required';
      /** Path of the object that lacks the field. */
      path: Path;
      field: string;
      typeName: string;
      /** True when the key is there but empty (`containers:`). */
      isNull: boolean;
      /** The object type's reference, for the field's description (schemaDescription). */
      reference?: string;
    }
  | { kind: 'enum'; path: Path; value: unknown; allowed: readonly (string | number | boolean | null)[]; suggestion?: string };

/** What a wrong-type value should have been, for messages and fixes. */
export type ExpectedType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'list' | 'map' | 'quantity' | 'int-or-string' | 'types';


const MAX_KNOWN_FIELDS_LISTED = 10;

/**
 * "Did you mean" searches by edit distance per object: an object of thousands of unknown keys (a generated one, or
 * a hostile one) has the first ones searched, each within MAX_SEARCH_ROWS, and the rest reported without it.
 */
const MAX_SEARCHES_PER_OBJECT = 1000;

interface Walk {
  root: SchemaNode;
  problems: SchemaProblem[];
  /**
   * Where the walk is, as one stack pushed and popped on the way down: a problem copies it. (A path array per
   * value made the validator a tenth of all allocation in a large run.)
   */
  path: (string | number)[];
  /** "Did you mean" searches the object may still make. */
  searchesLeft: number;
}

export function validateValue(root: SchemaNode, value: unknown, rootTypeName: string): SchemaProblem[] {
  const walk: Walk = { root, problems: [], path: [], searchesLeft: MAX_SEARCHES_PER_OBJECT };
  check(root, value, walk, rootTypeName);
  return withoutEchoes(walk.problems);
}

/**
 * A field written one level too high (`conversionReviewVersions` beside `webhook` instead of in it) is one mistake:
 * the "required field missing" it causes below is dropped, the misplaced field's message says where it goes.
 */
function withoutEchoes(problems: SchemaProblem[]): SchemaProblem[] {
  const misplaced = new Set<string>();
  for (const problem of problems) {
    if (problem.kind !== 'unknown-field' || !problem.belongsUnder || problem.belongsUnderIsMap) continue;
    const target = [...problem.path.slice(0, -1), ...problem.belongsUnder.split('.')];
    misplaced.add(`${target.join('\u0000')}\u0001${problem.field}`);
  }
  if (misplaced.size === 0) return problems;
  return problems.filter((problem) => problem.kind !== 'required' || problem.isNull || !misplaced.has(`${problem.path.join('\u0000')}\u0001${problem.field}`));
}

/** Checks `value` at walk.path, below `walk.path` when `segment` is given (pushed for the call, popped after). */
function checkAt(node: SchemaNode, value: unknown, walk: Walk, typeName: string, segment: string | number): void {
  walk.path.push(segment);
  check(node, value, walk, typeName);
  walk.path.pop();
}

function check(node: SchemaNode, value: unknown, walk: Walk, typeName: string): void {
  const { problems } = walk;
  const reference = isReference(node) ? node : undefined;
  let name = typeName;
  let shape = node;
  if (reference !== undefined) {
    const info = referenceInfo(reference);
    name = info.typeName;
    shape = info.shape;
  }
  if (typeof shape === 'string') {
    checkScalar(shape, value, walk);
    return;
  }
  if ('o' in shape) {
    if (value === null) return;
    if (!isPlainObject(value)) {
      problems.push({ kind: 'type', path: [...walk.path], expected: 'a mapping of fields', actual: value, expectedType: 'object', typeName: name });
      return;
    }
    checkObject(shape, value, walk, name, reference);
    return;
  }
  if ('l' in shape) {
    if (value === null) return;
    if (!Array.isArray(value)) {
      problems.push({ kind: 'type', path: [...walk.path], expected: 'a list', actual: value, expectedType: 'list' });
      return;
    }
    const itemName = typeNameOf(shape.l, name);
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (item === null) {
        // `- ` with nothing is null: harmless in a list of scalars, a broken entry in a list of objects.
        if (typeof dereference(shape.l) === 'string') continue;
        problems.push({ kind: 'type', path: [...walk.path, index], expected: 'a mapping of fields', actual: null, expectedType: 'object', typeName: itemName });
        continue;
      }
      checkAt(shape.l, item, walk, itemName, index);
    }
    return;
  }
  if ('m' in shape) {
    if (value === null) return;
    if (!isPlainObject(value)) {
      problems.push({ kind: 'type', path: [...walk.path], expected: 'a mapping of keys to values', actual: value, expectedType: 'map' });
      return;
    }
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item !== null) checkAt(shape.m, item, walk, name, key);
    }
    return;
  }
  if ('e' in shape) {
    if (value === null || value === '') return;
    const allowed = shape.e;
    const facts = enumFactsOf(allowed);
    if (facts.values.has(value)) return;
    if (facts.allStrings && typeof value !== 'string') {
      problems.push({ kind: 'type', path: [...walk.path], expected: 'a string', actual: value, expectedType: 'string' });
      return;
    }
    const suggestion = typeof value === 'string' && facts.allStrings ? search(walk, () => closestValue(facts, allowed as string[], value)) : undefined;
    problems.push({ kind: 'enum', path: [...walk.path], value, allowed, ...(suggestion ? { suggestion } : {}) });
    return;
  }
  if ('t' in shape) {
    if (value === null || shape.t.some((type) => matchesJsonType(type, value))) return;
    problems.push({ kind: 'type', path: [...walk.path], expected: describeJsonTypes(shape.t), actual: value, expectedType: 'types' });
  }
}

interface EnumFacts {
  values: ReadonlySet<unknown>;
  allStrings: boolean;
  /** The values indexed for "did you mean", on the first value that is not one of them. */
  index?: CandidateIndex;
}

/**
 * What checking a value against an enum needs, once per enum: a CRD's enum may list thousands of values, which each
 * value was compared with (4,000 custom resources with a wrong value, against an enum of 4,000, took 41 s).
 */
const enumFactsOf = schemaDerived((allowed: EnumNode['e']): EnumFacts => ({ values: new Set(allowed), allStrings: allowed.every((item) => typeof item === 'string') }));

/** The enum value closest to `value`, for "did you mean". */
function closestValue(facts: EnumFacts, allowed: readonly string[], value: string): string | undefined {
  facts.index ??= new CandidateIndex(allowed);
  return facts.index.closest(value);
}

function checkScalar(shape: string, value: unknown, walk: Walk): void {
  if (value === null) return;
  const { problems } = walk;
  switch (shape) {
    case 'a':
      return;
    case 's':
      if (typeof value !== 'string') problems.push({ kind: 'type', path: [...walk.path], expected: 'a string', actual: value, expectedType: 'string' });
      return;
    case 'b':
      if (typeof value !== 'boolean') problems.push({ kind: 'type', path: [...walk.path], expected: 'true or false', actual: value, expectedType: 'boolean' });
      return;
    case 'n':
      if (typeof value !== 'number') problems.push({ kind: 'type', path: [...walk.path], expected: 'a number', actual: value, expectedType: 'number' });
      return;
    case 'i32':
    case 'i64':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        problems.push({ kind: 'type', path: [...walk.path], expected: 'a whole number', actual: value, expectedType: 'integer' });
      } else if (shape === 'i32' && (value > 2147483647 || value < -2147483648)) {
        problems.push({ kind: 'type', path: [...walk.path], expected: 'a whole number that fits in 32 bits (at most 2147483647)', actual: value, expectedType: 'integer' });
      }
      return;
    case 'q':
      if (typeof value !== 'string' && typeof value !== 'number') {
        problems.push({ kind: 'type', path: [...walk.path], expected: 'a quantity such as 500m, 128Mi or 2', actual: value, expectedType: 'quantity' });
      }
      return;
    case 'ios':
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return;
      problems.push({ kind: 'type', path: [...walk.path], expected: 'a whole number or a name (string)', actual: value, expectedType: 'int-or-string' });
      return;
    default:
      throw new Error(`unknown schema node "${shape}"`);
  }
}

const NO_FIELDS: ReadonlySet<string> = new Set();

/** A type's required fields as a set, made once per type: a CRD may require thousands, each looked up once per key. */
const requiredFieldsOf = schemaDerived((shape: ObjectNode): ReadonlySet<string> => new Set(shape.r));

function checkObject(shape: ObjectNode, value: Record<string, unknown>, walk: Walk, typeName: string, reference: string | undefined): void {
  const { problems } = walk;
  const required = shape.r;
  // In the order the schema lists them, which is the order they are reported in.
  let missing = NO_FIELDS;
  // Indexed loops, here and below: this runs for every object of every manifest, and for-of made an iterator and a
  // result object per step until V8 optimized it, 2% of what a run allocated.
  if (required !== undefined) {
    for (let index = 0; index < required.length; index += 1) {
      const field = required[index]!;
      if (value[field] !== undefined) continue;
      if (missing === NO_FIELDS) missing = new Set();
      (missing as Set<string>).add(field);
    }
  }
  // Required fields an unknown key stands for (its typo, or a wrapper it was written without): reported once, there.
  let claimed: Set<string> | undefined;
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const item = value[key];
    const field = shape.o[key];
    if (field !== undefined) {
      if (item === null && required !== undefined && requiredFieldsOf(shape).has(key)) {
        problems.push({ kind: 'required', path: [...walk.path], field: key, typeName, isNull: true, ...(reference ? { reference } : {}) });
        continue;
      }
      checkAt(field, item, walk, typeName, key);
      continue;
    }
    if (shape.x !== undefined) {
      if (item !== null) checkAt(shape.x, item, walk, typeName, key);
      continue;
    }
    claimed ??= new Set();
    problems.push(unknownField(shape, value, key, walk, typeName, missing, claimed));
  }
  if (missing.size === 0) return;
  for (const field of missing) {
    if (!claimed?.has(field)) problems.push({ kind: 'required', path: [...walk.path], field, typeName, isNull: false, ...(reference ? { reference } : {}) });
  }
}

/**
 * A type's fields indexed for "did you mean", once per type: an object of thousands of unknown keys, checked against
 * a CRD of thousands of fields, compared every key with every field (4,000 of each took 94 s).
 */
const fieldsOf = schemaDerived((shape: ObjectNode) => new CandidateIndex(Object.keys(shape.o)));

/** A "did you mean" search by edit distance, while the object has searches left (MAX_SEARCHES_PER_OBJECT). */
function search(walk: Walk, ask: () => string | undefined): string | undefined {
  if (walk.searchesLeft === 0) return undefined;
  walk.searchesLeft -= 1;
  return ask();
}

function unknownField(
  shape: ObjectNode,
  value: Record<string, unknown>,
  key: string,
  walk: Walk,
  typeName: string,
  missing: ReadonlySet<string>,
  claimed: Set<string>,
): SchemaProblem {
  const { path, root } = walk;
  const fields = fieldsOf(shape);
  // Prefer fields the object does not have yet: `imagePullPolice` next to `imagePullPolicy` is still a typo of it, but rarer.
  const isAbsent = (field: string) => value[field] === undefined;
  const suggestion = search(walk, () => fields.closest(key, isAbsent)) ?? uniqueExtension(key, fields, isAbsent);
  const problem: SchemaProblem = { kind: 'unknown-field', path: [...path, key], field: key, typeName };
  if (suggestion) {
    problem.suggestion = suggestion;
    if (missing.has(suggestion) && !claimed.has(suggestion)) {
      problem.suggestionIsMissing = true;
      claimed.add(suggestion);
    }
    return problem;
  }
  const mapField = looksLikeMapKey(key) ? onlyMapField(shape) : undefined;
  const under = findFieldBelow(shape, key) ?? mapField;
  if (under) {
    problem.belongsUnder = under;
    if (under === mapField) problem.belongsUnderIsMap = true;
    // `labelSelector` written where `podAffinityTerm: {labelSelector}` belongs: the wrapper is missing, not a second mistake.
    const wrapper = under.split('.')[0]!;
    if (missing.has(wrapper)) claimed.add(wrapper);
    return problem;
  }
  const elsewhere = findFieldElsewhere(root, key, path, typeName);
  if (elsewhere) problem.elsewhere = elsewhere;
  else if (fields.candidates.length <= MAX_KNOWN_FIELDS_LISTED && fields.candidates.length > 0) problem.knownFields = [...fields.candidates].sort();
  return problem;
}

function matchesJsonType(type: JsonType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
  }
}

const JSON_TYPE_WORDS: Record<JsonType, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

function describeJsonTypes(types: readonly JsonType[]): string {
  const words = types.filter((type) => type !== 'null').map((type) => JSON_TYPE_WORDS[type]);
  return words.length <= 1 ? (words[0] ?? 'empty') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** How a value reads in a message: `the string "3"`, `the number 1.5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}
