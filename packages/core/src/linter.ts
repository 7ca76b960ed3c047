// The engine: reads every file first (so rules across resources see the whole run; a run too large to keep parsed
// is read twice, see prepared-run.ts), then walks each document once for all enabled rules (STYLE.md point 6),
// applies suppressions and returns plain, sorted results.
import type { Node } from 'yaml';
import { isPair } from 'yaml';
import type { ResolvedConfig, RuleRegistry } from './config.js';
import { documentResources, isPlainObject, listEntryCount, namesObjectType, type Resource } from './kubernetes.js';
import { PreparedRun } from './prepared-run.js';
import { ProjectIndex } from './project.js';
import { firstLineAt, nodeAtPath, rangeOfPath } from './ranges.js';
import {
  SPECIAL_VISITOR_KEYS,
  fixer,
  formatMessage,
  type AnyRuleModule,
  type FixFunction,
  type ReportDescriptor,
  type RuleContext,
  type RuleVisitors,
  type SpecialVisitors,
} from './rule.js';
import { SourceFile, type SourceDocument } from './source.js';
import { IGNORE_ANNOTATION, Suppressions } from './suppressions.js';
import { templateSkipMessage } from './templates.js';
import type { LintTimings } from './timings.js';
import { hasAliases } from './yaml-edits.js';
import type { DocumentCounts, FileResult, Fix, LintMessage, OffsetRange, SkipReason, TextEdit } from './types.js';

export const INTERNAL_ERROR_RULE = 'internal-error';

export interface LintInput {
  filePath: string;
  text: string;
  config: ResolvedConfig;
  /**
   * True when the file was found by walking a folder rather than named by the user: a file that neither
   * parses nor mentions apiVersion/kind is then someone else's (a JSONC tsconfig, say) and is skipped.
   */
  discovered?: boolean;
}

/** A text parsed once, to be linted several times (an editor re-runs only some rules on unchanged text). */
export interface PreparedFile {
  input: LintInput;
  file: SourceFile;
  skipped?: SkipReason;
  resourcesByDocument: Map<SourceDocument, Resource[]>;
}

const settingsCache = new WeakMap<ResolvedConfig, RuleContext<string>['settings']>();

/** The settings rules see: one frozen object per config, shared by its files and rules. */
function settingsOf(config: ResolvedConfig): RuleContext<string>['settings'] {
  let settings = settingsCache.get(config);
  if (!settings) {
    settings = Object.freeze({ kubernetesVersion: config.kubernetesVersion, ...(config.schemas ? { schemas: config.schemas } : {}) });
    settingsCache.set(config, settings);
  }
  return settings;
}

// The objects made for every file (a context per rule, the visitor lists) are class instances, not object or array
// literals. V8 tracks literals by the place they are written and, when most of those from one place were still alive
// at a minor GC, allocates the later ones directly in the old generation; the closures and lists they point to then
// outlive every minor GC as well. Measured on ../shared/corpus: 56 MB per run outlived the young generation before,
// about 20 MB now, and the rules' part of a run went from 0.60x to 0.46x of the time of parsing alone.

/** One rule's visitor for one key. */
class VisitorEntry {
  constructor(
    readonly ruleId: string,
    readonly fn: (first: unknown, second: unknown, third: unknown) => void,
  ) {}
}

/**
 * What a rule's create() receives, one per rule and file: its fields are read from the run, and `report` is bound on
 * first use (most rules report nothing in most files). Bound, as in ESLint, so a rule may take it out of the context.
 * Holding copies of the fields and a bound `report` from the start, the contexts were 4% of what a run allocated.
 */
class FileRuleContext implements RuleContext<string> {
  private boundReport: ((descriptor: ReportDescriptor<string>) => void) | undefined;

  constructor(
    private readonly run: FileRun,
    private readonly rule: AnyRuleModule,
  ) {}

  get id(): string {
    return this.rule.name;
  }

  get filePath(): string {
    return this.run.input.filePath;
  }

  get file(): SourceFile {
    return this.run.file;
  }

  get settings(): RuleContext<string>['settings'] {
    return this.run.settings;
  }

