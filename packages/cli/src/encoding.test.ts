// Manifest bytes to text and back: every encoding podlint reads gives the same text, and writes back the same bytes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeManifest, encodeText, type TextEncoding } from './encoding.js';
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
