/**
 * belongsToMany writes: attach, detach, sync, toggle. Each runs atomically in the pivot's store
 * (joining an open transaction), so a failure midway leaves the pivot rows exactly as before.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";

const INTEGER_TYPES = new Set(["increments", "bigIncrements", "int", "bigint"]);
import { RelationError, type ResolvedRelation } from "./resolve";

/** Ids, models, or id → extra pivot values. */
export type PivotInput = unknown | readonly unknown[] | Readonly<Record<string | number, Readonly<Record<string, unknown>>>>;

export interface SyncResult {
  attached: unknown[];
  detached: unknown[];
  updated: unknown[];
}

function ownerKeyOf(parent: Model, relation: ResolvedRelation): unknown {
  const key = parent.get(relation.localKey);
  if (key === null || key === undefined) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}: save the ${relation.owner.name} before changing its pivot rows ` +
        `(its ${relation.localKey} is empty).`,
    );
  }
  return key;
}

/** Normalises the user's input to [relatedKey, extra pivot values] pairs; a missing key is an error. */
function entries(input: PivotInput, relation: ResolvedRelation, op: string): Array<[unknown, Record<string, unknown>]> {
  const out = rawEntries(input, relation);
  const integerKeys =
    relation.target !== undefined && INTEGER_TYPES.has(modelMeta(relation.target).columns.get(relation.ownerKey!)?.type ?? "");
  for (const [key] of out) {
    if (integerKeys && typeof key === "string" && !/^-?\d+$/.test(key)) {
      // PostgreSQL would fail with a driver error, SQLite/MySQL would store or match a wrong key
      throw new RelationError(
        `${relation.owner.name}.${relation.name}.${op}(): ${JSON.stringify(key)} is not a ${relation.target!.name} key ` +
          `(${relation.ownerKey} is an integer column). Pass integer ids or saved models.`,
      );
    }
    if (key === null || key === undefined || key === "" || (typeof key === "number" && !Number.isFinite(key))) {
      const target = relation.target?.name ?? "related model";
      throw new RelationError(
        `${relation.owner.name}.${relation.name}.${op}(): got ${input === null || input === undefined ? String(input) : `a ${target} key ${JSON.stringify(key) ?? String(key)}`} ` +
          `where a ${target} id or a saved ${target} was expected; a pivot row needs both keys. ` +
          (op === "detach"
            ? "Call detach() with no argument to detach all."
            : `Pass ids (${op}([1, 2])) or saved models; save a new ${target} before attaching it.`),
      );
    }
  }
  return out;
}

function rawEntries(input: PivotInput, relation: ResolvedRelation): Array<[unknown, Record<string, unknown>]> {
  const keyOf = (v: unknown): unknown => {
    if (v && typeof v === "object" && typeof (v as Model).get === "function") return (v as Model).get(relation.ownerKey!);
    return v;
  };
  if (Array.isArray(input)) return input.map((v) => [keyOf(v), {}]);
  if (input && typeof input === "object" && typeof (input as Model).get !== "function" && !isIdObject(input)) {
    return Object.entries(input as Record<string, Record<string, unknown>>).map(([k, extra]) => {
      if (extra === null || typeof extra !== "object") {
        throw new RelationError(
          `${relation.owner.name}.${relation.name}: pivot values for id ${k} must be an object of pivot columns, got ${JSON.stringify(extra)}.`,
        );
      }
      return [k, { ...extra }];
    });
  }
  return [[keyOf(input), {}]];
}

/** ObjectId-like values are ids, not id → attributes maps. */
function isIdObject(v: object): boolean {
  return typeof (v as { toHexString?: unknown }).toHexString === "function";
}

function checkPivotColumns(relation: ResolvedRelation, values: Record<string, unknown>): void {
  const spec = relation.pivot!;
  for (const key of Object.keys(values)) {
    if (!spec.columns.includes(key) && !spec.timestamps.includes(key)) {
      throw new RelationError(
        `${relation.owner.name}.${relation.name}: '${key}' is not a pivot column of ${spec.table}. ` +
          `Declare it in the relation's pivotColumns (known: ${spec.columns.join(", ") || "none"}).`,
      );
    }
  }
}

const str = (k: unknown) => String(k);

function pivotRow(relation: ResolvedRelation, ownerKey: unknown, relatedKey: unknown, extra: Record<string, unknown>, now: Date) {
  const spec = relation.pivot!;
  checkPivotColumns(relation, extra);
  const row: Record<string, unknown> = { ...spec.where, [spec.localKey]: ownerKey, [spec.foreignKey]: relatedKey, ...extra };
  for (const c of spec.timestamps) row[c] ??= now;
  return row;
}

