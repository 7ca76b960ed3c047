// One lint run from paths and options to results: find files, read them safely, pick each file's config,
// lint them together (rules across resources see all files), and with `fix` apply fixes until they settle.
// Shared by the command and the benchmarks.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ConfigError,
  ConfigFinder,
  Linter,
  loadConfigFile,
  parseRuleSettings,
  resolveConfig,
  SourceFile,
  rangeOfPath,
  relativeTo,
  type ConfigFile,
  type FileResult,
  type LintInput,
  type ResolvedConfig,
  type RuleEntry,
  type RuleRegistry,
  type SkipReason,
} from '@podlint/core';
import { decodeManifest, plainUtf8Text, type TextEncoding } from './encoding.js';
import { findFiles, IGNORED_BY, IgnoreRules, type IgnoredBy, type NotLinted } from './files.js';
import { lintAndFix } from './fix.js';
import { chooseJobs, lintInThreads } from './parallel.js';
import { STDIN_PATH } from './formatters/paths.js';
import type { ReportedFile } from './formatters/types.js';
import { splitHelmStream } from './helm.js';
import type { RunTiming } from './timing.js';

export interface RunOptions {
  paths: readonly string[];
  cwd: string;
  registry: RuleRegistry;
  configPath?: string;
  /** `--rule 'id: severity'` strings. */
  ruleFlags?: readonly string[];
  stdin?: { text: string; filename?: string };
  ignore?: boolean;
  /** Treat named files like files found in folders: skip those that are plainly not manifests. */
  skipNonManifests?: boolean;
  /** Apply fixes (in memory) until they settle; results then carry `output` and `fixed`. */
  fix?: boolean;
  /** With `fix`, apply only the fixes of errors (--quiet). */
  fixErrorsOnly?: boolean;
  /** The folder `# Source:` paths of `helm template` output on stdin are relative to (default: cwd). */
  sourceRoot?: string;
  /** The largest file to read, in MB (0: no limit); default DEFAULT_MAX_FILE_MB. */
  maxFileMegabytes?: number;
  /** Worker threads (`--jobs`); only for the built-in rules, which a worker can load itself. Default 1. */
  jobs?: number | 'auto';
  /** Records where the run spends its time (--timing): its read and lint phases, each rule's time and parsing's. */
  timing?: RunTiming;
}

export interface RunOutcome {
  results: ReportedFile[];
  /** Files that could not be read (also present in results, skipped as unreadable). */
  unreadable: number;
  /** Paths of the results that came from stdin (never written back). */
  fromStdin: Set<string>;
  /** Files whose fixes did not settle within the passes allowed. */
  unsettled: string[];
  /**
   * Each fixed file as it was read: its text, to check that it has not changed before it is written back, and its
   * results, which are reported instead of the fixed text's when it cannot be written.
   */
  unfixed: Map<string, { text: string; result: FileResult }>;
  /** Worker threads that linted the run (1: this thread). */
  threads: number;
}

export class ConfigResolver {
  private readonly finder = new ConfigFinder();
  private readonly files = new Map<string, ConfigFile>();
  private readonly resolved = new Map<string, ResolvedConfig>();
  private readonly explicit: ConfigFile | undefined;
  private readonly cliRules: Map<string, RuleEntry> | undefined;

  constructor(
    private readonly registry: RuleRegistry,
    cwd: string,
    configPath: string | undefined,
    ruleFlags: readonly string[],
  ) {
    this.explicit = configPath ? loadConfigFile(resolve(cwd, configPath), registry) : undefined;
    this.cliRules = ruleFlags.length > 0 ? parseRuleFlags(ruleFlags, registry) : undefined;
  }

  configFileFor(filePath: string): ConfigFile | undefined {
    if (this.explicit) return this.explicit;
    const path = this.finder.find(filePath);
    if (!path) return undefined;
    let config = this.files.get(path);
    if (!config) {
      config = loadConfigFile(path, this.registry);
      this.files.set(path, config);
    }
    return config;
  }

