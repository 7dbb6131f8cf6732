/**
 * Indexes built once per `checkGraph` run so every rule is a linear pass with map lookups:
 * models by name (exact and lower-case), by table, effective columns, primary keys, morph parents
 * and known pivot tables.
 */
import { COLUMN_TYPES, EXPANDING_COLUMN_TYPES } from "../dsl/column";
import { MONGO_ID_FIELDS, mongoIdType } from "./conventions";
import { resolvePrimaryKey, resolveTable, type TableSource } from "./model";
import { Suggester, type Match } from "../suggest";
import { isUnverifiable, type ColumnNode, type ModelGraph, type ModelNode, type RelationNode, type Store } from "../graph/graph";
import { isRecord, kindOf, stringOption, targetOf } from "../graph/values";
import { resolveMorphName } from "./relation-modes";

const KNOWN_COLUMN_TYPES: ReadonlySet<string> = new Set(COLUMN_TYPES);

export interface ColumnInfo {
  name: string;
  /** The declared type when it is a known column type, else undefined. */
  type: string | undefined;
  /** The `column(...)` entry declaring it; undefined for implicit columns (Mongo `_id`). */
  node?: ColumnNode;
  /** Set for columns produced by `timestamps` / `softDeletes`. */
  expandedFrom?: string;
}

export interface ModelInfo {
  node: ModelNode;
  name: string;
  store: Store;
  /** Resolved table: explicit string, else the conventional name; undefined when not a literal. */
  table: string | undefined;
  tableInferred: boolean;
  /** Where the table came from: `static tableName`, `super("…")` or the convention. */
  tableSource: TableSource;
  /** Resolved connection; undefined when not given, null when not a literal. */
  connection: string | undefined | null;
  columns: ReadonlyMap<string, ColumnInfo>;
  /** See `resolvePrimaryKey`: `primary: true`, else the first increments column, else `id` / `_id`. */
  primaryKey: string;
  relations: ReadonlyMap<string, RelationNode>;
  /** morphAlias when a string literal. */
  morphAlias: string | undefined;
}

export interface MorphParent {
  model: ModelInfo;
  relation: RelationNode;
  morphName: string;
}

export interface KnownTable {
  table: string;
  columns: ReadonlyMap<string, ColumnInfo>;
  /** Where it is declared: a model mapped to it, or a model's `static database.tables`. */
  declaredBy: { model: string; via: "model" | "database" };
  open: boolean;
}

export class ModelIndex {
  readonly models: readonly ModelInfo[];
  private readonly byName = new Map<string, ModelInfo>();
  private readonly byLowerName = new Map<string, ModelInfo[]>();
  private readonly byTable = new Map<string, ModelInfo[]>();
  private readonly parentsByMorph = new Map<string, MorphParent[]>();
  private readonly parentsByMorphAndTarget = new Map<string, MorphParent[]>();
  private readonly morphTosByModelAndName = new Map<string, RelationNode[]>();
  private readonly tables = new Map<string, KnownTable>();
  /** Some model's `static database` could not be read: unknown pivot tables are "cannot verify". */
  readonly hasUnverifiableDatabase: boolean;
  /**
   * Some relation target, or some morphOne/morphMany morphName, is not a literal: "no parent
   * points here" cannot be proven.
   */
  readonly hasUnverifiableTarget: boolean;

  constructor(graph: ModelGraph) {
    const infos: ModelInfo[] = [];
    let unverifiableDatabase = false;
    for (const node of graph.models) {
      const info = buildModelInfo(node);
      infos.push(info);
      if (!this.byName.has(info.name)) this.byName.set(info.name, info);
      push(this.byLowerName, info.name.toLowerCase(), info);
      if (info.table !== undefined) push(this.byTable, info.table, info);
      if (isUnverifiable(node.database)) unverifiableDatabase = true;
    }
    this.models = infos;
    this.hasUnverifiableDatabase = unverifiableDatabase;
    let unverifiableTarget = false;
    for (const info of infos) {
      for (const relation of info.node.relations) {
        if (isUnverifiable(relation.target)) unverifiableTarget = true;
        const kind = kindOf(relation);
        const target = targetOf(relation);
        if (kind === "morphOne" || kind === "morphMany") {
          const morphName = stringOption(relation, "morphName");
          if (isUnverifiable(relation.options) || (isRecord(relation.options) && isUnverifiable(relation.options.morphName))) {
            unverifiableTarget = true;
          }
          if (morphName === undefined) continue;
          const parent: MorphParent = { model: info, relation, morphName };
          push(this.parentsByMorph, morphName, parent);
          if (target !== undefined) push(this.parentsByMorphAndTarget, `${morphName}\u0000${target}`, parent);
        } else if (kind === "morphTo") {
          const morphName = effectiveMorphName(relation);
          if (morphName !== undefined) push(this.morphTosByModelAndName, `${info.name}\u0000${morphName}`, relation);
        }
      }
    }
    this.hasUnverifiableTarget = unverifiableTarget;
    // Tables a pivot may live in: first the tables models map to, then `static database.tables`.
    for (const info of infos) {
      if (info.table !== undefined && !info.tableInferred && !this.tables.has(info.table)) {
        this.tables.set(info.table, {
          table: info.table,
          columns: info.columns,
          declaredBy: { model: info.name, via: "model" },
          open: info.node.openSchema === true,
        });
      }
    }
    for (const info of infos) {
      const database = info.node.database;
      if (!isRecord(database) || !isRecord(database.tables)) continue;
      for (const [table, meta] of Object.entries(database.tables)) {
        if (this.tables.has(table)) continue;
        const columns = new Map<string, ColumnInfo>();
        let open = false;
        if (isRecord(meta) && isRecord(meta.columns)) {
          for (const [name, descriptor] of Object.entries(meta.columns)) {
            const type = isRecord(descriptor) ? descriptor.type : undefined;
            addColumn(columns, name, type, undefined);
          }
        } else {
          open = true;
        }
        this.tables.set(table, { table, columns, declaredBy: { model: info.name, via: "database" }, open });
      }
    }
    // Implicitly named tables count too (after explicit ones, so an explicit mapping wins).
    for (const info of infos) {
      if (info.table !== undefined && info.tableInferred && !this.tables.has(info.table)) {
        this.tables.set(info.table, {
          table: info.table,
          columns: info.columns,
          declaredBy: { model: info.name, via: "model" },
          open: info.node.openSchema === true,
        });
      }
    }
  }

