// One lint run from paths and options to results: find files, read them safely, pick each file's config,
// lint them together (rules across resources see all files). Shared by the command and the benchmarks.
import { readFileSync } from 'node:fs';
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
  type ConfigFile,
  type FileResult,
  type LintInput,
  type ResolvedConfig,
  type RuleEntry,
  type RuleRegistry,
} from '@podlint/core';
import { findFiles } from './files.js';

export interface RunOptions {
  paths: readonly string[];
  cwd: string;
  registry: RuleRegistry;
  configPath?: string;
  /** `--rule 'id: severity'` strings. */
  ruleFlags?: readonly string[];
  stdin?: { text: string; filename?: string };
  ignore?: boolean;
}

export interface RunOutcome {
  results: FileResult[];
  /** Files that could not be read (also present in results, skipped as unreadable). */
  unreadable: number;
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
    // Files of one config that match the same overrides share one resolved config.
    const matching = config ? config.overrides.map((override, index) => (override.matches(relativeForOverrides(config, filePath)) ? index : -1)).filter((index) => index >= 0) : [];
    const key = `${config?.path ?? ''}|${matching.join(',')}`;
    let resolved = this.resolved.get(key);
    if (!resolved) {
      resolved = resolveConfig(this.registry, config, filePath, this.cliRules);
      this.resolved.set(key, resolved);
    }
    return resolved;
  }
}

function relativeForOverrides(config: ConfigFile, filePath: string): string {
  return resolve(filePath).slice(config.directory.length + 1).split('\\').join('/');
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
  if (wantsStdin && options.stdin) {
    const filePath = options.stdin.filename ? resolve(options.cwd, options.stdin.filename) : '<stdin>';
    const configPath = options.stdin.filename ? filePath : resolve(options.cwd, 'stdin.yaml');
    inputs.push({ filePath, text: options.stdin.text, config: resolver.resolve(configPath) });
  }
  const found = filePaths.length > 0 || !wantsStdin ? await findFiles(filePaths.length > 0 ? filePaths : ['.'], options.cwd, options.ignore ?? true) : [];
  for (const file of found) {
    const config = resolver.configFileFor(file.path);
    if ((options.ignore ?? true) && config?.isIgnored(file.path)) {
      if (!file.discovered) {
        results.push(skippedResult(file.path, 'ignored', 'skipped: matched by an `ignores` pattern of the config (use --no-ignore to lint it)'));
      }
      continue;
    }
    const read = readManifest(file.path);
    if ('problem' in read) {
      if (read.kind === 'unreadable') unreadable += 1;
      results.push(skippedResult(file.path, read.kind, read.problem));
      continue;
    }
    inputs.push({ filePath: file.path, text: read.text, config: resolver.resolve(file.path), discovered: file.discovered });
  }
  const linter = new Linter(options.registry);
  const linted = linter.lintFiles(inputs);
  return { results: [...linted, ...results].sort(byPath), unreadable };
}

function byPath(a: FileResult, b: FileResult): number {
  return a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0;
}

function skippedResult(filePath: string, kind: 'ignored' | 'unreadable' | 'not-kubernetes', message: string): FileResult {
  return { filePath, messages: [], skipped: { kind, message }, counts: { resources: 0, otherDocuments: 0, brokenDocuments: 0 } };
}

type ReadOutcome = { text: string } | { problem: string; kind: 'unreadable' | 'not-kubernetes' };

/** Reads a file as UTF-8 text; binary and non-UTF-8 files are reported, never decoded into garbage. */
export function readManifest(path: string): ReadOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'unreadable', problem: `unreadable: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? String(error))}` };
  }
  return decodeManifest(bytes);
}

export function decodeManifest(bytes: Uint8Array): ReadOutcome {
  if (bytes.includes(0)) return { kind: 'not-kubernetes', problem: 'skipped: a binary file (it contains NUL bytes), not a manifest' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { kind: 'unreadable', problem: 'unreadable: not valid UTF-8 text (Kubernetes manifests are UTF-8); re-encode the file' };
  }
}