  resolve(filePath: string): ResolvedConfig {
    const config = this.configFileFor(filePath);
    // Files of one config that match the same overrides share one resolved config. The path is the one resolveConfig
    // matches the overrides with, also for a file outside the config's folder (-c .github/linters/.podlint.yaml).
    const relativePath = config ? relativeTo(config.directory, filePath) : '';
    const matching = config ? config.overrides.map((override, index) => (override.matches(relativePath) ? index : -1)).filter((index) => index >= 0) : [];
    const key = `${config?.path ?? ''}|${matching.join(',')}`;
    let resolved = this.resolved.get(key);
    if (!resolved) {
      resolved = resolveConfig(this.registry, config, filePath, this.cliRules);
      this.resolved.set(key, resolved);
    }
    return resolved;
  }
}

/** `--rule 'bare-pod: off'`: each flag is a one-line YAML mapping, checked like a config's `rules:`. */
function parseRuleFlags(flags: readonly string[], registry: RuleRegistry): Map<string, RuleEntry> {
  const result = new Map<string, RuleEntry>();
  for (const flag of flags) {
    const source = new SourceFile('--rule', flag, '1.2');
    const doc = source.documents[0];
    const value = doc && !doc.hasSyntaxErrors ? doc.value : undefined;
    if (!doc || typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(`--rule takes 'id: severity' or 'id: [severity, options]', not "${flag}"`, '--rule', 1, 1);
    }
    const entries = parseRuleSettings(value as Record<string, unknown>, [], registry, (message, at, target) => {
      const position = source.positionAt(rangeOfPath(doc, at, target).offsets[0]);
      return new ConfigError(message, '--rule', 1, position.character + 1);
    });
    for (const [id, entry] of entries) result.set(id, entry);
  }
  return result;
}