  /** The model with exactly this class name (the first one when the name is declared twice). */
  model(name: string): ModelInfo | undefined {
    return this.byName.get(name);
  }

  /** Every model whose name equals `name` ignoring case. */
  modelsIgnoringCase(name: string): readonly ModelInfo[] {
    return this.byLowerName.get(name.toLowerCase()) ?? [];
  }

  modelNames(): IterableIterator<string> {
    return this.byName.keys();
  }

  private modelSuggester: Suggester | undefined;

  /** did-you-mean among model names (built lazily, once per run). */
  suggestModel(name: string): Match | undefined {
    this.modelSuggester ??= new Suggester(this.byName.keys());
    return this.modelSuggester.suggest(name);
  }

  /** Every model mapped to this table (any connection). */
  modelsOnTable(table: string): readonly ModelInfo[] {
    return this.byTable.get(table) ?? [];
  }

  /** morphOne/morphMany relations using this morphName (toward any target). */
  morphParents(morphName: string): readonly MorphParent[] {
    return this.parentsByMorph.get(morphName) ?? [];
  }

  /** morphOne/morphMany relations using this morphName and pointing at `target`. */
  morphParentsOf(target: string, morphName: string): readonly MorphParent[] {
    return this.parentsByMorphAndTarget.get(`${morphName}\u0000${target}`) ?? [];
  }

  /** morphTo relations of `model` with this morphName. */
  morphTos(model: string, morphName: string): readonly RelationNode[] {
    return this.morphTosByModelAndName.get(`${model}\u0000${morphName}`) ?? [];
  }

  /** A table whose columns are known (a model's table or a `static database.tables` entry). */
  knownTable(table: string): KnownTable | undefined {
    return this.tables.get(table);
  }

  /** Every table whose columns are known, explicit mappings first: the pivot tables the rules can check. */
  knownTables(): IterableIterator<KnownTable> {
    return this.tables.values();
  }
}

/** morphTo's morphName defaults to the relation name (the runtime's behaviour); see `resolveMorphName`. */
export function effectiveMorphName(relation: RelationNode): string | undefined {
  return resolveMorphName(relation.kind, relation.name, relation.options);
}

/** The table (collection) a model maps to (see `resolveTable`); undefined when not a literal. */
export function modelTable(node: ModelNode): { name: string; inferred: boolean; source: TableSource } | undefined {
  if (isUnverifiable(node.table)) return undefined;
  if (node.table !== undefined && typeof node.table !== "string") return undefined;
  const resolved = node.tableFrom === "constructor" ? resolveTable(node.name, undefined, node.table) : resolveTable(node.name, node.table);
  return { name: resolved.name, inferred: resolved.source === "convention", source: resolved.source };
}

function buildModelInfo(node: ModelNode): ModelInfo {
  const columns = new Map<string, ColumnInfo>();
  for (const column of node.columns) {
    const expands = typeof column.type === "string" ? EXPANDING_COLUMN_TYPES[column.type] : undefined;
    if (expands !== undefined) {
      for (const name of expands) {
        if (!columns.has(name)) columns.set(name, { name, type: "timestamp", node: column, expandedFrom: column.name });
      }
      continue;
    }
    addColumn(columns, column.name, column.type, column);
  }
  const primaryKey = resolvePrimaryKey(
    node.columns.map((column) => ({
      name: column.name,
      type: column.type,
      primary: isRecord(column.options) ? column.options.primary : undefined,
    })),
    node.store,
  );
  if (node.store === "mongo") {
    // Every document has `_id` (exposed as `id` too); when undeclared it is an ObjectId.
    const declared = MONGO_ID_FIELDS.map((name) => columns.get(name)).find((c) => c !== undefined);
    const type = mongoIdType(primaryKey, (name) => columns.get(name)?.type);
    for (const name of MONGO_ID_FIELDS) {
      if (!columns.has(name)) columns.set(name, { name, type, node: declared?.node });
    }
  }
  const relations = new Map<string, RelationNode>();
  for (const relation of node.relations) if (!relations.has(relation.name)) relations.set(relation.name, relation);
  const table = modelTable(node);
  return {
    node,
    name: node.name,
    store: node.store,
    table: table?.name,
    tableInferred: table?.inferred !== false,
    tableSource: table?.source ?? "static",
    connection: node.connection === undefined ? undefined : typeof node.connection === "string" ? node.connection : null,
    columns,
    primaryKey,
    relations,
    morphAlias: typeof node.morphAlias === "string" ? node.morphAlias : undefined,
  };
}

function addColumn(columns: Map<string, ColumnInfo>, name: string, type: unknown, node: ColumnNode | undefined): void {
  if (columns.has(name)) return;
  columns.set(name, { name, type: typeof type === "string" && KNOWN_COLUMN_TYPES.has(type) ? type : undefined, node });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
