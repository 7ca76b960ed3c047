// Finds the files to lint: named files as they are, directories searched for YAML and JSON, globs expanded;
// .gitignore files (from the repository root down) and config `ignores` are honoured.
import { existsSync, readdir, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from '@podlint/core';

export const MANIFEST_EXTENSIONS = ['yaml', 'yml', 'json'] as const;
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
// fast-glob and ignore load only when a run needs them. With require(), not import(): the command runs as a
// script compiled from V8's code cache (bin/podlint.js), where import() is not available.
const load = createRequire(import.meta.url);

export interface FoundFile {
  path: string;
  /** Found by searching a directory or a glob, rather than named on the command line. */
  discovered: boolean;
  /** Set for a folder the search could not read (the error's code, EACCES say): none of its files were found. */
  folderError?: string;
}

export class PathError extends Error {}

/** A named pipe or device would block or stream forever: such paths are refused, never read. */
function describeSpecialFile(stat: Stats): string {
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

export async function findFiles(patterns: readonly string[], cwd: string, honourGitignore: boolean): Promise<FoundFile[]> {
  const found = new Map<string, FoundFile>();
  const gitignore = honourGitignore ? new GitignoreFilter() : undefined;
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const stat = statOrUndefined(absolute);
    if (stat?.isFile()) {
      if (!found.has(absolute)) found.set(absolute, { path: absolute, discovered: false });
      continue;
    }
    const isDirectory = stat?.isDirectory() ?? false;
    if (stat && !isDirectory) throw new PathError(`${pattern} is ${describeSpecialFile(stat)}, not a file or directory: podlint reads files and directories`);
    if (!isDirectory && !isGlob(pattern)) {
      const link = linkTarget(absolute);
      throw new PathError(link === undefined ? `no such file or directory: ${pattern}` : `${pattern} is a broken symbolic link (to ${link}): the file it points to does not exist`);
    }
    const fastGlob = load('fast-glob') as typeof import('fast-glob');
    const base = isDirectory ? absolute : cwd;
    const unreadFolders = new Map<string, string>();
    const globs = isDirectory ? [`**/*.{${MANIFEST_EXTENSIONS.join(',')}}`] : [toPosix(pattern)];
    // Symlinked folders are not entered (as git does not): a link back up the tree would loop forever.
    // Symlinked files are linted.
    const entries = await fastGlob(globs, {
      cwd: base,
      absolute: true,
      dot: true,
      onlyFiles: false,
      objectMode: true,
      followSymbolicLinks: false,
      // Errors do not end the search, but a folder it could not read is reported, never passed over in silence.
      suppressErrors: true,
      fs: { readdir: readdirNoting(unreadFolders) },
      ignore: ALWAYS_IGNORED,
    });
    const matches = entries
      .filter((entry) => entry.dirent.isFile() || (entry.dirent.isSymbolicLink() && statOrUndefined(entry.path)?.isFile()))
      .map((entry) => entry.path);
    let kept = 0;
    for (const match of matches.sort()) {
      const path = resolve(match);
      // podlint's own config is not a manifest.
      if ((CONFIG_FILE_NAMES as readonly string[]).includes(basename(path))) continue;
      if (gitignore && (await gitignore.ignores(path))) continue;
      kept += 1;
      if (!found.has(path)) found.set(path, { path, discovered: true });
    }
    for (const [folder, code] of unreadFolders) {
      const path = resolve(folder);
      // A folder that .gitignore leaves out is not searched anyway: it is ignored when a file in it would be.
      if (gitignore && (await gitignore.ignores(join(path, FILE_IN_FOLDER)))) continue;
      if (!found.has(path)) found.set(path, { path, discovered: true, folderError: code });
      kept += 1;
    }
    if (!isDirectory && kept === 0) throw new PathError(`no files match the pattern: ${pattern}`);
  }
  return [...found.values()];
}

/** A name inside a folder, to ask whether ignore patterns leave the folder out. */
export const FILE_IN_FOLDER = 'any.yaml';

type ReaddirCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

/** fs.readdir that notes each folder it fails to read, with the error's code, in `failures`. */
function readdirNoting(failures: Map<string, string>): typeof readdir {
  const noting = (path: string, ...rest: unknown[]) => {
    const callback = rest.pop() as ReaddirCallback;
    (readdir as (...args: unknown[]) => void)(path, ...rest, (error: NodeJS.ErrnoException | null, ...results: unknown[]) => {
      if (error && error.code !== 'ENOENT') failures.set(path, error.code ?? String(error));
      callback(error, ...results);
    });
  };
  return noting as unknown as typeof readdir;
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

type IgnoreMatcher = { ignores(path: string): boolean };

/** .gitignore rules of each folder from the repository root down to the file, each relative to its folder. */
class GitignoreFilter {
  private readonly matchers = new Map<string, IgnoreMatcher | null>();
  private readonly roots = new Map<string, string>();
  private createIgnore: (() => IgnoreMatcher & { add(patterns: string): unknown }) | undefined;

  async ignores(filePath: string): Promise<boolean> {
    const directory = dirname(filePath);
    const root = this.repositoryRoot(directory);
    let current = directory;
    const chain: string[] = [];
    for (;;) {
      chain.push(current);
      if (current === root) break;
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const folder of chain.reverse()) {
      const matcher = await this.matcherFor(folder);
      if (matcher && matcher.ignores(toPosix(relative(folder, filePath)))) return true;
    }
    return false;
  }

  private repositoryRoot(directory: string): string {
    const cached = this.roots.get(directory);
    if (cached) return cached;
    let current = directory;
    let root = directory;
    for (;;) {
      if (existsSync(join(current, '.git'))) {
        root = current;
        break;
      }
      const parent = dirname(current);
      if (parent === current) {
        root = directory;
        break;
      }
      current = parent;
    }
    this.roots.set(directory, root);
    return root;
  }

  private async matcherFor(folder: string): Promise<IgnoreMatcher | null> {
    if (this.matchers.has(folder)) return this.matchers.get(folder)!;
    let matcher: IgnoreMatcher | null = null;
    const file = join(folder, '.gitignore');
    if (existsSync(file)) {
      if (!this.createIgnore) {
        this.createIgnore = load('ignore') as () => IgnoreMatcher & { add(patterns: string): unknown };
      }
      const instance = this.createIgnore();
      try {
        instance.add(readFileSync(file, 'utf8'));
        matcher = instance;
      } catch {
        matcher = null;
      }
    }
    this.matchers.set(folder, matcher);
    return matcher;
  }
}
