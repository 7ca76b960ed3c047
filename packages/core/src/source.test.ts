import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { duplicateKeys } from './duplicate-keys.js';
import { kubectlYamlTags } from './kubectl-scalars.js';
import { rangeOfPath } from './ranges.js';
import { MAX_ALIAS_COUNT, MAX_BLOCK_DEPTH, MAX_FLOW_DEPTH, SourceFile, lineStartsOf } from './source.js';
import { fastToJS } from './to-js.js';

describe('SourceFile', () => {
  it('keeps positions through a BOM and CRLF line ends', () => {
    const file = new SourceFile('a.yaml', '\uFEFFapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\n');
    const doc = file.documents[0]!;
    assert.deepEqual(doc.value, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } });
    const name = file.rangeOf(rangeOfPath(doc, ['metadata', 'name']).offsets);
    assert.deepEqual(name, { start: { line: 3, character: 8 }, end: { line: 3, character: 9 } });
  });

  it('places positions inside multi-line tokens on their own line, and counts a lone CR as a line end', () => {
    const file = new SourceFile('a.yaml', 'a: "x",\n  "k"\nb: 1\r\nc: 2\rd: 3\n');
    assert.deepEqual(file.positionAt(9), { line: 1, character: 1 });
    assert.deepEqual(file.positionAt(14), { line: 2, character: 0 });
    assert.deepEqual(file.positionAt(20), { line: 3, character: 0 });
    assert.deepEqual(file.positionAt(25), { line: 4, character: 0 });
    assert.equal(file.offsetAt({ line: 4, character: 1 }), 26);
  });

  it('finds the same line starts in a text with only \\n line ends (read by indexOf) as with any \\r in it', () => {
    // The line starts of a text, as the lines `split` finds: every \r\n, \n or lone \r ends one.
    const reference = (text: string) => {
      const starts = [0];
      let offset = 0;
      for (const part of text.split(/(\r\n|\n|\r)/)) {
        offset += part.length;
        if (/^(\r\n|\n|\r)$/.test(part)) starts.push(offset);
      }
      return starts;
    };
    const pieces = ['a', 'key: value', '', '\n', '\n\n', '\r\n', '\r', ' ', '\u00e9\ud83d\ude00'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 2000; round += 1) {
      const text = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join('');
      assert.deepEqual(lineStartsOf(text), reference(text), JSON.stringify(text));
      const lf = text.replace(/\r/g, '');
      assert.deepEqual(lineStartsOf(lf), reference(lf), JSON.stringify(lf));
    }
    assert.deepEqual(lineStartsOf('a\nb\n\nc'), [0, 2, 4, 5]);
    assert.deepEqual(lineStartsOf(''), [0]);
    assert.deepEqual(lineStartsOf('\n'), [0, 1]);
  });

  it('reads YAML 1.1 as Kubernetes does', () => {
    const doc = new SourceFile('a.yaml', 'mode: 0644\nenabled: yes\n').documents[0]!;
    assert.deepEqual(doc.value, { mode: 420, enabled: true });
  });

  // go-yaml v2 (sigs.k8s.io/yaml, so kubectl) resolves fewer plain scalars to numbers than the YAML 1.1 schema
  // does: these were NaN, sexagesimal numbers or strings to podlint while kubectl read them as shown.
  it('reads plain scalars as kubectl (go-yaml v2) does', () => {
    const expected: Record<string, unknown> = {
      '.': '.', '._': '._', '+.': '+.', '-.': '-.', '+._': '+._', '._5': '._5', '.5_': '.5_',
      '.e1': '.e1', e1: 'e1', E5: 'E5', '+e1': '+e1', e1234: 'e1234', '0b_': '0b_', '0x_': '0x_', '0b': '0b', '0x': '0x',
      '1:20': '1:20', '-1:30': '-1:30', '190:20:30': '190:20:30', '1:20.5': '1:20.5', '+': '+', _: '_',
      '0X1F': 31, '0B101': 5, '0o17': 15, '0O17': 15, '-0o17': -15, '0_': 0, '1e1_0': 1e10,
      // Read alike before and after.
      '.5': 0.5, '-.5': -0.5, '1.': 1, '1_': 1, '0777': 511, '08': 8, '0x1F': 31, '-0b101': -5, '1e5': 1e5, '1.e5': 1e5,
      '.5e1': 5, '1_000': 1000, '.inf': Infinity, '-.Inf': -Infinity, '.NaN': NaN, '+.nan': '+.nan', y: true, Off: false,
      '~': null, '2024-01-01': '2024-01-01', '1.2.3': '1.2.3',
    };
    const text = Object.keys(expected).map((scalar) => `${JSON.stringify(scalar)}: ${scalar}\n`).join('');
    assert.deepEqual(new SourceFile('a.yaml', text).documents[0]!.value, expected);
  });

  it('reads JSON', () => {
    const doc = new SourceFile('a.json', '{"apiVersion": "v1", "kind": "Pod", "n": [1, 2]}').documents[0]!;
    assert.deepEqual(doc.value, { apiVersion: 'v1', kind: 'Pod', n: [1, 2] });
  });

  it('has no documents for an empty or comment-only file', () => {
    assert.equal(new SourceFile('a.yaml', '').documents.length, 0);
    assert.equal(new SourceFile('a.yaml', '# nothing\n').documents.length, 0);
  });

  it('reports duplicate keys at the whole second key', () => {
    const doc = new SourceFile('a.yaml', 'name: a\nname: b\n').documents[0]!;
    assert.deepEqual(doc.errors.map((error) => [error.code, error.offsets]), [['DUPLICATE_KEY', [8, 12]]]);
    assert.equal(doc.hasSyntaxErrors, false);
  });

  it('points an unclosed flow collection at its opening bracket', () => {
    const file = new SourceFile('a.yaml', 'a: 1\nb: [x, y\n');
    const [error] = file.documents[0]!.errors;
    assert.deepEqual(error!.offsets, [8, 9]);
    assert.match(error!.message, /"\[" is never closed/);
  });

  it('points at the innermost unclosed bracket, past closed ones, quoted brackets and an apostrophe', () => {
    const text = `a: {b: [x, "]", [y], {z: 1}, [it's, w\n`;
    const [error] = new SourceFile('a.yaml', text).documents[0]!.errors;
    assert.equal(error!.offsets[0], text.indexOf("[it's"));
    assert.match(error!.message, /"\[" is never closed/);
    // 400 unclosed: the last one (this took 11 s for 10,000 when every bracket counted the text after it).
    const deep = `a: ${'['.repeat(400)}\n`;
    const deepError = new SourceFile('a.yaml', deep).documents[0]!.errors.find((problem) => /never closed/.test(problem.message));
    assert.equal(deepError?.offsets[0], deep.length - 2);
  });

  it('reports brackets nested over MAX_FLOW_DEPTH levels where they get too deep, without parsing', () => {
    const deep = `a: x # [[[\nb: ${'['.repeat(10_000)}\n`;
    const file = new SourceFile('a.yaml', deep);
    assert.equal(file.documents.length, 1);
    assert.deepEqual(file.documents[0]!.errors.map((error) => [error.offsets[0], error.message]), [[deep.indexOf('b: ') + 3 + MAX_FLOW_DEPTH, 'the document nests too deeply to be read (hundreds of levels; no Kubernetes object does that)']]);
    assert.equal(new SourceFile('a.yaml', `a: ${'['.repeat(MAX_FLOW_DEPTH)}${']'.repeat(MAX_FLOW_DEPTH)}\n`).documents[0]!.errors.length, 0);
  });

  // The quick scan counts every bracket of block context; the lexer then tells those of strings from flow collections.
  it('reads brackets inside quoted, block and plain scalars as text, however many', () => {
    const brackets = '{{ ['.repeat(1_000);
    const text = `a: "${brackets}"\nb: '${brackets}'\nc: |\n  ${brackets}\nd: x${brackets}\n`;
    const doc = new SourceFile('a.yaml', text).documents[0]!;
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.value, { a: brackets, b: brackets, c: `${brackets}\n`, d: `x${brackets}` });
  });

  // Found by catching the composer's stack overflow, they were reported wherever the stack ran out: another place
  // each run, sometimes twice.
  it('reports block collections nested over MAX_BLOCK_DEPTH levels where they get too deep, without parsing', () => {
    const errorsOf = (text: string) => new SourceFile('a.yaml', text).documents.flatMap((doc) => doc.errors.map((error) => [error.offsets[0], error.message]));
    const tooDeep = 'the document nests too deeply to be read (hundreds of levels; no Kubernetes object does that)';
    // The nth `- ` opens level n.
    assert.deepEqual(errorsOf(`${'- '.repeat(10_000)}x\n`), [[2 * MAX_BLOCK_DEPTH, tooDeep]]);
    const mappings = Array.from({ length: 1_000 }, (_, depth) => `${' '.repeat(depth)}a:\n`).join('');
    assert.deepEqual(errorsOf(mappings), [[mappings.indexOf(`\n${' '.repeat(MAX_BLOCK_DEPTH)}a:`) + 1 + MAX_BLOCK_DEPTH, tooDeep]]);
    assert.deepEqual(errorsOf(`a: ${'? '.repeat(10_000)}x\n`), [[3 + 2 * (MAX_BLOCK_DEPTH - 1), tooDeep]]);
  });

  it('reads long indentation that does not nest (a block scalar) as it is', () => {
    const doc = new SourceFile('a.yaml', `a: |\n${' '.repeat(2_000)}text\nb:\n  ${'- '.repeat(MAX_BLOCK_DEPTH - 2)}x\n`).documents[0]!;
    assert.deepEqual(doc.errors, []);
    assert.equal((doc.value as { a: string }).a, 'text\n');
  });

  it('does not take a quote inside a plain scalar of a flow collection for the start of a string', () => {
    const text = `a: [it's, ${'['.repeat(1_000)}\n`;
    const errors = new SourceFile('a.yaml', text).documents[0]!.errors;
    // With the list around it, the run's 500th bracket opens level 501.
    assert.deepEqual(errors.map((error) => error.offsets[0]), [text.indexOf(', [') + 2 + MAX_FLOW_DEPTH - 1]);
  });

  it('requires --- before a document that follows ... (YAML 1.1)', () => {
    const file = new SourceFile('a.yaml', 'a: 1\n...\nb: 2\n');
    assert.equal(file.documents[0]!.hasSyntaxErrors, false);
    assert.equal(file.documents[1]!.hasSyntaxErrors, true);
    assert.equal(new SourceFile('a.yaml', 'a: 1\n...\n---\nb: 2\n').documents[1]!.hasSyntaxErrors, false);
  });

  it('turns alias bombs and unresolved aliases into problems, not exceptions', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level < 8; level += 1) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      text += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
    }
    const bomb = new SourceFile('bomb.yaml', text).documents[0]!;
    assert.equal(bomb.value, undefined);
    assert.match(bomb.conversionError!.message, /alias bomb/);
    const unresolved = new SourceFile('a.yaml', 'a: 1\nb: *nowhere\n').documents[0]!;
    assert.equal(unresolved.conversionError?.code, 'ALIAS');
    assert.deepEqual(unresolved.conversionError?.offsets, [8, 16]);
  });
});