  get project(): ProjectIndex {
    return this.run.project;
  }

  get report(): (descriptor: ReportDescriptor<string>) => void {
    this.boundReport ??= (descriptor) => this.run.report(this.rule, descriptor);
    return this.boundReport;
  }
}
type EnabledRule = { ruleId: string; rule: AnyRuleModule; options: readonly unknown[] };

const enabledRulesCache = new WeakMap<ResolvedConfig, WeakMap<RuleRegistry, readonly EnabledRule[]>>();

/** The configured rules that exist in the registry, with their options: worked out once per config, not per file. */
function enabledRules(registry: RuleRegistry, config: ResolvedConfig): readonly EnabledRule[] {
  let byRegistry = enabledRulesCache.get(config);
  if (!byRegistry) {
    byRegistry = new WeakMap();
    enabledRulesCache.set(config, byRegistry);
  }
  let list = byRegistry.get(registry);
  if (!list) {
    list = [...config.rules].flatMap(([ruleId, setting]) => {
      const rule = registry[ruleId];
      return rule ? [{ ruleId, rule, options: setting.options }] : [];
    });
    byRegistry.set(registry, list);
  }
  return list;
}

export interface LinterOptions {
  /** Records the time of each rule and of parsing (`podlint --timing`); without it, nothing is timed. */
  timings?: LintTimings;
}

export class Linter {
  readonly timings: LintTimings | undefined;

  constructor(
    readonly registry: RuleRegistry,
    options: LinterOptions = {},
  ) {
    this.timings = options.timings;
  }

  /**
   * Lints a set of files as one run: rules across resources see all of them. A run of more text than
   * `parsedTextBudget` (default: parsedTextBudget()) is linted in parts, so that memory stays bounded (PreparedRun);
   * the results are the same.
   */
  lintFiles(inputs: readonly LintInput[], options: { parsedTextBudget?: number } = {}): FileResult[] {
    return new PreparedRun(this, inputs, options.parsedTextBudget).lint();
  }

  /**
   * Lints one text; `project` lets an editor pass the other files of its workspace. Given as a function, it
   * receives this text's own objects, so that the index it returns holds the very objects the rules visit.
   */
  lintText(input: LintInput, project?: ProjectIndex | ((ownResources: readonly Resource[]) => ProjectIndex)): FileResult {
    return this.lintPreparedFile(this.prepare(input), project);
  }

  /** Parses a text for lintPreparedFile: the parse is the costly part, and it can be kept while the text is unchanged. */
  prepare(input: LintInput): PreparedFile {
    const timings = this.timings;
    if (!timings) return prepareFile(input);
    const started = timings.now();
    try {
      return prepareFile(input);
    } finally {
      timings.addParse(timings.now() - started);
    }
  }

  /**
   * Lints a prepared text, with its own config or with `config` (a subset of rules, say). `project` as in
   * lintText. Rules see the same objects on every call, so a project index may hold them.
   */
  lintPreparedFile(
    prepared: PreparedFile,
    project?: ProjectIndex | ((ownResources: readonly Resource[]) => ProjectIndex),
    config: ResolvedConfig = prepared.input.config,
  ): FileResult {
    const index = typeof project === 'function' ? project(ownResources(prepared)) : (project ?? new ProjectIndex(ownResources(prepared)));
    return this.lintPrepared(config === prepared.input.config ? prepared : { ...prepared, input: { ...prepared.input, config } }, index);
  }

  private lintPrepared(prepared: PreparedFile, project: ProjectIndex): FileResult {
    const { input, file } = prepared;
    const counts: DocumentCounts = { resources: 0, emptyLists: 0, unlintedListItems: 0, unlintedDocuments: 0, otherDocuments: 0, brokenDocuments: 0 };
    if (prepared.skipped) {
      return { filePath: input.filePath, messages: [], skipped: prepared.skipped, counts, source: file.text };
    }
    const messages: LintMessage[] = [];
    const run = new FileRun(this.registry, input, file, project, messages, this.timings);
    for (const doc of file.documents) {
      run.visitDocument(doc, prepared.resourcesByDocument.get(doc) ?? [], counts);
    }
    return { filePath: input.filePath, messages: finishMessages(messages, file, prepared), counts, source: file.text };
  }
}

