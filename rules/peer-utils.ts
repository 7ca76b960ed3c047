// Reading other linters' expected results (../shared/corpus/<peer>/EXPECTED.tsv) and placing podlint's own
// diagnostics on the objects and containers those results talk about, for the peer-agreement test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile, documentResources, nodeAtPath, type FileResult, type LintMessage, type Resource } from '@podlint/core';
import { CORPUS_DIR } from './corpus-utils.js';
import { PROBE_KEYS, type ProbeKey } from './probe-utils.js';

/** One row of a peer's EXPECTED.tsv, by column name. */
export type ExpectedRow = Readonly<Record<string, string>>;

export function readExpected(peer: string): ExpectedRow[] {
  const [header, ...lines] = readFileSync(join(CORPUS_DIR, peer, 'EXPECTED.tsv'), 'utf8').split('\n').filter((line) => line.trim() !== '');
  const columns = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}

/** Where a diagnostic lies: the object (its index among the file's objects), the container, the probe. */
export interface Placement {
  objectIndex: number;
  container?: string;
  probe?: ProbeKey;
}

export interface PlacedFile {
  resources: Resource[];
  place(message: LintMessage): Placement | undefined;
}

/** Re-reads a linted file to map each diagnostic's offset to the object, container and probe around it. */
export function placeDiagnostics(result: FileResult): PlacedFile {
  const file = new SourceFile(result.filePath, result.source ?? '');
  const resources = file.documents.filter((doc) => !doc.hasSyntaxErrors && !doc.conversionError).flatMap((doc) => documentResources(doc));
  const spanOf = (resource: Resource, path: readonly (string | number)[]): [number, number] | undefined => {
    const range = nodeAtPath(resource.document, path)?.range;
    return range ? [range[0], range[2]] : undefined;
  };
  const inside = (offset: number, span: [number, number] | undefined) => span !== undefined && offset >= span[0] && offset < span[1];
  return {
    resources,
    place(message) {
      const offset = message.offsets[0];
      const objectIndex = resources.findIndex((resource) => inside(offset, spanOf(resource, resource.path)));
      if (objectIndex === -1) return undefined;
      const resource = resources[objectIndex]!;
      const container = resource.podSpec?.containers.find((candidate) => inside(offset, spanOf(resource, candidate.path)));
      if (!container) return { objectIndex };
      const probe = PROBE_KEYS.find((key) => {
        const range = nodeAtPath(resource.document, [...container.path, key])?.range;
        return range != null && offset >= range[0] && offset < range[2];
      });
      return { objectIndex, container: container.name, ...(probe ? { probe } : {}) };
    },
  };
}
