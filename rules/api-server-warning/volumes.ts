// api-server-warning's checks of volumes (reference section 3, W7, W18, W19): volume types the server calls
// deprecated or non-functional, files of one volume whose paths overlap, and empty projected sources. Paths the
// server rejects (empty, absolute, with "..") and volumes of several types are volume-invalid's.
import { isAtLeast, isPlainObject, shortenForMessage, type Path } from '@podlint/core';
import { itemAnchor, listItems } from '../api-validation-utils.js';
import { nonReservedPathProblems } from '../volume-path-utils.js';
import { PROJECTION_SOURCES, VOLUME_SOURCES, presentKeys } from '../volume-invalid/sources.js';
import type { WarningContext } from './messages.js';

interface DeprecatedPlugin {
  deprecated: string;
  /** The release from which the plugin no longer works. */
  removed?: string;
  advice: string;
}

const CSI = 'move the data to a CSI driver';

/** W7: the server's warnings about in-tree volume plugins. */
const DEPRECATED_PLUGINS: Readonly<Record<string, DeprecatedPlugin>> = {
  photonPersistentDisk: { deprecated: '1.11', removed: '1.16', advice: 'move the data to another volume type' },
  gitRepo: { deprecated: '1.11', advice: 'clone the repository into an emptyDir volume from an init container' },
  scaleIO: { deprecated: '1.16', removed: '1.22', advice: CSI },
  flocker: { deprecated: '1.22', removed: '1.25', advice: CSI },
  storageos: { deprecated: '1.22', removed: '1.25', advice: CSI },
  quobyte: { deprecated: '1.22', removed: '1.25', advice: CSI },
  glusterfs: { deprecated: '1.25', removed: '1.26', advice: CSI },
  cephfs: { deprecated: '1.28', removed: '1.31', advice: 'use the Ceph CSI driver' },
  rbd: { deprecated: '1.28', removed: '1.31', advice: 'use the Ceph CSI driver' },
};

/**
 * The reference (section 5.2) finds the warnings about overlapping paths and empty projected sources in the
 * server's source after 1.33; older servers warned only about a path equal to a projected token's.
 */
const PATH_WARNINGS_SINCE = '1.34';

interface VolumeFile {
  /** Without trailing slashes, as the server compares them. */
  path: string;
  at: Path;
  /** How a message names where the file comes from: a projected source, or '' for the volume's own items. */
  source: string;
  /** An item of a projected configMap, secret or downwardAPI: two of these on one path are volume-invalid's error. */
  projectedItem?: boolean;
}

export function checkVolumes(context: WarningContext, spec: Record<string, unknown>, specPath: Path): void {
  const pathWarnings = isAtLeast(context.settings.kubernetesVersion, PATH_WARNINGS_SINCE);
  for (const { item: volume, path } of listItems(spec, 'volumes', specPath)) {
    const name = typeof volume.name === 'string' ? shortenForMessage(volume.name) : '';
    const sources = presentKeys(volume, VOLUME_SOURCES);
    // Further types are volume-invalid's, at their keys; the first one is what the volume is.
    const type = sources[0];
    if (type !== undefined && Object.hasOwn(DEPRECATED_PLUGINS, type)) {
      const { deprecated, removed, advice } = DEPRECATED_PLUGINS[type]!;
      const data = { type, name, deprecated, advice };
      if (removed === undefined) context.report({ path: [...path, type], at: 'key', messageId: 'volumePluginDeprecated', data });
      else context.report({ path: [...path, type], at: 'key', messageId: 'volumePluginRemoved', data: { ...data, removed } });
    }
    if (!pathWarnings || sources.length !== 1) continue;
    const source = volume[type!];
    if (!isPlainObject(source)) continue;
    const sourcePath = [...path, type!];
    if (type === 'configMap' || type === 'secret' || type === 'downwardAPI') checkOverlaps(context, name, itemFiles(source, sourcePath, ''));
    else if (type === 'projected') checkProjected(context, name, source, sourcePath);
  }
}

