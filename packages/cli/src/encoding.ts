// How a manifest's bytes become the text podlint lints, and a fixed text becomes bytes again in the same form.
// Read as kubectl reads them (cli-runtime's FileVisitor decodes files and stdin with BOMOverride, and go-yaml
// checks the same marks): UTF-8, with or without a byte-order mark, and UTF-16 (little- or big-endian) that
// starts with its byte-order mark. UTF-16 without a mark is not guessed at: its NUL bytes make it binary. The
// mark is not part of the text (positions count from the first character after it) and is put back, with the
// encoding, wherever fixed text goes: a file or stdout.

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type Decoded =
  | { text: string; encoding: TextEncoding }
  /** `problem` as a file's notice says it; `reason`, shorter, as the command says it of stdin. */
  | { problem: string; kind: 'unreadable' | 'not-kubernetes'; reason: string };

const BOM = '\uFEFF';

const BINARY: Decoded = {
  kind: 'not-kubernetes',
  problem: 'skipped: a binary file (it contains NUL bytes), not a manifest',
  reason: 'binary input (it contains NUL bytes), not a manifest',
};

/**
 * The text Node's own UTF-8 reader gave for a file (readFileSync(path, 'utf8')), when that is all there is to know:
 * no U+FFFD, which that reader puts for bytes that are not UTF-8 (the marks of UTF-16 and UTF-32 among them), and no
 * NUL (binary). Undefined otherwise: then decodeManifest must read the bytes, and says what they are. A valid file
 * that holds U+FFFD takes that way too, to the same text.
 */
export function plainUtf8Text(text: string): { text: string; encoding: TextEncoding } | undefined {
  if (text.includes('\uFFFD') || text.includes('\0')) return undefined;
  return textOfString(text);
}

/** The text of a manifest's bytes; binary bytes and text in another encoding are a problem, never decoded into garbage. */
export function decodeManifest(bytes: Uint8Array): Decoded {
  // Checked before UTF-16's marks, which the UTF-32LE mark (FF FE 00 00) starts with.
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    return {
      kind: 'unreadable',
      problem: 'unreadable: UTF-32 text (it starts with a UTF-32 byte-order mark), which kubectl does not read; re-encode the file as UTF-8',
      reason: 'UTF-32 text, which kubectl does not read',
    };
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? 'utf-16le' : startsWith(bytes, [0xfe, 0xff]) ? 'utf-16be' : undefined;
  if (utf16) return decodeUtf16(bytes, utf16);
  if (bytes.includes(0)) return BINARY;
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { kind: 'unreadable', problem: 'unreadable: not valid UTF-8 text (Kubernetes manifests are UTF-8); re-encode the file', reason: 'not valid UTF-8 text' };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  // Big-endian is swapped into little-endian here: Node's decoder for it needs full ICU.
  const littleEndian = encoding === 'utf-16le' || bytes.length % 2 !== 0 ? bytes : Buffer.from(bytes).swap16();
  let text: string;
  try {
    text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false }).decode(littleEndian);
  } catch {
    const name = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    return {
      kind: 'unreadable',
      problem: `unreadable: not valid ${name} text, though it starts with a ${name} byte-order mark (an odd number of bytes, or half of a surrogate pair); re-encode the file`,
      reason: `not valid ${name} text, though it starts with a ${name} byte-order mark`,
    };
  }
  return text.includes('\0') ? BINARY : { text, encoding };
}

/** A text given as a string (stdin in tests, say): a leading U+FEFF is its byte-order mark. */
export function textOfString(raw: string): { text: string; encoding: TextEncoding } {
  return raw.startsWith(BOM) ? { text: raw.slice(1), encoding: 'utf-8-bom' } : { text: raw, encoding: 'utf-8' };
}

/** The bytes of `text` in `encoding`, byte-order mark included. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.from(BOM + text, 'utf8');
    case 'utf-16le':
      return Buffer.from(BOM + text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(BOM + text, 'utf16le').swap16();
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
