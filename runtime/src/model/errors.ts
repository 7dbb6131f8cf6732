/** Errors the model layer throws; each says what is wrong, where, and how to fix it. */
import { didYouMean as closestName, didYouMeanText } from "eloquent-engine";

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

/**
 * " Did you mean 'x'?" (or the differs-only-by-case note), or "". The engine's did-you-mean: one
 * algorithm and one threshold for runtime errors and every static diagnostic.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  return didYouMeanText(closestName(input, candidates), input);
}

/** sole(): more than one row matched. */
export class MultipleRecordsFoundError extends EloquentError {
  constructor(
    readonly model: string,
    query: string,
  ) {
    super(`More than one ${model} matched ${query}; sole() expects exactly one. Narrow the query (a unique column), or use first().`);
  }
}
