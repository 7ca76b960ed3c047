// Where a comment line cannot go: inside a scalar that spans lines (a block scalar, a quoted or plain scalar
// folded over lines) a `# ...` line becomes part of the value, or ends it early. The code actions that write a
// directive comment ask here whether a line starts inside such a scalar, and where the node holding it begins.
import { SourceFile, lineAt } from '@podlint/core';
import { isPair, isScalar, visit, type Document } from 'yaml';
import { splitDocuments, type TextChunk } from './document-splitter.js';

export interface MultiLineScalar {
  /** File offsets of the scalar's value: [start, end). */
  start: number;
  end: number;
  /** Where the node that holds it starts: its key in a mapping; the scalar itself as a sequence entry. */
  holderStart: number;
}

/** The multi-line scalar that `offset` (of the file) lies inside, past its first character, if any. */
export type MultiLineScalarLookup = (offset: number) => MultiLineScalar | undefined;

/**
 * A lookup over `text`, parsed one YAML document (chunk) at a time as it is asked about. `parsed` gives the
 * linter's parse of a chunk's text when it has one, so that a long file is not parsed again for each request.
 */
export function multiLineScalarLookup(text: string, parsed: (chunkText: string) => Document.Parsed | undefined = () => undefined): MultiLineScalarLookup {
  let chunks: { list: TextChunk[]; starts: number[] } | undefined;
  const scalarsByChunk = new Map<TextChunk, { list: MultiLineScalar[]; starts: number[] }>();
  return (offset) => {
    if (!chunks) {
      const list = splitDocuments(text) ?? [{ text, offset: 0, line: 0 }];
      chunks = { list, starts: list.map((chunk) => chunk.offset) };
    }
    // lineAt bisects any ascending list of starts (the first being 0), not only lines'.
    const chunk = chunks.list[lineAt(chunks.starts, offset)]!;
    let scalars = scalarsByChunk.get(chunk);
    if (!scalars) {
      const own = parsed(chunk.text);
      // Parsed as the linter parses (core's fast reader first): yaml's own parser takes seconds over a long file.
      const list = collectScalars(own ? [own] : new SourceFile('', chunk.text).documents.map((doc) => doc.yaml), chunk);
      scalars = { list, starts: list.map((scalar) => scalar.start) };
      scalarsByChunk.set(chunk, scalars);
    }
    const found = scalars.list[lineAt(scalars.starts, offset - 1)];
    return found && found.start < offset && offset < found.end ? found : undefined;
  };
}

/** The chunk's scalars that span lines, in file offsets, sorted by start (scalars never overlap). */
function collectScalars(documents: readonly Document.Parsed[], chunk: TextChunk): MultiLineScalar[] {
  const scalars: MultiLineScalar[] = [];
  for (const document of documents) {
    visit(document, {
      Scalar(key, node, path) {
        if (!node.range) return;
        const [start, end] = node.range;
        if (!/[\r\n]/.test(chunk.text.slice(start, end))) return;
        const parent = path[path.length - 1];
        const holder = key === 'value' && isPair(parent) && isScalar(parent.key) && parent.key.range ? parent.key.range[0] : start;
        scalars.push({ start: start + chunk.offset, end: end + chunk.offset, holderStart: holder + chunk.offset });
      },
    });
  }
  return scalars.sort((a, b) => a.start - b.start);
}
