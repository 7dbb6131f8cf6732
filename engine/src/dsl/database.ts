/**
 * `static database`: physical DDL that `relation(...)` does not describe — named foreign keys and
 * composite indexes (the seed's database-metadata contract). Used by schema generation and by the
 * rule engine (pivot tables that have no model of their own).
 */

export type ReferentialAction = "cascade" | "restrict" | "set null" | "no action" | "set default";

export interface ForeignKeyMeta {
  /** Constraint name, e.g. `posts_user_id_fk`. */
  name?: string;
  columns: readonly string[];
  /** Referenced table. */
  references: { table: string; columns: readonly string[] };
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
}

export interface IndexMeta {
  name?: string;
  columns: readonly string[];
}

/** A table that no model maps (typically a pivot): its columns, for schema generation and checks. */
export interface TableMeta {
  columns: Readonly<Record<string, import("./column").ColumnDescriptor>>;
  primary?: readonly string[];
  foreignKeys?: readonly ForeignKeyMeta[];
  unique?: readonly IndexMeta[];
  indexes?: readonly IndexMeta[];
}

export interface DatabaseMeta {
  foreignKeys?: readonly ForeignKeyMeta[];
  unique?: readonly IndexMeta[];
  indexes?: readonly IndexMeta[];
  /** Extra tables owned by this model, keyed by table name (pivot tables). */
  tables?: Readonly<Record<string, TableMeta>>;
}
