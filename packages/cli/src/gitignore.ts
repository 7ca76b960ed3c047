// Which paths git leaves out: the .gitignore files of a repository, read as git reads them (gitignore(5)), with the
// ignore package matching each file's patterns.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

// Loaded when first needed, with require() in the command's bundle, as files.ts loads fast-glob (see there).
declare const require: NodeJS.Require | undefined;
const loadIgnore = () => (typeof require === 'function' ? require('ignore') : createRequire(import.meta.url)('ignore')) as CreateIgnore;

type IgnoreMatcher = { test(path: string): { ignored: boolean; unignored: boolean } };
type CreateIgnore = () => IgnoreMatcher & { add(patterns: string): unknown };

/** What the patterns of one .gitignore say of a path: the last one to match it decides, or none does. */
type GitignoreVerdict = 'ignored' | 'included' | undefined;

/**
 * Leaves out what git leaves out (gitignore(5)): the .gitignore of each folder from the repository root down applies
 * to the paths below it. Of one file's patterns the last that matches a path decides, and a deeper file decides
 * before a shallower one (`!keep.yaml` in rendered/.gitignore keeps what `rendered/*.yaml` at the root leaves out).
 * A folder is decided the same way, and what is in a folder left out stays out whatever a pattern says of it: git
 * does not enter the folder, nor read its .gitignore files.
 */
export class GitignoreFilter {
  private readonly gitignores = new Map<string, GitignoreFile | null>();
  private readonly roots = new Map<string, string | undefined>();
  private readonly excludedFolders = new Map<string, boolean>();
  private createIgnore: CreateIgnore | undefined;

  async ignores(filePath: string): Promise<boolean> {
    const directory = dirname(filePath);
    const root = this.repositoryRoot(directory);
    return this.folderExcluded(directory, root) || this.verdict(filePath, '', root) === 'ignored';
  }

  /** Whether git leaves out `folder` of the repository at `root`, itself or with a folder it is in. */
  private folderExcluded(folder: string, root: string): boolean {
    // From the nearest folder already decided (or the root) down, without recursion: folders may nest deeply.
    const undecided: string[] = [];
    let current = folder;
    while (current !== root && !this.excludedFolders.has(current)) {
      const parent = dirname(current);
      if (parent === current) break;
      undecided.push(current);
      current = parent;
    }
    let excluded = this.excludedFolders.get(current) ?? false;
    for (const each of undecided.reverse()) {
      excluded ||= this.verdict(each, '/', root) === 'ignored';
      this.excludedFolders.set(each, excluded);
    }
    return excluded;
  }

  /** What the .gitignore files of the folders above `path`, deepest first, say of it (`suffix` '/' for a folder). */
  private verdict(path: string, suffix: string, root: string): GitignoreVerdict {
    for (let folder = dirname(path); ; folder = dirname(folder)) {
      const verdict = this.gitignoreOf(folder)?.verdict(posixRelative(folder, path) + suffix);
      if (verdict !== undefined) return verdict;
      if (folder === root || dirname(folder) === folder) return undefined;
    }
  }

  /** The folder of the repository (with `.git`) that holds `directory`; the directory itself outside one. */
  private repositoryRoot(directory: string): string {
    return this.enclosingRepository(directory) ?? directory;
  }

  /** The nearest folder from `directory` up that holds `.git`, remembered for every folder on the way. */
  private enclosingRepository(directory: string): string | undefined {
    if (this.roots.has(directory)) return this.roots.get(directory);
    let root: string | undefined;
    if (existsSync(join(directory, '.git'))) root = directory;
    else {
      const parent = dirname(directory);
      root = parent === directory ? undefined : this.enclosingRepository(parent);
    }
    this.roots.set(directory, root);
    return root;
  }

  private gitignoreOf(folder: string): GitignoreFile | null {
    let gitignore = this.gitignores.get(folder);
    if (gitignore !== undefined) return gitignore;
    gitignore = null;
    const file = join(folder, '.gitignore');
    if (existsSync(file)) {
      try {
        gitignore = new GitignoreFile(readFileSync(file, 'utf8'), (this.createIgnore ??= loadIgnore()));
      } catch {
        gitignore = null;
      }
    }
    this.gitignores.set(folder, gitignore);
    return gitignore;
  }
}

/** The patterns of one .gitignore, asked about paths relative to its folder. */
class GitignoreFile {
  private readonly matcher: IgnoreMatcher;
  /** The patterns with the folders on the way to a path re-included, by that path's folder. */
  private readonly withFoldersIncluded = new Map<string, IgnoreMatcher>();

  constructor(
    private readonly text: string,
    private readonly createIgnore: CreateIgnore,
  ) {
    const matcher = createIgnore();
    matcher.add(text);
    this.matcher = matcher;
  }

  /** What the patterns that match `path` itself say of it (a folder's path ends in '/'). */
  verdict(path: string): GitignoreVerdict {
    const result = this.matcher.test(path);
    if (!result.ignored) return result.unignored ? 'included' : undefined;
    // ignore reports a path in a folder its patterns leave out as ignored. Asked here, that folder is not left out (a
    // deeper .gitignore took it back, or the path would not be asked about): only what matches the path itself counts.
    const end = path.lastIndexOf('/', path.length - 2);
    if (end < 0 || !this.matcher.test(path.slice(0, end + 1)).ignored) return 'ignored';
    const folder = path.slice(0, end);
    let matcher = this.withFoldersIncluded.get(folder);
    if (!matcher) {
      const segments = folder.split('/');
      const included = segments.map((_segment, index) => `!/${segments.slice(0, index + 1).map(escapeGitignore).join('/')}/`);
      const rebuilt = this.createIgnore();
      rebuilt.add(`${this.text}\n${included.join('\n')}`);
      matcher = rebuilt;
      this.withFoldersIncluded.set(folder, matcher);
    }
    const again = matcher.test(path);
    return again.ignored ? 'ignored' : again.unignored ? 'included' : undefined;
  }
}

/** A file or folder name as a .gitignore pattern that matches only that name. */
function escapeGitignore(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '\\$&');
}

/** `path` relative to `folder`, with '/' between names, as .gitignore patterns are written. */
function posixRelative(folder: string, path: string): string {
  const relativePath = relative(folder, path);
  return sep === '/' ? relativePath : relativePath.split(sep).join('/');
}
