import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_ALIAS_COUNT, SourceFile } from './source.js';
import { duplicateKeys } from './duplicate-keys.js';
import { AliasCycleError, aliasInsideItsAnchor, fastToJS } from './to-js.js';
import { filesUnder } from './test-utils.js';

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

/** Whether yaml's toJS throws on the document (an alias bomb); asserts that fastToJS throws exactly then. */
function sameOutcome(text: string, where: string): boolean {
  const doc = new SourceFile('bomb.yaml', text).documents[0]!;
  let yamlThrew = false;
  try {
    doc.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    yamlThrew = true;
  }
  let fastThrew = false;
  try {
    assert.notEqual(fastToJS(doc.yaml, MAX_ALIAS_COUNT), undefined, where);
  } catch (error) {
    assert.match(String(error), /Excessive alias count/, where);
    fastThrew = true;
  }
  assert.equal(fastThrew, yamlThrew, where);
  return yamlThrew;
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
  'a list of merges, the earlier mapping winning': 'a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  w: 3\n',
  'keys before a merge win, keys after it replace': 'a: &a {x: 1, y: 1, z: 1}\nb: {x: 0, <<: *a, y: 9}\n',
  'merges of merges, inline, and through an alias of a list': 'a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nl: &l [*a, *b]\nc: {<<: *l}\nd: {<<: {q: 1, <<: *b}}\n',
  'keys a merge adds as property names': 'a: &a {1: one, "1": string, ~: nothing, true: yes, "": empty}\nb: {<<: *a}\n',
  'a merge key tagged !!merge': 'a: &a {x: 1}\nb: {!!merge <<: *a}\n',
  'anchors inside a merged mapping are registered again': 'a: &a {inner: &i [1], k: &k v}\nb: {<<: *a}\nc: *i\nd: &k w\ne: *k\n',
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

  it('leaves special collections and tags that build objects to yaml', () => {
    for (const name of ['sets, ordered maps and pairs', 'tags']) {
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

  it('builds merge keys itself, with the objects and alias counts yaml gives', () => {
    const merged = Object.keys(CASES).filter((name) => /merge/.test(name));
    assert.ok(merged.length >= 6);
    for (const name of merged) assert.notEqual(fastToJS(new SourceFile('case.yaml', CASES[name]!).documents[0]!.yaml, MAX_ALIAS_COUNT), undefined, name);
    // A merge converts its source again, as yaml does: an alias after it is the new copy of an anchor inside.
    const doc = new SourceFile('case.yaml', CASES['anchors inside a merged mapping are registered again']!).documents[0]!;
    const ours = doc.value as { a: { inner: unknown }; b: { inner: unknown }; c: unknown };
    const theirs = reference(doc.file, 0) as typeof ours;
    assert.equal(theirs.c, theirs.b.inner);
    assert.notEqual(theirs.c, theirs.a.inner);
    assert.equal(ours.c, ours.b.inner);
    assert.notEqual(ours.c, ours.a.inner);
  });

  it('gives what yaml gives for generated merges, aliases and anchors, errors and duplicate keys included', () => {
    let state = 11;
    // The high bits of a linear congruential generator: its low bits repeat with short periods.
    const next = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * limit);
    };
    const names = ['a', 'b', 'c'];
    const keys = ['x', 'y', '1', '"1"', '~', 'true', '"<<"', 'x'];
    /** Anchor names defined so far in the text being generated, and those of mappings: what aliases refer to. */
    let defined: string[] = [];
    let mappings: string[] = [];
    const alias = () => (defined.length > 0 ? `*${defined[next(defined.length)]}` : 'v');
    const mappingAlias = () => (mappings.length === 0 ? '{m: 1}' : next(10) > 0 ? `*${mappings[next(mappings.length)]}` : alias());
    const anchored = (content: () => string) => {
      if (next(3) > 0) return content();
      const name = names[next(names.length)]!;
      // The anchor comes before its content and hides an earlier one of its name: an alias of it inside would be a
      // cycle (left to yaml), so the content does not refer to the name at all.
      defined = defined.filter((other) => other !== name);
      mappings = mappings.filter((other) => other !== name);
      const text = content();
      defined.push(name);
      if (text.startsWith('{')) mappings.push(name);
      return `&${name} ${text}`;
    };
    const node = (depth: number): string => {
      switch (depth > 2 ? next(3) : next(8)) {
        case 0:
          return anchored(() => ['v', '1', '~', 'yes', '0x1f'][next(5)]!);
        case 1:
        case 2:
          return alias();
        case 3:
        case 4:
          return anchored(() => {
            const entries = Array.from({ length: next(4) }, () => `${keys[next(keys.length)]}: ${node(depth + 1)}`);
            if (next(2) === 0) entries.splice(next(entries.length + 1), 0, `<<: ${mergeValue(depth + 1)}`);
            return `{${entries.join(', ')}}`;
          });
        case 5:
          return anchored(() => `[${Array.from({ length: next(3) }, () => node(depth + 1)).join(', ')}]`);
        default:
          return anchored(() => `{<<: ${mergeValue(depth + 1)}, ${keys[next(keys.length)]}: ${node(depth + 1)}}`);
      }
    };
    const mergeValue = (depth: number): string => {
      switch (next(8)) {
        case 0:
          return `[${Array.from({ length: 1 + next(3) }, mappingAlias).join(', ')}]`;
        case 1:
          return depth > 3 || next(2) === 0 ? '{m: 1}' : node(depth);
        case 2:
          return next(4) === 0 ? ['1', '~', '[1]'][next(3)]! : mappingAlias();
        default:
          return mappingAlias();
      }
    };
    const outcomes = { same: 0, declined: 0, errors: 0, merged: 0, cycles: 0 };
    for (let round = 0; round < 3000; round += 1) {
      defined = [];
      mappings = [];
      const text = `${Array.from({ length: 2 + next(6) }, (_, index) => `k${index}: ${node(0)}`).join('\n')}\n`;
      const doc = new SourceFile('merge.yaml', text).documents[0]!;
      if (doc.hasSyntaxErrors) continue;
      let expected: unknown;
      let expectedError: unknown;
      try {
        expected = doc.yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        expectedError = error;
      }
      let fast: ReturnType<typeof fastToJS>;
      try {
        fast = fastToJS(doc.yaml, MAX_ALIAS_COUNT);
      } catch (error) {
        if (error instanceof AliasCycleError) {
          // yaml builds a value that contains itself, or runs out of stack (through a merge); kubectl refuses both.
          assert.equal(aliasInsideItsAnchor(doc.yaml.contents), error.alias, text);
          outcomes.cycles += 1;
          continue;
        }
        assert.ok(expectedError, `${text}: fastToJS threw ${String(error)}, yaml did not`);
        assert.equal(String(error), String(expectedError), text);
        outcomes.errors += 1;
        continue;
      }
      if (fast === undefined) {
        outcomes.declined += 1;
        continue;
      }
      assert.equal(aliasInsideItsAnchor(doc.yaml.contents), undefined, text);
      assert.equal(expectedError, undefined, `${text}: yaml threw ${String(expectedError)}, fastToJS did not`);
      assertSameShape(fast.value, expected, text);
      assert.deepEqual(fast.duplicateKeys, duplicateKeys(doc.yaml), text);
      outcomes.same += 1;
      if (text.includes('<<: ')) outcomes.merged += 1;
    }
    // Most documents are built, merges among them, and both kinds of yaml error are met.
    assert.ok(outcomes.same > 1000 && outcomes.merged > 500 && outcomes.errors > 100 && outcomes.cycles > 0, JSON.stringify(outcomes));
    assert.ok(outcomes.declined < outcomes.same / 4, JSON.stringify(outcomes));
  });

  it('leaves to yaml an alias without an anchor', () => {
    for (const text of ['a: *nowhere\n', 'a: *later\nb: &later 1\n']) {
      assert.equal(fastToJS(new SourceFile('case.yaml', text).documents[0]!.yaml, MAX_ALIAS_COUNT), undefined, text);
    }
  });

  it('refuses an alias inside the node it repeats, as kubectl does, whichever conversion builds the document', () => {
    // The text of the alias that closes the loop, for each document; !!set makes a document yaml's toJS's to build.
    const cycles: Record<string, string> = {
      'a: &a [1, *a]\n': '*a',
      'a: &a {b: *a}\n': '*a',
      'a: &a {<<: *a}\n': '*a',
      'spec: &node\n  type: object\n  properties:\n    child: *node\n': '*node',
      'a: &a {b: [x, {c: *a}]}\n': '*a',
      's: !!set {x}\na: &a {b: *a}\n': '*a',
      'a: &a {b: &b {c: *b}}\n': '*b',
    };
    for (const [text, alias] of Object.entries(cycles)) {
      const doc = new SourceFile('case.yaml', text).documents[0]!;
      if (!text.includes('!!set')) assert.throws(() => fastToJS(doc.yaml, MAX_ALIAS_COUNT), AliasCycleError, text);
      assert.equal(aliasInsideItsAnchor(doc.yaml.contents)?.source, alias.slice(1), text);
      assert.equal(doc.value, undefined, text);
      assert.equal(doc.conversionError?.code, 'ALIAS', text);
      assert.equal(text.slice(...doc.conversionError!.offsets), alias, text);
      assert.match(doc.conversionError!.message, new RegExp(`kubectl refuses it too \\("anchor '${alias.slice(1)}' value contains itself"\\)$`), text);
    }
    // An alias of the anchor its node redefines before it, or of a sibling, or used twice, is no loop.
    for (const text of ['a: &x {b: &x 1, c: *x}\n', 'a: &a {x: 1}\nb: {c: *a, d: *a}\n', 's: !!set {x}\na: &a {x: 1}\nb: [*a, *a]\n']) {
      const doc = new SourceFile('case.yaml', text).documents[0]!;
      assert.equal(aliasInsideItsAnchor(doc.yaml.contents), undefined, text);
      assert.equal(doc.conversionError, undefined, text);
      assertSameShape(doc.value, reference(doc.file, 0), text);
    }
  });

  it("stops an alias bomb exactly where yaml's count does", () => {
    // Each level lists the one before `width` times: width^depth expansions. yaml throws over MAX_ALIAS_COUNT.
    const outcomes = new Set<boolean>();
    for (let width = 2; width <= 10; width += 1) {
      for (let depth = 1; depth <= 6; depth += 1) {
        for (const merges of [false, true]) {
          // With merges, each level merges the one before `width` times, and converts it again each time.
          let text = merges ? 'l0: &l0 {x: 1}\n' : 'l0: &l0 [x]\n';
          for (let level = 1; level <= depth; level += 1) {
            const previous = Array.from({ length: width }, () => `*l${level - 1}`).join(', ');
            text += merges ? `l${level}: &l${level} {<<: [${previous}], k${level}: 1}\n` : `l${level}: &l${level} [${previous}]\n`;
          }
          text += `uses: [${Array.from({ length: width }, () => `*l${depth}`).join(', ')}]\n`;
          outcomes.add(sameOutcome(text, `width ${width}, depth ${depth}, ${merges ? 'merges' : 'lists'}`));
        }
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
    for (const path of filesUnder(corpus, /\.(ya?ml|json)$/)) {
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

