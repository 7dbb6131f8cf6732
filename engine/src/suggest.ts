/** "Did you mean" for misspelt model names, option keys, columns and kinds. */

/** Optimal-string-alignment Damerau-Levenshtein distance (a transposition counts as one edit). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

export interface Match {
  value: string;
  /** True when `value` equals the input ignoring case (worth calling out: "differs only by case"). */
  caseOnly: boolean;
}

/**
 * THE did-you-mean threshold, for every front and the runtime: how many edits a typo of `length`
 * characters may be from its candidate. One edit up to 3 characters (so `id` does not suggest `at`),
 * two up to 8 (`auth` → `author`), three beyond.
 */
export function suggestionLimit(length: number): number {
  return length <= 3 ? 1 : Math.min(3, Math.max(2, Math.floor(length / 3)));
}

/**
 * The closest candidate, or undefined when nothing is close enough to be a plausible typo.
 * A case-insensitive equal wins; otherwise the distance must be within `suggestionLimit`, and ties
 * are resolved by candidate order so results are deterministic.
 */
export function didYouMean(input: string, candidates: Iterable<string>): Match | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = suggestionLimit(input.length);
  for (const candidate of candidates) {
    if (candidate === input) continue;
    if (candidate.toLowerCase() === lower) return { value: candidate, caseOnly: true };
    if (Math.abs(candidate.length - input.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? undefined : { value: best, caseOnly: false };
}

/** " Did you mean 'Post'?" or "" — for appending to messages. */
export function didYouMeanText(match: Match | undefined, original: string): string {
  if (match === undefined) return "";
  return match.caseOnly ? ` '${original}' differs from '${match.value}' only by case.` : ` Did you mean '${match.value}'?`;
}

/** Above this many candidates, lookups use the deletion index instead of scanning every name. */
const SCAN_LIMIT = 500;

/**
 * did-you-mean over a fixed candidate set (e.g. every model name), built once per run. Small sets
 * are scanned exactly like `didYouMean`; large ones use a single-deletion index (a SymSpell-style
 * table: every name with one character removed), which finds every candidate one edit away —
 * substitutions, insertions, deletions and adjacent transpositions — in O(name length), so a graph
 * with many typos stays linear. On those large sets, suggestions two or more edits away are not offered.
 */
export class Suggester {
  private readonly candidates: readonly string[];
  private readonly lower = new Map<string, string>();
  private deletions: Map<string, string[]> | undefined;

  constructor(candidates: Iterable<string>) {
    this.candidates = [...new Set(candidates)];
    for (const candidate of this.candidates) {
      const key = candidate.toLowerCase();
      if (!this.lower.has(key)) this.lower.set(key, candidate);
    }
  }

  suggest(input: string): Match | undefined {
    if (this.candidates.length <= SCAN_LIMIT) return didYouMean(input, this.candidates);
    const lowerInput = input.toLowerCase();
    const sameIgnoringCase = this.lower.get(lowerInput);
    if (sameIgnoringCase !== undefined && sameIgnoringCase !== input) return { value: sameIgnoringCase, caseOnly: true };
    const index = this.deletionIndex();
    let best: string | undefined;
    for (const variant of [lowerInput, ...deletionsOf(lowerInput)]) {
      for (const candidate of index.get(variant) ?? []) {
        if (candidate === input || editDistance(lowerInput, candidate.toLowerCase()) > 1) continue;
        if (best === undefined || this.candidates.indexOf(candidate) < this.candidates.indexOf(best)) best = candidate;
      }
    }
    return best === undefined ? undefined : { value: best, caseOnly: false };
  }

  private deletionIndex(): Map<string, string[]> {
    if (this.deletions !== undefined) return this.deletions;
    const index = new Map<string, string[]>();
    const add = (key: string, candidate: string) => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [candidate]);
      else if (list[list.length - 1] !== candidate) list.push(candidate);
    };
    for (const candidate of this.candidates) {
      const key = candidate.toLowerCase();
      add(key, candidate);
      for (const deleted of deletionsOf(key)) add(deleted, candidate);
    }
    this.deletions = index;
    return index;
  }
}

function deletionsOf(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}
