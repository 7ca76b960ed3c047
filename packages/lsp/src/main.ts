// The podlint-lsp command: a language server on stdio (or --node-ipc / --socket=N, as vscode-languageserver
// reads them from the command line).
import { createRequire } from 'node:module';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { schemaFieldDocs } from './schema-field-docs.js';
import { startServer } from './server.js';

const USAGE = `Usage: podlint-lsp --stdio

podlint's language server: diagnostics as you type, quick fixes, hover and completion for Kubernetes YAML.
Start it from your editor (see docs/editors.md); it speaks LSP on stdin/stdout.
`;

export async function main(argv: readonly string[]): Promise<number | undefined> {
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h') || !argv.some((arg) => /^--(stdio|node-ipc|socket|pipe)/.test(arg))) {
    process.stdout.write(USAGE);
    return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  const { rules } = await import('@podlint/rules');
  const connection = createConnection(ProposedFeatures.all);
  // The server must outlive any one bad request; handlers log their own errors, this catches the rest.
  process.on('uncaughtException', (error) => connection.console.error(`podlint: internal error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`podlint: internal error: ${String(reason)}`));
  startServer(connection, { registry: rules, version, fieldDocs: schemaFieldDocs });
  return undefined;
}
