// The objects of a run, across threads: each worker of `podlint --jobs` parses and lints its share of the files,
// but rules across resources (Services and their pods, duplicates, CRDs) must see every object of the run. A
// worker sends the plain values of its files' documents; the others rebuild Resources from them on documents
// without source, which rules read but never report on (a report stays in the file being linted).
import { documentResources, type Resource } from './kubernetes.js';
import type { PreparedFile } from './linter.js';
import { SourceDocument, SourceFile } from './source.js';

/** One file's objects as structured-clone-able data. */
export interface TransferredFile {
  filePath: string;
  documents: { index: number; value: unknown }[];
}

export function transferableResources(prepared: PreparedFile): TransferredFile {
  const documents: TransferredFile['documents'] = [];
  for (const [doc, resources] of prepared.resourcesByDocument) {
    if (resources.length > 0) documents.push({ index: doc.index, value: doc.value });
  }
  return { filePath: prepared.input.filePath, documents };
}

/** The Resources of a file another thread parsed, in document order. */
export function detachedResources(transferred: TransferredFile): Resource[] {
  const file = new SourceFile(transferred.filePath, '');
  return transferred.documents.flatMap(({ index, value }) => documentResources(SourceDocument.detached(file, index, value)));
}
