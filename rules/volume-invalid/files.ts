// volume-invalid's checks of the files a configMap, secret, downwardAPI or projected volume writes: item keys
// and paths, file modes (0 to 0777, a classic decimal-for-octal slip), and what a downwardAPI file may hold.
import { isPlainObject, type Path, type Resource, type RuleContext } from '@podlint/core';
import { itemAnchor, listItems, replaceScalar } from '../api-validation-utils.js';
import { nonReservedPathProblems, type PathProblem } from '../volume-path-utils.js';
import { volumeFieldPathAllowed } from './sources.js';

export type FileMessageId =
  | 'modeRange'
  | 'useMode'
  | 'itemFieldEmpty'
  | 'pathAbsolute'
  | 'pathBackstep'
  | 'pathReserved'
  | 'downwardBoth'
  | 'downwardNeither'
  | 'downwardFieldPath'
  | 'downwardContainerName';

const PATH_MESSAGES: Readonly<Record<PathProblem, FileMessageId>> = { absolute: 'pathAbsolute', backstep: 'pathBackstep', reserved: 'pathReserved' };
const MAX_MODE = 0o777;

export interface FileChecks {
  context: RuleContext<FileMessageId>;
  resource: Resource;
}

export function checkMode(checks: FileChecks, owner: Record<string, unknown>, field: string, path: Path): void {
  const mode = owner[field];
  if (typeof mode !== 'number' || (Number.isInteger(mode) && mode >= 0 && mode <= MAX_MODE)) return;
  const source = String(mode);
  // 644 meant as octal: every digit is octal and the octal value is a mode.
  const octal = /^[0-7]{3,4}$/.test(source) && parseInt(source, 8) <= MAX_MODE ? parseInt(source, 8) : undefined;
  const json = checks.resource.document.file.path.endsWith('.json');
  const replacement = octal === undefined ? undefined : json ? String(octal) : `0${source}`;
  checks.context.report({
    path: [...path, field],
    messageId: 'modeRange',
    data: { field, value: source, hint: octal === undefined ? '' : ` Did you mean octal 0${source} (${octal} in decimal)?` },
    suggest: replacement === undefined ? [] : [{ messageId: 'useMode', data: { value: replacement }, fix: replaceScalar(checks.resource, [...path, field], replacement) }],
  });
}

export function checkFilePath(checks: FileChecks, item: Record<string, unknown>, path: Path): void {
  if (item.path === '') {
    checks.context.report({ path: [...path, 'path'], messageId: 'itemFieldEmpty', data: { field: 'path' } });
    return;
  }
  if (typeof item.path !== 'string') return;
  for (const problem of nonReservedPathProblems(item.path)) {
    checks.context.report({ path: [...path, 'path'], messageId: PATH_MESSAGES[problem], data: { path: item.path } });
  }
}

/** The items of a configMap or secret (volume or projection): key, path, mode. */
export function checkKeyToPathItems(checks: FileChecks, source: Record<string, unknown>, path: Path): void {
  checkMode(checks, source, 'defaultMode', path);
  for (const { item, path: itemPath } of listItems(source, 'items', path)) {
    if (item.key === '') checks.context.report({ path: [...itemPath, 'key'], messageId: 'itemFieldEmpty', data: { field: 'key' } });
    checkFilePath(checks, item, itemPath);
    checkMode(checks, item, 'mode', itemPath);
  }
}

export function checkDownwardApiItems(checks: FileChecks, source: Record<string, unknown>, path: Path): void {
  checkMode(checks, source, 'defaultMode', path);
  for (const { item, path: itemPath } of listItems(source, 'items', path)) {
    checkFilePath(checks, item, itemPath);
    checkMode(checks, item, 'mode', itemPath);
    const fieldRef = isPlainObject(item.fieldRef) ? item.fieldRef : undefined;
    const resourceFieldRef = isPlainObject(item.resourceFieldRef) ? item.resourceFieldRef : undefined;
    if (fieldRef && resourceFieldRef) checks.context.report({ path: [...itemPath, 'resourceFieldRef'], at: 'key', messageId: 'downwardBoth' });
    else if (!fieldRef && !resourceFieldRef) checks.context.report({ ...itemAnchor(item, itemPath), messageId: 'downwardNeither' });
    if (fieldRef && typeof fieldRef.fieldPath === 'string' && fieldRef.fieldPath !== '' && !volumeFieldPathAllowed(fieldRef.fieldPath)) {
      checks.context.report({ path: [...itemPath, 'fieldRef', 'fieldPath'], messageId: 'downwardFieldPath', data: { fieldPath: fieldRef.fieldPath } });
    }
    if (resourceFieldRef && (resourceFieldRef.containerName === undefined || resourceFieldRef.containerName === '')) {
      checks.context.report({ path: [...itemPath, 'resourceFieldRef'], at: 'key', messageId: 'downwardContainerName' });
    }
  }
}
