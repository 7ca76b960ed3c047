// Finds the files to lint: named files as they are, directories searched for YAML and JSON, globs expanded;
// .gitignore files (from the repository root down) and config `ignores` are honoured.
import { Dirent, readdir, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { readdir as readdirPromise } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from '@podlint/core';
import { GitignoreFilter } from './gitignore.js';

export const MANIFEST_EXTENSIONS = ['yaml', 'yml', 'json'] as const;
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
// fast-glob (and ignore, in gitignore.ts) load only when a run needs them. With require(), not import(): the command
// runs as a script compiled from V8's code cache (bin/podlint.js), where import() is not available. The command's
// bundle is CommonJS, so `require` is defined there, and esbuild takes in a module named in a literal require()
// call, to run when the call is first reached. Loaded from node_modules instead, its 60 or so files were read and
// compiled one by one (30-36 ms) in every run over a folder: `podlint examples/` went from 121 to 100 ms. tsc's ES
// module output (tests, the language server) has no `require`, and loads them with createRequire.
declare const require: NodeJS.Require | undefined;
const load = createRequire(import.meta.url);
const loadFastGlob = () => (typeof require === 'function' ? require('fast-glob') : load('fast-glob')) as typeof import('fast-glob');

export interface FoundFile {
  path: string;
  /** Found by searching a directory or a glob, rather than named on the command line. */
  discovered: boolean;
  /** Set when the search found something it could not lint there: the run reports it rather than pass it over. */
  notLinted?: NotLinted;
  /** A file named on the command line that .gitignore or the config leaves out: the run says it skipped it. */
  ignoredBy?: IgnoredBy;
}

/** What leaves a path out: a .gitignore, or the `ignores` of the config that applies to it. */
export type IgnoredBy = '.gitignore' | 'config';

export interface FindOptions {
  /** See findFiles. */
  blocking?: boolean;
  /** Whether the `ignores` of the config that applies to a path leave it out (findFiles reads .gitignore itself). */
  ignoredByConfig?: (path: string) => boolean;
}

export type NotLinted =
  /** A folder the search could not read (the error's code, EACCES say): none of its files were found. */
  | { kind: 'unreadable-folder'; code: string }
  /** A symbolic link to a folder: not followed (git does not either; a link up the tree would loop forever). */
  | { kind: 'linked-folder'; target: string }
  /** A symbolic link with a manifest's name to nothing. */
  | { kind: 'broken-link'; target: string }
  /** A named pipe, socket or device with a manifest's name: reading it could block forever. */
  | { kind: 'special-file'; what: string };

export class PathError extends Error {}

/** A named pipe or device would block or stream forever: such paths are refused, never read. */
function describeSpecialFile(stat: Pick<Stats, 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a special file';
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `blocking`: walk folders with synchronous reads, for the command, which has nothing else to do meanwhile: on the
 * 1,432 files of ../shared/corpus the walk took 15 ms instead of 30 (each folder read was a trip through the event
 * loop). The language server keeps the asynchronous walk, which leaves it free to answer the editor. A directory is
 * walked by walkFolder, a glob by fast-glob.
 *
 * With `honourIgnores`, what .gitignore or `ignoredByConfig` leaves out is passed over in folders and globs, and a
 * named file is returned with `ignoredBy`; a folder or glob all of whose files are left out is a PathError, as in
 * ESLint ("All files matched by '…' are ignored"): the run would lint nothing that it names.
 */
export async function findFiles(patterns: readonly string[], cwd: string, honourIgnores: boolean, { blocking = false, ignoredByConfig }: FindOptions = {}): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  const ignores = honourIgnores ? new IgnoreRules(ignoredByConfig) : undefined;
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const stat = statOrUndefined(absolute);
    if (stat?.isFile()) {
      if (found.has(absolute)) continue;
      const named: FoundFile = { path: absolute, discovered: false };
      const ignoredBy = await ignores?.ignoredBy(named);
      found.set(absolute, ignoredBy ? { ...named, ignoredBy } : named);
      continue;
    }
    const isDirectory = stat?.isDirectory() ?? false;
    if (stat && !isDirectory) throw new PathError(`${pattern} is ${describeSpecialFile(stat)}, not a file or directory: podlint reads files and directories`);
    if (!isDirectory && !isGlob(pattern)) {
      const link = linkTarget(absolute);
      throw new PathError(link === undefined ? `no such file or directory: ${pattern}` : `${pattern} is a broken symbolic link (to ${link}): the file it points to does not exist`);
    }
    const walk: WalkNotes = { unreadFolders: new Map(), links: [] };
    // Symlinked folders are not entered (as git does not): a link back up the tree would loop forever. They are
    // named in the results, as are folders that cannot be read. Symlinked files are linted.
    let entries: readonly FolderEntry[];
    if (isDirectory) {
      entries = blocking ? walkFolderSync(absolute, walk) : await walkFolderAsync(absolute, walk);
    } else {
      const fastGlob = loadFastGlob();
      const searchOptions = {
        cwd,
        absolute: true,
        dot: true,
        onlyFiles: false,
        objectMode: true,
        followSymbolicLinks: false,
        // Errors do not end the search, but a folder it could not read is reported, never passed over in silence.
        suppressErrors: true,
        ignore: ALWAYS_IGNORED,
      } as const;
      const globs = [toPosix(pattern)];
      entries = blocking
        ? fastGlob.sync(globs, { ...searchOptions, fs: { readdirSync: readdirSyncNoting(walk) } })
        : await fastGlob(globs, { ...searchOptions, fs: { readdir: readdirNoting(walk) } });
    }
    const matches: FoundFile[] = [];
    // The walk's paths are absolute and normal already (a resolved folder and names joined by the separator): only
    // fast-glob's need resolve(), which took 6 ms for the 1,432 files of ../shared/corpus.
    const pathOf = isDirectory ? (path: string) => path : (path: string) => resolve(path);
    for (const entry of entries) {
      if (entry.dirent.isFile()) matches.push({ path: pathOf(entry.path), discovered: true });
      else if (entry.dirent.isSymbolicLink()) {
        const target = statOrUndefined(entry.path);
        if (target?.isFile()) matches.push({ path: pathOf(entry.path), discovered: true });
        else if (!target) matches.push({ path: pathOf(entry.path), discovered: true, notLinted: { kind: 'broken-link', target: linkTarget(entry.path) ?? '?' } });
      } else if (!entry.dirent.isDirectory()) {
        matches.push({ path: pathOf(entry.path), discovered: true, notLinted: { kind: 'special-file', what: describeSpecialFile(entry.dirent) } });
      }
    }
    for (const [folder, code] of walk.unreadFolders) matches.push({ path: resolve(folder), discovered: true, notLinted: { kind: 'unreadable-folder', code } });
    // Links to folders matter only where a whole folder is linted: a glob asks for certain files.
    for (const link of isDirectory ? walk.links : []) {
      if (ALWAYS_IGNORED_NAMES.has(basename(link)) || !statOrUndefined(link)?.isDirectory()) continue;
      matches.push({ path: resolve(link), discovered: true, notLinted: { kind: 'linked-folder', target: linkTarget(link) ?? '?' } });
    }
    let kept = 0;
    const ignoredBy = new Set<IgnoredBy>();
    for (const match of matches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const { path } = match;
      // podlint's own config is not a manifest.
      if ((CONFIG_FILE_NAMES as readonly string[]).includes(basename(path))) continue;
      const ignored = await ignores?.ignoredBy(match);
      if (ignored) {
        ignoredBy.add(ignored);
        continue;
      }
      kept += 1;
      if (!found.has(path)) found.set(path, match);
    }
    if (kept === 0 && ignoredBy.size > 0) {
      const by = [...ignoredBy].map((source) => IGNORED_BY[source]).join(' and ');
      throw new PathError(`all files matched by "${pattern}" are ignored (${by}); use --no-ignore to lint them`);
    }
    if (!isDirectory && kept === 0) throw new PathError(`no files match the pattern: ${pattern}`);
  }
  return [...found.values()];
}

