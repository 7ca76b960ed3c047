// Manifest bytes to text and back: every encoding podlint reads gives the same text, and writes back the same bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeManifest, encodeText, type TextEncoding } from './encoding.js';

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
});
