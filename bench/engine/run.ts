/**
 * `npx tsc -b runtime && npx tsx bench/engine/run.ts`: times checkGraph on synthetic graphs of
 * 1k, 10k and 20k models (each with columns, every relation kind, a declared pivot and a few
 * mistakes) and prints the time per model side by side — a linear engine keeps it flat.
 */
import { checkGraph, type ColumnNode, type ModelGraph, type ModelNode, type RelationNode } from "eloquent-engine";

const column = (name: string, type: string, options: Record<string, unknown> = {}): ColumnNode => ({ name, type, options });
const relation = (name: string, kind: string, target: string, options?: Record<string, unknown>): RelationNode => ({
  name,
  kind,
  target,
  options,
});

function model(i: number, n: number): ModelNode {
  const name = `Model${i}`;
  const next = `Model${(i + 1) % n}`;
  const prev = `Model${(i + n - 1) % n}`;
  const snakePrev = `model${(i + n - 1) % n}_id`;
  return {
    name,
    // The last tenth are Mongo models: only the two boundary models relate across stores.
    store: i >= n * 0.9 ? "mongo" : "sql",
    table: `table_${i}`,
    columns: [
      column("id", "increments", { primary: true }),
      column("title", "string"),
      column("body", "text"),
      column(snakePrev, "int"),
      column("owner_type", "string"),
      column("owner_id", "int"),
      column("timestamps", "timestamps"),
    ],
    relations: [
      relation("children", "hasMany", next),
      relation("parent", "belongsTo", prev),
      relation("tags", "belongsToMany", next, { pivotTable: `pivot_${i}`, pivotLocalKey: "a_id", pivotForeignKey: "b_id" }),
      relation("notes", "morphMany", next, { morphName: "owner" }),
      relation("owner", "morphTo", prev, { morphName: "owner" }),
      // ~1% mistakes, so reporting (did-you-mean included) is part of the cost.
      ...(i % 100 === 0 ? [relation("typo", "hasMany", `Modle${i}`), relation("bad", "hasmany", next)] : []),
    ],
    database: { tables: { [`pivot_${i}`]: { columns: { a_id: { type: "int" }, b_id: { type: "int" } } } } },
  };
}

function graph(n: number): ModelGraph {
  return { models: Array.from({ length: n }, (_, i) => model(i, n)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(n: number, runs: number): { ms: number; diagnostics: number } {
  const g = graph(n);
  let diagnostics = checkGraph(g).length; // warm-up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    diagnostics = checkGraph(g).length;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(samples), diagnostics };
}

const sizes = [1_000, 10_000, 20_000];
const rows = sizes.map((n) => ({ n, ...time(n, n >= 10_000 ? 5 : 9) }));
const base = rows[0];
console.log("checkGraph on synthetic graphs (median of runs; 5 relations + 7 columns per model)");
console.log("models   relations   diagnostics   median ms   µs/model   vs 1k per-model");
for (const row of rows) {
  const perModel = (row.ms * 1000) / row.n;
  const ratio = perModel / ((base.ms * 1000) / base.n);
  console.log(
    `${String(row.n).padStart(6)}   ${String(row.n * 5).padStart(9)}   ${String(row.diagnostics).padStart(11)}   ${row.ms.toFixed(1).padStart(9)}   ${perModel.toFixed(1).padStart(8)}   ${ratio.toFixed(2).padStart(14)}×`,
  );
}
