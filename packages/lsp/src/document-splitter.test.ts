import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineStartsOf } from '@podlint/core';
import { chunkAt, splitDocuments } from './document-splitter.js';

describe('splitDocuments', () => {
  it('cuts at every --- line, keeping offsets and lines', () => {
    const text = '# head\n---\na: 1\n--- # two\nb: |\n  ---x\n---\r\nc: 3';
    const chunks = splitDocuments(text)!;
    assert.deepEqual(chunks.map((chunk) => [chunk.text, chunk.offset, chunk.line]), [
      ['# head\n', 0, 0],
      ['---\na: 1\n', 7, 1],
      ['--- # two\nb: |\n  ---x\n', 16, 3],
      ['---\r\nc: 3', 38, 6],
    ]);
    assert.equal(chunks.map((chunk) => chunk.text).join(''), text);
    assert.equal(chunkAt(chunks, 0), chunks[0]);
    assert.equal(chunkAt(chunks, 16), chunks[2]);
    assert.equal(chunkAt(chunks, text.length), chunks[3]);
  });

  it('starts lines at \\n only, as the parser does, and counts a lone \\r as a line break, as the editor does', () => {
    assert.equal(splitDocuments('a: 1\r---\nb: 2\u2028---\nc: 3\n')!.length, 1);
    const chunks = splitDocuments('a: "x\ry"\n---\u2028\n---\nb: 2')!;
    assert.deepEqual(chunks.map((chunk) => [chunk.offset, chunk.line]), [[0, 0], [14, 3]]);
  });

  it("gives each chunk the line of its offset as core counts lines, for texts of mixed line ends", () => {
    const pieces = ['---\n', '---\r\n', 'a: 1\n', 'b: "x\ry"\n', '\r\n', '\r', '\n', '--- # c\n', 'key: v'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 3000; round += 1) {
      const text = Array.from({ length: 1 + (next() % 14) }, () => pieces[next() % pieces.length]).join('');
      const starts = lineStartsOf(text);
      for (const chunk of splitDocuments(text) ?? []) {
        // The chunk's line is the number of line starts after offset 0 at or before its offset.
        const line = starts.filter((start) => start > 0 && start <= chunk.offset).length;
        assert.equal(chunk.line, line, JSON.stringify(text));
      }
    }
  });

  it('splits a file of 200,000 documents, the last on its own line', () => {
    // Each chunk's line was counted by searching the rest of the file for a \r: for a file without one, the whole
    // rest of it, once per document (a minute here).
    const text = 'kind: ConfigMap\n---\n'.repeat(200_000);
    const chunks = splitDocuments(text)!;
    assert.equal(chunks.length, 200_001);
    assert.deepEqual([chunks[200_000]!.offset, chunks[200_000]!.line], [text.length - 4, 400_000 - 1]);
  });

  it('does not cut at ---- or an indented ---, and refuses templates and directives', () => {
    assert.equal(splitDocuments('a: 1\n----\n  ---\n')!.length, 1);
    assert.equal(splitDocuments('a: {{ .Values.x }}\n---\nb: 1\n'), undefined);
    assert.equal(splitDocuments('%YAML 1.1\n---\na: 1\n'), undefined);
  });
});
