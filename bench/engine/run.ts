/**
 * `npx tsc -b engine && npx tsx bench/engine/run.ts`: times checkGraph on synthetic graphs of
 * 1k, 10k and 20k models (each with columns, every relation kind, a declared pivot and a few
 * mistakes) and prints the time per model side by side — a linear engine keeps it flat. Then the
 * many-relations-per-model shape: one hub model with 1k, 5k and 10k relations (every kind, each
 * with its inverse on a target, 1% mistakes), where any per-pair scan shows up as a growing time
 * per relation. Target: 10,000 relations on one model checked in under a second.
 */
import { cpus, loadavg } from "node:os";
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

/** Wall and CPU time (user + system: what the load of a shared machine changes least) of checkGraph on `g`. */
function timeGraph(g: ModelGraph, runs: number): { ms: number; cpuMs: number; diagnostics: number } {
  let diagnostics = checkGraph(g).length; // warm-up
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    diagnostics = checkGraph(g).length;
    const cpu = process.cpuUsage(cpuStart);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpuSamples.push((cpu.user + cpu.system) / 1000);
  }
  return { ms: median(samples), cpuMs: median(cpuSamples), diagnostics };
}

const TARGETS = 100;

/**
 * One model ("Hub") with `n` relations toward 100 targets; each target declares the inverse of every
 * relation the hub points at it, so the inverse rules compare thousands of relations on each side.
 */
function hubGraph(n: number): ModelGraph {
  const hub: ModelNode = {
    name: "Hub",
    store: "sql",
    table: "hubs",
    columns: [column("id", "increments", { primary: true }), column("owner_type", "string"), column("owner_id", "int")],
    relations: [],
    database: { tables: {} },
  };
  const targets: ModelNode[] = Array.from({ length: TARGETS }, (_, t) => ({
    name: `Target${t}`,
    store: "sql",
    table: `targets_${t}`,
    columns: [column("id", "increments", { primary: true }), column("owner_type", "string"), column("owner_id", "int")],
    relations: [],
  }));
  const tables = hub.database as { tables: Record<string, unknown> };
  for (let i = 0; i < n; i++) {
    const target = targets[i % TARGETS]!;
    const key = `hub${i}_id`;
    switch (i % 5) {
      case 0: // hasMany ↔ belongsTo on a per-relation key
        target.columns.push(column(key, "int"));
        hub.relations.push(relation(`many${i}`, "hasMany", target.name, { foreignKey: key }));
        target.relations.push(relation(`hub${i}`, "belongsTo", "Hub", { foreignKey: key }));
        break;
      case 1: // belongsTo ↔ hasOne
        hub.columns.push(column(`target${i}_id`, "int"));
        hub.relations.push(relation(`one${i}`, "belongsTo", target.name, { foreignKey: `target${i}_id` }));
        target.relations.push(relation(`hubOne${i}`, "hasOne", "Hub", { foreignKey: `target${i}_id` }));
        break;
      case 2: // belongsToMany through a declared pivot
        tables.tables[`pivot_${i}`] = { columns: { hub_id: { type: "int" }, target_id: { type: "int" } } };
        hub.relations.push(
          relation(`tags${i}`, "belongsToMany", target.name, {
            pivotTable: `pivot_${i}`,
            pivotLocalKey: "hub_id",
            pivotForeignKey: "target_id",
          }),
        );
        break;
      case 3: // morphMany ↔ morphTo
        hub.relations.push(relation(`notes${i}`, "morphMany", target.name, { morphName: "owner" }));
        if (i < TARGETS * 5) target.relations.push(relation(`owner${i}`, "morphTo", "Hub", { morphName: "owner" }));
        break;
      default: // 1% mistakes (did-you-mean included), else a plain hasOne with its inverse
        if (i % 100 === 4) hub.relations.push(relation(`typo${i}`, "hasMany", `Targte${i % TARGETS}`));
        else {
          target.columns.push(column(key, "int"));
          hub.relations.push(relation(`first${i}`, "hasOne", target.name, { foreignKey: key }));
          target.relations.push(relation(`hubFirst${i}`, "belongsTo", "Hub", { foreignKey: key }));
        }
    }
  }
  return { models: [hub, ...targets] };
}

// BENCH_ENGINE_SHAPES=hub runs only the many-relations shape.
const SHAPES = process.env.BENCH_ENGINE_SHAPES ?? "models,hub";
const sizes = SHAPES.includes("models") ? [1_000, 10_000, 20_000] : [];
const rows = sizes.map((n) => ({ n, ...time(n, n >= 10_000 ? 5 : 9) }));
if (rows.length > 0) {
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
}

if (SHAPES.includes("hub")) {
  const hubSizes = [1_000, 5_000, 10_000];
  const hubRows = hubSizes.map((n) => ({ n, ...timeGraph(hubGraph(n), 5) }));
  const hubBase = hubRows[0];
  console.log(`\nmany relations on one model: Hub with n relations toward ${TARGETS} targets, each inverse declared (median of 5 runs)`);
  console.log("hub relations   diagnostics   median ms   median CPU ms   µs CPU/relation   vs 1k per-relation");
  for (const row of hubRows) {
    const perRelation = (row.cpuMs * 1000) / row.n;
    const ratio = perRelation / ((hubBase.cpuMs * 1000) / hubBase.n);
    console.log(
      `${String(row.n).padStart(13)}   ${String(row.diagnostics).padStart(11)}   ${row.ms.toFixed(1).padStart(9)}   ${row.cpuMs.toFixed(1).padStart(13)}   ${perRelation.toFixed(1).padStart(15)}   ${ratio.toFixed(2).padStart(17)}×`,
    );
  }
  const largest = hubRows[hubRows.length - 1];
  console.log(
    `target: ${largest.n.toLocaleString("en")} relations on one model in under 1 s of CPU — ${largest.cpuMs < 1000 ? "met" : "MISSED"} (${largest.cpuMs.toFixed(0)} ms CPU, ${largest.ms.toFixed(0)} ms wall) · load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${cpus().length} CPUs`,
  );
}
