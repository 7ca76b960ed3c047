// .podlint.yaml: finding it (the nearest one up from each file), validating it with positions (a bad key is
// reported at its file:line:col), and resolving which rules run on a file with which severity and options.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isScalar } from 'yaml';
import { loadSchemaFile, type SchemaFileEntry } from './schema-files.js';
import { requireFromCore } from './core-location.js';
import { didYouMean } from './did-you-mean.js';
import { validateConfigSchema as generatedConfigValidator } from './generated/config-validator.js';
import { nodeAtPath, rangeOfPath, type RangeTarget } from './ranges.js';
import { applyDefault, type AnyRuleModule } from './rule.js';
import { SourceFile } from './source.js';
import type { Path, Severity, SeveritySetting } from './types.js';

export const CONFIG_FILE_NAMES = ['.podlint.yaml', '.podlint.yml'] as const;
export const DEFAULT_KUBERNETES_VERSION = '1.36';
export type PresetName = 'recommended' | 'all';

/** A configuration problem, located in its file. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly filePath: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    /** Where the key or value at fault ends (1-based, the first position after it), when it is known. */
    readonly end?: { line: number; column: number },
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** `file:line:col: message`, as compilers print it. */
  format(): string {
    return `${this.filePath}:${this.line}:${this.column}: ${this.message}`;
  }
}

export interface RuleEntry {
  severity: SeveritySetting;
  /** Options as written (before defaults); undefined keeps what an earlier layer set. */
  options?: unknown[];
}

interface RuleLayer {
  rules: Map<string, RuleEntry>;
}

interface Override extends RuleLayer {
  matches: (relativePath: string) => boolean;
  kubernetesVersion?: string;
}

export interface ConfigFile {
  path: string;
  directory: string;
  presets: PresetName[];
  kubernetesVersion?: string;
  rules: Map<string, RuleEntry>;
  isIgnored: (filePath: string) => boolean;
  overrides: Override[];
  /** `schemas:` entries, paths made absolute and checked to load. */
  schemas?: SchemaFileEntry[];
}

export interface EnabledRule {
  severity: Severity;
  options: readonly unknown[];
}

export interface ResolvedConfig {
  /** Only the rules that are on. */
  rules: Map<string, EnabledRule>;
  kubernetesVersion: string;
  /** The config file it came from, if any. */
  configPath?: string;
  /** Extra schemas (CRD and JSON Schema files) from `schemas:`. */
  schemas?: SchemaFileEntry[];
}

const validateConfigSchema = generatedConfigValidator as unknown as CompiledValidator;

export type RuleRegistry = Readonly<Record<string, AnyRuleModule>>;

/** Turns `warn`, `1`, ... into podlint's severities. */
export function normalizeSeverity(value: unknown): SeveritySetting | undefined {
  switch (value) {
    case 'off':
    case 0:
      return 'off';
    case 'info':
      return 'info';
    case 'warn':
    case 'warning':
    case 1:
      return 'warning';
    case 'error':
    case 2:
      return 'error';
    default:
      return undefined;
  }
}

/** Reads, validates and compiles one config file. Throws ConfigError. */
export function loadConfigFile(path: string, registry: RuleRegistry): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, path, 1, 1);
  }
  return parseConfigText(text, path, registry);
}