export async function attach(
  parent: Model,
  relation: ResolvedRelation,
  input: PivotInput,
  attributes?: Readonly<Record<string, unknown>>,
): Promise<void> {
  if (attributes !== undefined && (attributes === null || typeof attributes !== "object" || Array.isArray(attributes))) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.attach(ids, attributes): attributes must be an object of pivot values, got ${Array.isArray(attributes) ? "an array" : String(attributes)}.`,
    );
  }
  const ownerKey = ownerKeyOf(parent, relation);
  const now = new Date();
  const rows = entries(input, relation, "attach").map(([k, extra]) => pivotRow(relation, ownerKey, k, { ...attributes, ...extra }, now));
  if (!rows.length) return;
  const adapter = relation.owner.adapter;
  await adapter.atomic(relation.owner, () => adapter.insertPivotRows(relation.pivot!, rows));
}

export async function detach(parent: Model, relation: ResolvedRelation, input?: PivotInput): Promise<number> {
  const ownerKey = ownerKeyOf(parent, relation);
  const adapter = relation.owner.adapter;
  // detach() and detach(null) detach all (Laravel); detach([]) detaches nothing.
  const keys = input === undefined || input === null ? undefined : entries(input, relation, "detach").map(([k]) => k);
  if (keys && !keys.length) return 0;
  return adapter.atomic(relation.owner, () => adapter.deletePivotRows(relation.pivot!, ownerKey, keys));
}

export async function sync(parent: Model, relation: ResolvedRelation, input: PivotInput, detaching = true): Promise<SyncResult> {
  const ownerKey = ownerKeyOf(parent, relation);
  const spec = relation.pivot!;
  const adapter = relation.owner.adapter;
  const wanted = entries(input, relation, "sync");
  if (!detaching && !wanted.length) return { attached: [], detached: [], updated: [] }; // nothing to read or write
  return adapter.atomic(relation.owner, async () => {
    const current = await adapter.fetchPivotRows(spec, [ownerKey]);
    const currentByKey = new Map(current.map((row) => [str(row[spec.foreignKey]), row]));
    const wantedKeys = new Set(wanted.map(([k]) => str(k)));
    const result: SyncResult = { attached: [], detached: [], updated: [] };
    const now = new Date();
    if (detaching) {
      const gone = current.filter((row) => !wantedKeys.has(str(row[spec.foreignKey]))).map((row) => row[spec.foreignKey]);
      if (gone.length) await adapter.deletePivotRows(spec, ownerKey, gone);
      result.detached = gone;
    }
    const toInsert: Record<string, unknown>[] = [];
    for (const [key, extra] of wanted) {
      const existing = currentByKey.get(str(key));
      if (!existing) {
        toInsert.push(pivotRow(relation, ownerKey, key, extra, now));
        result.attached.push(key);
        currentByKey.set(str(key), {});
        continue;
      }
      checkPivotColumns(relation, extra);
      const changed = Object.entries(extra).filter(([col, v]) => String(existing[col]) !== String(v));
      if (changed.length) {
        const values = Object.fromEntries(changed);
        if (spec.timestamps.includes("updated_at")) values.updated_at = now;
        await adapter.updatePivotRow(spec, ownerKey, existing[spec.foreignKey], values);
        result.updated.push(key);
      }
    }
    if (toInsert.length) await adapter.insertPivotRows(spec, toInsert);
    return result;
  });
}

export async function toggle(
  parent: Model,
  relation: ResolvedRelation,
  input: PivotInput,
): Promise<{ attached: unknown[]; detached: unknown[] }> {
  const ownerKey = ownerKeyOf(parent, relation);
  const spec = relation.pivot!;
  const adapter = relation.owner.adapter;
  const wanted = entries(input, relation, "toggle");
  if (!wanted.length) return { attached: [], detached: [] };
  return adapter.atomic(relation.owner, async () => {
    const current = new Map(
      (await adapter.fetchPivotRows(spec, [ownerKey])).map((row) => [str(row[spec.foreignKey]), row[spec.foreignKey]]),
    );
    const detached = wanted.filter(([k]) => current.has(str(k))).map(([k]) => current.get(str(k)));
    const now = new Date();
    const attachRows = wanted.filter(([k]) => !current.has(str(k)));
    if (detached.length) await adapter.deletePivotRows(spec, ownerKey, detached);
    if (attachRows.length)
      await adapter.insertPivotRows(
        spec,
        attachRows.map(([k, extra]) => pivotRow(relation, ownerKey, k, extra, now)),
      );
    return { attached: attachRows.map(([k]) => k), detached };
  });
}

/** Updates the pivot rows of one or more related keys (an id, a model, or a list of either). */
export async function updateExistingPivot(
  parent: Model,
  relation: ResolvedRelation,
  related: PivotInput,
  values: Record<string, unknown>,
): Promise<number> {
  const ownerKey = ownerKeyOf(parent, relation);
  checkPivotColumns(relation, values);
  const keys = entries(related, relation, "updateExistingPivot").map(([k]) => k);
  if (!keys.length) return 0;
  const spec = relation.pivot!;
  const adapter = relation.owner.adapter;
  const row = spec.timestamps.includes("updated_at") ? { ...values, updated_at: new Date() } : values;
  return adapter.atomic(relation.owner, async () => {
    let n = 0;
    for (const key of keys) n += await adapter.updatePivotRow(spec, ownerKey, key, row);
    return n;
  });
}