/** How a message names what left a path out. */
export const IGNORED_BY: Readonly<Record<IgnoredBy, string>> = { '.gitignore': '.gitignore', config: "the config's ignores" };

/** .gitignore files and the config's `ignores`, asked about the paths of one run. */
export class IgnoreRules {
  private readonly gitignore = new GitignoreFilter();

  constructor(private readonly ignoredByConfig?: (path: string) => boolean) {}

  /** What leaves `found` out, if anything (.gitignore is named when both do). */
  async ignoredBy(found: FoundFile): Promise<IgnoredBy | undefined> {
    const path = ignorablePath(found);
    if (await this.gitignore.ignores(path)) return '.gitignore';
    return this.ignoredByConfig?.(path) ? 'config' : undefined;
  }
}

/**
 * The path that ignore patterns (.gitignore, config `ignores`) are asked about: a folder the search found is left
 * out when a file in it would be.
 */
export function ignorablePath(found: FoundFile): string {
  const kind = found.notLinted?.kind;
  return kind === 'unreadable-folder' || kind === 'linked-folder' ? join(found.path, 'any.yaml') : found.path;
}

const ALWAYS_IGNORED_NAMES = new Set(['node_modules', '.git']);

/** What a folder walk or glob found: a path and what is there (a file, a link, a special file; folders are passed over). */
interface FolderEntry {
  path: string;
  dirent: Pick<Dirent, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;
}

