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

/** A text with NUL: binary. `where` says where the first is ("a NUL byte at line 5, column 3"). */
function binary(where: string): Decoded {
  return { kind: 'not-kubernetes', problem: `skipped: a binary file (${where}), not a manifest`, reason: `binary input (${where}), not a manifest` };
}

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
  const nul = bytes.indexOf(0);
  if (nul >= 0) return binary(`a NUL byte at ${positionAfter(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, nul)))}`);
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    const invalid = firstInvalidUtf8(bytes);
    const where = `byte 0x${bytes[invalid]!.toString(16).toUpperCase()} at ${positionAfter(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, invalid)))}`;
    return { kind: 'unreadable', problem: `unreadable: not valid UTF-8 text (${where}); Kubernetes manifests are UTF-8: re-encode the file`, reason: `not valid UTF-8 text (${where})` };
  }
}

/**
 * The offset of the first byte that neither begins nor continues a well-formed UTF-8 sequence (the Unicode standard's
 * table 3-7, which TextDecoder's fatal mode applies: no overlong forms, surrogates or code points past U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    // The length of the sequence that `lead` begins, and the range its second byte must be in.
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      if (byte === undefined || byte < (next === 1 ? low : 0x80) || byte > (next === 1 ? high : 0xbf)) return index;
    }
    index += length;
  }
  return -1;
}

/** "line 5, column 12": where a text that begins with `before` goes on, as podlint counts (from 1, columns in UTF-16). */
function positionAfter(before: string): string {
  let line = 1;
  for (let at = before.indexOf('\n'); at >= 0; at = before.indexOf('\n', at + 1)) line += 1;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  // Big-endian is swapped into little-endian here: Node's decoder for it needs full ICU. An odd last byte stays last.
  const even = bytes.length & ~1;
  const littleEndian = encoding === 'utf-16le' ? bytes : Buffer.concat([Buffer.from(bytes.subarray(0, even)).swap16(), bytes.subarray(even)]);
  let text: string;
  try {
    text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false }).decode(littleEndian);
  } catch {
    const name = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    const invalid = firstInvalidUtf16(littleEndian);
    const what = invalid === even ? 'an odd byte at the end' : 'half of a surrogate pair';
    const where = `${what}, at ${positionAfter(new TextDecoder('utf-16le', { ignoreBOM: false }).decode(littleEndian.subarray(0, invalid)))}`;
    return {
      kind: 'unreadable',
      problem: `unreadable: not valid ${name} text, though it starts with a ${name} byte-order mark (${where}); re-encode the file`,
      reason: `not valid ${name} text, though it starts with a ${name} byte-order mark (${where})`,
    };
  }
  const nul = text.indexOf('\0');
  return nul >= 0 ? binary(`a NUL character at ${positionAfter(text.slice(0, nul))}`) : { text, encoding };
}

/** The offset of the first byte of UTF-16LE that is not part of a character (half of a surrogate pair, an odd last byte). */
export function firstInvalidUtf16(littleEndian: Uint8Array): number {
  const units = littleEndian.length >> 1;
  for (let index = 0; index < units; index += 1) {
    const unit = littleEndian[2 * index]! | (littleEndian[2 * index + 1]! << 8);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = index + 1 < units ? littleEndian[2 * index + 2]! | (littleEndian[2 * index + 3]! << 8) : 0;
    if (unit > 0xdbff || next < 0xdc00 || next > 0xdfff) return 2 * index;
    index += 1;
  }
  return littleEndian.length & ~1;
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
