// The rule API, in typescript-eslint's RuleCreator shape (STYLE.md point 4). Rules visit Kubernetes objects by
// kind, pod specs and containers; they report a yaml node or a path, and core turns it into a range.
import type { Node } from 'yaml';
import type { SchemaFileEntry } from './schema-files.js';
import type { ContainerRef, PodSpecRef, Resource } from './kubernetes.js';
import type { ProjectIndex } from './project.js';
import type { SourceDocument, SourceFile } from './source.js';
import type { OffsetRange, Path, Severity, TextEdit } from './types.js';
import type { RangeTarget } from './ranges.js';

/** A JSON Schema (draft-07, as ajv reads it) for a rule's options. */
export type JSONSchema = Record<string, unknown>;

export interface RuleDocs {
  description: string;
  /** In the `recommended` preset. */
  recommended: boolean;
  /** Link to the rule's documentation page; filled by the RuleCreator. */
  url?: string;
}

export interface RuleMeta<MessageIds extends string> {
  /** problem: the API server or kubelet rejects or breaks it; suggestion: against the pod-design guidance. */
  type: 'problem' | 'suggestion' | 'layout';
  docs: RuleDocs;
  /** The default severity (RULES.md: E, W, I). */
  severity: Severity;
  messages: Record<MessageIds, string>;
  /** Options schema: an array with one schema per option, as in ESLint; [] for no options. */
  schema: readonly JSONSchema[];
  fixable?: 'code';
  hasSuggestions?: boolean;
  /**
   * 'project' for rules that read other objects of the run through context.project as a whole (not one kind):
   * an editor re-runs them over every document on each change instead of caching their results per document.
   */
  scope?: 'document' | 'project';
}

export type Visitor<Args extends unknown[]> = (...args: Args) => void;

export interface SpecialVisitors {
  /** Every YAML document of the file, Kubernetes or not, parsed or broken. */
  Document?: Visitor<[doc: SourceDocument]>;
  /** Every Kubernetes object (documents and List items). */
  Resource?: Visitor<[resource: Resource]>;
  /** The pod spec of a Pod, PodTemplate or workload. */
  PodSpec?: Visitor<[podSpec: PodSpecRef, resource: Resource]>;
  /** Every container of a pod spec (main, init, native sidecar, ephemeral). */
  Container?: Visitor<[container: ContainerRef, podSpec: PodSpecRef, resource: Resource]>;
}

export type KindVisitor = Visitor<[resource: Resource]>;

/** Kinds named here get typed visitors; any other kind name works too (custom resources, say). */
export const KNOWN_KINDS = [
  'Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController',
  'Service', 'Ingress', 'NetworkPolicy', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'PersistentVolume', 'ServiceAccount',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Namespace', 'CustomResourceDefinition', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding',
] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];

/** Special visitors plus one visitor per kind name (`Pod`, `Service`, ...). */
export type RuleVisitors = SpecialVisitors & { [K in KnownKind]?: KindVisitor } & {
  [kind: string]: KindVisitor | SpecialVisitors[keyof SpecialVisitors];
};

export const SPECIAL_VISITOR_KEYS: ReadonlySet<string> = new Set(['Document', 'Resource', 'PodSpec', 'Container']);

export interface Fixer {
  replaceRange(offsets: OffsetRange, text: string): TextEdit;
  removeRange(offsets: OffsetRange): TextEdit;
  insertTextBefore(offsets: OffsetRange, text: string): TextEdit;
  insertTextAfter(offsets: OffsetRange, text: string): TextEdit;
}

export type FixFunction = (fixer: Fixer) => TextEdit | readonly TextEdit[] | null;

export type ReportData = Readonly<Record<string, string | number>>;

export interface SuggestionDescriptor<MessageIds extends string> {
  messageId: MessageIds;
  data?: ReportData;
  fix: FixFunction;
}

interface ReportBase<MessageIds extends string> {
  messageId: MessageIds;
  data?: ReportData;
  fix?: FixFunction;
  suggest?: readonly SuggestionDescriptor<MessageIds>[];
  /** The object the report is about; defaults to the one being visited. Reports in other files go to that file. */
  resource?: Resource;
  /**
   * This report's own severity, for a rule whose cases differ in how bad they are (RULES.md "W (E for ...)").
   * It applies while the rule runs at its default severity; a severity the user configures for the rule wins.
   */
  severity?: Severity;
}

export type ReportDescriptor<MessageIds extends string> = ReportBase<MessageIds> &
  (
    | { node: Node; path?: never; at?: never; offsets?: never }
    /** A path of the document; `at: 'key'` underlines the key instead of the value. */
    | { path: Path; at?: RangeTarget; node?: never; offsets?: never }
    /** Explicit offsets into the file (a part of a scalar, say). */
    | { offsets: OffsetRange; node?: never; path?: never; at?: never }
  );

export interface RuleSettings {
  /** Target Kubernetes version, as `1.36`. */
  kubernetesVersion: string;
  /** Extra schemas from `schemas:` in the configuration. */
  schemas?: readonly SchemaFileEntry[];
}

