// Manifest bytes to text and back: every encoding podlint reads gives the same text, and writes back the same bytes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeManifest, encodeText, firstInvalidUtf16, firstInvalidUtf8, type TextEncoding } from './encoding.js';
import { readManifest } from './run.js';

const TEXT = 'apiVersion: v1\r\nkind: ConfigMap\ndata: {a: "café 🎉"}\n';

describe('manifest encodings', () => {
  it('decodes each encoding it reads to the same text and encodes it back to the same bytes', () => {
    const encodings: TextEncoding[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'];
    for (const encoding of encodings) {
      const bytes = encodeText(TEXT, encoding);
      assert.deepEqual(decodeManifest(bytes), { text: TEXT, encoding }, encoding);
    }
    assert.deepEqual([...encodeText('a', 'utf-16be')], [0xfe, 0xff, 0, 0x61]);
    assert.deepEqual([...encodeText('a', 'utf-16le')], [0xff, 0xfe, 0x61, 0]);
    assert.deepEqual([...encodeText('a', 'utf-8-bom')], [0xef, 0xbb, 0xbf, 0x61]);
  });

  it('calls UTF-16 text with NUL characters binary, as it calls UTF-8 with NUL bytes', () => {
    const decoded = decodeManifest(Buffer.from('\uFEFFa\0b', 'utf16le'));
    assert.equal('kind' in decoded && decoded.kind, 'not-kubernetes');
  });

  it('says where the first byte that is not UTF-8 is, or the first NUL, as podlint counts lines and columns', () => {
    const problem = (bytes: Uint8Array): string[] => {
      const decoded = decodeManifest(bytes);
      return 'problem' in decoded ? [decoded.problem, decoded.reason] : [decoded.text];
    };
    const latin1 = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: latin}\ndata:\n  greeting: "caf\xe9"\n', 'latin1');
    assert.deepEqual(problem(latin1), [
      'unreadable: not valid UTF-8 text (byte 0xE9 at line 5, column 17); Kubernetes manifests are UTF-8: re-encode the file',
      'not valid UTF-8 text (byte 0xE9 at line 5, column 17)',
    ]);
    // Columns count UTF-16 code units after the byte-order mark (é one, 🎉 two), as the positions of problems do;
    // a sequence cut short is named by its first byte.
    assert.deepEqual(problem(Buffer.concat([Buffer.from('\uFEFFa: "é🎉'), Buffer.from([0xf0, 0x9f, 0x22])]))[1], 'not valid UTF-8 text (byte 0xF0 at line 1, column 8)');
    assert.deepEqual(problem(Buffer.from('a: 1\r\nb: "x\0y"\n')), [
      'skipped: a binary file (a NUL byte at line 2, column 6), not a manifest',
      'binary input (a NUL byte at line 2, column 6), not a manifest',
    ]);
    assert.deepEqual(problem(Buffer.from('\uFEFFa: 1\nb: \0\n', 'utf16le'))[0], 'skipped: a binary file (a NUL character at line 2, column 4), not a manifest');
    assert.deepEqual(
      problem(Buffer.from('\uFEFFa: 1\nb: \uDC00\n', 'utf16le'))[0],
      'unreadable: not valid UTF-16LE text, though it starts with a UTF-16LE byte-order mark (half of a surrogate pair, at line 2, column 4); re-encode the file',
    );
    assert.deepEqual(
      problem(Buffer.concat([Buffer.from('\uFEFFa: 1\nb: 🎉', 'utf16le').swap16(), Buffer.from([0x61])]))[1],
      'not valid UTF-16BE text, though it starts with a UTF-16BE byte-order mark (an odd byte at the end, at line 2, column 6)',
    );
  });

  it('finds the first byte that is not UTF-8 (or UTF-16) exactly where TextDecoder stops', () => {
    // Bytes that make and break sequences: ASCII, continuation bytes, every kind of lead, and the edges of each range.
    const alphabet = [0x00, 0x41, 0x0a, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
    let seed = 7;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % limit;
    };
    const decodes = (encoding: string, bytes: Uint8Array) => {
      try {
        new TextDecoder(encoding, { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    for (let round = 0; round < 20_000; round += 1) {
      const bytes = Uint8Array.from({ length: 1 + random(8) }, () => alphabet[random(alphabet.length)]!);
      const invalid = firstInvalidUtf8(bytes);
      assert.equal(invalid < 0, decodes('utf-8', bytes), [...bytes].join(' '));
      // What comes before it is whole.
      if (invalid >= 0) assert.ok(decodes('utf-8', bytes.subarray(0, invalid)), [...bytes].join(' '));
      const units = Uint8Array.from({ length: random(9) }, () => [0x00, 0x41, 0xd7, 0xd8, 0xdb, 0xdc, 0xdf, 0xe0][random(8)]!);
      const utf16 = firstInvalidUtf16(units);
      assert.equal(utf16 === units.length, decodes('utf-16le', units), [...units].join(' '));
      if (utf16 < units.length) assert.ok(decodes('utf-16le', units.subarray(0, utf16)), [...units].join(' '));
    }
  });

  // readManifest reads plain UTF-8 as text and only the other files as bytes: what it gives must be what the bytes say.
  it('reads every file as decodeManifest decodes its bytes', () => {
    const directory = mkdtempSync(join(tmpdir(), 'podlint-encoding-'));
    try {
      const files: Record<string, Uint8Array> = {
        'utf-8': encodeText(TEXT, 'utf-8'),
        'utf-8-bom': encodeText(TEXT, 'utf-8-bom'),
        'utf-16le': encodeText(TEXT, 'utf-16le'),
        'utf-16be': encodeText(TEXT, 'utf-16be'),
        'replacement character': encodeText('data: {a: "\uFFFD"}\n', 'utf-8'),
        'invalid UTF-8': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
        'lone surrogate': Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80, 0x0a]),
        'UTF-32': Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]),
        binary: Buffer.from([0x61, 0, 0x62]),
        empty: new Uint8Array(),
      };
      for (const [name, bytes] of Object.entries(files)) {
        const path = join(directory, `${name}.yaml`);
        writeFileSync(path, bytes);
        assert.deepEqual(readManifest(path), decodeManifest(bytes), name);
      }
      assert.deepEqual(readManifest(join(directory, 'utf-8-bom.yaml')), { text: TEXT, encoding: 'utf-8-bom' });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
