import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_ALIAS_COUNT, SourceFile } from './source.js';
import { fastToJS } from './to-js.js';

/** yaml's own conversion, the reference fastToJS must reproduce exactly. */
function reference(file: SourceFile, index: number): unknown {
  return file.documents[index]!.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

/** Deep equality that also compares key order and own `__proto__` keys, which deepStrictEqual may not. */
function assertSameShape(actual: unknown, expected: unknown, where: string): void {
  assert.deepStrictEqual(actual, expected, where);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), where);
  if (actual && typeof actual === 'object') {
    assert.deepEqual(Reflect.ownKeys(actual), Reflect.ownKeys(expected as object), where);
    assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), where);
    for (const key of Reflect.ownKeys(actual)) {
      assertSameShape((actual as Record<PropertyKey, unknown>)[key], (expected as Record<PropertyKey, unknown>)[key], `${where}.${String(key)}`);
    }
  }
}

const CASES: Record<string, string> = {
  'plain objects and lists': 'a: 1\nb: [x, {c: null}]\nd:\n  - e: true\n    f: 1.5\n',
  'YAML 1.1 scalars': 'mode: 0644\nyes: on\nhex: 0x1F\nsexagesimal: 1:30\ntime: 2001-12-14t21:59:43.10-05:00\nempty:\n',
  'keys that are not strings': '1: a\ntrue: b\n~: c\n1.0: d\n',
  'duplicate keys, the later wins': 'a: 1\nb: 2\na: 3\n',
  '__proto__ and toString keys stay own keys': '__proto__: {polluted: true}\ntoString: x\nconstructor: y\n',
  'quoted and block scalars': 'a: "x\\ty"\nb: \'it\'\'s\'\nc: |\n  line\n  two\nd: >-\n  folded\n  text\n',
  'tags': 'a: !!str 1\nb: !!int "2"\nc: !custom value\nd: !!binary aGVsbG8=\n',
  'merge keys and aliases': 'base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\nlist: [*b, *b]\n',
  'sets, ordered maps and pairs': 's: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]\n',
  'a quoted << is an ordinary key': '"<<": {x: 1}\n',
  'aliases of mappings, lists and scalars': 'base: &b {x: 1, y: [1, 2]}\nlist: &l [a, b]\nname: &n web\nuses: [*b, *l, *n]\nagain: *b\n',
  'an anchor redefined: each alias takes the latest before it': 'a: &x one\nb: *x\nc: &x two\nd: *x\ne: [&x three, *x]\n',
  'an alias of an anchored key': '&k name: web\nother: *k\n',
  'an alias in a list of aliases': 'a: &a [x, y]\nb: &b [*a, *a]\nc: [*b, *b, *a]\n',
  'empty document': '# nothing\n',
  'scalar document': 'just text\n',
  'JSON': '{"apiVersion": "v1", "kind": "Pod", "n": [1, 2.5, null, "s"]}',
};

describe('fastToJS', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`builds what yaml's toJS builds: ${name}`, () => {
      const file = new SourceFile('case.yaml', text);
      file.documents.forEach((doc, index) => assertSameShape(doc.value, reference(file, index), name));
    });
  }

  it('leaves aliases, merge keys and special collections to yaml', () => {
    for (const name of ['merge keys and aliases', 'sets, ordered maps and pairs', 'tags']) {
      const doc = new SourceFile('case.yaml', CASES[name]!).documents[0]!;
      assert.equal(fastToJS(doc.yaml), undefined, name);
    }
    assert.notEqual(fastToJS(new SourceFile('case.yaml', CASES['plain objects and lists']!).documents[0]!.yaml), undefined);
  });

  it('builds aliases itself, the alias being the very object of its anchor, as in yaml', () => {
    for (const name of ['aliases of mappings, lists and scalars', 'an anchor redefined: each alias takes the latest before it', 'an alias in a list of aliases']) {
      assert.notEqual(fastToJS(new SourceFile('case.yaml', CASES[name]!).documents[0]!.yaml, MAX_ALIAS_COUNT), undefined, name);
    }
    const value = new SourceFile('case.yaml', CASES['aliases of mappings, lists and scalars']!).documents[0]!.value as Record<string, unknown[]>;
    assert.equal(value.uses![0], value.again);
  });

  it('leaves to yaml an alias inside its own anchor and an alias without one', () => {
    for (const text of ['a: &a [1, *a]\n', 'a: &a {b: *a}\n', 'a: *nowhere\n', 'a: *later\nb: &later 1\n']) {
      assert.equal(fastToJS(new SourceFile('case.yaml', text).documents[0]!.yaml, MAX_ALIAS_COUNT), undefined, text);
    }
  });

  it("stops an alias bomb exactly where yaml's count does", () => {
    // Each level lists the one before `width` times: width^depth expansions. yaml throws over MAX_ALIAS_COUNT.
    const outcomes = new Set<boolean>();
    for (let width = 2; width <= 10; width += 1) {
      for (let depth = 1; depth <= 6; depth += 1) {
        let text = 'l0: &l0 [x]\n';
        for (let level = 1; level <= depth; level += 1) text += `l${level}: &l${level} [${Array.from({ length: width }, () => `*l${level - 1}`).join(', ')}]\n`;
        text += `uses: [${Array.from({ length: width }, () => `*l${depth}`).join(', ')}]\n`;
        const doc = new SourceFile('bomb.yaml', text).documents[0]!;
        let yamlThrew = false;
        try {
          doc.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch {
          yamlThrew = true;
        }
        let fastThrew = false;
        try {
          assert.notEqual(fastToJS(doc.yaml, MAX_ALIAS_COUNT), undefined);
        } catch (error) {
          assert.match(String(error), /Excessive alias count/);
          fastThrew = true;
        }
        assert.equal(fastThrew, yamlThrew, `width ${width}, depth ${depth}`);
        outcomes.add(yamlThrew);
      }
    }
    assert.equal(outcomes.size, 2, 'both bombs and harmless nestings');
  });

  it('refuses a key that is a mapping or a list, as kubectl does, instead of stringifying it', () => {
    const keys: Record<string, string> = { '? {a: 1}\n: x\n': '{a: 1}', '? [a]\n: x\n': '[a]', 'base: &b {x: 1}\n? [*b]\n: x\n': '[*b]' };
    for (const [text, key] of Object.entries(keys)) {
      const doc = new SourceFile('case.yaml', text).documents[0]!;
      assert.equal(doc.value, undefined, text);
      assert.equal(doc.conversionError?.code, 'KEY', text);
      assert.match(doc.conversionError!.message, /a mapping key must be a plain value/);
      assert.equal(text.slice(...doc.conversionError!.offsets), key);
    }
  });

  it('matches yaml on every document of ../shared/corpus', (t) => {
    const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      t.skip('../shared/corpus is not present (a contributor clone); the cases above still run');
      return;
    }
    let documents = 0;
    for (const path of walk(corpus)) {
      const file = new SourceFile(path, readFileSync(path, 'utf8'));
      file.documents.forEach((doc, index) => {
        if (doc.hasSyntaxErrors || doc.conversionError) return;
        assertSameShape(doc.value, reference(file, index), `${path} document ${index + 1}`);
        documents += 1;
      });
    }
    assert.ok(documents > 1000, `only ${documents} documents compared`);
  });
});

function walk(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) return walk(path);
      return /\.(ya?ml|json)$/.test(entry) ? [path] : [];
    });
}
