// The language server: wires the LSP connection to core (STYLE.md point 10). Documents are linted through a
// DocumentLinter each (cached per uri@version; only changed YAML documents are linted again), diagnostics are
// pulled by clients that can (textDocument/diagnostic) and pushed after a short pause otherwise, never older
// over newer. Every handler is guarded: an error is logged to the client and the server keeps serving.
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_MB, overSizeLimit } from '@podlint/cli';
import { CONFIG_FILE_NAMES, INTERNAL_ERROR_RULE, Linter, forgetSchemaFile, getIn, type ConfigError, type LintMessage, type RuleRegistry } from '@podlint/core';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, codeActions } from './code-actions.js';
import { ConfigStore, configTextProblem, parseEditorSettings } from './config-store.js';
import { completionSite, cursorContext } from './cursor-context.js';
import { configErrorDiagnostic, notLintedDiagnostic, toDiagnostic } from './diagnostics.js';
import { DocumentLinter, type DocumentLint } from './document-linter.js';
import { chunkAt, splitDocuments } from './document-splitter.js';
import { completionItems, fieldHover, ruleHover, type FieldDocsProvider } from './field-docs.js';
import { multiLineScalarLookup } from './multi-line-scalars.js';
import { SchemaFileBuffers } from './schema-buffers.js';
import { WorkspaceIndex } from './workspace-index.js';
import { DEFAULT_SCAN_LIMITS, WorkspaceFiles, type ScanLimits } from './workspace-scan.js';

export interface ServerOptions {
  registry: RuleRegistry;
  /** Field documentation for hover and completion (from the Kubernetes API schemas). */
  fieldDocs?: FieldDocsProvider;
  /** Pause between a change and pushed diagnostics; clients that pull ask when they want. */
  debounceMs?: number;
  scanLimits?: Partial<ScanLimits>;
  version?: string;
}

export const DEFAULT_DEBOUNCE_MS = 30;

