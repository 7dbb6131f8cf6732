/**
 * The eager-loading benchmark harness. A workload is ONE file in ./workloads that default-exports
 * `defineWorkload({...})`: how to prepare its data once, the subject (eloquent) and its floors
 * (raw knex, raw better-sqlite3 — or, for Mongo workloads, the raw driver). Each implementation
 * runs in its own child process (clean peak RSS) and returns a canonical result that must be
 * identical across implementations before any timing is printed.
 */

export interface Runner {
  /** The measured operation. */
  run(): Promise<unknown> | unknown;
  /** Plain, order-independent data built from run()'s result (not timed): must match across implementations. */
  canonical(result: unknown): unknown;
  /** Statements issued since the last call (reset on read). */
  takeQueryCount(): number;
  close(): Promise<void> | void;
}

/** Counts statements for Runner.takeQueryCount: `tick` adds one, `take` reads and resets. */
export function queryCounter(): { tick: () => void; take: () => number } {
  let n = 0;
  return {
    tick: () => void n++,
    take: () => {
      const taken = n;
      n = 0;
      return taken;
    },
  };
}

export type Implementation<C> = (context: C) => Promise<Runner> | Runner;

export interface Workload<C = unknown> {
  id: string;
  title: string;
  /** Prepares data once in `dir` (a fresh temp directory); the returned context must be JSON. */
  setup(dir: string): Promise<C> | C;
  /** Name of the implementation under test (key of `implementations`). */
  subject: string;
  implementations: Record<string, Implementation<C>>;
  /** Ratio targets of the subject against each floor (printed as pass/miss). */
  targets?: Record<string, number>;
}

export function defineWorkload<C>(workload: Workload<C>): Workload<C> {
  return workload;
}

export interface ChildReport {
  workload: string;
  implementation: string;
  medianMs: number;
  minMs: number;
  /** Every timed run, for aggregation across rounds. */
  timesMs: number[];
  /** Process CPU time (user + system) of every timed run: steadier than wall time on a busy machine. */
  cpuMs: number[];
  runs: number;
  queriesPerRun: number;
  peakRssMb: number;
  digest: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Stable JSON (sorted object keys) for digests. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}