export async function runLint(options: RunOptions): Promise<RunOutcome> {
  const resolver = new ConfigResolver(options.registry, options.cwd, options.configPath, options.ruleFlags ?? []);
  const inputs: LintInput[] = [];
  const results: FileResult[] = [];
  let unreadable = 0;
  const wantsStdin = options.paths.includes('-');
  const filePaths = options.paths.filter((path) => path !== '-');
  const fromStdin = new Set<string>();
  const renderedHelm = new Set<string>();
  const stdinTooLarge = options.stdin && sizeProblem(Buffer.byteLength(options.stdin.text), options.maxFileMegabytes ?? DEFAULT_MAX_FILE_MB);
  const honourIgnores = options.ignore ?? true;
  const ignoredByConfig = (path: string) => resolver.configFileFor(path)?.isIgnored(path) ?? false;
  // Text piped in under a name is what that file named on the command line would be: skipped when it is ignored.
  const stdinIgnoredBy =
    wantsStdin && honourIgnores && options.stdin?.filename !== undefined
      ? await new IgnoreRules(ignoredByConfig).ignoredBy({ path: resolve(options.cwd, options.stdin.filename), discovered: false })
      : undefined;
  if (wantsStdin && options.stdin && stdinTooLarge) {
    results.push(skippedResult(options.stdin.filename ? resolve(options.cwd, options.stdin.filename) : STDIN_PATH, { kind: 'unreadable', message: stdinTooLarge }));
    unreadable += 1;
  } else if (wantsStdin && options.stdin && stdinIgnoredBy) {
    results.push(skippedResult(resolve(options.cwd, options.stdin.filename!), ignoredReason(stdinIgnoredBy)));
  } else if (wantsStdin && options.stdin) {
    const filePath = options.stdin.filename ? resolve(options.cwd, options.stdin.filename) : STDIN_PATH;
    const configPath = options.stdin.filename ? filePath : resolve(options.cwd, 'stdin.yaml');
    const helm = splitHelmStream(options.stdin.text, resolve(options.cwd, options.sourceRoot ?? '.'));
    for (const [templatePath, text] of helm?.templates ?? []) {
      inputs.push({ filePath: templatePath, text, config: resolver.resolve(templatePath) });
      renderedHelm.add(templatePath);
    }
    const text = helm ? helm.rest : options.stdin.text;
    if (text !== undefined) inputs.push({ filePath, text, config: resolver.resolve(configPath) });
    if (helm && text !== undefined) renderedHelm.add(filePath);
    for (const input of inputs) fromStdin.add(input.filePath);
  }
  const found = filePaths.length > 0 || !wantsStdin ? await findFiles(filePaths.length > 0 ? filePaths : ['.'], options.cwd, honourIgnores, { blocking: true, ignoredByConfig }) : [];
  for (const file of found) {
    if (file.ignoredBy) {
      results.push(skippedResult(file.path, ignoredReason(file.ignoredBy)));
      continue;
    }
    if (file.notLinted) {
      const skipped = notLintedReason(file.notLinted);
      if (skipped.kind === 'unreadable') unreadable += 1;
      results.push(skippedResult(file.path, skipped));
      continue;
    }
    const read = readManifest(file.path, options.maxFileMegabytes);
    if ('problem' in read) {
      if (read.kind === 'unreadable') unreadable += 1;
      results.push(skippedResult(file.path, { kind: read.kind, message: read.problem }));
      continue;
    }
    const discovered = file.discovered || (options.skipNonManifests ?? false);
    inputs.push({ filePath: file.path, text: read.text, config: resolver.resolve(file.path), discovered });
  }
  options.timing?.endPhase('read');
  const linter = new Linter(options.registry, { timings: options.timing?.linter });
  // Fixes of rendered Helm output would belong in the templates, where its offsets mean nothing.
  const fixRun = options.fix
    ? lintAndFix(
        linter,
        inputs,
        (input) => !renderedHelm.has(input.filePath),
        options.fixErrorsOnly ? (message) => message.severity === 'error' : undefined,
      )
    : undefined;
  const { results: lintResults, threads } = fixRun ? { results: fixRun.results, threads: 1 } : await lintAll(linter, inputs, options, wantsStdin);
  const linted: ReportedFile[] = lintResults;
  const reported = linted.map((result) => (renderedHelm.has(result.filePath) ? withoutFixes(result) : result));
  const unfixed = new Map<string, { text: string; result: FileResult }>();
  inputs.forEach((input, index) => {
    if (linted[index]!.output !== undefined && fixRun) unfixed.set(input.filePath, { text: input.text, result: fixRun.unfixedResults[index]! });
  });
  options.timing?.endPhase('lint');
  return { results: [...reported, ...results].sort(byPath), unreadable, fromStdin, unsettled: fixRun?.unsettled ?? [], unfixed, threads };
}

async function lintAll(linter: Linter, inputs: readonly LintInput[], options: RunOptions, wantsStdin: boolean): Promise<{ results: FileResult[]; threads: number }> {
  // Files from stdin take their config from names that are not theirs: they stay in this thread.
  const jobs = wantsStdin ? 1 : chooseJobs(options.jobs ?? 1, inputs);
  if (jobs > 1) {
    try {
      return { results: await lintInThreads(linter, inputs, jobs, { cwd: options.cwd, configPath: options.configPath, ruleFlags: options.ruleFlags ?? [] }), threads: jobs };
    } catch (error) {
      // Threads unavailable (a sandbox, a resource limit): the same results, in one thread.
      if (process.env.PODLINT_DEBUG) process.stderr.write(`podlint: worker threads failed, linting in one thread: ${String(error)}\n`);
      // This thread's share may have been timed already: the times are those of the run that gives the results.
      linter.timings?.clear();
    }
  }
  return { results: linter.lintFiles(inputs), threads: 1 };
}

function withoutFixes(result: ReportedFile): ReportedFile {
  return { ...result, messages: result.messages.map(({ fix: _fix, suggestions: _suggestions, ...message }) => message) };
}

function byPath(a: FileResult, b: FileResult): number {
  return a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0;
}

function skippedResult(filePath: string, skipped: SkipReason): FileResult {
  return { filePath, messages: [], skipped, counts: { resources: 0, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 } };
}

