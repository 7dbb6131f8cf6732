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
import {
  MODEL_VALUED_OPTIONS,
  relationPivotTable,
  type Diagnostic,
  type ModelGraph,
  type ModelNode,
  type RelationNode,
} from "eloquent-engine";
import { isUnverifiableValue as isUnverifiable } from "../extract/unverifiable";
import type { LoadedEngine } from "./engine";

/** Kinds whose checks read models besides the target (morph parents, a through model, a shared morph pivot). */
const MORPH_KINDS = new Set(["morphOne", "morphMany", "morphTo", "morphToMany", "morphedByMany", "hasOneThrough", "hasManyThrough"]);

function stringTargets(model: ModelNode): string[] {
  const targets: string[] = [];
  for (const relation of model.relations) {
    if (typeof relation.target === "string") targets.push(relation.target);
    // A through relation also reads its intermediate model's columns, a `using` relation its pivot model's.
    const options = relation.options as Record<string, unknown> | undefined;
    if (options === null || typeof options !== "object") continue;
    for (const option of MODEL_VALUED_OPTIONS) if (typeof options[option] === "string") targets.push(options[option] as string);
  }
  return targets;
}

function pivotTables(model: ModelNode): string[] {
  const tables: string[] = [];
  for (const relation of model.relations) {
    const options = relation.options as Record<string, unknown> | undefined;
    if (options !== null && typeof options === "object" && typeof options["pivotTable"] === "string")
      tables.push(options["pivotTable"] as string);
    else {
      // The default morph pivot, as the engine names it (morphToMany / morphedByMany).
      const table = relationPivotTable(relation.kind, relation.name, options);
      if (table !== undefined) tables.push(table);
    }
  }
  return tables;
}

/** A model whose checks read project-wide state (or whose state other checks read project-wide). */
function isSpecial(model: ModelNode, names: ReadonlySet<string>): boolean {
  if (model.database !== undefined || model.openSchema || model.invalidEntries?.length || model.morphAlias !== undefined) return true;
  for (const relation of model.relations as RelationNode[]) {
    if (typeof relation.kind !== "string" || MORPH_KINDS.has(relation.kind)) return true;
    if (typeof relation.target !== "string" || !names.has(relation.target)) return true;
    if (
      relation.options !== undefined &&
      (relation.options === null || typeof relation.options !== "object" || isUnverifiable(relation.options))
    )
      return true;
  }
  return false;
}

const indexes = new WeakMap<ModelGraph, GraphIndex>();

/** One index per graph: the "after" index of one edit is the "before" index of the next. */
function indexOf(graph: ModelGraph, tableOf: (model: ModelNode) => string | undefined): GraphIndex {
  let index = indexes.get(graph);
  if (!index) indexes.set(graph, (index = new GraphIndex(graph, tableOf)));
  return index;
}

/**
 * The next graph's index, patched from the previous one when the edit kept the set of model names (other
 * models' "special" status depends on which names exist): O(changed models) instead of O(all models).
 */
function patchedIndex(
  previous: ModelGraph,
  next: ModelGraph,
  removed: ModelNode[],
  added: ModelNode[],
  tableOf: (model: ModelNode) => string | undefined,
): GraphIndex {
  const cached = indexes.get(next);
  if (cached) return cached;
  const base = indexes.get(previous);
  const names = (models: ModelNode[]) =>
    models
      .map((model) => model.name)
      .sort()
      .join("\0");
  if (!base || names(removed) !== names(added)) return indexOf(next, tableOf);
  for (const model of removed) base.remove(model);
  for (const model of added) base.add(model);
  indexes.delete(previous);
  indexes.set(next, base);
  return base;
}

class GraphIndex {
  readonly byName = new Map<string, ModelNode[]>();
  readonly targetedBy = new Map<string, ModelNode[]>();
  readonly byTable = new Map<string, ModelNode[]>();
  readonly byPivotTable = new Map<string, ModelNode[]>();
  special: ModelNode[] = [];
  readonly names = new Set<string>();
  /** Models with `static database` metadata, and every string in it (the tables it may name). */
  readonly databaseModels: ModelNode[] = [];
  readonly databaseStrings = new Set<string>();

  remove(model: ModelNode): void {
    pull(this.byName, model.name, model);
    for (const target of new Set(stringTargets(model))) pull(this.targetedBy, target, model);
    const table = this.tableOf(model);
    if (table !== undefined) pull(this.byTable, table, model);
    for (const pivot of new Set(pivotTables(model))) pull(this.byPivotTable, pivot, model);
    if (this.special.includes(model)) this.special = this.special.filter((candidate) => candidate !== model);
  }

