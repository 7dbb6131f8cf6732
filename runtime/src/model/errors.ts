/** Errors the model layer throws; each says what is wrong, where, and how to fix it. */

export class EloquentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ModelNotFoundError extends EloquentError {
  constructor(
    readonly model: string,
    readonly key: unknown,
    /** Replaces the primary-key message (firstOrFail names the query instead). */
    message?: string,
  ) {
    super(message ?? `${model} with primary key ${JSON.stringify(key)} was not found.`);
  }
}

export class RelationNotLoadedError extends EloquentError {
  constructor(model: string, relation: string) {
    super(
      `${model}.${relation} is not loaded. Load it first: \`await model.load("${relation}")\`, ` +
        `\`${model}.query().with("${relation}")\`, or query it with \`await model.related("${relation}")\`.`,
    );
  }
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** " Did you mean 'x'?" for the closest candidate (case-insensitive), or "". */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === input.toLowerCase() ? 0 : editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? ` Did you mean '${best}'?` : "";
}
