// How a manifest's bytes become the text podlint lints, and a fixed text becomes bytes again in the same form:
// UTF-8, with or without a byte-order mark. The mark is not part of the text (positions count from the first
// character after it) and is put back wherever fixed text goes: a file or stdout.

export type TextEncoding = 'utf-8' | 'utf-8-bom';

export type Decoded =
  | { text: string; encoding: TextEncoding }
  /** `problem` as a file's notice says it; `reason`, shorter, as the command says it of stdin. */
  | { problem: string; kind: 'unreadable' | 'not-kubernetes'; reason: string };

const BOM = '\uFEFF';

/** The text of a manifest's bytes; binary and non-UTF-8 bytes are a problem, never decoded into garbage. */
export function decodeManifest(bytes: Uint8Array): Decoded {
  if (bytes.includes(0)) {
    return { kind: 'not-kubernetes', problem: 'skipped: a binary file (it contains NUL bytes), not a manifest', reason: 'binary input (it contains NUL bytes), not a manifest' };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { kind: 'unreadable', problem: 'unreadable: not valid UTF-8 text (Kubernetes manifests are UTF-8); re-encode the file', reason: 'not valid UTF-8 text' };
  }
}

/** A text given as a string (stdin in tests, say): a leading U+FEFF is its byte-order mark. */
export function textOfString(raw: string): { text: string; encoding: TextEncoding } {
  return raw.startsWith(BOM) ? { text: raw.slice(1), encoding: 'utf-8-bom' } : { text: raw, encoding: 'utf-8' };
}

/** The bytes of `text` in `encoding`, byte-order mark included. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  return Buffer.from(encoding === 'utf-8-bom' ? BOM + text : text, 'utf8');
}
