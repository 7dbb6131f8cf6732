/**
 * `tag.pivot` of a many-to-many without `using`: the row's columns as plain own properties — reading costs
 * nothing, and `Object.keys`, spread, JSON and `toEqual` see the row — with Laravel's Pivot methods on the
 * prototype. `save()` writes the changed columns to that row, found by its original two keys (and the morph
 * type); `fresh()`, `refresh()`, `delete()`. Every store's pivot works alike: a SQL table, a Mongo pivot collection.
 * (A column named like one of these methods hides it; declare `using` with a pivot model then.)
 */
import { ModelNotFoundError } from "../model/errors";
import type { PivotSpec } from "./adapter";

export class PivotRow {
  readonly #spec: PivotSpec;
  /** The row as last read or saved: what changed is measured against it, and its keys find the row. */
  #original: Readonly<Record<string, unknown>>;

  constructor(spec: PivotSpec, row: Readonly<Record<string, unknown>>) {
    this.#spec = spec;
    this.#original = row;
    Object.assign(this, row);
  }

  /** Columns whose value differs from the row as read (`pivot.note = "x"` then `isDirty()`). */
  getDirty(): Record<string, unknown> {
    const changed: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(this)) if (!sameValue(value, this.#original[column])) changed[column] = value;
    return changed;
  }

  isDirty(column?: string): boolean {
    const dirty = this.getDirty();
    return column === undefined ? Object.keys(dirty).length > 0 : column in dirty;
  }

  /** Writes the changed columns to this pivot row (a changed key moves the link); sets updated_at when the pivot has it. */
  async save(): Promise<this> {
    const changes = this.getDirty();
    if (Object.keys(changes).length === 0) return this;
    const spec = this.#spec;
    if (spec.timestamps.includes("updated_at") && !("updated_at" in changes)) {
      changes.updated_at = new Date();
      (this as unknown as Record<string, unknown>).updated_at = changes.updated_at;
    }
    const written = await spec.owner.adapter.updatePivotRow(spec, this.#ownerKey(), this.#relatedKey(), changes);
    if (written === 0) throw this.#gone("save()");
    this.#original = { ...this.#original, ...changes };
    return this;
  }

  /** Removes this pivot row: the link between the two models. */
  async delete(): Promise<number> {
    return this.#spec.owner.adapter.deletePivotRows(this.#spec, this.#ownerKey(), [this.#relatedKey()]);
  }

  /** This pivot row re-read by its keys, as a new object (null when it is gone). */
  async fresh(): Promise<PivotRow | null> {
    const related = this.#relatedKey();
    const rows = await this.#spec.owner.adapter.fetchPivotRows(this.#spec, [this.#ownerKey()]);
    const row = rows.find((r) => String(r[this.#spec.foreignKey]) === String(related));
    return row ? new PivotRow(this.#spec, row) : null;
  }

  /** Re-reads this pivot row by its keys, in place. */
  async refresh(): Promise<this> {
    const fresh = await this.fresh();
    if (!fresh) throw this.#gone("refresh()");
    for (const column of Object.keys(this)) if (!(column in fresh)) delete (this as unknown as Record<string, unknown>)[column];
    Object.assign(this, fresh);
    this.#original = fresh.#original;
    return this;
  }

  toJSON(): Record<string, unknown> {
    return { ...(this as unknown as Record<string, unknown>) };
  }

  #ownerKey(): unknown {
    return this.#original[this.#spec.localKey];
  }

  #relatedKey(): unknown {
    return this.#original[this.#spec.foreignKey];
  }

  #gone(operation: string): ModelNotFoundError {
    const spec = this.#spec;
    const keys = `${spec.localKey} = ${JSON.stringify(this.#ownerKey())}, ${spec.foreignKey} = ${JSON.stringify(this.#relatedKey())}`;
    return new ModelNotFoundError(
      "Pivot",
      [this.#ownerKey(), this.#relatedKey()],
      `Pivot.${operation}: no row of ${spec.table} has ${keys} (detached meanwhile?).`,
    );
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return false;
}
