// parseCommonYaml must build exactly the documents yaml's parseAllDocuments builds (node classes, values, types,
// formats, tags and ranges), or give up. Checked on hand-written cases for each rule of where yaml ends a range,
// on every fixture, on ../shared/corpus when present, and on generated manifests mutated the way people write them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Document, isCollection, isMap, isPair, isScalar, parseAllDocuments, visit, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { MAP_ENTRY, MAP_POSITIONS, SEQ_ENTRY, SEQ_POSITIONS, parseCommonYaml, readCommonYaml, type Positions } from './fast-yaml.js';
import { readJsonDocument } from './fast-json.js';
import { fastToJS } from './to-js.js';
import { kubectlYamlTags } from './kubectl-scalars.js';
import { filesUnder } from './test-utils.js';

const options = { version: '1.1' as const, customTags: kubectlYamlTags, merge: true, prettyErrors: false, logLevel: 'error' as const, uniqueKeys: false };
/** How podlint reads its own config file: YAML 1.2, where `on` and `off` are strings. */
const configOptions = { version: '1.2' as const, merge: true, prettyErrors: false, logLevel: 'error' as const, uniqueKeys: false };
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The first difference between two nodes, as a path and what differs, or undefined when they are the same. */
function difference(mine: unknown, theirs: unknown, path: string): string | undefined {
  if (mine === null || theirs === null) return mine === theirs ? undefined : `${path}: null against a node`;
  const a = mine as Record<string, unknown> & { constructor: unknown };
  const b = theirs as Record<string, unknown> & { constructor: unknown };
  if (a.constructor !== b.constructor) return `${path}: another class`;
  if (JSON.stringify(a.range) !== JSON.stringify(b.range)) return `${path}: range ${JSON.stringify(a.range)}, yaml ${JSON.stringify(b.range)}`;
  if (isScalar(a) && isScalar(b)) {
    for (const key of ['type', 'source', 'format', 'tag', 'anchor'] as const) {
      if (a[key] !== b[key]) return `${path}: ${key} ${JSON.stringify(a[key])}, yaml ${JSON.stringify(b[key])}`;
    }
    return Object.is(a.value, b.value) ? undefined : `${path}: value ${JSON.stringify(a.value)}, yaml ${JSON.stringify(b.value)}`;
  }
  if (isCollection(a) && isCollection(b)) {
    if (Boolean(a.flow) !== Boolean(b.flow) || a.tag !== b.tag) return `${path}: style or tag`;
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} items, yaml ${b.items.length}`;
    for (let i = 0; i < a.items.length; i++) {
      const x = a.items[i];
      const y = b.items[i];
      const found = isPair(x) && isPair(y) ? (difference(x.key, y.key, `${path}[${i}].key`) ?? difference(x.value, y.value, `${path}[${i}].value`)) : difference(x, y, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  return `${path}: not a scalar or collection`;
}

/** Whether parseCommonYaml read `text` (false: it gave up); fails when what it read differs from yaml's documents. */
function readsLikeYaml(text: string, label = JSON.stringify(text), parseOptions: typeof options | typeof configOptions = options): boolean {
  const mine = parseCommonYaml(text, parseOptions);
  if (mine === undefined) {
    assert.equal(readCommonYaml(text, parseOptions), undefined, `${label}: values mode (or the JSON path) read what node mode gives up on`);
    return false;
  }
  const theirs = parseAllDocuments(text, parseOptions) as Document.Parsed[];
  assert.equal(mine.length, theirs.length, `${label}: document count`);
  mine.forEach((doc, index) => {
    const reference = theirs[index]!;
    assert.deepEqual(
      [...reference.errors, ...reference.warnings].map((problem) => problem.message),
      [],
      `${label}: yaml reports problems in document ${index + 1}, so the fast path must give up`,
    );
    assert.deepEqual(doc.range, reference.range, `${label}: document ${index + 1} range`);
    assert.equal(doc.directives.docStart, reference.directives.docStart, `${label}: document ${index + 1} ---`);
    assert.equal(doc.directives.docEnd, reference.directives.docEnd, `${label}: document ${index + 1} ...`);
    const found = difference(doc.contents, reference.contents, `document ${index + 1}`);
    assert.equal(found, undefined, `${label}: ${found}`);
  });
  readsValuesLikeNodes(text, mine, label, parseOptions);
  return true;
}

/**
 * What values mode reads from `text` must be what the nodes give: fastToJS's value and duplicate keys, and for every
 * key and value the start and end of its node. When it reads nodes instead, fastToJS must need yaml for a document.
 */
function readsValuesLikeNodes(text: string, nodes: Document.Parsed[], label: string, parseOptions: typeof options | typeof configOptions): void {
  const read = readCommonYaml(text, parseOptions);
  assert.ok(read, `${label}: node mode read it, values mode gave up`);
  if ('nodes' in read) {
    assert.ok(nodes.some((doc) => fastToJS(doc) === undefined), `${label}: values mode read nodes, but fastToJS converts them`);
    return;
  }
  assert.equal(read.values.length, nodes.length, `${label}: document count in values mode`);
  read.values.forEach((doc, index) => {
    const node = nodes[index]!;
    const where = `${label}: document ${index + 1} in values mode`;
    const converted = fastToJS(node);
    assert.ok(converted, `${where}: fastToJS cannot convert what values mode read`);
    assert.deepStrictEqual(doc.value, converted.value, `${where}: value`);
    assert.deepEqual(doc.duplicateKeys, converted.duplicateKeys.flatMap((key) => [key.range![0], key.range![1]]), `${where}: duplicate keys`);
    assert.deepEqual(doc.range, node.range, `${where}: range`);
    assert.equal(doc.docStart, node.directives.docStart === true, `${where}: ---`);
    const contents = node.contents as Scalar | YAMLMap | YAMLSeq;
    assert.deepEqual(doc.contents, [contents.range![0], contents.range![1]], `${where}: contents`);
    const found = positionsDifference(doc.positions, contents, `document ${index + 1}`);
    assert.equal(found, undefined, `${where}: ${found}`);
  });
}

/** The first difference between the positions values mode read and the nodes, or undefined. */
function positionsDifference(positions: Positions | null, node: unknown, path: string): string | undefined {
  if (!isCollection(node)) return positions === null ? undefined : `${path}: positions for a scalar`;
  if (positions === null) return `${path}: no positions for a collection`;
  const map = isMap(node);
  if (positions[0] !== (map ? MAP_POSITIONS : SEQ_POSITIONS)) return `${path}: another kind of collection`;
  const stride = map ? MAP_ENTRY : SEQ_ENTRY;
  if (positions.length !== 1 + node.items.length * stride) return `${path}: ${(positions.length - 1) / stride} entries, ${node.items.length} items`;
  for (let i = 0; i < node.items.length; i++) {
    const entry = 1 + i * stride;
    const item = node.items[i] as Pair<Scalar, Scalar> | Scalar;
    const value = (isPair(item) ? item.value : item) as Scalar;
    if (isPair(item)) {
      const key = item.key;
      if (!Object.is(positions[entry], key.value)) return `${path}[${i}]: key ${String(positions[entry])}, node ${String(key.value)}`;
      if (positions[entry + 1] !== key.range![0] || positions[entry + 2] !== key.range![1]) return `${path}[${i}]: key range`;
    }
    const at = map ? entry + 3 : entry;
    if (positions[at] !== value.range![0] || positions[at + 1] !== value.range![1]) return `${path}[${i}]: value range ${String(positions[at])}-${String(positions[at + 1])}, node ${value.range![0]}-${value.range![1]}`;
    const found = positionsDifference(positions[entry + stride - 1] as Positions | null, value, `${path}[${i}]`);
    if (found) return found;
  }
  return undefined;
}


describe('parseCommonYaml', () => {
  it('ends ranges where yaml does: trailing comments and blank lines, empty values, flow items, block scalars', () => {
    const cases = [
      'a: 1 # c\nb:\n  c: x\n  # at the items\n# at column 0\nd:\n- e\n- f: g\n  h: i\n\n# end\n',
      'a:\n  - x\n    # deeper than the items\n   # still deeper\n  # at the items\nb: 1\n',
      'x:\n  a:\n    b: 1\n    # kept by the inner mapping\n  c: 2\n',
      'x:\n  a:\n    b: 1\n # handed up to the top\n  c: 2\n',
      'a:\n- x\n-\n- "q"\nb:   \nc: [1, 2 ]  # c\nd: {}\ne:\n\n\nf: 1\n',
      "c: {a: 1 , \"b\": [x, {y: z} ] , c: 'it''s' }\nd: [ ]\ne: [a,b]",
      '# before\n---\na: 1\n---\n# x\nb: |\n  foo\n\n    bar\n\n\nc: >-\n   x\n   y\n\n   z\n# e\n\n',
      'a: 1\n---\n',
      '---\n---  \n\n---\na: [b]\n',
      'list:\n- name: a\n  value: "1"\n  # in the item\n- name: b\n  args:\n  - -c\n  - "echo \\"hi\\"\\n"\n',
      'k: -1\nq: ?x\nc: :x\nyes: no\nn: ~\no: 0644\nh: 0x1F\nt: 1:20\nd: 2024-01-01\ne: 1e3\ndot: .\n',
      'a:\n  b:\n    c:\n  d: 1\n',
      '# KYAML\n---\n{\n  apiVersion: "v1",\n  kind: "ConfigMap", # c\n  metadata: {\n    name: "x", # a comment\n  },\n  data: [\n    "a", # c\n    b\n    ,\n    {k: v}  ,\n  ],\n}\n# after\n\n# stream\n---\n[1, 2]\n',
      '{"apiVersion":"v1","kind":"List","items":[{"a":1},\n  {"b":"\\u00e9"}]}',
      'a:\n# at column 0\nb: 1\nc:\n  # deeper\nd: 1\ne: # same line\n\n# x\n\nf: 1\ng: #c\n   # deeper\n\n# top\n\nh: 1\n',
      'x:\n  a:\n  # c\n\n  # d\n  b: 1\n  e:\n  # c\ny:\n  - # c\n  - 1\n  -\n   # d\nz:\n# c\n',
      'a: 1\n---\n# c\n---\nb: 2\n---\n# trailing\n\n',
      'name:\n# note\n\n---\nx:\n  name:\n  # note\n---\n- # c\n---\nlast:\n# c\n',
      'description: "A long text\n  folded over\n\n  lines,  \\\n  joined\\t\\u00e9\\x41\\U0001F600 \\_ "\nsingle: \'it\'\'s\n   folded  \n\n\n   too \'\nlist:\n- "item\n  over lines"  # c\n',
      'description: A plain text\n  folded over\n\n\n    lines  \n  and more\n# after\nnext:\n  on the next line\n  and on\nlist:\n- a plain item\n  going on\n  # deeper comment\n-\n  "quoted, next line"\n',
      'a: 1 # c\r\nb: |\r\n  x\r\n\r\n  y\r\nc: "q\r\n  r"\r\nd:\r\n# e\r\n---\r\n{\r\n  k: v, # c\r\n}\r\n',
      'mixed: 1\r\nline: breaks\nend: plain\r\n  continued\n',
      'spec:\n  containers:\n    - name: app\n      command:\n        - sh\n        - -c\n        - |\n          echo a\n          echo b\n      # between fields\n      image: x\n',
      // `...` ends a document as the end of the text would; the next may start without `---`, or be empty.
      'a:\n  - x\n    # c\n# d\n\n... # end\n\n# e\nb: |\n  y\n\n...\n---\nc:\n  # f\n...\n...\n---\n# g\n...\n[1, 2]\n...',
      '...\n# c\n...\n',
      // No documents: an empty stream.
      '',
      '# only a comment\n\n  # and another\r\n',
      // Spaces before a key's `:` are in neither the key nor its range.
      'a : 1\nb  :\n  c : x\n"q" : [y]\nd :   # c\n- e : {f : 1, "g" :2}\n  h  : |\n    z\n',
      // Flow collections over lines in block collections: deeper than the collection they are in, but for the closing
      // bracket; comments anywhere but right after a flow mapping's value at column 0.
      'spec:\n  containers:\n  - name: a\n    command: [\n      "sh", # c\n# at column 0\n      "-c",\n      "echo\n        hi"\n    ]\n    args: [\n      --x\n    ]   # c\n      # deeper\n    env: {\n      a:\n        [1, 2],\n      b: {\n        c: d },\n    }\n  - {\n   name: b\n  }\n',
      // Flow collections and block scalars on the line after their key or `-`.
      'securityContext:\n  {}\nargs: # c\n\n  [x,\n   y]  # c\n   # d\nscript:\n  |\n  echo\nlist:\n-\n  >-\n   folded\n   text\n- [\n  1\n  ]\n',
      // Lines indented deeper in a folded scalar keep their line breaks (and one more after a line that is not).
      // A block scalar without lines (at the end of the text) is empty.
      'empty: >\n',
      'list:\n- |-\n  x\n- >\n',
      'expression: >\n  Object{\n    spec: x,\n    a: [\n\n      b\n    ]\n  }\n  folded\n  on\n\n\n    more\n  end\nb: >-\n  x\n    y\n\n  z\n',
    ];
    for (const text of cases) assert.ok(readsLikeYaml(text), `gave up on ${JSON.stringify(text)}`);
    // As YAML 1.2 (podlint's config), scalars resolve by that schema's tags: the same cases read as yaml reads them.
    for (const text of cases) assert.ok(readsLikeYaml(text, `${JSON.stringify(text)} as YAML 1.2`, configOptions), `gave up on ${JSON.stringify(text)} as YAML 1.2`);
  });

  it('gives up on what it does not read, and yaml parses those', () => {
    const cases = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a:\tb\n',
      'a: 1\rb: 2\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\n... x\n',
      '? a\n: b\n',
      // A flow collection's lines go deeper than the block collection it is in, but for its closing bracket.
      'k:\n  a: [\n    x\n ]\n',
      'a: [[\n  x\n]]\n',
      'a:\n  b: {c: d\n}\n',
      '{a: 1}\n{b: 2}\n',
      '[a: b]\n',
      '{\n  a: 1\n# yaml reports this comment\n}\n',
      // A document marker at column 0 ends the document inside the collection.
      '[a,\n...\n]\n',
      '{\n  a: 1,\n---\n}\n',
      'a: "multi\nline at column 0"\n',
      'a: plain\n  - continued?\n',
      'a: plain\n  continued # with a comment\n',
      'a: b: c\n',
      'a: 1\n  b: 2\n',
      '<<: {a: 1}\n',
      'a: |+\n  keep\n\n',
      'a: |2\n   x\n',
      'a : b : c\n',
      '{a :1}\n',
      'just a scalar\n',
    ];
    for (const text of cases) assert.equal(parseCommonYaml(text, options), undefined, JSON.stringify(text));
    // Nesting: read to 200 collections deep; deeper goes to yaml, and to the check that reports files too deep.
    const nested = (depth: number) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k${level}:\n`).join('') + `${'  '.repeat(depth)}x: 1\n`;
    assert.ok(readsLikeYaml(nested(199)), 'gave up at 200 levels');
    assert.equal(parseCommonYaml(nested(200), options), undefined);
    assert.ok(readsLikeYaml(`a: ${'['.repeat(150)}${']'.repeat(150)}\n`), 'gave up on 150 flow levels');
    assert.equal(parseCommonYaml(`a: ${'['.repeat(250)}${']'.repeat(250)}\n`, options), undefined);
    // yaml reports an implicit key over 1024 characters, quoted or plain.
    for (const key of ['k', '"k"', "'k'"]) assert.equal(parseCommonYaml(`${key.replace('k', 'k'.repeat(1100))}: 1\n`, options), undefined, `long ${key}`);
  });

  it('reads most fixtures, each exactly as yaml does', () => {
    const files = filesUnder(join(root, 'fixtures'), /\.ya?ml$/);
    let read = 0;
    for (const path of files) if (readsLikeYaml(readFileSync(path, 'utf8'), path)) read += 1;
    assert.ok(read > files.length * 0.7, `read ${read} of ${files.length} fixtures`);
  });

  it('reads most of ../shared/corpus, each file exactly as yaml does', (t) => {
    const corpus = join(root, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      t.skip('../shared/corpus is not present (a contributor clone); the cases above still run');
      return;
    }
    const files = filesUnder(corpus, /\.(ya?ml|json)$/);
    let read = 0;
    for (const path of files) if (readsLikeYaml(readFileSync(path, 'utf8'), path)) read += 1;
    assert.ok(read > files.length * 0.7, `read ${read} of ${files.length} corpus files`);
  });

  it('reads JSON with JSON.parse to the values and positions YAML gives, and leaves to fast-yaml what the value cannot tell', () => {
    const json = (text: string) => readJsonDocument(text, 200, () => undefined) !== undefined;
    const numbers = ['0', '-0', '123', '-123', '9007199254740993', '123456789012345678901234567890', '1.5', '-0.5', '1.0', '0.0', '-0.0', '1.5e10', '1.5E-3', '1.0e+2', '1e5', '1E5', '-1e-5', '0e0', '1e400'];
    const strings = ['""', '"a b"', '"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\"\\\\"', '"\\ud800"', '"\u2028 \u0085"', '"a: b # c"', '"---"', '"{[,]}"', '"yes"', '"null"', '"0644"'];
    const accepted = [
      ...numbers.map((number) => `{"n": ${number}, "list": [${number}]}`),
      ...strings.map((string) => `{${string}: ${string}}\n`),
      '{}', '[]', '[{}, [], [[]], {"a": {}}]', '{"__proto__": {"polluted": true}, "toString": 1, "constructor": null}',
      '{\r\n  "apiVersion": "v1",\r\n  "kind": "ConfigMap",\r\n  "data": {"a": "b"}\r\n}\r\n',
      '\n\n{"a":\n\n1,\n"b"  :  [true,false,null]}\n\n',
      `${'['.repeat(200)}${']'.repeat(200)}`,
    ];
    for (const text of accepted) {
      assert.ok(json(text), `JSON path gave up on ${JSON.stringify(text)}`);
      assert.ok(readsLikeYaml(text), `fast-yaml gave up on ${JSON.stringify(text)}`);
    }
    const rejected = [
      // What the value cannot tell: a duplicate key, its first value overwritten.
      '{"a": 1, "a": 2}', '[{"b": {"a": 1, "a": 1}}]',
      // YAML ends an implicit key at its line; fast-yaml gives up on nesting this deep, and on an indented document.
      '{"a"\n: 1}', `${'['.repeat(201)}${']'.repeat(201)}`, '  {"indented": true}',
      // Not JSON, or not a collection.
      '{a: 1}', '{"a": 1,}', '"text"', '1', '{"a": 1}\n{"b": 2}', '{"a": 1}\rx',
    ];
    for (const text of rejected) {
      assert.equal(json(text), false, `JSON path read ${JSON.stringify(text)}`);
      readsLikeYaml(text);
    }
    // fast-yaml leaves a text with a tab to yaml before it tries JSON.
    assert.equal(readCommonYaml('{"a":\t1}', options), undefined);
    fc.assert(
      fc.property(
        fc.oneof(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ stringUnit: 'binary' })), fc.array(fc.jsonValue({ stringUnit: 'binary' }))),
        fc.constantFrom(0, 1, 2, 4),
        fc.boolean(),
        (value, indent, crlf) => {
          let text = JSON.stringify(value, null, indent);
          if (crlf) text = text.replaceAll('\n', '\r\n');
          assert.ok(json(text), `JSON path gave up on ${JSON.stringify(text)}`);
          // fast-yaml leaves a text with a byte order mark (in a string here) to yaml.
          assert.equal(readsLikeYaml(text), !text.includes('\uFEFF'), `fast-yaml read ${JSON.stringify(text)}`);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });

  it('reads fixtures broken a character at a time exactly as yaml does, or gives up; never throws', () => {
    const texts = filesUnder(join(root, 'fixtures'), /\.ya?ml$/).map((path) => readFileSync(path, 'utf8')).filter((text) => text.length < 4000);
    const piece = fc.constantFrom(':', ': ', '-', '- ', ' ', '  ', '\n', '\r\n', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '|-', '>-', '---\n', '...\n', '\\', 'x', '0', '~');
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.oneof(fc.constant(''), piece) });
    let read = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (pick, edits) => {
        let text = texts[pick % texts.length]!;
        for (const { at, remove, insert } of edits) {
          const offset = at % (text.length + 1);
          text = text.slice(0, offset) + insert + text.slice(offset + remove);
        }
        if (readsLikeYaml(text)) read += 1;
      }),
      { numRuns: 1000, seed: 8 },
    );
    assert.ok(read > 300, `only ${read} of 1000 broken fixtures took the fast path`);
  });

  it('reads generated manifests, mutated with comments, blank lines, spaces and CRLF line breaks, exactly as yaml does', () => {
    const scalar = fc.constantFrom(
      'web', 'nginx:1.27', 'yes', 'No', 'on', '~', 'null', '', ' ', ' padded', '0644', '0o644', '0x1F', '1:20', '2024-01-01', '1e3', '.5', '.', '-1', '- a', '-x', '?x', ':x',
      'a: b', 'a #b', '#x', 'a#b', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'two\nlines', 'trailing\n', 'gap\n\nhere\n', '  indented\nlines\n', 'text\n  more indented\n\n  code\nlast', 'ünïcödé', '😀', '[x]', '{x}', 'a,b', '*x', '&x', '!x', '|', '>', '%x', '@x', '`x',
      42, -7, 3.5, 0, true, false, null,
    );
    const key = fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom('name', 'image', 'yes', 'on', 'a b', 'a:b', 'y', '1', 'x-y', 'apiVersion', '"q"', "'q'") },
      { weight: 1, arbitrary: fc.constantFrom('<<', '? x', '- x', 'a #b', '') },
    );
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    const style = fc.record({
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      flowLevel: fc.constantFrom(0, 1, 1, 2, 2, 2, 99, 99),
      blockQuote: fc.constantFrom(true, false, 'literal' as const, 'folded' as const),
      defaultStringType: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const),
      // 30 folds flow documents (KYAML-like) and flow collections over lines, and long scalars too.
      lineWidth: fc.constantFrom(0, 0, 30),
      // Which collections are written in flow style in a block document (bit i for the i-th), as `args: [...]` is.
      flowCollections: fc.oneof(fc.constant(0), fc.nat()),
    });
    const lineBreaks = fc.constantFrom('LF', 'LF', 'CRLF', 'mixed');
    const edit = fc.record({ line: fc.nat(), kind: fc.constantFrom('comment', 'blank', 'trailing-comment', 'trailing-spaces', 'document', 'document-end', 'spaced-colon', 'join-flow', 'dedent'), column: fc.nat({ max: 10 }) });
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), { minLength: 1, maxLength: 3 }), style, fc.array(edit, { maxLength: 6 }), lineBreaks, (docs, format, edits, breaks) => {
        const { flowLevel, flowCollections, ...rest } = format;
        const toString = { ...rest, flowCollectionPadding: flowLevel !== 99, collectionStyle: flowLevel === 0 ? ('flow' as const) : ('any' as const) };
        const text = docs
          .map((data) => {
            const doc = new Document(data);
            let index = 0;
            visit(doc, {
              Collection(_, node) {
                if ((flowCollections >> (index++ % 31)) & 1) node.flow = true;
              },
            });
            return doc.toString(toString);
          })
          .join('---\n');
        const lines = text.split('\n');
        for (const { line, kind, column } of edits) {
          const at = line % lines.length;
          if (kind === 'comment') lines.splice(at, 0, `${' '.repeat(column)}# note`);
          else if (kind === 'blank') lines.splice(at, 0, ' '.repeat(column % 3));
          else if (kind === 'trailing-comment') lines[at] += ' # note';
          else if (kind === 'trailing-spaces') lines[at] += ' '.repeat(column + 1);
          else if (kind === 'document') lines.splice(at, 0, '---');
          else if (kind === 'spaced-colon') lines[at] = lines[at]!.replace(/:( |$)/, `${' '.repeat(column % 3 + 1)}:$1`);
          else if (kind === 'dedent') lines[at] = lines[at]!.replace(new RegExp(`^ {1,${column % 4 + 1}}`), '');
          else if (kind === 'join-flow') {
            // yaml writes a flow collection over lines on the line after its key; people write `key: [` (or `- {`).
            const opening = lines.findIndex((text, index) => index >= at && /(:|^ *-)$/.test(text) && /^ *[[{]/.test(lines[index + 1] ?? ''));
            if (opening >= 0) lines.splice(opening, 2, `${lines[opening]} ${lines[opening + 1]!.trimStart()}`);
          }
          else lines.splice(at, 0, column % 2 ? '...' : '... # end');
        }
        const joined = breaks === 'LF' ? lines.join('\n') : breaks === 'CRLF' ? lines.join('\r\n') : lines.map((line, index) => line + (index % 2 ? '\r\n' : '\n')).join('');
        if (readsLikeYaml(joined)) read += 1;
      }),
      { numRuns: 1000, seed: 8 },
    );
    // The property must be about the fast path: most generated texts are of the common shape.
    assert.ok(read > 300, `only ${read} of 1000 generated texts took the fast path`);
  });
});
