/** Counts queries through the public query event. */
import { onQuery, type QueryEvent } from "eloquent-orm";

export interface QueryCounter {
  readonly queries: QueryEvent[];
  readonly count: number;
  reset(): void;
  stop(): void;
}

/**
 * Counts statements; transaction control (BEGIN, SAVEPOINT, COMMIT, ROLLBACK) only with
 * `{ transactions: true }`, so counts say how many data statements an operation needs.
 */
export function countQueries(options: { transactions?: boolean } = {}): QueryCounter {
  const queries: QueryEvent[] = [];
  const stop = onQuery((e) => {
    if (e.kind === "query" || options.transactions) queries.push(e);
  });
  return {
    queries,
    get count() {
      return queries.length;
    },
    reset() {
      queries.length = 0;
    },
    stop,
  };
}

/** Runs `work` and returns its result with the statements it issued. */
export async function withQueryCount<T>(work: () => PromiseLike<T>): Promise<{ result: T; count: number; queries: QueryEvent[] }> {
  const counter = countQueries();
  try {
    const result = await work();
    return { result, count: counter.count, queries: counter.queries.slice() };
  } finally {
    counter.stop();
  }
}
