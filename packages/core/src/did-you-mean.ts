// "Did you mean" for ids and keys: the closest candidate by edit distance, case differences counting little.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  const current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    for (let j = 0; j <= b.length; j += 1) previous[j] = current[j]!;
  }
  return previous[b.length]!;
}

/**
 * How much work suggestions may do, counted in characters: those of each candidate looked at, and the cells of the
 * edit-distance tables worked out. When it runs out, didYouMean suggests nothing (rather than a candidate that may
 * not be the closest), then and in every later call that shares the budget.
 */
export class SuggestionBudget {
  constructor(private remaining: number) {}

  /** Takes `work` from the budget; false, leaving nothing, when less than that remains. */
  spend(work: number): boolean {
    if (work > this.remaining) {
      this.remaining = 0;
      return false;
    }
    this.remaining -= work;
    return true;
  }
}

/**
 * What one didYouMean call may do unless given a budget: far more than any list of names podlint knows needs (the
 * fields of a kind, the kinds, the rule ids), but a bound on two names of a million characters, say.
 */
const ONE_CALL = 1_000_000;

/** The distance being over the limit, or the budget running out, in editDistanceAtMost. */
const TOO_FAR = -1;
const OUT_OF_BUDGET = -2;

/**
 * The candidate closest to `input`, if it is close enough to be a likely typo; of equally close ones, the first.
 * Nothing, too, when `budget` runs out first: callers that ask for many inputs against many candidates (a pod of
 * thousands of volumes and mounts) share one, so that their work stays bounded.
 */
export function didYouMean(input: string, candidates: Iterable<string>, budget = new SuggestionBudget(ONE_CALL)): string | undefined {
  const lower = input.toLowerCase();
  const limit = Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  // Only a candidate closer than the best so far can take its place, so the distance is worked out only as far as
  // that: most candidates are given up after a row or two of the table.
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (!budget.spend(candidate.length + 1)) return undefined;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) return candidate;
    const distance = editDistanceAtMost(lower, candidateLower, bestDistance - 1, budget);
    if (distance === OUT_OF_BUDGET) return undefined;
    if (distance !== TOO_FAR) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The edit distance of `a` and `b` if it is at most `most`, else TOO_FAR (OUT_OF_BUDGET when the budget runs out).
 * Only cells within `most` of the diagonal can be that close, and a row whose cells are all further stops the work:
 * the distance is never less than the least of any row. Cells further than `most` hold most + 1.
 */
function editDistanceAtMost(a: string, b: string, most: number, budget: SuggestionBudget): number {
  if (Math.abs(a.length - b.length) > most) return TOO_FAR;
  const beyond = most + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) previous[j] = Math.min(j, beyond);
  for (let i = 1; i <= a.length; i += 1) {
    const first = Math.max(1, i - most);
    const last = Math.min(b.length, i + most);
    if (!budget.spend(last - first + 1)) return OUT_OF_BUDGET;
    current[first - 1] = first === 1 ? Math.min(i, beyond) : beyond;
    let least = current[first - 1]!;
    for (let j = first; j <= last; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, beyond);
      least = Math.min(least, current[j]!);
    }
    if (least > most) return TOO_FAR;
    // The next row reads one cell past this row's last.
    if (last < b.length) current[last + 1] = beyond;
    [previous, current] = [current, previous];
  }
  return previous[b.length]! <= most ? previous[b.length]! : TOO_FAR;
}
