// Lints one open document for the editor, re-linting only the YAML documents (chunks between `---` lines) whose
// text changed. A chunk is linted on its own, and its results are moved to where the chunk now sits; the rest of
// the file counts as the workspace around it. Why this gives what linting the whole file gives:
//  - suppressions: a chunk applies its own comments; the file's comments are applied again to every result
//    (a directive in one document may cover another: `podlint-disable-file`, an open `podlint-disable`);
//  - rules across resources: the chunk's lint sees the whole workspace in file order (this file's other
//    documents included) through a recording proxy, which notes the kinds it listed (or that it looked at
//    everything); the result is reused only while those objects are unchanged (WorkspaceIndex.signature);
//  - file-wide decisions (Helm templates, `%` directives, a broken file that names no apiVersion or kind)
//    fall back to linting the whole file, where the engine decides as the command line does;
//  - so do the few broken documents that the parser reads otherwise in the whole file, where a `---` line follows
//    them (an unclosed quote runs on past it) or precedes them (an error there can go to the document before).
// What a chunk cannot reproduce: a message's text that quotes a line number of another document, or a
// document's index, would count from the chunk. No rule does; rules compare objects by project order and identity.
import {
  INTERNAL_ERROR_RULE,
  compareMessages,
  SourceFile,
  Suppressions,
  type SourceDocument,
  type Linter,
  type LintMessage,
  type PreparedFile,
  type ProjectIndex,
  type ResolvedConfig,
  type Fix,
} from '@podlint/core';
import type { Document } from 'yaml';
import { splitDocuments, type TextChunk } from './document-splitter.js';
import {
  hasDependencies,
  newPartKey,
  noDependencies,
  type Dependencies,
  type IndexedPart,
  type WorkspaceIndex,
} from './workspace-index.js';

export interface DocumentLint {
  version: number;
  config: ResolvedConfig;
  messages: LintMessage[];
  dependencies: Dependencies;
  signature: string;
  /** How many chunks were linted (not reused) to make this result: 0 for a result that was still current. */
  linted: number;
}

interface ChunkState {
  text: string;
  part: IndexedPart;
  /** The chunk parsed once; rules across the project run on it again after every change elsewhere. */
  prepared: PreparedFile;
  lint?: { config: ResolvedConfig; messages: LintMessage[]; dependencies: Dependencies; signature: string; skipped: boolean };
  /** Whether a `---` line after the chunk changes how it parses (endsApart), worked out on first use. */
  endsApart?: boolean;
}

export class DocumentLinter {
  private chunks: ChunkState[] = [];
  /** The text and parse of the last lint that took the file whole (one document, or documents it could not split). */
  private whole: { text: string; prepared: PreparedFile } | undefined;
  private last: DocumentLint | undefined;
  private readonly splitConfigs = new WeakMap<ResolvedConfig, { local: ResolvedConfig; project: ResolvedConfig | undefined }>();

  constructor(
    private readonly linter: Linter,
    private readonly index: WorkspaceIndex,
    readonly filePath: string,
    /**
     * False for a buffer that is no file of the workspace (untitled, an old revision in a diff view): it reads the
     * workspace's objects, but its own never join them, or the file it is a copy of would be a duplicate of it.
     */
    readonly inWorkspace = true,
  ) {}

  get lastResult(): DocumentLint | undefined {
    return this.last;
  }

  /** True while the last result still holds for this version and config (the objects it saw are unchanged). */
  isCurrent(version: number, config: ResolvedConfig): boolean {
    const last = this.last;
    return last !== undefined && last.version === version && last.config === config && this.index.signature(last.dependencies) === last.signature;
  }

  lint(text: string, version: number, config: ResolvedConfig): DocumentLint {
    if (this.isCurrent(version, config)) return { ...this.last!, linted: 0 };
    // A buffer outside the workspace is linted whole: a chunk's result is reused while the index's signature of what
    // it read is unchanged, and that signature knows nothing of the buffer's other chunks.
    const chunks = this.inWorkspace ? splitDocuments(text) : undefined;
    const result = (chunks && chunks.length > 1 && this.lintChunks(text, chunks, version, config)) || this.lintWhole(text, version, config);
    this.last = result;
    return result;
  }

  /**
   * The YAML document the last lint parsed from exactly `text` (one chunk of the file, or all of it), if that
   * text held one document: hover and completion use it instead of parsing it again (seconds on a large file).
   */
  parsedDocument(text: string): Document.Parsed | undefined {
    const prepared = this.whole?.text === text ? this.whole.prepared : this.chunks.find((state) => state.text === text)?.prepared;
    const documents = prepared?.file.documents;
    return documents?.length === 1 ? documents[0]!.yaml : undefined;
  }

  /** Forgets this document (closed): the workspace falls back to the file on disk, if any. */
  close(): void {
    if (this.inWorkspace) this.index.closeFile(this.filePath);
    this.chunks = [];
    this.whole = undefined;
    this.last = undefined;
  }

