// A small LSP client for the protocol tests: starts a server process on stdio and speaks JSON-RPC to it
// (vscode-jsonrpc's node transport), recording what the server sends on its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, LogMessageParams, PublishDiagnosticsParams } from 'vscode-languageserver';

export const SERVER_BIN = fileURLToPath(new URL('../../bin/podlint-lsp.js', import.meta.url));
export const TEST_SERVER = fileURLToPath(new URL('./server-with-test-rules.js', import.meta.url));

export interface StartOptions {
  /** The script to run (the real bin by default). */
  script?: string;
  rootPath?: string;
  capabilities?: ClientCapabilities;
  /** Answer to workspace/configuration requests for section "podlint". */
  settings?: unknown;
  initializationOptions?: unknown;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** False to leave initialize to the test (to send requests before it). */
  initialize?: boolean;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly shown: LogMessageParams[] = [];
  refreshRequests = 0;
  registrations: unknown[] = [];
  settings: unknown;
  exitCode: number | null | undefined;
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [options.script ?? SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    client.settings = options.settings;
    child.on('exit', (code) => {
      client.exitCode = code;
      client.changed();
    });
    child.stderr!.on('data', () => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.push(params);
      client.changed();
    });
    connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      client.logs.push(params);
      client.changed();
    });
    connection.onNotification('window/showMessage', (params: LogMessageParams) => {
      client.shown.push(params);
      client.changed();
    });
    connection.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.settings ?? null));
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests += 1;
      client.changed();
      return null;
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.listen();
    if (options.initialize === false) return client;
    const rootUri = options.rootPath ? new URL(`file://${options.rootPath}`).href : null;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'test' }] : null,
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Waits until `probe` returns something (re-checked on every message from the server); rejects after `ms`. */
  async waitFor<T>(what: string, probe: () => T | undefined, ms = 10000): Promise<T> {
    const found = probe();
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; logs: ${JSON.stringify(this.logs.map((log) => log.message))}`));
      }, ms);
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(value);
      };
      this.listeners.add(check);
    });
  }

  /** The newest pushed diagnostics for `uri` (at `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri}${version === undefined ? '' : `@${version}`}`, () => {
      const last = this.published.filter((params) => params.uri === uri).at(-1);
      if (!last || (version !== undefined && last.version !== version)) return undefined;
      return last.diagnostics;
    });
  }

  async stop(): Promise<number | null | undefined> {
    if (this.exitCode === undefined) {
      await this.request('shutdown', null);
      await this.notify('exit', null);
      await this.waitFor('the server to exit', () => (this.exitCode === undefined ? undefined : true));
    }
    this.connection.dispose();
    return this.exitCode;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
