// The `schemas:` files of .podlint.yaml (CRDs, JSON Schemas) as the editor holds them: an open one counts as it
// stands in its buffer, saved or not, as the editor shows it and yaml-language-server treats it. Core asks here for
// a file's text whenever a config reads one (so the order of opening files and loading configs does not matter);
// an edit, an opening or a closing of one is told to the server once typing pauses, which then loads the configs
// again and lints the open documents again. Any other document costs a map lookup per change.
import { fileURLToPath } from 'node:url';
import { forgetSchemaFile, isSchemaFile, readSchemaFilesFrom } from '@podlint/core';

export class SchemaFileBuffers {
  /** The path of each open `file:` document, and the other way round: configs ask for `schemas:` files by path. */
  private readonly pathOfUri = new Map<string, string>();
  private readonly uriOfPath = new Map<string, string>();
  /** Files whose text changed in the editor since the configs last read them. */
  private readonly edited = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /**
   * `textOf` gives an open document's text by uri; `reload` loads the configs again and lints the open documents
   * again, called `delayMs` after the last change of a `schemas:` file's buffer. Core asks one reader per process:
   * the latest instance's.
   */
  constructor(
    textOf: (uri: string) => string | undefined,
    private readonly delayMs: number,
    private readonly reload: () => void,
  ) {
    readSchemaFilesFrom((path) => {
      const uri = this.uriOfPath.get(path);
      return uri === undefined ? undefined : textOf(uri);
    });
  }

  opened(uri: string): void {
    if (!uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    this.pathOfUri.set(uri, path);
    this.uriOfPath.set(path, uri);
  }

  /** After opened, for the opening too: a buffer restored with unsaved edits differs from the disk. */
  changed(uri: string): void {
    const path = this.pathOfUri.get(uri);
    if (path !== undefined && isSchemaFile(path)) this.schedule(path);
  }

  /** Closed: the file on disk counts again. */
  closed(uri: string): void {
    const path = this.pathOfUri.get(uri);
    if (path === undefined) return;
    this.pathOfUri.delete(uri);
    if (this.uriOfPath.get(path) === uri) this.uriOfPath.delete(path);
    if (isSchemaFile(path)) this.schedule(path);
  }

  /** Debounced, as pushed diagnostics are: converting the CRD and loading its configs at every keystroke is waste. */
  private schedule(path: string): void {
    this.edited.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const edited of this.edited) forgetSchemaFile(edited);
      this.edited.clear();
      this.reload();
    }, this.delayMs);
  }
}