  private lintChunks(text: string, chunks: readonly TextChunk[], version: number, config: ResolvedConfig): DocumentLint | undefined {
    // The last lint's chunks by text, each list taken from in order. An index, not shift(): the lists of a file of
    // many equal documents are long, and shift() moves all of a long list (seconds for 200,000 equal documents).
    const reusable = new Map<string, { states: ChunkState[]; taken: number }>();
    for (const state of this.chunks) {
      const list = reusable.get(state.text);
      if (list) list.states.push(state);
      else reusable.set(state.text, { states: [state], taken: 0 });
    }
    const reuse = (text: string): ChunkState | undefined => {
      const list = reusable.get(text);
      return list && list.taken < list.states.length ? list.states[list.taken++] : undefined;
    };
    const states = chunks.map((chunk) => reuse(chunk.text) ?? this.newChunk(chunk.text, config));
    const last = states.length - 1;
    if (states.some((state, position) => (position < last && this.endsApart(state)) || (position > 0 && hasErrorBeforeItsDocument(state)))) {
      return undefined;
    }
    this.chunks = states;
    this.whole = undefined;
    this.index.setOpenFile(this.filePath, states.map((state) => state.part));
    const { local, project } = this.splitConfig(config);
    const dependencies = noDependencies();
    const messages: LintMessage[] = [];
    let linted = 0;
    for (const [position, state] of states.entries()) {
      let lint = state.lint;
      if (!lint || lint.config !== local || (hasDependencies(lint.dependencies) && this.index.signature(lint.dependencies) !== lint.signature)) {
        lint = this.lintChunk(state, position, local);
        state.lint = lint;
        linted += 1;
      }
      // The engine skips a whole file on evidence from all of it; let it decide on the whole text.
      if (lint.skipped) return undefined;
      mergeDependencies(dependencies, lint.dependencies);
      let chunkMessages = lint.messages;
      if (project) {
        // Rules that read the whole project run again on every chunk (parsed already, so this is cheap).
        const projectDependencies = noDependencies();
        const result = this.linter.lintPreparedFile(
          state.prepared,
          (own) => recordingProject(this.index.project(this.filePath, { part: position, resources: own }), projectDependencies),
          project,
        );
        mergeDependencies(dependencies, projectDependencies);
        chunkMessages = [...chunkMessages, ...result.messages].sort(compareMessages);
      }
      const chunk = chunks[position]!;
      for (const message of chunkMessages) messages.push(moveMessage(message, chunk.offset, chunk.line));
    }
    return { version, config, messages: applyFileSuppressions(text, messages), dependencies, signature: this.index.signature(dependencies), linted };
  }

  /**
   * True when the chunk ends otherwise than in the whole file, where a `---` line follows it. Core moves an error at
   * the very end of a text back onto its last character; and a `---` changes how a broken chunk ends: it closes an
   * open flow collection with an error, while a quoted scalar never closed runs on across it (silently, at times).
   * A chunk without errors ends there as it does alone; one with errors is parsed again with a `---` line after it,
   * which must add a document there and change no error.
   */
  private endsApart(state: ChunkState): boolean {
    if (state.endsApart === undefined) {
      const end = state.text.length;
      const alone = state.prepared.file.documents;
      if (alone.every((doc) => doc.yamlErrors.length === 0)) {
        state.endsApart = false;
      } else if (alone.some((doc) => doc.yamlErrors.some((error) => error.pos[0] >= end || error.pos[1] > end))) {
        state.endsApart = true;
      } else {
        const followed = new SourceFile(this.filePath, `${state.text}---\n`).documents;
        const sameErrors = followed.length === alone.length + 1 && followed.every((doc, index) => errorsOf(doc) === (index < alone.length ? errorsOf(alone[index]!) : ''));
        state.endsApart = !sameErrors || followed[alone.length]!.yaml.range[0] !== end;
      }
    }
    return state.endsApart;
  }

  private newChunk(text: string, config: ResolvedConfig): ChunkState {
    const prepared = this.linter.prepare({ filePath: this.filePath, text, config, discovered: true });
    // The index holds the very objects the chunk's lint visits, so that rules can tell them apart by identity.
    return { text, prepared, part: { key: newPartKey(), resources: [...prepared.resourcesByDocument.values()].flat() } };
  }

  /** The config's rules split into those cached per chunk and those re-run over every chunk (scope: 'project'). */
  private splitConfig(config: ResolvedConfig): { local: ResolvedConfig; project: ResolvedConfig | undefined } {
    let split = this.splitConfigs.get(config);
    if (!split) {
      const isProjectRule = (id: string) => this.linter.registry[id]?.meta.scope === 'project';
      const projectRules = new Map([...config.rules].filter(([id]) => isProjectRule(id)));
      split = {
        local: projectRules.size === 0 ? config : { ...config, rules: new Map([...config.rules].filter(([id]) => !isProjectRule(id))) },
        project: projectRules.size === 0 ? undefined : { ...config, rules: projectRules },
      };
      this.splitConfigs.set(config, split);
    }
    return split;
  }

