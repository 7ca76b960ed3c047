// Which config applies to a file in the editor: the nearest .podlint.yaml (read again when it changes), with the
// editor's settings (section "podlint") as defaults that the file's own config overrides. A config that cannot
// be read is reported at its line and column, and the files under it are linted with the defaults meanwhile.
import {
  ConfigError,
  ConfigFinder,
  loadConfigFile,
  parseConfigText,
  parseRuleSettings,
  relativeTo,
  resolveConfig,
  type ConfigFile,
  type ResolvedConfig,
  type RuleEntry,
  type RuleRegistry,
} from '@podlint/core';

export interface EditorSettings {
  kubernetesVersion?: string;
  rules?: Map<string, RuleEntry>;
  /** Files larger than this many MB are not linted (0: no limit); the command's --max-file-size. */
  maxFileSize?: number;
}

export interface ConfigFor {
  config: ResolvedConfig;
  /** The nearest config file, when it could not be read. */
  error?: ConfigError;
}

export class ConfigStore {
  private finder = new ConfigFinder();
  private readonly files = new Map<string, ConfigFile | ConfigError>();
  private readonly resolved = new Map<string, ResolvedConfig>();
  private settings: EditorSettings = {};

  constructor(private readonly registry: RuleRegistry) {}

  setSettings(settings: EditorSettings): void {
    this.settings = settings;
    this.invalidate();
  }

  /** Forgets every config read so far (a config file was created, changed or deleted). */
  invalidate(): void {
    this.finder = new ConfigFinder();
    this.files.clear();
    this.resolved.clear();
  }

  resolve(filePath: string): ConfigFor {
    const configPath = this.finder.find(filePath);
    const loaded = configPath ? this.load(configPath) : undefined;
    const error = loaded instanceof ConfigError ? loaded : undefined;
    const file = loaded instanceof ConfigError ? undefined : loaded;
    const matching = file ? file.overrides.flatMap((override, index) => (override.matches(relativeTo(file.directory, filePath)) ? [index] : [])) : [];
    const key = `${configPath ?? ''}|${matching.join(',')}`;
    let config = this.resolved.get(key);
    if (!config) {
      config = this.resolveWithSettings(file, filePath, matching);
      this.resolved.set(key, config);
    }
    return error ? { config, error } : { config };
  }

  /** Whether the nearest config's `ignores` leave the file out, as the command skips it (a config in error ignores nothing). */
  isIgnored(filePath: string): boolean {
    const configPath = this.finder.find(filePath);
    const loaded = configPath ? this.load(configPath) : undefined;
    return loaded instanceof ConfigError || loaded === undefined ? false : loaded.isIgnored(filePath);
  }

  /** Config files read so far that could not be used, by path. */
  get errors(): ConfigError[] {
    return [...this.files.values()].filter((value): value is ConfigError => value instanceof ConfigError);
  }

  private load(path: string): ConfigFile | ConfigError {
    let loaded = this.files.get(path);
    if (!loaded) {
      try {
        loaded = loadConfigFile(path, this.registry);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        loaded = error;
      }
      this.files.set(path, loaded);
    }
    return loaded;
  }

  private resolveWithSettings(file: ConfigFile | undefined, filePath: string, matching: readonly number[]): ResolvedConfig {
    const overrides = matching.map((index) => file!.overrides[index]!);
    const setByFile = new Set([...(file?.rules.keys() ?? []), ...overrides.flatMap((override) => [...override.rules.keys()])]);
    const fromSettings = new Map([...(this.settings.rules ?? [])].filter(([id]) => !setByFile.has(id)));
    const config = resolveConfig(this.registry, file, filePath, fromSettings);
    const fileSetsVersion = file?.kubernetesVersion !== undefined || overrides.some((override) => override.kubernetesVersion !== undefined);
    if (!fileSetsVersion && this.settings.kubernetesVersion) return { ...config, kubernetesVersion: this.settings.kubernetesVersion };
    return config;
  }
}

/** Reads the editor's "podlint" settings; anything wrong is reported and left out. */
export function parseEditorSettings(raw: unknown, registry: RuleRegistry): { settings: EditorSettings; problems: string[] } {
  const settings: EditorSettings = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['settings "podlint" must be an object'] };
  const { kubernetesVersion, rules, maxFileSize } = raw as { kubernetesVersion?: unknown; rules?: unknown; maxFileSize?: unknown };
  if (maxFileSize !== undefined && maxFileSize !== null) {
    if (typeof maxFileSize === 'number' && Number.isFinite(maxFileSize) && maxFileSize >= 0) settings.maxFileSize = maxFileSize;
    else problems.push(`podlint.maxFileSize must be a number of MB (0 for no limit), not ${JSON.stringify(maxFileSize)}`);
  }
  if (kubernetesVersion !== undefined && kubernetesVersion !== null && kubernetesVersion !== '') {
    if (typeof kubernetesVersion === 'string' && /^1\.\d+$/.test(kubernetesVersion)) settings.kubernetesVersion = kubernetesVersion;
    else problems.push(`podlint.kubernetesVersion must look like "1.36", not ${JSON.stringify(kubernetesVersion)}`);
  }
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push('podlint.rules must map rule ids to severities');
    } else {
      try {
        settings.rules = parseRuleSettings(rules as Record<string, unknown>, [], registry, (message) => new ConfigError(message, 'settings', 1, 1));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push(`podlint.rules: ${error.message}`);
      }
    }
  }
  return { settings, problems };
}

/** The problem with a config file's text as it stands in the editor, if any. */
export function configTextProblem(text: string, path: string, registry: RuleRegistry): ConfigError | undefined {
  try {
    parseConfigText(text, path, registry);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}