  add(model: ModelNode): void {
    push(this.byName, model.name, model);
    for (const target of new Set(stringTargets(model))) push(this.targetedBy, target, model);
    const table = this.tableOf(model);
    if (table !== undefined) push(this.byTable, table, model);
    for (const pivot of new Set(pivotTables(model))) push(this.byPivotTable, pivot, model);
    if (isSpecial(model, this.names)) this.special.push(model);
  }

  constructor(
    graph: ModelGraph,
    private readonly tableOf: (model: ModelNode) => string | undefined,
  ) {
    for (const model of graph.models) {
      this.names.add(model.name);
      push(this.byName, model.name, model);
      const table = tableOf(model);
      if (table !== undefined) push(this.byTable, table, model);
    }
    for (const model of graph.models) {
      for (const target of new Set(stringTargets(model))) push(this.targetedBy, target, model);
      for (const pivot of new Set(pivotTables(model))) push(this.byPivotTable, pivot, model);
      if (isSpecial(model, this.names)) this.special.push(model);
      if (model.database !== undefined) {
        this.databaseModels.push(model);
        for (const text of stringsIn(model.database)) this.databaseStrings.add(text);
      }
    }
  }
}

/** Every string inside a value (bounded), e.g. the table names a `static database` object mentions. */
function stringsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 8 || out.length > 10_000) return out;
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out, depth + 1);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsIn(item, out, depth + 1);
    }
  }
  return out;
}

function pull<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((candidate) => candidate !== value);
  if (rest.length > 0) map.set(key, rest);
  else map.delete(key);
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
  if (changedBefore.length === 0 && changedAfter.length === 0) return previous.diagnostics;
  const changed = [...changedBefore, ...changedAfter];
  const tableOf = (model: ModelNode) => engine.modelTable(model)?.name;
  const before = indexOf(previous.graph, tableOf);
  // Project-wide effects: let the full engine decide.
  if (changedBefore.some((model) => isSpecial(model, before.names))) return undefined;
  const after = patchedIndex(previous.graph, next, changedBefore, changedAfter, tableOf);
  if (changedAfter.some((model) => isSpecial(model, after.names))) return undefined;

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
    // A second model with a name is skipped by the table-clash check: every table of a model with a
    // changed name may now clash (or stop clashing) with other models.
    for (const model of after.byName.get(name) ?? []) {
      const table = tableOf(model);
      if (table !== undefined) addAll(report, after.byTable.get(table));
    }
  }
  for (const model of changed) for (const target of stringTargets(model)) addAll(report, after.byName.get(target));
  for (const table of tables) addAll(report, after.byTable.get(table));
  for (const table of tables) addAll(report, after.byPivotTable.get(table));
  // `static database` metadata names tables (pivot tables, foreign-key references): its checks read them.
  if ([...tables].some((table) => after.databaseStrings.has(table))) addAll(report, after.databaseModels);
  // Models with project-wide lookups (did-you-mean over every model name, morph parents by name) only
  // change when the set of model names changes.
  const namesChanged =
    changedBefore
      .map((model) => model.name)
      .sort()
      .join("\0") !==
    changedAfter
      .map((model) => model.name)
      .sort()
      .join("\0");
  if (namesChanged) addAll(report, after.special);
  // The engine filters by model NAME: every model sharing a reported name is reported, so it needs its
  // neighbours too.
  for (const model of [...report]) addAll(report, after.byName.get(model.name));

  // Everything the report set's checks read must be complete — including every special model, because
  // the engine also derives project-wide facts from them (unverifiable targets or databases, morph parents
  // by name, tables declared in static database).
  const full = new Set<ModelNode>(report);
  addAll(full, after.special);
  for (const model of report) {
    for (const target of stringTargets(model)) addAll(full, after.byName.get(target));
    addAll(full, after.targetedBy.get(model.name));
    addAll(full, after.byName.get(model.name));
    const table = tableOf(model);
    if (table !== undefined) addAll(full, after.byTable.get(table));
    for (const pivot of pivotTables(model)) addAll(full, after.byTable.get(pivot));
    if (model.database !== undefined) for (const text of stringsIn(model.database)) addAll(full, after.byTable.get(text));
  }

  // Stubs keep every name resolvable for the checks that look names up project-wide; without such a
  // model in the run, the complete models alone are the whole input.
  const needsStubs = after.special.length > 0;
  const subgraph: ModelGraph = {
    models: needsStubs
      ? next.models.map((model) =>
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
        )
      : next.models.filter((model) => full.has(model)),
  };
  const reportNames = new Set([...report].map((model) => model.name));
  const fresh = engine.checkGraph(subgraph, { models: [...reportNames] });
  const staleNames = new Set([...reportNames, ...changedBefore.map((model) => model.name)]);
  const kept = previous.diagnostics.filter((diagnostic) => !staleNames.has(diagnostic.node.model));
  return [...kept, ...fresh].sort(engine.compareDiagnostics);
}
