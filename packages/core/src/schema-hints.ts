// Where a field that the type lacks probably belongs, for "did you mean" beyond edit distance: the field a key
// begins, the map a key-like name goes in, a child object that has the field, or a related type nearby in the
// object's schema (a container setting written in the pod's securityContext).
import type { CandidateIndex } from './did-you-mean.js';
import { dereference, isReference, schemaDerived, type ObjectNode, type SchemaNode } from './schema-store.js';
import type { Path } from './types.js';

/**
 * `initialDelay` for `initialDelaySeconds`: the one field that the key begins (too far apart for an edit distance),
 * among those `accept` takes.
 */
export function uniqueExtension(key: string, fields: CandidateIndex, accept: (field: string) => boolean): string | undefined {
  if (key.length < 4) return undefined;
  // Most of the field, not a stem shared by several (`ipFamily` is neither ipFamilies nor ipFamilyPolicy).
  const matches = fields.startingWith(key.toLowerCase(), (length) => key.length >= length * 0.6, accept, 2);
  return matches.length === 1 ? matches[0] : undefined;
}

/** `app.kubernetes.io/name` can never be a field name: it is a key of some map (matchLabels, say). */
export function looksLikeMapKey(key: string): boolean {
  return /[./]/.test(key);
}

/** The one map-typed field of an object, if it has exactly one. */
export function onlyMapField(shape: ObjectNode): string | undefined {
  const maps = Object.entries(shape.o).filter(([, child]) => {
    const childShape = dereference(child);
    return typeof childShape === 'object' && 'm' in childShape;
  });
  return maps.length === 1 ? maps[0]![0] : undefined;
}

/**
 * Where a misplaced field belongs: a field of that name one or two object levels down (`containers` under
 * `template.spec`), the nearest first.
 */
export function findFieldBelow(shape: ObjectNode, key: string): string | undefined {
  return fieldsBelow(shape).get(key);
}

/** The fields of the object types one to three levels below a type, each with its nearest place: once per type. */
const fieldsBelow = schemaDerived((shape: ObjectNode): Map<string, string> => {
  const places = new Map<string, string>();
  let level: { path: string; node: ObjectNode }[] = [{ path: '', node: shape }];
  for (let depth = 0; depth < 3; depth += 1) {
    const next: { path: string; node: ObjectNode }[] = [];
    for (const { path, node } of level) {
      for (const [field, child] of Object.entries(node.o)) {
        const childShape = dereference(child);
        const objectShape = typeof childShape === 'object' && 'l' in childShape ? dereference(childShape.l) : childShape;
        if (typeof objectShape !== 'object' || !('o' in objectShape)) continue;
        const childPath = path ? `${path}.${field}` : field;
        for (const below of Object.keys(objectShape.o)) if (!places.has(below)) places.set(below, childPath);
        next.push({ path: childPath, node: objectShape });
      }
    }
    level = next;
  }
  return places;
});

const MAX_SEARCHED_TYPES = 4000;

/** Field names so common that finding one elsewhere says nothing about where it belongs. */
const GENERIC_FIELDS = new Set(['name', 'type', 'kind', 'value', 'values', 'key', 'path', 'operator', 'apiVersion', 'namespace']);

interface Place {
  path: string;
  typeName: string;
}

/**
 * The object types below a root, breadth first, each visited once at its shallowest place (and at most
 * MAX_SEARCHED_TYPES of them), indexed by their field names: worked out once per root, since a manifest may hold
 * thousands of unknown fields (it took 0.2 ms for each when each searched the schema itself).
 */
const placesByField = schemaDerived((root: SchemaNode): Map<string, Place[]> => {
  const places = new Map<string, Place[]>();
  const seen = new Set<string>();
  let level: { path: string; node: SchemaNode }[] = [{ path: '', node: root }];
  while (level.length > 0 && seen.size < MAX_SEARCHED_TYPES) {
    const next: { path: string; node: SchemaNode }[] = [];
    for (const { path: at, node } of level) {
      if (isReference(node)) {
        if (seen.has(node)) continue;
        seen.add(node);
      }
      const shape = dereference(node);
      if (typeof shape !== 'object') continue;
      if ('l' in shape) {
        next.push({ path: `${at}[]`, node: shape.l });
        continue;
      }
      if (!('o' in shape)) continue;
      const place = { path: at, typeName: typeNameOf(node, 'object') };
      for (const [field, child] of Object.entries(shape.o)) {
        const list = places.get(field);
        if (list) list.push(place);
        else places.set(field, [place]);
        next.push({ path: at ? `${at}.${field}` : field, node: child });
      }
    }
    level = next;
  }
  return places;
});

/**
 * The place in the whole schema, nearest to `path`, whose object type has field `key`: for a container setting
 * written in the pod's securityContext, the containers' securityContext.
 */
export function findFieldElsewhere(root: SchemaNode, key: string, path: Path, typeName: string): Place | undefined {
  if (GENERIC_FIELDS.has(key)) return undefined;
  const here = schemaPathOf(path);
  const candidates = (placesByField(root).get(key) ?? []).filter((place) => place.path !== here);
  // Only near places: an ancestor (`replicas` written in the pod spec), or a related type at most three fields
  // below the parent of the object (`privileged` in the pod's securityContext instead of a container's).
  const parent = here.replace(/(\.[^.[\]]+|\[\])$/, '');
  const near = candidates.filter(
    (candidate) => {
      if (here.startsWith(candidate.path)) return true;
      if (!candidate.path.startsWith(parent)) return false;
      // Below a sibling, only a related type (SecurityContext for PodSecurityContext), not any type that happens to
      // have a field of that name (another volume source).
      const below = segmentCount(candidate.path.slice(parent.length));
      const related = candidate.typeName.includes(typeName) || typeName.includes(candidate.typeName);
      return related && below >= 1 && below <= 3;
    },
  );
  return near.sort((a, b) => a.path.length - b.path.length)[0];
}

function segmentCount(path: string): number {
  return path.split('.').filter(Boolean).length;
}

function schemaPathOf(path: Path): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[]` : text ? `${text}.${segment}` : segment), '');
}

/** Type names for messages, derived from references ('apps/v1#DeploymentSpec' -> 'DeploymentSpec'). */
export function typeNameOf(node: SchemaNode, fallback: string): string {
  return typeof node === 'string' && node.includes('#') ? node.slice(node.indexOf('#') + 1) : fallback;
}