export function parseConfigText(text: string, path: string, registry: RuleRegistry): ConfigFile {
  const source = new SourceFile(path, text, '1.2');
  const doc = source.documents[0];
  const located = (message: string, at: Path, target: RangeTarget = 'value'): ConfigError => {
    if (!doc) return new ConfigError(message, path, 1, 1);
    const { offsets } = rangeOfPath(doc, at, target);
    const position = source.positionAt(offsets[0]);
    const end = source.positionAt(offsets[1]);
    return new ConfigError(message, path, position.line + 1, position.character + 1, { line: end.line + 1, column: end.character + 1 });
  };
  if (source.documents.length > 1) throw located('a config file holds one YAML document', []);
  const problem = doc?.errors[0] ?? doc?.conversionError;
  if (problem) {
    const position = source.positionAt(problem.offsets[0]);
    throw new ConfigError(`YAML: ${problem.message}`, path, position.line + 1, position.character + 1);
  }
  const data = doc?.value ?? {};
  if (!validateConfigSchema(data)) {
    const error = pickSchemaError(validateConfigSchema.errors ?? []);
    const at = pointerToPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys(allowedKeysAt(at));
      const hint = didYouMean(key, allowed);
      throw located(`unknown key "${key}"${hint ? `; did you mean "${hint}"?` : ''} (allowed: ${allowed.join(', ')})`, [...at, key], 'key');
    }
    throw located(describeSchemaError(error, at), at);
  }
  const config = data as {
    extends?: PresetName | PresetName[];
    kubernetesVersion?: string | number;
    rules?: Record<string, unknown>;
    ignores?: string[];
    overrides?: { files: string | string[]; rules?: Record<string, unknown>; kubernetesVersion?: string | number }[];
    schemas?: (string | { path: string; apiVersion: string; kind: string })[];
  };
  const directory = dirname(resolve(path));
  const versionAt = (at: Path, value: string | number | undefined): string | undefined => {
    if (value === undefined) return undefined;
    // `kubernetesVersion: 1.30` is a YAML float; its source text keeps the trailing zero.
    const node = doc ? nodeAtPath(doc, at) : undefined;
    const written = isScalar(node) && node.source !== undefined ? String(node.source) : String(value);
    if (!/^1\.\d+$/.test(written)) throw located(`kubernetesVersion must look like "1.36", not "${written}"`, at);
    return written;
  };
  const schemas = (config.schemas ?? []).map((item, index): SchemaFileEntry => {
    const entry: SchemaFileEntry = typeof item === 'string' ? { path: resolve(directory, item) } : { ...item, path: resolve(directory, item.path) };
    try {
      loadSchemaFile(entry);
    } catch (error) {
      throw located(`schemas: ${(error as Error).message}`, typeof item === 'string' ? ['schemas', index] : ['schemas', index, 'path']);
    }
    return entry;
  });
  const ignores = config.ignores ?? [];
  const ignoreMatcher = ignores.length > 0 ? compileGlobs(ignores) : undefined;
  return {
    path,
    directory,
    presets: config.extends === undefined ? ['recommended'] : Array.isArray(config.extends) ? config.extends : [config.extends],
    kubernetesVersion: versionAt(['kubernetesVersion'], config.kubernetesVersion),
    rules: parseRuleSettings(config.rules, ['rules'], registry, located),
    isIgnored: (filePath) => (ignoreMatcher ? ignoreMatcher(relativeTo(directory, filePath)) : false),
    overrides: (config.overrides ?? []).map((override, index) => {
      const matcher = compileGlobs(Array.isArray(override.files) ? override.files : [override.files]);
      return {
        matches: matcher,
        kubernetesVersion: versionAt(['overrides', index, 'kubernetesVersion'], override.kubernetesVersion),
        rules: parseRuleSettings(override.rules, ['overrides', index, 'rules'], registry, located),
      };
    }),
    ...(schemas.length > 0 ? { schemas } : {}),
  };
}

type Locate = (message: string, at: Path, target?: RangeTarget) => ConfigError;

/** Parses `rules:` (severity or [severity, ...options]), checking ids and options against the registry. */
export function parseRuleSettings(
  rules: Record<string, unknown> | undefined,
  at: Path,
  registry: RuleRegistry,
  locate: Locate,
): Map<string, RuleEntry> {
  const result = new Map<string, RuleEntry>();
  for (const [id, setting] of Object.entries(rules ?? {})) {
    const rule = registry[id];
    if (!rule) {
      const hint = didYouMean(id, Object.keys(registry));
      throw locate(`unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''}`, [...at, id], 'key');
    }
    const list = Array.isArray(setting) ? setting : [setting];
    const severity = normalizeSeverity(list[0]);
    if (severity === undefined) {
      throw locate(`rule "${id}": severity must be off, info, warn or error, not ${JSON.stringify(list[0])}`, Array.isArray(setting) ? [...at, id, 0] : [...at, id]);
    }
    const options = Array.isArray(setting) && setting.length > 1 ? setting.slice(1) : undefined;
    if (options) validateRuleOptions(rule, options, [...at, id], locate);
    result.set(id, options ? { severity, options } : { severity });
  }
  return result;
}

/** Checks options against the rule's `meta.schema` with ajv, compiled only when options are given. */
export function validateRuleOptions(rule: AnyRuleModule, options: unknown[], at: Path, locate: Locate): void {
  const schemas = rule.meta.schema;
  if (options.length > schemas.length) {
    const message = schemas.length === 0 ? `rule "${rule.name}" takes no options` : `rule "${rule.name}" takes at most ${schemas.length} option(s)`;
    throw locate(message, [...at, schemas.length + 1]);
  }
  const validate = compileOptionsValidator(rule);
  if (validate(options)) return;
  const error = pickSchemaError(validate.errors ?? []);
  const errorPath = pointerToPath(error.instancePath);
  const index = typeof errorPath[0] === 'number' ? errorPath[0] : 0;
  const where: Path = [...at, index + 1, ...errorPath.slice(1)];
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    throw locate(`rule "${rule.name}": unknown option "${key}"`, [...where, key], 'key');
  }
  throw locate(`rule "${rule.name}": option ${describeSchemaError(error, errorPath.slice(1))}`, where);
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

type CompiledValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
const optionValidators = new WeakMap<AnyRuleModule, CompiledValidator>();

function compileOptionsValidator(rule: AnyRuleModule): CompiledValidator {
  let validate = optionValidators.get(rule);
  if (validate) return validate;
  // ajv's compiler is loaded only when a config passes options to a rule (createRequire keeps this sync).
  const Ajv = loadAjv();
  const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false });
  validate = ajv.compile({ type: 'array', items: [...rule.meta.schema], minItems: 0 }) as CompiledValidator;
  optionValidators.set(rule, validate);
  return validate;
}

