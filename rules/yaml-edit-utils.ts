// Fixes and suggestions that edit YAML (and JSON) in the file's own style: replace a scalar keeping its
// quotes, rename a key the same way, add a key to a mapping at the right indentation or inline in flow style.
import { nodeAtPath, walkPath, type FixFunction, type Path, type Resource } from '@podlint/core';

interface MappingLike {
  flow?: boolean;
  items: { key: unknown }[];
}

/**
 * Adds `key: value` as the first entry of a mapping: a new line at the same indentation in block YAML,
 * `key: value, ` in flow YAML, `"key": "value", ` when the keys are quoted (JSON).
 */
export function insertFirstKey(resource: Resource, mappingPath: Path, key: string, value: string): FixFunction {
  return (fixer) => {
    const node = nodeAtPath(resource.document, mappingPath) as unknown;
    if (!isMappingLike(node) || node.items.length === 0) return null;
    const firstKey = node.items[0]!.key as { range?: [number, number, number] } | null;
    if (!firstKey?.range) return null;
    const text = resource.document.file.text;
    const start = firstKey.range[0];
    const quote = text[start] === '"' ? '"' : '';
    const entry = `${quote}${key}${quote}: ${quote}${value}${quote}`;
    if (node.flow) return fixer.insertTextBefore([start, start], `${entry}, `);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    return fixer.insertTextBefore([start, start], `${entry}\n${' '.repeat(start - lineStart)}`);
  };
}

function isMappingLike(node: unknown): node is MappingLike {
  // Mapping items are pairs (with a key); sequence items are plain nodes.
  if (typeof node !== 'object' || node === null || !Array.isArray((node as MappingLike).items)) return false;
  return (node as MappingLike).items.every((item) => typeof item === 'object' && item !== null && 'key' in item);
}

/** Replaces the scalar at `path` with `text`, keeping its quotes so that JSON stays JSON. */
export function replaceScalar(resource: Resource, path: Path, text: string): FixFunction {
  return (fixer) => {
    const range = nodeAtPath(resource.document, path)?.range;
    if (!range) return null;
    const first = resource.document.file.text[range[0]];
    const quote = first === '"' || first === "'" ? first : '';
    return fixer.replaceRange([range[0], range[1]], `${quote}${text}${quote}`);
  };
}

/** Renames the key of the mapping entry at `path` to `text`, keeping its quotes; nothing when the path has no such key. */
export function replaceKey(resource: Resource, path: Path, text: string): FixFunction {
  return (fixer) => {
    const steps = walkPath(resource.document, path);
    if (steps.length !== path.length + 1) return null;
    const key = steps[steps.length - 1]!.pair?.key as { range?: [number, number, number] } | null | undefined;
    if (!key?.range) return null;
    const first = resource.document.file.text[key.range[0]];
    const quote = first === '"' || first === "'" ? first : '';
    return fixer.replaceRange([key.range[0], key.range[1]], `${quote}${text}${quote}`);
  };
}