  private lintChunk(state: ChunkState, position: number, config: ResolvedConfig): NonNullable<ChunkState['lint']> {
    const dependencies = noDependencies();
    const result = this.linter.lintPreparedFile(
      state.prepared,
      (own) => recordingProject(this.index.project(this.filePath, { part: position, resources: own }), dependencies),
      config,
    );
    return { config, messages: result.messages, dependencies, signature: this.index.signature(dependencies), skipped: result.skipped !== undefined };
  }

  private lintWhole(text: string, version: number, config: ResolvedConfig): DocumentLint {
    this.chunks = [];
    const dependencies = noDependencies();
    const key = newPartKey();
    const prepared = this.linter.prepare({ filePath: this.filePath, text, config, discovered: true });
    this.whole = { text, prepared };
    const result = this.linter.lintPreparedFile(prepared, (own) => {
      if (!this.inWorkspace) return recordingProject(this.index.projectWith(own), dependencies);
      this.index.setOpenFile(this.filePath, [{ key, resources: own }]);
      return recordingProject(this.index.project(this.filePath), dependencies);
    });
    return { version, config, messages: result.messages, dependencies, signature: this.index.signature(dependencies), linted: 1 };
  }
}

/** A memo's value and what computing it read, so that every later use can note that as read too. */
interface RecordedMemo {
  value: unknown;
  read: Dependencies;
}

/** Keys of recorded memos, kept apart from the plain ones of the same key (those hold bare values). */
const recordedKeys = new WeakMap<object, object>();

function recordedKey(key: object | string): object | string {
  if (typeof key === 'string') return `recorded\u0000${key}`;
  let recorded = recordedKeys.get(key);
  if (!recorded) {
    recorded = {};
    recordedKeys.set(key, recorded);
  }
  return recorded;
}

/**
 * The project as the rules see it, noting what they ask for (ofKind: that kind; anything else: everything). A
 * memo is computed once per project, whichever part asks first, and what it read is noted for every part that
 * uses it: each part of a file of thousands of documents once rebuilt every memo.
 */
export function recordingProject(project: ProjectIndex, dependencies: Dependencies): ProjectIndex {
  return new Proxy(project, {
    get(target, property) {
      if (property === 'memo') {
        return (key: object | string, compute: (run: ProjectIndex) => unknown) => {
          const entry = target.memo(recordedKey(key), (run): RecordedMemo => {
            const read = noDependencies();
            return { value: compute(recordingProject(run, read)), read };
          });
          mergeDependencies(dependencies, entry.read);
          return entry.value;
        };
      }
      if (property === 'ofKind') {
        return (kind: string) => {
          dependencies.kinds.add(kind);
          return target.ofKind(kind);
        };
      }
      dependencies.all = true;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function mergeDependencies(into: Dependencies, from: Dependencies): void {
  into.all ||= from.all;
  for (const kind of from.kinds) into.kinds.add(kind);
}

function moveMessage(message: LintMessage, offset: number, line: number): LintMessage {
  if (offset === 0) return message;
  const moved: LintMessage = {
    ...message,
    range: {
      start: { line: message.range.start.line + line, character: message.range.start.character },
      end: { line: message.range.end.line + line, character: message.range.end.character },
    },
    offsets: [message.offsets[0] + offset, message.offsets[1] + offset],
  };
  if (message.fix) moved.fix = moveFix(message.fix, offset);
  if (message.suggestions) moved.suggestions = message.suggestions.map((suggestion) => ({ ...suggestion, fix: moveFix(suggestion.fix, offset) }));
  return moved;
}

function moveFix(fix: Fix, offset: number): Fix {
  return { edits: fix.edits.map((edit) => ({ range: [edit.range[0] + offset, edit.range[1] + offset], text: edit.text })) };
}

/** A document's parser errors, by code and position. */
function errorsOf(doc: SourceDocument): string {
  return doc.yamlErrors.map((error) => `${error.code}@${error.pos.join('-')}`).join(' ');
}

/**
 * True when the chunk's document meets, before its value, a token that no value can start with (a stray `]` after
 * the `---`). The parser reports that before the document itself, so in the whole file the error goes to the
 * document before this one, which core then takes as broken.
 */
function hasErrorBeforeItsDocument(state: ChunkState): boolean {
  const errors = state.prepared.file.documents[0]?.yamlErrors ?? [];
  return errors.some((error) => error.code === 'UNEXPECTED_TOKEN' && error.message.includes('token in YAML document'));
}

function applyFileSuppressions(text: string, messages: LintMessage[]): LintMessage[] {
  if (!text.includes('podlint-')) return messages;
  const suppressions = Suppressions.fromText(text);
  return messages.filter((message) => message.ruleId === INTERNAL_ERROR_RULE || !suppressions.isSuppressed(message.ruleId, message.range.start.line, message.offsets[0]));
}