export interface RuleContext<MessageIds extends string> {
  readonly id: string;
  readonly filePath: string;
  readonly file: SourceFile;
  readonly settings: Readonly<RuleSettings>;
  /** Every object of the run (all files), for rules across resources. */
  readonly project: ProjectIndex;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

export interface RuleModule<MessageIds extends string = string, Options extends readonly unknown[] = readonly unknown[]> {
  name: string;
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  create(context: RuleContext<MessageIds>, options: Options): RuleVisitors;
}

// Rules of any message ids and options, as a registry holds them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRuleModule = RuleModule<string, any>;

export interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: Omit<RuleMeta<MessageIds>, 'docs'> & { docs: Omit<RuleDocs, 'url'> };
  defaultOptions: Options;
  create(context: RuleContext<MessageIds>, options: Options): RuleVisitors;
}

/** typescript-eslint's RuleCreator: binds the docs URL of every rule made with the returned function. */
export function RuleCreator(urlCreator: (ruleName: string) => string) {
  return function createRule<Options extends readonly unknown[], MessageIds extends string>(
    definition: RuleDefinition<MessageIds, Options>,
  ): RuleModule<MessageIds, Options> {
    return {
      ...definition,
      meta: { ...definition.meta, docs: { ...definition.meta.docs, url: urlCreator(definition.name) } },
    };
  };
}

/**
 * Merges user options over defaults, as typescript-eslint's applyDefault does: objects are merged key by key
 * (recursively), everything else is replaced. Pure: neither input is changed.
 */
export function applyDefault<Options extends readonly unknown[]>(defaultOptions: Options, userOptions: readonly unknown[] | undefined): Options {
  const result = defaultOptions.map((option) => structuredClone(option)) as unknown[];
  if (!userOptions) return result as unknown as Options;
  userOptions.forEach((option, index) => {
    const base = result[index];
    result[index] = isMergeable(base) && isMergeable(option) ? deepMerge(base, option) : structuredClone(option);
  });
  return result as unknown as Options;
}

function isMergeable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] = isMergeable(current) && isMergeable(value) ? deepMerge(current, value) : structuredClone(value);
  }
  return result;
}

export const fixer: Fixer = {
  replaceRange: (offsets, text) => ({ range: offsets, text }),
  removeRange: (offsets) => ({ range: offsets, text: '' }),
  insertTextBefore: (offsets, text) => ({ range: [offsets[0], offsets[0]], text }),
  insertTextAfter: (offsets, text) => ({ range: [offsets[1], offsets[1]], text }),
};

/**
 * How much of a value a message quotes (`"{{name}}"` in a template, a container's name): a name or value typed
 * into a manifest can be any length, and a message that repeats 50 KB of it is no help.
 */
export const QUOTED_VALUE_LIMIT = 100;

/**
 * How much of any other placeholder's value a message holds: rule-made texts (lists of kinds, of changes) stay
 * whole below it, and values from the manifest that a message does not quote stay bounded.
 */
export const PLACEHOLDER_LIMIT = 300;

/** `text` cut to at most `limit` characters, ending in "..." when cut; a surrogate pair (an emoji) stays whole. */
export function shortenForMessage(text: string, limit = QUOTED_VALUE_LIMIT): string {
  if (text.length <= limit) return text;
  let end = limit - 3;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}...`;
}

/**
 * Characters that would let a manifest (or a file name) rewrite what a terminal or a CI log shows around its message:
 * line breaks and carriage returns (a fake line, or one written over), the escape that starts ANSI and OSC sequences,
 * the other C0 and C1 controls and DEL, and the Unicode line separators and bidirectional overrides.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with those characters written out as escapes (`\n`, `\u001b`), so that it prints on one line as it is. */
export function escapeControlCharacters(text: string): string {
  if (!CONTROL_CHARACTER.test(text)) return text;
  return text.replace(CONTROL_CHARACTERS, (character) => NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Fills `{{name}}` placeholders; throws on a placeholder without data, so a test catches it. Every value is
 * bounded here, for every rule: to QUOTED_VALUE_LIMIT where the template quotes it, to PLACEHOLDER_LIMIT otherwise;
 * and its control characters are written out (escapeControlCharacters), whatever format or editor shows the message.
 */
export function formatMessage(ruleId: string, template: string, data: ReportData | undefined): string {
  const parts = templateParts(template);
  if (parts.length === 1) return parts[0]!;
  let message = parts[0]!;
  for (let index = 1; index < parts.length; index += 2) {
    const key = parts[index]!;
    const value = data?.[key];
    if (value === undefined) throw new Error(`rule ${ruleId}: message placeholder {{${key}}} has no data`);
    const after = parts[index + 1]!;
    const quoted = message.endsWith('"') && after.startsWith('"');
    message += escapeControlCharacters(shortenForMessage(String(value), quoted ? QUOTED_VALUE_LIMIT : PLACEHOLDER_LIMIT)) + after;
  }
  return message;
}

// Templates split once into text and placeholder names (text, name, text, ...): every report formats one.
const splitTemplates = new Map<string, readonly string[]>();

function templateParts(template: string): readonly string[] {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{\{\s*([\w.-]+)\s*\}\}/);
    splitTemplates.set(template, parts);
  }
  return parts;
}