/**
 * The entries under `root` whose names end in a manifest extension (files, links, special files), as fast-glob's
 * `**\/*.{yaml,yml,json}` with `dot` finds them (case-sensitive), entering every folder but links and the
 * ALWAYS_IGNORED_NAMES. Through fast-glob, the walk of the scaled corpus (2,044 files in 377 folders) took 30-35 ms;
 * read directly, 5 ms. A generator, so that one walk serves both kinds of reads (walkFolderSync, walkFolderAsync,
 * which note in WalkNotes what each folder held): it yields each folder to read and is given its entries
 * (undefined when it could not be read).
 */
function* walkFolder(root: string): Generator<string, FolderEntry[], Dirent[] | undefined> {
  const found: FolderEntry[] = [];
  // A stack rather than recursion: folders may nest deeper than the call stack goes.
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    const entries = yield folder;
    if (entries === undefined) continue;
    for (const dirent of entries) {
      const { name } = dirent;
      if (dirent.isDirectory()) {
        if (!ALWAYS_IGNORED_NAMES.has(name)) folders.push(childPath(folder, name));
      } else if (MANIFEST_NAME.test(name)) {
        found.push({ path: childPath(folder, name), dirent });
      }
    }
  }
  return found;
}

/** A folder's entry: `folder` is absolute and normalized, `name` one segment, so join()'s normalizing is not needed. */
function childPath(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

const MANIFEST_NAME = new RegExp(`\\.(?:${MANIFEST_EXTENSIONS.join('|')})$`);
const WITH_FILE_TYPES = { withFileTypes: true } as const;

function walkFolderSync(root: string, notes: WalkNotes): FolderEntry[] {
  const walk = walkFolder(root);
  let step = walk.next();
  while (!step.done) {
    const folder = step.value;
    let entries: Dirent[] | undefined;
    try {
      entries = readdirSync(folder, WITH_FILE_TYPES);
    } catch (error) {
      noteFolder(notes, folder, error as NodeJS.ErrnoException, undefined);
    }
    if (entries) noteFolder(notes, folder, null, entries);
    step = walk.next(entries);
  }
  return step.value;
}

async function walkFolderAsync(root: string, notes: WalkNotes): Promise<FolderEntry[]> {
  const walk = walkFolder(root);
  let step = walk.next();
  while (!step.done) {
    const folder = step.value;
    const entries = await readdirPromise(folder, WITH_FILE_TYPES).catch((error: NodeJS.ErrnoException) => noteFolder(notes, folder, error, undefined));
    if (entries) noteFolder(notes, folder, null, entries);
    step = walk.next(entries ?? undefined);
  }
  return step.value;
}

/** What the search met on its way that is not in its results. */
interface WalkNotes {
  /** Folders it could not read, with the error's code. */
  unreadFolders: Map<string, string>;
  /** Symbolic links in the folders it read (to files or folders; it does not follow them). */
  links: string[];
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

/** fs.readdir that notes in `notes` each folder it fails to read and each symbolic link it lists. */
function readdirNoting(notes: WalkNotes): typeof readdir {
  const noting = (path: string, ...rest: unknown[]) => {
    const callback = rest.pop() as ReaddirCallback;
    (readdir as (...args: unknown[]) => void)(path, ...rest, (error: NodeJS.ErrnoException | null, entries?: unknown) => {
      noteFolder(notes, path, error, entries);
      callback(error, entries);
    });
  };
  return noting as unknown as typeof readdir;
}

function readdirSyncNoting(notes: WalkNotes): typeof readdirSync {
  const noting = (path: string, ...rest: unknown[]) => {
    let entries: unknown;
    try {
      entries = (readdirSync as (...args: unknown[]) => unknown)(path, ...rest);
    } catch (error) {
      noteFolder(notes, path, error as NodeJS.ErrnoException, undefined);
      throw error;
    }
    noteFolder(notes, path, null, entries);
    return entries;
  };
  return noting as unknown as typeof readdirSync;
}

/** Notes what reading one folder met: an error (but a folder gone meanwhile), and the symbolic links in it. */
function noteFolder(notes: WalkNotes, path: string, error: NodeJS.ErrnoException | null, entries: unknown): void {
  if (error && error.code !== 'ENOENT') notes.unreadFolders.set(path, error.code ?? String(error));
  if (!Array.isArray(entries)) return;
  for (const entry of entries as unknown[]) {
    if (entry instanceof Dirent && entry.isSymbolicLink()) notes.links.push(join(path, entry.name));
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function isGlob(pattern: string): boolean {
  return /[*?[\]{}!]/.test(pattern);
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
