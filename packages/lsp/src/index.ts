// @podlint/lsp as a library: start the server on a connection of your own (an editor extension, the tests), or
// reuse its pieces (the cursor's field, code actions, the incremental document linter).
export { startServer, DEFAULT_DEBOUNCE_MS, type ServerOptions } from './server.js';
export { type FieldDoc, type FieldDocsProvider, fieldHover, fieldName, completionItems, ruleHover } from './field-docs.js';
export { cursorContext, completionSite, type CursorContext, type CompletionSite, type ObjectType } from './cursor-context.js';
export { DocumentLinter, type DocumentLint } from './document-linter.js';
export { WorkspaceIndex } from './workspace-index.js';
export { codeActions, FIX_ALL_KIND } from './code-actions.js';