/** A prepared file's objects, in document order. */
export function ownResources(prepared: PreparedFile): Resource[] {
  return [...prepared.resourcesByDocument.values()].flat();
}

function prepareFile(input: LintInput): PreparedFile {
  const file = new SourceFile(input.filePath, input.text);
  const resourcesByDocument = new Map<SourceDocument, Resource[]>();
  const templateMessage = templateSkipMessage(file);
  if (templateMessage) return { input, file, skipped: { kind: 'template', message: templateMessage }, resourcesByDocument };
  const broken = file.documents.some((doc) => doc.hasSyntaxErrors);
  if (broken && input.discovered && !/(^|[\s{,"'])(apiVersion|kind)["']?\s*:/m.test(file.text)) {
    return {
      input,
      file,
      skipped: { kind: 'not-kubernetes', message: 'skipped: does not parse as YAML and names no apiVersion or kind, so it is not a Kubernetes manifest' },
      resourcesByDocument,
    };
  }
  for (const doc of file.documents) {
    if (doc.hasSyntaxErrors || doc.conversionError) continue;
    resourcesByDocument.set(doc, documentResources(doc));
  }
  return { input, file, resourcesByDocument };
}

/** One file's walk: the enabled rules' visitors, merged by key, and the reports they make. */
class FileRun {
  private readonly visitors = new Map<string, VisitorEntry[]>();
  private currentDocument: SourceDocument | undefined;
  private currentResource: Resource | undefined;
  private readonly failed = new Set<string>();
  /** One settings object for all the files of a config and their rules, frozen: they share it. */
  readonly settings: RuleContext<string>['settings'];

  constructor(
    private readonly registry: RuleRegistry,
    readonly input: LintInput,
    readonly file: SourceFile,
    readonly project: ProjectIndex,
    private readonly messages: LintMessage[],
    private readonly timings: LintTimings | undefined,
  ) {
    const { config } = input;
    this.settings = settingsOf(config);
    for (const { ruleId, rule, options } of enabledRules(registry, input.config)) {
      let ruleVisitors: RuleVisitors;
      const started = timings?.now();
      try {
        ruleVisitors = rule.create(new FileRuleContext(this, rule), options);
      } catch (error) {
        this.internalError(ruleId, error, [0, 0]);
        continue;
      } finally {
        if (timings) timings.addRule(ruleId, timings.now() - started!);
      }
      // for-in, not Object.entries: this runs for every rule of every file.
      for (const key in ruleVisitors) {
        const fn = ruleVisitors[key];
        if (typeof fn !== 'function') continue;
        let list = this.visitors.get(key);
        if (!list) {
          list = new Array<VisitorEntry>();
          this.visitors.set(key, list);
        }
        list.push(new VisitorEntry(ruleId, fn as VisitorEntry['fn']));
      }
    }
  }

  visitDocument(doc: SourceDocument, resources: readonly Resource[], counts: DocumentCounts): void {
    this.currentDocument = doc;
    this.currentResource = undefined;
    this.call('Document', doc);
    if (doc.hasSyntaxErrors || doc.conversionError) {
      counts.brokenDocuments += 1;
      return;
    }
    const listEntries = listEntryCount(doc.value);
    if (listEntries === undefined && resources.length === 0) {
      // `kind: Pod` without an apiVersion is a Kubernetes object that cannot be linted, not another tool's YAML.
      if (namesObjectType(doc.value)) counts.unlintedDocuments += 1;
      else counts.otherDocuments += 1;
      return;
    }
    // A List is a Kubernetes document whatever it holds: its entries are objects, or counted as not linted.
    if (listEntries === 0) counts.emptyLists += 1;
    if (listEntries !== undefined) counts.unlintedListItems += listEntries - resources.length;
    for (const resource of resources) {
      counts.resources += 1;
      this.currentResource = resource;
      this.call('Resource', resource);
      if (!SPECIAL_VISITOR_KEYS.has(resource.kind)) this.call(resource.kind, resource);
      const podSpec = resource.podSpec;
      if (!podSpec) continue;
      this.call('PodSpec', podSpec, resource);
      if (this.visitors.has('Container')) {
        for (const container of podSpec.containers) this.call('Container', container, podSpec, resource);
      }
    }
    this.currentResource = undefined;
  }

  // Fixed arities rather than rest arguments: spreading them showed up in profiles of large runs.
  private call(key: keyof SpecialVisitors | string, first: unknown, second?: unknown, third?: unknown): void {
    const entries = this.visitors.get(key);
    if (!entries) return;
    // One test per key and object when timing is off: the clock is read only in callTimed.
    if (this.timings) return this.callTimed(this.timings, entries, first, second, third);
    // Indexed: for-of made an iterator and a result object per visitor until V8 optimized this.
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index]!;
      try {
        entry.fn(first, second, third);
      } catch (error) {
        this.internalError(entry.ruleId, error, this.currentAnchor());
      }
    }
  }

  /** call() with each visitor's time added to its rule's. */
  private callTimed(timings: LintTimings, entries: readonly VisitorEntry[], first: unknown, second: unknown, third: unknown): void {
    for (const entry of entries) {
      const started = timings.now();
      try {
        entry.fn(first, second, third);
      } catch (error) {
        this.internalError(entry.ruleId, error, this.currentAnchor());
      }
      timings.addRule(entry.ruleId, timings.now() - started);
    }
  }

  private currentAnchor(): OffsetRange {
    if (this.currentResource) return rangeOfPath(this.currentResource.document, this.currentResource.at('kind')).offsets;
    if (this.currentDocument) return firstLineAt(this.currentDocument, []);
    return [0, 0];
  }

  private internalError(ruleId: string, error: unknown, anchor: OffsetRange): void {
    const documentIndex = this.currentDocument?.index ?? 0;
    const key = `${ruleId}@${documentIndex}`;
    if (this.failed.has(key)) return;
    this.failed.add(key);
    const reason = error instanceof Error ? error.message : String(error);
    const offsets = this.file.wholeCharacters(anchor);
    this.messages.push({
      ruleId: INTERNAL_ERROR_RULE,
      messageId: 'ruleFailed',
      message: `Rule "${ruleId}" failed on document ${documentIndex + 1} of this file: ${reason}. This is a bug in podlint; please report it.`,
      severity: 'error',
      filePath: this.input.filePath,
      range: this.file.rangeOf(offsets),
      offsets,
    });
  }

  report(rule: AnyRuleModule, descriptor: ReportDescriptor<string>): void {
    const template = rule.meta.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`rule ${rule.name} reported unknown messageId "${descriptor.messageId}"`);
    const resource = descriptor.resource ?? this.currentResource;
    const doc = resource?.document ?? this.currentDocument;
    if (resource && resource.document.file !== this.file) {
      throw new Error(`rule ${rule.name} reported on ${resource.document.file.path} while linting ${this.file.path}`);
    }
    const offsets = this.file.wholeCharacters(this.offsetsOf(descriptor, doc));
    const configured = this.input.config.rules.get(rule.name)?.severity ?? rule.meta.severity;
    const severity = descriptor.severity !== undefined && configured === rule.meta.severity ? descriptor.severity : configured;
    const message: LintMessage = {
      ruleId: rule.name,
      messageId: descriptor.messageId,
      message: formatMessage(rule.name, template, descriptor.data),
      severity,
      filePath: this.input.filePath,
      range: this.file.rangeOf(offsets),
      offsets,
    };
    if (resource) message.object = resource.ref;
    // In a document with aliases, an edit may land in an anchored node that other places repeat (or reach it
    // through an alias): it would change what it was not asked to change, so no fix is offered there.
    const editable = !doc || !hasAliases(doc);
    const fix = descriptor.fix && editable ? toFix(descriptor.fix) : undefined;
    if (fix) message.fix = fix;
    if (editable && descriptor.suggest && descriptor.suggest.length > 0) {
      message.suggestions = descriptor.suggest.flatMap((suggestion) => {
        const suggestionFix = toFix(suggestion.fix);
        const suggestionTemplate = rule.meta.messages[suggestion.messageId];
        if (suggestionTemplate === undefined) throw new Error(`rule ${rule.name} suggested unknown messageId "${suggestion.messageId}"`);
        if (!suggestionFix) return [];
        return [{ messageId: suggestion.messageId, message: formatMessage(rule.name, suggestionTemplate, suggestion.data), fix: suggestionFix }];
      });
    }
    this.messages.push(message);
  }

  private offsetsOf(descriptor: ReportDescriptor<string>, doc: SourceDocument | undefined): OffsetRange {
    if (descriptor.offsets) return descriptor.offsets;
    if (descriptor.node) {
      const node = descriptor.node as unknown;
      if (isPair(node) && (node.key as Node | null)?.range) {
        const range = (node.key as Node).range!;
        return [range[0], range[1]];
      }
      const range = descriptor.node.range;
      if (range) return [range[0], range[1]];
    }
    if (!doc) return [0, 0];
    if (descriptor.path) return rangeOfPath(doc, descriptor.path, descriptor.at ?? 'value').offsets;
    return firstLineAt(doc, []);
  }
}