function checkProjected(context: WarningContext, volume: string, projected: Record<string, unknown>, path: Path): void {
  const files: VolumeFile[] = [];
  const sources = Array.isArray(projected.sources) ? projected.sources : [];
  sources.forEach((source: unknown, index) => {
    const sourcePath = [...path, 'sources', index];
    // A null entry is schema-type's, an entry of unknown fields only schema-unknown-field's.
    if (!isPlainObject(source)) return;
    if (Object.keys(source).every((key) => (PROJECTION_SOURCES as readonly string[]).includes(key) && source[key] === null)) {
      context.report({ ...itemAnchor(source, sourcePath), messageId: 'projectedSourceEmpty', data: { name: volume } });
      return;
    }
    const kinds = presentKeys(source, PROJECTION_SOURCES);
    // A source of several kinds is volume-invalid's.
    if (kinds.length !== 1) return;
    const kind = kinds[0]!;
    const value = source[kind];
    if (!isPlainObject(value)) return;
    const kindPath = [...sourcePath, kind];
    const named = typeof value.name === 'string' ? ` "${shortenForMessage(value.name)}"` : '';
    const projectedItems = (description: string) => itemFiles(value, kindPath, description).map((file) => ({ ...file, projectedItem: true }));
    if (kind === 'configMap') files.push(...projectedItems(`the projected ConfigMap${named}`));
    else if (kind === 'secret') files.push(...projectedItems(`the projected Secret${named}`));
    else if (kind === 'downwardAPI') files.push(...projectedItems('the projected downwardAPI'));
    else if (kind === 'serviceAccountToken' || kind === 'clusterTrustBundle') {
      const file = volumeFile(value.path, [...kindPath, 'path'], `the projected ${kind}`);
      if (file) files.push(file);
    }
  });
  checkOverlaps(context, volume, files);
}

function itemFiles(source: Record<string, unknown>, sourcePath: Path, description: string): VolumeFile[] {
  return listItems(source, 'items', sourcePath).flatMap(({ item, path }) => volumeFile(item.path, [...path, 'path'], description) ?? []);
}

function volumeFile(path: unknown, at: Path, source: string): VolumeFile | undefined {
  if (typeof path !== 'string' || path === '' || nonReservedPathProblems(path).length > 0) return undefined;
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? undefined : { path: trimmed, at, source };
}

/**
 * Each file against those before it: the same path, a path inside an earlier file, or the folder of an earlier
 * file; reported once, at the later file, naming the first it overlaps. Paths and their folders are looked up
 * by name, so that a volume of thousands of files is not compared pair by pair.
 */
function checkOverlaps(context: WarningContext, volume: string, files: readonly VolumeFile[]): void {
  const byPath = new Map<string, number>();
  const byFolder = new Map<string, number>();
  files.forEach((file, index) => {
    const folders = foldersOf(file.path);
    const candidates: { index: number; overlap: 'same' | 'inside' | 'folder' }[] = [];
    const same = byPath.get(file.path);
    if (same !== undefined) candidates.push({ index: same, overlap: 'same' });
    for (const folder of folders) {
      const inside = byPath.get(folder);
      if (inside !== undefined) candidates.push({ index: inside, overlap: 'inside' });
    }
    const folderOf = byFolder.get(file.path);
    if (folderOf !== undefined) candidates.push({ index: folderOf, overlap: 'folder' });
    if (!byPath.has(file.path)) byPath.set(file.path, index);
    for (const folder of folders) if (!byFolder.has(folder)) byFolder.set(folder, index);
    // The same path twice among projected items is rejected (volume-invalid's "conflicting duplicate paths").
    const warned = candidates.filter((candidate) => !(candidate.overlap === 'same' && file.projectedItem && files[candidate.index]!.projectedItem));
    if (warned.length === 0) return;
    const first = warned.reduce((best, candidate) => (candidate.index < best.index ? candidate : best));
    const earlier = files[first.index]!;
    const owner = earlier.source === file.source ? (file.source === '' ? 'another item' : `another item of ${file.source}`) : earlier.source;
    const other = `"${shortenForMessage(earlier.path)}", a file of ${owner}`;
    const overlap = { same: `is already used by ${owner}`, inside: `lies inside ${other}`, folder: `would be the folder of ${other}` }[first.overlap];
    context.report({ path: file.at, messageId: 'pathOverlap', data: { path: shortenForMessage(file.path), overlap, name: volume } });
  });
}

/** The folders a path sits in: `a` and `a/b` for `a/b/c`. */
function foldersOf(path: string): string[] {
  const folders: string[] = [];
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) folders.push(path.slice(0, slash));
  return folders;
}
