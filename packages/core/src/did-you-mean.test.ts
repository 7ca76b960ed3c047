import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CandidateIndex, didYouMean, editDistance, SuggestionBudget } from './did-you-mean.js';

/** The plain definition: the closest candidate of all, if close enough. */
function closestOfAll(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const score = editDistance(lower, candidate.toLowerCase());
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return bestScore <= Math.max(1, Math.floor(input.length / 3)) ? best : undefined;
}

describe('didYouMean', () => {
  it('suggests close names and nothing for distant ones', () => {
    const fields = ['image', 'imagePullPolicy', 'livenessProbe', 'readinessProbe', 'ports'];
    assert.equal(didYouMean('imagePullPolice', fields), 'imagePullPolicy');
    assert.equal(didYouMean('IMAGE', fields), 'image');
    assert.equal(didYouMean('livenesProbe', fields), 'livenessProbe');
    assert.equal(didYouMean('port', fields), 'ports');
    assert.equal(didYouMean('command', fields), undefined);
  });

  it('gives what comparing with every candidate gives (working each distance out only as far as it matters)', () => {
    let state = 11;
    const next = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state >>> 12) % limit;
    };
    const letters = 'abcdeABİı';
    const word = () => Array.from({ length: 1 + next(12) }, () => letters[next(letters.length)]).join('');
    let suggested = 0;
    for (let round = 0; round < 3000; round += 1) {
      const candidates = Array.from({ length: next(8) }, word);
      const input = next(3) === 0 && candidates.length > 0 ? `${candidates[next(candidates.length)]}${letters[next(letters.length)]}` : word();
      const expected = closestOfAll(input, candidates);
      assert.equal(didYouMean(input, candidates), expected, `${input} among ${candidates.join(', ')}`);
      if (expected !== undefined) suggested += 1;
    }
    assert.ok(suggested > 500, `only ${suggested} inputs had a suggestion`);
  });

  it('gives what comparing with every candidate gives for long names that differ in a few places', () => {
    // Names of up to 40 characters, each candidate a few edits from the others: distances near the limit, ties, and
    // tables given up at every row.
    let state = 5;
    const next = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state >>> 12) % limit;
    };
    const letters = 'abcAB';
    const edit = (word: string) => {
      const at = next(word.length + 1);
      const letter = letters[next(letters.length)]!;
      const kind = next(3);
      if (kind === 0) return word.slice(0, at) + letter + word.slice(at);
      if (kind === 1) return word.slice(0, at) + word.slice(at + 1);
      return word.slice(0, at) + letter + word.slice(at + 1);
    };
    const edits = (word: string, count: number) => Array.from({ length: count }).reduce<string>((result) => edit(result), word);
    let suggested = 0;
    for (let round = 0; round < 2000; round += 1) {
      const base = Array.from({ length: 1 + next(40) }, () => letters[next(letters.length)]).join('');
      const candidates = Array.from({ length: next(12) }, () => edits(base, next(10)));
      const input = edits(base, next(10));
      const expected = closestOfAll(input, candidates);
      assert.equal(didYouMean(input, candidates), expected, `${input} among ${candidates.join(', ')}`);
      if (expected !== undefined) suggested += 1;
    }
    assert.ok(suggested > 500, `only ${suggested} inputs had a suggestion`);
  });

  it('suggests nothing once a shared budget is spent, and the closest name until then', () => {
    const volumes = Array.from({ length: 100 }, (_, index) => `volume-${String(index).padStart(3, '0')}`);
    const budget = new SuggestionBudget(20_000);
    const answers = volumes.map((volume) => didYouMean(volume.replace('volume', 'volme'), volumes, budget));
    const answered = answers.findIndex((answer) => answer === undefined);
    assert.ok(answered > 0 && answered < volumes.length, `${answered} answered`);
    assert.deepEqual(answers.slice(0, answered), volumes.slice(0, answered));
    assert.deepEqual(new Set(answers.slice(answered)), new Set([undefined]));
    // Alone, each call has a budget of its own: two names of 100,000 characters are more than it allows.
    assert.equal(didYouMean('volme-042', volumes), 'volume-042');
    assert.equal(didYouMean(`${'a'.repeat(100_000)}b`, [`${'a'.repeat(100_000)}c`]), undefined);
  });
});