let ajvConstructor: (new (options: Record<string, unknown>) => { compile(schema: unknown): unknown }) | undefined;
function loadAjv() {
  // Synchronous and lazy: config parsing is synchronous, and most runs never need ajv's compiler.
  ajvConstructor ??= requireFromCore<{ default: typeof ajvConstructor }>('ajv').default;
  return ajvConstructor!;
}

/** Among several schema errors, the one a person should see first: the deepest, not a oneOf summary. */
function pickSchemaError(errors: readonly SchemaError[]): SchemaError {
  const useful = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf');
  const pool = useful.length > 0 ? useful : errors;
  return [...pool].sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? { keyword: 'unknown', instancePath: '', params: {} };
}

function describeSchemaError(error: SchemaError, at: Path): string {
  const field = at.length > 0 ? `"${at.join('.')}"` : 'the config';
  switch (error.keyword) {
    case 'type':
      return `${field} must be ${String(error.params.type).replace(',', ' or ')}`;
    case 'enum':
      return `${field} must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'required':
      return `${field} needs "${String(error.params.missingProperty)}"`;
    case 'minLength':
    case 'minItems':
      return `${field} must not be empty`;
    case 'pattern':
      return `${field} must match ${String(error.params.pattern)}`;
    default:
      return `${field} ${error.message ?? 'is invalid'}`;
  }
}

function pointerToPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function allowedKeysAt(at: Path): Record<string, unknown> {
  const top = { extends: 1, kubernetesVersion: 1, rules: 1, schemas: 1, ignores: 1, overrides: 1 };
  const override = { files: 1, kubernetesVersion: 1, rules: 1 };
  return at[0] === 'overrides' ? override : top;
}

/** Globs relative to a config's folder, matched with gitignore-like ease: `*.yaml` at any depth, `dir/` below. */
export function compileGlobs(patterns: readonly string[]): (relativePath: string) => boolean {
  // picomatch is loaded only by configs that have globs (it costs ~10 ms of start-up).
  picomatch ??= requireFromCore<typeof import('picomatch')>('picomatch');
  const matchers = patterns.map((pattern) => {
    const trimmed = pattern.replace(/^\.\//, '');
    const directory = trimmed.endsWith('/') ? trimmed.slice(0, -1) : trimmed;
    const basenameOnly = !directory.includes('/');
    const options = { dot: true, basename: basenameOnly };
    const exact = picomatch!(directory, options);
    const below = picomatch!(`${directory}/**`, { dot: true });
    return (path: string) => exact(path) || below(path);
  });
  return (relativePath) => matchers.some((match) => match(relativePath));
}

let picomatch: typeof import('picomatch') | undefined;

export function relativeTo(directory: string, filePath: string): string {
  const relativePath = relative(directory, isAbsolute(filePath) ? filePath : resolve(filePath));
  return sep === '/' ? relativePath : relativePath.split(sep).join('/');
}

/** Finds the nearest config file for each file, caching per folder. */
export class ConfigFinder {
  private readonly byDirectory = new Map<string, string | null>();

  find(filePath: string): string | undefined {
    return this.findFrom(dirname(resolve(filePath))) ?? undefined;
  }

  private findFrom(directory: string): string | null {
    const cached = this.byDirectory.get(directory);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      const parent = dirname(directory);
      found = parent === directory ? null : this.findFrom(parent);
    }
    this.byDirectory.set(directory, found);
    return found;
  }
}

/** Severity and options of every rule for one file: presets, then the file's rules, then matching overrides, then CLI rules. */
export function resolveConfig(
  registry: RuleRegistry,
  config: ConfigFile | undefined,
  filePath: string,
  extra?: Map<string, RuleEntry>,
): ResolvedConfig {
  const entries = new Map<string, RuleEntry>();
  for (const preset of config?.presets ?? ['recommended']) {
    for (const [id, rule] of Object.entries(registry)) {
      if (preset === 'all' || rule.meta.docs.recommended) entries.set(id, { severity: rule.meta.severity });
    }
  }
  let kubernetesVersion = config?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const apply = (rules: Map<string, RuleEntry>) => {
    for (const [id, entry] of rules) {
      const previous = entries.get(id);
      entries.set(id, { severity: entry.severity, options: entry.options ?? previous?.options });
    }
  };
  if (config) {
    apply(config.rules);
    const relativePath = relativeTo(config.directory, filePath);
    for (const override of config.overrides) {
      if (!override.matches(relativePath)) continue;
      apply(override.rules);
      if (override.kubernetesVersion) kubernetesVersion = override.kubernetesVersion;
    }
  }
  if (extra) apply(extra);
  const rules = new Map<string, EnabledRule>();
  for (const [id, entry] of entries) {
    const rule = registry[id];
    if (!rule || entry.severity === 'off') continue;
    rules.set(id, { severity: entry.severity, options: applyDefault(rule.defaultOptions, entry.options) });
  }
  return { rules, kubernetesVersion, configPath: config?.path, ...(config?.schemas ? { schemas: config.schemas } : {}) };
}
