import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { didYouMean, editDistance, SuggestionBudget } from './did-you-mean.js';

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