describe('CandidateIndex', () => {
  let state = 7;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state >>> 12) % limit;
  };
  const letters = 'abcdeABİı';
  // Candidates that share prefixes, as a type's fields do, with a few of their own.
  const stems = ['spec', 'spEc', 'status', 'sp', 'İd', 'replicas'];
  const word = () => Array.from({ length: 1 + next(12) }, () => letters[next(letters.length)]).join('');
  const candidate = () => (next(3) === 0 ? word() : `${stems[next(stems.length)]}${next(2) === 0 ? '' : word()}`);

  it('gives what didYouMean gives on the candidates it is asked about', () => {
    let suggested = 0;
    let preferredOther = 0;
    for (let round = 0; round < 3000; round += 1) {
      const candidates = Array.from({ length: next(40) }, candidate);
      const index = new CandidateIndex(candidates);
      for (let question = 0; question < 5; question += 1) {
        const input = next(3) === 0 && candidates.length > 0 ? `${candidates[next(candidates.length)]}${letters[next(letters.length)]}` : candidate();
        const expected = didYouMean(input, candidates);
        assert.equal(index.closest(input), expected, `${input} among ${candidates.join(', ')}`);
        if (expected !== undefined) suggested += 1;
        // Some candidates not preferred, as fields an object has already are.
        const taken = new Set(candidates.filter(() => next(3) === 0));
        const prefer = (name: string) => !taken.has(name);
        const expectedPreferred = didYouMean(input, candidates.filter(prefer)) ?? expected;
        assert.equal(index.closest(input, prefer), expectedPreferred, `${input} among ${candidates.join(', ')}, preferring ${candidates.filter(prefer).join(', ')}`);
        if (expectedPreferred !== expected) preferredOther += 1;
      }
    }
    assert.ok(suggested > 3000, `only ${suggested} inputs had a suggestion`);
    assert.ok(preferredOther > 300, `preferring some candidates changed only ${preferredOther} answers`);
  });

  it('gives no answer where finding it would take too long', () => {
    const long = 'x'.repeat(1500);
    const index = new CandidateIndex(['short', `${long}yz`, `${long}y`]);
    assert.equal(didYouMean(`${long}yy`, index.candidates, new SuggestionBudget(10_000_000)), `${long}yz`);
    assert.equal(index.closest(`${long}yy`), undefined, 'a row of 1,500 distances for each of 1,500 characters');
    assert.equal(index.closest('shrt'), 'short');
    // 10,000 names with nothing in common, the answer last: the search gives up before it.
    const names = Array.from({ length: 10_000 }, (_, number) => (Math.imul(number + 1, 2654435761) >>> 0).toString(36).padStart(7, '0').slice(0, 7) + 'abc');
    const typo = `${names[9_999]!.slice(0, 9)}x`;
    assert.equal(didYouMean(typo, names), names[9_999]);
    assert.equal(new CandidateIndex(names).closest(typo), undefined);
    assert.equal(new CandidateIndex(names.slice(9_000)).closest(typo), names[9_999], '10,000 characters in all are searched in full');
  });

  it('finds the candidates that begin with a prefix and fit a length', () => {
    for (let round = 0; round < 2000; round += 1) {
      const candidates = Array.from({ length: next(40) }, candidate);
      const index = new CandidateIndex(candidates);
      const prefix = candidate().slice(0, 1 + next(4)).toLowerCase();
      const longest = 2 + next(12);
      const taken = new Set(candidates.filter(() => next(4) === 0));
      const accept = (name: string) => !taken.has(name);
      const expected = candidates.filter((name) => name.toLowerCase().startsWith(prefix) && name.length <= longest && accept(name));
      const found = index.startingWith(prefix, (length) => length <= longest, accept, 100);
      assert.deepEqual([...found].sort(), [...expected].sort(), `${prefix} up to ${longest} among ${candidates.join(', ')}`);
      assert.equal(index.startingWith(prefix, (length) => length <= longest, accept, 2).length, Math.min(2, expected.length));
    }
  });

  it('answers about thousands of keys among thousands of fields that share a prefix', () => {
    // Comparing every key with every field would take minutes; the shared prefix is compared once per key.
    const fields = Array.from({ length: 20_000 }, (_, number) => `prop${String(number).padStart(6, '0')}`);
    const index = new CandidateIndex(fields);
    for (let number = 0; number < 20_000; number += 1) {
      assert.equal(index.closest(`zzzz${String(number).padStart(6, '0')}`), undefined);
    }
    assert.equal(index.closest('prop001234x'), 'prop001234');
    assert.equal(index.closest('PROP01234'), 'prop001234');
  });
});