export function startServer(connection: Connection, options: ServerOptions): void {
  const { registry, fieldDocs } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const documents = new TextDocuments(TextDocument);
  const linter = new Linter(registry);
  const configs = new ConfigStore(registry);
  const index = new WorkspaceIndex((path) => configs.isIgnored(path));
  const workspaceFiles = new WorkspaceFiles(index, { ...DEFAULT_SCAN_LIMITS, ...options.scanLimits });
  const linters = new Map<string, DocumentLinter>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  const publishedVersions = new Map<string, number>();
  const pulledReports = new Map<string, { json: string; resultId: string }>();
  const configErrorUris = new Map<string, string>();
  const loggedErrors = new Set<string>();
  let roots: string[] = [];
  let pullDiagnostics = false;
  let refreshSupport = false;
  let versionedEdits = false;
  let configurationRequests = false;
  let watchedFilesRegistration = false;
  let refreshTimer: NodeJS.Timeout | undefined;
  let resultCounter = 0;
  let maxFileMegabytes = DEFAULT_MAX_FILE_MB;

  const logError = (what: string, error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`podlint: ${what} failed: ${detail}`);
  };

  function guard<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      logError(what, error);
      return fallback;
    }
  }

  /** Where the server is in the protocol's lifecycle: requests are answered only between initialize and shutdown. */
  let phase: 'starting' | 'running' | 'shut down' = 'starting';

  /**
   * A request, answered as the protocol asks: an error before initialize (ServerNotInitialized) and after shutdown
   * (InvalidRequest), InvalidParams when a field it reads is missing, and otherwise `fn`, guarded.
   */
  function request<T>(what: string, params: unknown, needs: readonly string[], fallback: T, fn: () => T): T {
    if (phase === 'starting') throw new ResponseError(ErrorCodes.ServerNotInitialized, `podlint-lsp: ${what} before initialize`);
    if (phase === 'shut down') throw new ResponseError(ErrorCodes.InvalidRequest, `podlint-lsp: ${what} after shutdown`);
    const missing = needs.find((path) => (getIn(params, path.split('.')) ?? undefined) === undefined);
    if (missing) throw new ResponseError(ErrorCodes.InvalidParams, `podlint-lsp: ${what} needs params.${missing}`);
    return guard(what, fallback, fn);
  }

  const isFile = (uri: string) => uri.startsWith('file:');
  const filePathOf = (uri: string): string => {
    if (isFile(uri)) return fileURLToPath(uri);
    // A buffer that is no file (untitled, git:, a diff view's old revision): its config is looked up as if it sat in
    // the first workspace folder; its objects stay out of the workspace's (DocumentLinter.inWorkspace).
    return join(roots[0] ?? process.cwd(), uri.replace(/^[a-z]+:/i, '').replace(/[^\w.-]+/g, '_') || 'untitled.yaml');
  };
  const isConfigFile = (path: string) => (CONFIG_FILE_NAMES as readonly string[]).includes(basename(path));
  const isJson = (document: TextDocument) => document.languageId === 'json' || extname(document.uri).toLowerCase() === '.json';

  function lintDocument(document: TextDocument): DocumentLint {
    const filePath = filePathOf(document.uri);
    const { config, error } = configs.resolve(filePath);
    if (error) reportConfigError(error);
    let documentLinter = linters.get(document.uri);
    if (!documentLinter) {
      documentLinter = new DocumentLinter(linter, index, filePath, isFile(document.uri));
      linters.set(document.uri, documentLinter);
    }
    const generation = index.generation;
    const result = documentLinter.lint(document.getText(), document.version, config);
    if (result.linted > 0) logInternalErrors(document.uri, result.messages);
    if (index.generation !== generation) revalidateOthers(document.uri);
    return result;
  }

  /** Why a document is too large to lint (podlint.maxFileSize, as the command's --max-file-size), if it is. */
  function tooLarge(document: TextDocument): string | undefined {
    return overSizeLimit(Buffer.byteLength(document.getText()), maxFileMegabytes);
  }

  /** A file that its config's `ignores` leave out gets no diagnostics, as the command skips it. */
  function isIgnored(document: TextDocument): boolean {
    return isFile(document.uri) && configs.isIgnored(fileURLToPath(document.uri));
  }

  /** The document's messages; none for one too large to lint or ignored. */
  function messagesOf(document: TextDocument): readonly LintMessage[] {
    return tooLarge(document) || isIgnored(document) ? [] : lintDocument(document).messages;
  }

  function diagnosticsFor(document: TextDocument): Diagnostic[] {
    const filePath = filePathOf(document.uri);
    if (isConfigFile(filePath)) {
      const problem = configTextProblem(document.getText(), filePath, registry);
      return problem ? [configErrorDiagnostic(problem, document.getText())] : [];
    }
    if (isIgnored(document)) return [];
    const oversize = tooLarge(document);
    if (oversize) return [notLintedDiagnostic(oversize, document.getText())];
    return lintDocument(document).messages.map((message) => toDiagnostic(message, registry));
  }

  /** A rule that threw is podlint's bug: say so in the log once, besides the diagnostic the engine made. */
  function logInternalErrors(uri: string, messages: readonly LintMessage[]): void {
    for (const message of messages) {
      if (message.ruleId !== INTERNAL_ERROR_RULE) continue;
      const key = `${uri}\u0000${message.message}`;
      if (loggedErrors.has(key)) continue;
      loggedErrors.add(key);
      connection.console.error(`podlint: ${uri}:${message.range.start.line + 1}:${message.range.start.character + 1}: ${message.message}`);
    }
  }

  /** A config that cannot be read is shown on the config file itself (its own diagnostics while it is open). */
  function reportConfigError(error: ConfigError): void {
    const uri = pathToFileURL(error.filePath).href;
    if (configErrorUris.get(uri) === error.message) return;
    configErrorUris.set(uri, error.message);
    connection.console.warn(`podlint: ${error.format()} (linting with the defaults until it is fixed)`);
    if (documents.get(uri)) return;
    let text = '';
    try {
      text = readFileSync(error.filePath, 'utf8');
    } catch {
      // Deleted meanwhile: the position still says where the problem was.
    }
    void connection.sendDiagnostics({ uri, diagnostics: [configErrorDiagnostic(error, text)] });
  }

  function clearConfigErrors(): void {
    for (const uri of configErrorUris.keys()) {
      if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    configErrorUris.clear();
  }

  /** Another document changed the workspace's objects: open documents whose results saw them are redone. */
  function revalidateOthers(exceptUri?: string): void {
    for (const document of documents.all()) {
      if (document.uri === exceptUri) continue;
      const documentLinter = linters.get(document.uri);
      if (!documentLinter?.lastResult) continue;
      const { config } = configs.resolve(documentLinter.filePath);
      if (documentLinter.isCurrent(document.version, config)) continue;
      if (pullDiagnostics) requestRefresh();
      else schedulePush(document.uri, debounceMs);
    }
  }

  function revalidateAll(): void {
    if (pullDiagnostics) requestRefresh();
    else for (const document of documents.all()) schedulePush(document.uri, debounceMs);
  }

  function requestRefresh(): void {
    if (!refreshSupport || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      connection.languages.diagnostics.refresh().catch((error: unknown) => logError('diagnostics refresh', error));
    }, debounceMs);
  }

  function schedulePush(uri: string, delay: number): void {
    clearTimeout(pushTimers.get(uri));
    pushTimers.set(
      uri,
      setTimeout(() => {
        pushTimers.delete(uri);
        guard('linting', undefined, () => pushDiagnostics(uri));
      }, delay),
    );
  }

  function pushDiagnostics(uri: string): void {
    const document = documents.get(uri);
    if (!document) return;
    const diagnostics = diagnosticsFor(document);
    // Only the newest text's diagnostics: never send a result for a version older than one already sent.
    if ((publishedVersions.get(uri) ?? -1) > document.version || documents.get(uri)?.version !== document.version) return;
    publishedVersions.set(uri, document.version);
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  function configChanged(): void {
    configs.invalidate();
    index.ignoresChanged();
    clearConfigErrors();
    revalidateAll();
  }

  async function loadSettings(raw?: unknown): Promise<void> {
    let settings = raw;
    if (settings === undefined && configurationRequests) settings = await connection.workspace.getConfiguration('podlint');
    const parsed = parseEditorSettings(settings, registry);
    for (const problem of parsed.problems) connection.console.warn(`podlint: ${problem} (ignored)`);
    if (parsed.problems.length > 0) void connection.window.showWarningMessage(`podlint: ${parsed.problems.join('; ')}`);
    configs.setSettings(parsed.settings);
    maxFileMegabytes = parsed.settings.maxFileSize ?? DEFAULT_MAX_FILE_MB;
    clearConfigErrors();
    revalidateAll();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    phase = 'running';
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    refreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    versionedEdits = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    configurationRequests = capabilities.workspace?.configuration === true;
    watchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    if (roots.length === 0 && params.rootPath) roots = [params.rootPath];
    const initial = params.initializationOptions as { settings?: unknown } | undefined;
    if (initial?.settings !== undefined) {
      const parsed = parseEditorSettings(initial.settings, registry);
      for (const problem of parsed.problems) connection.console.warn(`podlint: ${problem} (ignored)`);
      configs.setSettings(parsed.settings);
      maxFileMegabytes = parsed.settings.maxFileSize ?? DEFAULT_MAX_FILE_MB;
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        ...(fieldDocs ? { completionProvider: { triggerCharacters: [':'] } } : {}),
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'podlint', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'podlint-lsp', version: options.version },
    };
  });

  connection.onShutdown(() => {
    phase = 'shut down';
  });

  connection.onInitialized(() => {
    if (watchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.podlint.{yaml,yml}' }],
        })
        .catch((error: unknown) => logError('registering file watchers', error));
    }
    if (configurationRequests) loadSettings().catch((error: unknown) => logError('reading settings', error));
    if (roots.length > 0) {
      workspaceFiles
        .scan(roots)
        .then((outcome) => {
          if (outcome.stoppedBecause) {
            connection.console.warn(`podlint: the workspace has ${outcome.stoppedBecause}; rules across resources see the open files and the first ${outcome.indexed} files only`);
          } else {
            connection.console.log(`podlint: indexed ${outcome.indexed} workspace files`);
          }
          revalidateOthers();
        })
        .catch((error: unknown) => logError('scanning the workspace', error));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = (params.settings as { podlint?: unknown } | null | undefined)?.podlint;
    loadSettings(settings).catch((error: unknown) => logError('reading settings', error));
  });

  connection.onDidChangeWatchedFiles((params) =>
    guard('file change', undefined, () => {
      let configTouched = false;
      for (const change of params.changes) {
        if (!change.uri.startsWith('file:')) continue;
        const path = fileURLToPath(change.uri);
        // A CRD or JSON Schema file named in `schemas:` is read with the config: a change to it is a change of config.
        if (isConfigFile(path) || forgetSchemaFile(path)) configTouched = true;
        if (!isConfigFile(path) && !documents.get(change.uri)) {
          if (change.type === FileChangeType.Deleted) workspaceFiles.remove(path);
          else workspaceFiles.refresh(path);
        }
      }
      if (configTouched) configChanged();
      else revalidateOthers();
    }),
  );

  // A `schemas:` file open in the editor counts as it stands there, saved or not.
  const schemaBuffers = new SchemaFileBuffers((uri) => documents.get(uri)?.getText(), debounceMs, () => guard('reading the config', undefined, configChanged));

  documents.onDidOpen(({ document }) => guard('opening a document', undefined, () => schemaBuffers.opened(document.uri)));

  documents.onDidChangeContent(({ document }) => {
    if (!pullDiagnostics) schedulePush(document.uri, publishedVersions.has(document.uri) ? debounceMs : 0);
    schemaBuffers.changed(document.uri);
  });

  // Saving is also how a client that does not watch files tells of a changed config (configs are read from the disk;
  // an open one shows its own mistakes as typed). A `schemas:` file counts as typed, so saving one changes nothing.
  documents.onDidSave(({ document }) => {
    if (isConfigFile(filePathOf(document.uri))) guard('reading the config', undefined, configChanged);
  });

  documents.onDidClose(({ document }) =>
    guard('closing a document', undefined, () => {
      clearTimeout(pushTimers.get(document.uri));
      pushTimers.delete(document.uri);
      publishedVersions.delete(document.uri);
      pulledReports.delete(document.uri);
      schemaBuffers.closed(document.uri);
      const documentLinter = linters.get(document.uri);
      linters.delete(document.uri);
      if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      if (!documentLinter) return;
      documentLinter.close();
      if (!documentLinter.inWorkspace) return;
      // The file on disk (if it is one of the workspace's) takes the editor text's place among the objects.
      workspaceFiles.refresh(documentLinter.filePath);
      revalidateOthers();
    }),
  );

  const POSITION = ['textDocument.uri', 'position.line', 'position.character'];

  connection.languages.diagnostics.on((params): DocumentDiagnosticReport =>
    request<DocumentDiagnosticReport>('diagnostics', params, ['textDocument.uri'], { kind: 'full', items: [] }, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return { kind: 'full', items: [] };
      const items = diagnosticsFor(document);
      const json = JSON.stringify(items);
      const previous = pulledReports.get(document.uri);
      if (previous && previous.json === json && params.previousResultId === previous.resultId) return { kind: 'unchanged', resultId: previous.resultId };
      resultCounter += 1;
      const resultId = previous?.json === json ? previous.resultId : String(resultCounter);
      pulledReports.set(document.uri, { json, resultId });
      return { kind: 'full', resultId, items };
    }),
  );

  connection.onCodeAction((params) =>
    request('code actions', params, ['textDocument.uri', 'range.start', 'range.end', 'context'], [], () => {
      const document = documents.get(params.textDocument.uri);
      if (!document || isConfigFile(filePathOf(document.uri))) return [];
      return codeActions({
        document,
        messages: messagesOf(document),
        range: params.range,
        only: params.context.only,
        versionedEdits,
        allowComments: !isJson(document),
        multiLineScalarAt: multiLineScalarLookup(document.getText(), (text) => linters.get(document.uri)?.parsedDocument(text)),
        toDiagnostic: (message) => toDiagnostic(message, registry),
      });
    }),
  );

  connection.onHover((params) =>
    request('hover', params, POSITION, null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document || isConfigFile(filePathOf(document.uri))) return null;
      const { line, character } = params.position;
      const sections: string[] = [];
      const seen = new Set<string>();
      for (const message of messagesOf(document)) {
        const { start, end } = message.range;
        const afterStart = line > start.line || (line === start.line && character >= start.character);
        const beforeEnd = line < end.line || (line === end.line && character < end.character);
        const rule = registry[message.ruleId];
        if (!afterStart || !beforeEnd || !rule || seen.has(message.ruleId)) continue;
        seen.add(message.ruleId);
        sections.push(ruleHover(rule));
      }
      if (fieldDocs) {
        const text = document.getText();
        const offset = document.offsetAt(params.position);
        const chunk = chunkAt(splitDocuments(text) ?? [{ text, offset: 0, line: 0 }], offset);
        const context = cursorContext(chunk.text, offset - chunk.offset, linters.get(document.uri)?.parsedDocument(chunk.text));
        const field = context ? fieldHover(fieldDocs, context) : undefined;
        if (field) sections.push(field);
      }
      return sections.length > 0 ? { contents: { kind: 'markdown' as const, value: sections.join('\n\n---\n\n') } } : null;
    }),
  );

  if (fieldDocs) {
    connection.onCompletion((params) =>
      request('completion', params, POSITION, [], () => {
        const document = documents.get(params.textDocument.uri);
        // Items are written as YAML (`key: `, bare enum values): in a JSON document they would break it.
        if (!document || isConfigFile(filePathOf(document.uri)) || isJson(document)) return [];
        const text = document.getText();
        const offset = document.offsetAt(params.position);
        const chunk = chunkAt(splitDocuments(text) ?? [{ text, offset: 0, line: 0 }], offset);
        const site = completionSite(chunk.text, offset - chunk.offset, linters.get(document.uri)?.parsedDocument(chunk.text));
        if (!site) return [];
        const range = { start: document.positionAt(site.word[0] + chunk.offset), end: document.positionAt(site.word[1] + chunk.offset) };
        return completionItems(fieldDocs, site, range);
      }),
    );
  }

  documents.listen(connection);
  connection.listen();
}
