// volume-invalid's checks across the sources of one projected volume (validateProjectionSources): the token
// file needs a path, and no two configMap, secret or downwardAPI files may land on the same path.
import { isPlainObject, type Path, type RuleContext } from '@podlint/core';
import { listItems } from '../api-validation-utils.js';

export type ProjectedMessageId = 'tokenPathEmpty' | 'projectedDuplicatePath';

/** The projected sources whose items the server collects into one set of paths (the token and bundle are not). */
const ITEM_SOURCES = ['secret', 'configMap', 'downwardAPI'] as const;

export function checkProjectedPaths(context: RuleContext<ProjectedMessageId>, projected: Record<string, unknown>, path: Path, name: string): void {
  const seen = new Map<string, string>();
  for (const { item: source, path: sourcePath } of listItems(projected, 'sources', path)) {
    const token = source.serviceAccountToken;
    if (isPlainObject(token) && token.path === '') context.report({ path: [...sourcePath, 'serviceAccountToken', 'path'], messageId: 'tokenPathEmpty', data: { name } });
    for (const kind of ITEM_SOURCES) {
      const files = source[kind];
      if (!isPlainObject(files)) continue;
      for (const { item, path: itemPath } of listItems(files, 'items', [...sourcePath, kind])) {
        if (typeof item.path !== 'string' || item.path === '') continue;
        const first = seen.get(item.path);
        if (first === undefined) seen.set(item.path, kind);
        else context.report({ path: [...itemPath, 'path'], messageId: 'projectedDuplicatePath', data: { name, path: item.path, first } });
      }
    }
  }
}
