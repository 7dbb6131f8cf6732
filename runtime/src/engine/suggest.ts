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
 * The closest candidate, or undefined when nothing is close enough to be a plausible typo.
 * A case-insensitive equal wins; otherwise the distance must be at most a third of the length
 * (min 1, max 3), and ties are resolved by candidate order so results are deterministic.
 */
export function didYouMean(input: string, candidates: Iterable<string>): Match | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(input.length / 3)));
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
  return match.caseOnly
    ? ` '${original}' differs from '${match.value}' only by case.`
    : ` Did you mean '${match.value}'?`;
}
