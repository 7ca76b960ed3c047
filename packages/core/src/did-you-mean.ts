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

/** One prefix of the candidates' lower-case spellings, in the tree that CandidateIndex keeps. */
interface PrefixNode {
  /** The UTF-16 code of the prefix's last character (-1 for the empty prefix). */
  code: number;
  /** The longer prefixes by one character, in the order the candidates list them first, and by that character. */
  children: PrefixNode[];
  childByCode: Map<number, PrefixNode> | undefined;
  /** The candidates spelt exactly this prefix in lower case, in list order. */
  ends: number[] | undefined;
  /** The first candidate in list order at or below this node: a tie goes to it. */
  first: number;
  /** The length of the shortest candidate at or below this node, as written. */
  shortest: number;
  /** The length of the longest lower-case spelling at or below this node. */
  longest: number;
}

function prefixNode(code: number): PrefixNode {
  return { code, children: [], childByCode: undefined, ends: undefined, first: Number.POSITIVE_INFINITY, shortest: Number.POSITIVE_INFINITY, longest: 0 };
}

/**
 * The most work one question may take: the prefixes it follows, and the distances it works out (a row of them per
 * prefix, one per character of the input). A list of up to MAX_SEARCH_ROWS characters in all is always searched in
 * full, for an input of up to 200 characters; of the schemas podlint ships, a typo of a field of PrometheusSpec (126
 * fields) follows the most prefixes, about 440, and one of the 418 time zones, as an enum, about 950. A question that
 * would take more is about thousands of names with nothing in common (a generated schema, or a hostile one), and is
 * left without an answer rather than stall the run.
 */
export const MAX_SEARCH_ROWS = 10_000;
const MAX_SEARCH_CELLS = 2_000_000;

/**
 * One list of candidates asked "did you mean" many times (the fields of a type, the values of an enum, which may be
 * thousands): the answers of didYouMean, without working out the distance to every candidate. The lower-case
 * spellings are kept as a tree of prefixes, and the distance is worked out along it one row per character, as
 * editDistance does: candidates share the rows of the prefix they share, and a prefix that is already further from
 * the input than the best candidate so far is not followed. Thousands of fields that differ in their last few
 * characters cost a few rows for an input, not thousands of distances.
 */
export class CandidateIndex {
  private readonly root = prefixNode(-1);

  constructor(readonly candidates: readonly string[]) {
    candidates.forEach((candidate, index) => this.add(candidate, index));
  }

  private add(candidate: string, index: number): void {
    const lower = candidate.toLowerCase();
    let node = this.root;
    for (let position = 0; ; position += 1) {
      node.first = Math.min(node.first, index);
      node.shortest = Math.min(node.shortest, candidate.length);
      node.longest = Math.max(node.longest, lower.length);
      if (position === lower.length) break;
      const code = lower.charCodeAt(position);
      node.childByCode ??= new Map();
      let child = node.childByCode.get(code);
      if (!child) {
        child = prefixNode(code);
        node.childByCode.set(code, child);
        node.children.push(child);
      }
      node = child;
    }
    (node.ends ??= []).push(index);
  }

  /**
   * What `didYouMean(input, candidates.filter(prefer)) ?? didYouMean(input, candidates)` answers: the closest of the
   * preferred candidates (all, without `prefer`), else the closest of all, the first in list order on a tie, if close
   * enough to be a likely typo. Undefined too when finding it would take more than MAX_SEARCH_ROWS allows.
   */
  closest(input: string, prefer: (candidate: string) => boolean = () => true): string | undefined {
    const lower = input.toLowerCase();
    const width = lower.length + 1;
    const limit = Math.max(1, Math.floor(input.length / 3));
    // Nothing further than the limit counts, and on a tie the earlier candidate wins. The best of all is never behind
    // the best preferred one, so a prefix that cannot beat the preferred one cannot beat either.
    const preferred = { score: limit + 1, index: -1 };
    const any = { score: limit + 1, index: -1 };
    const beats = (score: number, index: number, best: { score: number; index: number }) => score < best.score || (score === best.score && index < best.index);
    let rowsWorkedOut = 0;
    if (width > MAX_SEARCH_CELLS) return undefined;
    // rows[depth] holds the distances from the prefix of that length to each prefix of the input.
    const rows: Int32Array[] = [Int32Array.from({ length: width }, (_, column) => column)];
    const inputCodes = Int32Array.from({ length: lower.length }, (_, position) => lower.charCodeAt(position));
    // Prefixes still to visit, depth first; a node's row is worked out from the row of its parent, which is the last
    // row worked out one level up when the node is taken from the stack.
    const pending: PrefixNode[] = [this.root];
    const depths: number[] = [0];
    while (pending.length > 0) {
      const node = pending.pop()!;
      const depth = depths.pop()!;
      // Candidates all shorter than the input by more than the limit are that far from it at least.
      if (node.longest < lower.length - limit) continue;
      let nearest = 0;
      if (depth > 0) {
        rowsWorkedOut += 1;
        if (rowsWorkedOut > MAX_SEARCH_ROWS || (rowsWorkedOut + 1) * width > MAX_SEARCH_CELLS) return undefined;
        const above = rows[depth - 1]!;
        const row = (rows[depth] ??= new Int32Array(width));
        row[0] = depth;
        nearest = depth;
        for (let column = 1; column < width; column += 1) {
          const cost = inputCodes[column - 1] === node.code ? 0 : 1;
          const distance = Math.min(above[column]! + 1, row[column - 1]! + 1, above[column - 1]! + cost);
          row[column] = distance;
          if (distance < nearest) nearest = distance;
        }
      }
      // No candidate below is nearer than the nearest entry of the row.
      if (!beats(nearest, node.first, preferred)) continue;
      if (node.ends) {
        const score = rows[depth]![width - 1]!;
        if (beats(score, node.ends[0]!, any)) Object.assign(any, { score, index: node.ends[0]! });
        const index = node.ends.find((candidate) => prefer(this.candidates[candidate]!));
        if (index !== undefined && beats(score, index, preferred)) Object.assign(preferred, { score, index });
      }
      // Pushed last to first, so that the earliest candidates are reached first and settle ties early.
      for (let child = node.children.length - 1; child >= 0; child -= 1) {
        pending.push(node.children[child]!);
        depths.push(depth + 1);
      }
    }
    const best = preferred.index >= 0 ? preferred : any;
    return best.index >= 0 ? this.candidates[best.index] : undefined;
  }

  /**
   * Up to `count` candidates that `accept` takes whose lower-case spelling begins with `prefix` (lower case) and
   * whose length as written `fits` (a test that a length passes only if every shorter one does), in no particular order.
   */
  startingWith(prefix: string, fits: (length: number) => boolean, accept: (candidate: string) => boolean, count: number): string[] {
    let node: PrefixNode | undefined = this.root;
    for (let position = 0; node && position < prefix.length; position += 1) node = node.childByCode?.get(prefix.charCodeAt(position));
    const found: string[] = [];
    const stack = node ? [node] : [];
    while (stack.length > 0 && found.length < count) {
      const next = stack.pop()!;
      // Every candidate below is at least this long.
      if (!fits(next.shortest)) continue;
      for (const index of next.ends ?? []) {
        const candidate = this.candidates[index]!;
        if (found.length < count && fits(candidate.length) && accept(candidate)) found.push(candidate);
      }
      for (const child of next.children) stack.push(child);
    }
    return found;
  }
}
