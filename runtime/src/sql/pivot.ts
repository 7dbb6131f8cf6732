/**
 * `Pivot` / `MorphPivot`: base classes of pivot models, Laravel's `->using(PostTag::class)`.
 *
 *   class PostTag extends Pivot { static tableName = "post_tag"; static schema = { post_id: …, tag_id: …, flag: column("boolean") } }
 *   tags: relation("belongsToMany", "Tag", { using: "PostTag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" })
 *
 * `tag.pivot` is then a PostTag: typed columns, casts, accessors, scopes and relations. A pivot row loaded
 * through a relation is identified by its two keys (and morph type), so save(), delete(), fresh() and
 * refresh() address that row even when the table has no primary key; a pivot created on its own
 * (`PostTag.create(...)`) behaves like any model.
 */
import { EloquentError, ModelNotFoundError } from "../model/errors";
import { copyPivotLink, PIVOT_CLASS, pivotLink } from "../model/pivot-link";
import type { ModelClass } from "../model/types";
import type { DeclaredStatics } from "../model/types";
import { SqlModelBase } from "./sql-model";

type RowQuery = {
  where(values: Record<string, unknown>): RowQuery;
  first(): Promise<unknown>;
  update(values: Record<string, unknown>): Promise<number>;
  delete(): Promise<number>;
  forceDelete(): Promise<number>;
};

export class PivotBase<A extends object = any> extends SqlModelBase<A> {
  static readonly [PIVOT_CLASS] = true;

  /** The row this pivot was loaded as: its two keys (and morph type). */
  #rowQuery(): RowQuery | undefined {
    const link = pivotLink(this);
    if (!link) return undefined;
    const cls = this.constructor as ModelClass & { query(): RowQuery };
    return cls.query().where(link.keys);
  }

  /** Updates the changed columns of this pivot row, found by its original keys. */
  override async save(): Promise<this> {
    const link = pivotLink(this);
    const query = this.#rowQuery();
    if (!link || !query) return super.save();
    const dirty = this.getDirty() as Record<string, unknown>;
    if (Object.keys(dirty).length === 0) return this;
    // A pivot with timestamps (pivotColumns: ["updated_at"], or a using model's column) records the change.
    if (link.spec.timestamps.includes("updated_at") && !("updated_at" in dirty)) {
      this.set("updated_at", new Date());
      dirty.updated_at = this.get("updated_at");
    }
    const count = await query.update(dirty);
    if (count === 0) throw this.#gone("save()");
    // A key column changed: the row is now found by its new value.
    for (const column of Object.keys(link.keys)) if (column in dirty) link.keys[column] = dirty[column];
    this.syncOriginal(true);
    return this;
  }

  /** Deletes this pivot row (the link between the two models), found by its keys. */
  override async delete(): Promise<void> {
    const query = this.#rowQuery();
    if (!query) return super.delete();
    await query.delete();
    this.syncOriginal(false);
  }

  override async forceDelete(): Promise<void> {
    const query = this.#rowQuery();
    if (!query) return super.forceDelete();
    await query.forceDelete();
    this.syncOriginal(false);
  }

  /** A new instance of this pivot row re-read by its keys (null when the row is gone). */
  override async fresh(...withSpecs: Parameters<SqlModelBase["fresh"]>): Promise<this | null> {
    const query = this.#rowQuery();
    if (!query) return super.fresh(...withSpecs);
    const row = (await (
      withSpecs.length ? (query as unknown as { with(...s: unknown[]): RowQuery }).with(...withSpecs) : query
    ).first()) as this | null;
    if (row) copyPivotLink(this, row);
    return row;
  }

  /** Re-reads this pivot row by its keys. */
  override async refresh(): Promise<this> {
    const link = pivotLink(this);
    if (!link) return super.refresh();
    const row = await this.fresh();
    if (!row) throw this.#gone("refresh()");
    this.setRawAttributes(row.getAttributes() as Record<string, unknown>, true);
    return this;
  }

  #gone(operation: string): EloquentError {
    const link = pivotLink(this)!;
    const name = (this.constructor as { name: string }).name;
    return new ModelNotFoundError(
      name,
      Object.values(link.keys),
      `${name}.${operation}: no row of ${link.spec.table} has ${describe(link.keys)} (detached meanwhile?).`,
    );
  }
}

/** A pivot model of a morphToMany / morphedByMany: its type column is part of the row's identity. */
export class MorphPivotBase<A extends object = any> extends PivotBase<A> {}

/** Typed like `SqlModel`: `class PostTag extends Pivot<PostTagAttrs>` gives instances typed attributes. */
export interface PivotConstructor extends Pick<typeof PivotBase, Exclude<keyof typeof PivotBase, DeclaredStatics>> {
  new <A extends object = Record<string, unknown>>(tableOrAttributes?: string | Partial<A>, connection?: string): PivotBase<A> & A;
  readonly prototype: PivotBase;
}

export const Pivot = PivotBase as unknown as PivotConstructor;
export type Pivot<A extends object = Record<string, unknown>> = PivotBase<A> & A;
export const MorphPivot = MorphPivotBase as unknown as PivotConstructor;
export type MorphPivot<A extends object = Record<string, unknown>> = MorphPivotBase<A> & A;

function describe(keys: Record<string, unknown>): string {
  return Object.entries(keys)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(", ");
}