describe('duplicate keys', () => {
  const yamlOptions = {
    version: '1.1' as const,
    merge: true,
    customTags: kubectlYamlTags,
    logLevel: 'error' as const,
  };
  // Key spellings whose values collide or only look alike in YAML 1.1: 1 and "1" differ, yes and true do not.
  const keys = ['a', '"a"', "'a'", 'b', '1', '"1"', '01', '0x1', '1.0', 'yes', 'true', 'on', '~', 'null', '.nan', '<<', '!!str 1', '&k a', '2001-12-14', 'a b'];

  /** A small deterministic generator (no seed to remember when a case fails: the text is in the message). */
  function* generatedTexts(): Generator<string> {
    let state = 7;
    const next = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % limit;
    };
    // Look-alikes that are not duplicates, in a small and in a large mapping (the two are compared differently).
    const lookAlikes = ['1: a', '"1": b', 'true: c', '"true": d', '~: e', '"": f', '.nan: g', '.nan: h', '<<: {x: 1}', '<<: {y: 2}'];
    yield `${lookAlikes.slice(0, 4).join('\n')}\n`;
    yield `${[...lookAlikes, ...Array.from({ length: 8 }, (_, index) => `k${index}: v`)].join('\n')}\n`;
    for (let round = 0; round < 400; round += 1) {
      const count = 1 + next(30);
      const flow = next(4) === 0;
      const entries = Array.from({ length: count }, () => {
        // Mostly distinct plain keys, so that mappings over a dozen keys also hold lone look-alikes (1 and "1").
        const key = next(3) === 0 ? keys[next(keys.length)]! : `k${next(40)}`;
        const value = key === '<<' ? '{x: 1}' : next(5) === 0 ? `{${keys[next(keys.length)]}: 1, ${keys[next(keys.length)]}: 2}` : 'v';
        return `${key}: ${value}`;
      });
      yield flow ? `{${entries.join(', ')}}\n` : `top:\n${entries.map((entry) => `  ${entry}\n`).join('')}---\n${entries.join('\n')}\n`;
    }
  }

  it("finds the keys yaml's own check finds, at the same places, in one pass", () => {
    for (const text of generatedTexts()) {
      const ours = new SourceFile('a.yaml', text).documents.flatMap((doc) => doc.errors.filter((error) => error.code === 'DUPLICATE_KEY').map((error) => error.offsets[0]));
      const theirs = parseAllDocuments(text, yamlOptions).flatMap((doc) => doc.errors.filter((error) => error.code === 'DUPLICATE_KEY').map((error) => error.pos[0]));
      // yaml reports a flow mapping's keys after their values; podlint in the order of positions.
      assert.deepEqual(ours, theirs.sort((a, b) => a - b), text);
    }
  });

  it('finds the same keys while it builds the values (no walk of its own) as in a walk of the document', () => {
    let convertedWithDuplicates = 0;
    for (const text of generatedTexts()) {
      for (const doc of new SourceFile('a.yaml', text).documents) {
        const walked = duplicateKeys(doc.yaml);
        const fast = fastToJS(doc.yaml, MAX_ALIAS_COUNT);
        if (!fast) continue;
        assert.deepEqual(fast.duplicateKeys, walked, text);
        if (walked.length > 0) convertedWithDuplicates += 1;
      }
      // Through SourceDocument, values first (as the linter asks): the same problems as errors asked first.
      const errorsFirst = new SourceFile('a.yaml', text).documents.map((doc) => doc.errors);
      const valuesFirst = new SourceFile('a.yaml', text).documents.map((doc) => (doc.value, doc.errors));
      assert.deepEqual(valuesFirst, errorsFirst, text);
    }
    assert.ok(convertedWithDuplicates > 100, `only ${convertedWithDuplicates} converted documents had duplicate keys`);
  });

  it('underlines the whole repeated key, and keeps problems in the order of their positions', () => {
    const text = 'metadata:\n  name: a\n  labels: {x: 1, "x": 2}\n  name: b\nspec: [\n';
    const doc = new SourceFile('a.yaml', text).documents[0]!;
    const problems = doc.errors.map((error) => [error.code, text.slice(error.offsets[0], error.offsets[1])]);
    assert.deepEqual(problems.slice(0, 2), [
      ['DUPLICATE_KEY', '"x"'],
      ['DUPLICATE_KEY', 'name'],
    ]);
    assert.ok(problems.length > 2 && problems.slice(2).every(([code]) => code !== 'DUPLICATE_KEY'));
  });

  it('reads a mapping of 20,000 keys without comparing each key with every other', () => {
    const text = `data:\n${Array.from({ length: 20_000 }, (_, index) => `  key-${index % 19_999}: v\n`).join('')}`;
    const doc = new SourceFile('a.yaml', text).documents[0]!;
    const duplicates = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY');
    assert.deepEqual(duplicates.map((error) => text.slice(error.offsets[0], error.offsets[1])), ['key-0']);
    assert.equal(Object.keys((doc.value as { data: object }).data).length, 19_999);
  });
});