/** How a file named on the command line (or stdin's name) that is ignored is reported. */
function ignoredReason(by: IgnoredBy): SkipReason {
  const where = by === 'config' ? 'an `ignores` pattern of the config' : IGNORED_BY[by];
  return { kind: 'ignored', message: `skipped: matched by ${where} (use --no-ignore to lint it)` };
}

/** How a folder or link that the search found but could not lint is reported. */
function notLintedReason(found: NotLinted): SkipReason {
  switch (found.kind) {
    case 'unreadable-folder':
      return { kind: 'unreadable', message: `unreadable folder: ${READ_ERRORS[found.code] ?? found.code}; none of its files were linted`, folder: true };
    case 'linked-folder':
      return {
        kind: 'ignored',
        message: `skipped: a symbolic link to a folder (${found.target}); links to folders are not followed (git does not follow them either): name the folder to lint it`,
        folder: true,
      };
    case 'broken-link':
      return { kind: 'unreadable', message: `unreadable: a broken symbolic link (to ${found.target}): the file it points to does not exist` };
    case 'special-file':
      return { kind: 'not-kubernetes', message: `skipped: ${found.what}, not a file (reading it could wait forever)` };
  }
}


type ReadOutcome = { text: string; encoding: TextEncoding } | { problem: string; kind: 'unreadable' | 'not-kubernetes' };

/** The largest file read by default (--max-file-size): linting takes about 60 times a file's size in memory. */
export const DEFAULT_MAX_FILE_MB = 16;

const READ_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOENT: 'it no longer exists',
  EIO: 'input/output error (EIO)',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ERR_STRING_TOO_LONG: 'too large to hold as text',
};

/**
 * Reads a file as UTF-8 text; binary and non-UTF-8 files are reported, never decoded into garbage, and a file
 * over `maxMegabytes` (0: no limit) is reported without being read.
 */
export function readManifest(path: string, maxMegabytes = DEFAULT_MAX_FILE_MB): ReadOutcome {
  try {
    if (maxMegabytes > 0) {
      const problem = sizeProblem(statSync(path).size, maxMegabytes);
      if (problem) return { kind: 'unreadable', problem };
    }
    // Read as UTF-8 by Node itself first: the bytes, read in JavaScript and decoded here, took 51 ms for the 1,432
    // files of ../shared/corpus in a cold run on Node 20, the text 9 ms. Only a file that is not plain UTF-8 (another
    // encoding, invalid bytes, binary) is read again as bytes.
    return plainUtf8Text(readFileSync(path, 'utf8')) ?? decodeManifest(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A name that is not UTF-8 reaches podlint with U+FFFD for its bad bytes, and no file has that name.
    if (code === 'ENOENT' && path.includes('\uFFFD')) return { kind: 'unreadable', problem: 'unreadable: its name is not valid UTF-8 (shown with \uFFFD for the bytes that are not), so it cannot be opened by name; rename it' };
    return { kind: 'unreadable', problem: `unreadable: ${(code && READ_ERRORS[code]) ?? code ?? String(error)}` };
  }
}

function sizeProblem(bytes: number, maxMegabytes: number): string | undefined {
  const over = overSizeLimit(bytes, maxMegabytes);
  return over && `not read: ${over}; raise it with --max-file-size <MB>, or 0 for no limit`;
}

/**
 * "50.0 MB is over the 16 MB limit for one file (…)" when `bytes` is over `maxMegabytes` (0: no limit). The
 * command and the language server say it the same way, each with its own way to raise the limit.
 */
export function overSizeLimit(bytes: number, maxMegabytes: number): string | undefined {
  if (maxMegabytes <= 0 || bytes <= maxMegabytes * 1024 * 1024) return undefined;
  // Enough decimals that the size shown is visibly over the limit (16.0 MB would not be).
  let digits = 1;
  while (digits < 6 && Number((bytes / 1024 / 1024).toFixed(digits)) <= maxMegabytes) digits += 1;
  return `${(bytes / 1024 / 1024).toFixed(digits)} MB is over the ${maxMegabytes} MB limit for one file (linting takes about 60 times a file's size in memory)`;
}