function toFix(fn: FixFunction): Fix | undefined {
  const result = fn(fixer);
  if (!result) return undefined;
  const edits: TextEdit[] = Array.isArray(result) ? [...(result as readonly TextEdit[])] : [result as TextEdit];
  return edits.length > 0 ? { edits } : undefined;
}

/**
 * The order of a file's messages: position, then rule, then message, the texts compared by UTF-16 code units. Not
 * localeCompare: its order depends on the machine's locale, and the collation it runs was a tenth of linting's own
 * time in a corpus run (4,600 messages).
 */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.offsets[0] - b.offsets[0] || a.offsets[1] - b.offsets[1] || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Applies suppressions, sorts (position, rule, message) so that output is deterministic, and drops duplicates. */
function finishMessages(messages: LintMessage[], file: SourceFile, prepared: PreparedFile): LintMessage[] {
  const suppressions = Suppressions.fromText(file.text, () => file.lineStarts);
  for (const resources of prepared.resourcesByDocument.values()) {
    for (const resource of resources) addIgnoreAnnotations(suppressions, resource);
  }
  const unsuppressed = messages.filter(
    (message) => message.ruleId === INTERNAL_ERROR_RULE || !suppressions.isSuppressed(message.ruleId, message.range.start.line, message.offsets[0]),
  );
  unsuppressed.sort(compareMessages);
  // Sorted, a message's duplicates (same rule, range and text) are in the run of messages of its rule and range just
  // before it; the sort is stable, so the first one reported is kept. Only runs of more than one message need a set
  // of texts: a key string for every message made this check a tenth of the function's time.
  const kept: LintMessage[] = [];
  let texts: Set<string> | undefined;
  for (const message of unsuppressed) {
    const previous = kept[kept.length - 1];
    if (!previous || previous.offsets[0] !== message.offsets[0] || previous.offsets[1] !== message.offsets[1] || previous.ruleId !== message.ruleId) {
      texts = undefined;
    } else {
      texts ??= new Set([previous.message]);
      if (texts.has(message.message)) continue;
      texts.add(message.message);
    }
    kept.push(message);
  }
  return kept;
}

function addIgnoreAnnotations(suppressions: Suppressions, resource: Resource): void {
  // For every object of the run, so without lists: almost none has the annotation.
  const own = ignoreAnnotation(resource.metadata);
  const template = ignoreAnnotation(resource.podSpec?.metadata);
  if (own === undefined && template === undefined) return;
  const node = nodeAtPath(resource.document, resource.path);
  const range = node?.range;
  if (!range) return;
  if (own !== undefined) suppressions.addObject([range[0], range[2]], own);
  if (template !== undefined) suppressions.addObject([range[0], range[2]], template);
}

function ignoreAnnotation(metadata: Record<string, unknown> | undefined): string | undefined {
  const value = isPlainObject(metadata?.annotations) ? metadata.annotations[IGNORE_ANNOTATION] : undefined;
  return typeof value === 'string' ? value : undefined;
}
