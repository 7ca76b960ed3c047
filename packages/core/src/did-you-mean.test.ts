import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { didYouMean, editDistance } from './did-you-mean.js';

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

  it('gives what comparing with every candidate gives (skipping those whose length alone rules them out)', () => {
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
});
