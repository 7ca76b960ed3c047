import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

  it('does not cut at ---- or an indented ---, and refuses templates and directives', () => {
    assert.equal(splitDocuments('a: 1\n----\n  ---\n')!.length, 1);
    assert.equal(splitDocuments('a: {{ .Values.x }}\n---\nb: 1\n'), undefined);
    assert.equal(splitDocuments('%YAML 1.1\n---\na: 1\n'), undefined);
  });
});
