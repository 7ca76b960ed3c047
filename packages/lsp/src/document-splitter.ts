// Splits a multi-document YAML file at its `---` lines so that the editor re-lints only the documents that
// changed. A `---` at column 0 always starts a new document in YAML (it can never be content), so the lines
// alone say where documents begin, without parsing. Lines as the parser sees them: only `\n` starts one (a lone
// `\r` or a U+2028 does not); lines as core and LSP count them: `\n`, `\r\n` and a lone `\r` end one.

export interface TextChunk {
  text: string;
  /** Offset of the chunk in the file. */
  offset: number;
  /** 0-based line of the chunk's first character (always the start of a line). */
  line: number;
}

// Not the `m` flag: its `^` and `$` also match at a lone `\r` and at U+2028 and U+2029.
const DOCUMENT_START = /(?<=\n)---(?=[ \t\r\n]|$)/g;

/**
 * The file's documents, each with the text from its `---` up to the next one (the first chunk holds whatever
 * comes before the first `---`). Undefined when chunks would not lint like the whole file: Helm templates are
 * recognised file-wide, and a `%` directive belongs to the `---` after it.
 */
export function splitDocuments(text: string): TextChunk[] | undefined {
  if (text.includes('{{') || /^%/m.test(text)) return undefined;
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) {
    if (match.index > 0) starts.push(match.index);
  }
  const chunks: TextChunk[] = [];
  const lineBreaksBefore = lineBreakCounter(text);
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? text.length;
    chunks.push({ text: text.slice(start, end), offset: start, line: lineBreaksBefore(start) });
  });
  return chunks;
}

/** The chunk that holds `offset` (the last one for the end of the text). */
export function chunkAt(chunks: readonly TextChunk[], offset: number): TextChunk {
  let found = chunks[0]!;
  for (const chunk of chunks) {
    if (chunk.offset > offset) break;
    found = chunk;
  }
  return found;
}

/**
 * Counts line breaks (`\n`, `\r\n` once and a lone `\r`, as core counts lines for message ranges) before offsets
 * asked in ascending order, in one pass over the text. Each search starts where the last one of its character
 * stopped: searching for the next `\r` from each document's start scanned to the end of a file without one, once per
 * document (a minute for a file of 200,000 documents).
 */
function lineBreakCounter(text: string): (before: number) => number {
  let counted = 0;
  let nextLineFeed = text.indexOf('\n');
  let nextReturn = text.indexOf('\r');
  return (before) => {
    for (; nextLineFeed !== -1 && nextLineFeed < before; nextLineFeed = text.indexOf('\n', nextLineFeed + 1)) counted += 1;
    for (; nextReturn !== -1 && nextReturn < before; nextReturn = text.indexOf('\r', nextReturn + 1)) {
      if (text.charCodeAt(nextReturn + 1) !== 10) counted += 1;
    }
    return counted;
  };
}
