/**
 * Incremental engine runs for the editor. A one-file edit changes a few models; re-checking 1,000 models for
 * it would cost the editor tens of milliseconds per keystroke. Instead the engine runs on a graph where:
 *   - models whose diagnostics may change (the "report set") and everything those diagnostics read are
 *     complete, and
 *   - every other model is a stub (name, store, table, connection, alias — no columns, no relations), so
 *     names still resolve, did-you-mean still sees every name, and clashes are still real clashes;
 * and only diagnostics about the report set are replaced. Anything with project-wide effects (static
 * database metadata, unverifiable targets, morph relations) widens the sets or falls back to a full run.
 * The plugin re-runs the full check when idle and logs any disagreement; a test compares both on edits.
 */
import type { Diagnostic, ModelGraph, ModelNode, RelationNode } from "eloquent-orm/engine";
import type { LoadedEngine } from "./engine";

const MORPH_KINDS = new Set(["morphOne", "morphMany", "morphTo"]);

function isUnverifiable(value: unknown): boolean {
  return value !== null && typeof value === "object" && (value as { unverifiable?: unknown }).unverifiable === true;
}

function stringTargets(model: ModelNode): string[] {
  const targets: string[] = [];
  for (const relation of model.relations) if (typeof relation.target === "string") targets.push(relation.target);
  return targets;
}

function pivotTables(model: ModelNode): string[] {
  const tables: string[] = [];
  for (const relation of model.relations) {
    const options = relation.options as Record<string, unknown> | undefined;
    if (options !== null && typeof options === "object" && typeof options["pivotTable"] === "string") tables.push(options["pivotTable"] as string);
  }
  return tables;
}

/** A model whose checks read project-wide state (or whose state other checks read project-wide). */
function isSpecial(model: ModelNode, names: ReadonlySet<string>): boolean {
  if (model.database !== undefined || model.openSchema || model.invalidEntries?.length || model.morphAlias !== undefined) return true;
  for (const relation of model.relations as RelationNode[]) {
    if (typeof relation.kind !== "string" || MORPH_KINDS.has(relation.kind)) return true;
    if (typeof relation.target !== "string" || !names.has(relation.target)) return true;
    if (relation.options !== undefined && (relation.options === null || typeof relation.options !== "object" || isUnverifiable(relation.options))) return true;
  }
  return false;
}

class GraphIndex {
  readonly byName = new Map<string, ModelNode[]>();
  readonly targetedBy = new Map<string, ModelNode[]>();
  readonly byTable = new Map<string, ModelNode[]>();
  readonly special: ModelNode[] = [];
  readonly names = new Set<string>();

  constructor(
    readonly graph: ModelGraph,
    readonly tableOf: (model: ModelNode) => string | undefined,
  ) {
    for (const model of graph.models) {
      this.names.add(model.name);
      push(this.byName, model.name, model);
      const table = tableOf(model);
      if (table !== undefined) push(this.byTable, table, model);
    }
    for (const model of graph.models) {
      for (const target of new Set(stringTargets(model))) push(this.targetedBy, target, model);
      if (isSpecial(model, this.names)) this.special.push(model);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface IncrementalInput {
  engine: LoadedEngine;
  previous: { graph: ModelGraph; diagnostics: Diagnostic[] };
  next: ModelGraph;
  /** Models (in `previous.graph`) and (in `next`) read from the files that changed. */
  changedBefore: ModelNode[];
  changedAfter: ModelNode[];
}

/** The new full diagnostic list, or undefined when only a full run is safe. */
export function checkIncrementally(input: IncrementalInput): Diagnostic[] | undefined {
  const { engine, previous, next, changedBefore, changedAfter } = input;
  const changed = [...changedBefore, ...changedAfter];
  const tableOf = (model: ModelNode) => (typeof model.table === "string" ? model.table : isUnverifiable(model.table) ? undefined : engine.conventions.defaultTableName(model.name));
  const before = new GraphIndex(previous.graph, tableOf);
  const after = new GraphIndex(next, tableOf);
  // Project-wide effects: let the full engine decide.
  if (changedBefore.some((model) => isSpecial(model, before.names)) || changedAfter.some((model) => isSpecial(model, after.names))) return undefined;

  const report = new Set<ModelNode>(changedAfter);
  const names = new Set(changed.map((model) => model.name));
  const tables = new Set(changed.map(tableOf).filter((table): table is string => table !== undefined));
  const addAll = (set: Set<ModelNode>, models: readonly ModelNode[] | undefined) => {
    for (const model of models ?? []) set.add(model);
  };
  // Models whose diagnostics read the changed ones: same name or table (clashes), relations toward them,
  // their own targets (inverse and morph checks run on both sides), pivots on their tables, and every
  // model that says "did you mean" over all names.
  for (const name of names) {
    addAll(report, after.byName.get(name));
    addAll(report, after.targetedBy.get(name));
  }
  for (const model of changed) for (const target of stringTargets(model)) addAll(report, after.byName.get(target));
  for (const table of tables) addAll(report, after.byTable.get(table));
  for (const model of next.models) if (pivotTables(model).some((table) => tables.has(table))) report.add(model);
  addAll(report, after.special);
  // The engine filters by model NAME: every model sharing a reported name is reported, so it needs its
  // neighbours too.
  for (const model of [...report]) addAll(report, after.byName.get(model.name));

  // Everything the report set's checks read must be complete.
  const full = new Set<ModelNode>(report);
  for (const model of report) {
    for (const target of stringTargets(model)) addAll(full, after.byName.get(target));
    addAll(full, after.targetedBy.get(model.name));
    addAll(full, after.byName.get(model.name));
    const table = tableOf(model);
    if (table !== undefined) addAll(full, after.byTable.get(table));
    for (const pivot of pivotTables(model)) addAll(full, after.byTable.get(pivot));
  }

  const subgraph: ModelGraph = {
    models: next.models.map((model) =>
      full.has(model)
        ? model
        : ({
            name: model.name,
            store: model.store,
            ...(model.table === undefined ? {} : { table: model.table }),
            ...(model.connection === undefined ? {} : { connection: model.connection }),
            columns: [],
            relations: [],
            ...(model.loc ? { loc: model.loc } : {}),
          } satisfies ModelNode),
    ),
  };
  const reportNames = new Set([...report].map((model) => model.name));
  const fresh = engine.checkGraph(subgraph, { models: [...reportNames] });
  const staleNames = new Set([...reportNames, ...changedBefore.map((model) => model.name)]);
  const kept = previous.diagnostics.filter((diagnostic) => !staleNames.has(diagnostic.node.model));
  return [...kept, ...fresh].sort(engine.compareDiagnostics);
}
