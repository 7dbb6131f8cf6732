/**
 * The relation definition's own constraints (Laravel's `->where()`, `->withTrashed()`, `->withoutGlobalScopes()`,
 * `->wherePivot()` and `->as()` in the relation method), read once by the resolver from the declarative options.
 * Target conditions become one `QueryConstraint` that every read through the relation composes in front of the
 * caller's own (`withDefinition`); pivot conditions live on the PivotSpec, so every pivot read and write of the
 * stores filters by them like the morph type column.
 */
import { CONSTRAINT_OPERATORS, type RelationDescriptor, type RelationKind } from "eloquent-engine";
import type { PivotCondition, QueryConstraint } from "./adapter";
import { RelationError } from "./relation-error";

/** What a query builder offers the definition (SqlQuery and MongoQuery both do). */
interface DefinableQuery {
  withTrashed(): unknown;
  withoutGlobalScopes(names?: readonly string[]): unknown;
  /** Internal: a condition AND-ed outside the caller's (possibly OR-ed) clauses. */
  whereRelationOption(column: string, operator: string, value: unknown): unknown;
}

export interface RelationDefinition {
  /** The target conditions (`where`, `withTrashed`, `withoutGlobalScopes`), undefined when there are none. */
  readonly constraint: QueryConstraint | undefined;
  /** `wherePivot`: conditions every pivot row of the relation satisfies. */
  readonly pivotConditions: readonly PivotCondition[];
  /** `as`: the name the pivot is exposed under (default `pivot`). */
  readonly pivotAccessor: string | undefined;
}

const OPERATORS: ReadonlySet<string> = new Set(CONSTRAINT_OPERATORS);
const PIVOT_KINDS: ReadonlySet<RelationKind> = new Set(["belongsToMany", "morphToMany", "morphedByMany"]);

/** `[column, value]` / `[column, operator, value]` → a condition; a clear error for any other shape. */
function condition(where: string, key: string, value: unknown): PivotCondition {
  const ok = Array.isArray(value) && (value.length === 2 || value.length === 3) && typeof value[0] === "string" && value[0] !== "";
  const operator = ok && value.length === 3 ? String(value[1]).toLowerCase() : "=";
  if (!ok || !OPERATORS.has(operator) || Array.isArray(value[value.length - 1])) {
    throw new RelationError(
      `${where}: ${key} must be [column, value] or [column, operator, value] with one of ${CONSTRAINT_OPERATORS.join(", ")}, ` +
        `got ${JSON.stringify(value)}. Write ${key}: ["<column>", <value>].`,
    );
  }
  const compared = value[value.length - 1] as unknown;
  if (compared == null && operator !== "=" && operator !== "!=" && operator !== "<>") {
    throw new RelationError(`${where}: ${key} compares null with '${operator}'; null only compares with = or !=.`);
  }
  return { column: value[0] as string, operator, value: compared ?? null };
}

function flag(where: string, options: Record<string, unknown>, key: string): boolean {
  const value = options[key];
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  throw new RelationError(`${where}: ${key} must be true or false, got ${JSON.stringify(value)}.`);
}

export function relationDefinition(owner: string, name: string, desc: RelationDescriptor): RelationDefinition {
  const options = (desc.options ?? {}) as Record<string, unknown>;
  const where = `${owner}.${name}`;
  const target = options.where === undefined ? undefined : condition(where, "where", options.where);
  const withTrashed = flag(where, options, "withTrashed");
  const withoutGlobalScopes = flag(where, options, "withoutGlobalScopes");
  const pivotKind = PIVOT_KINDS.has(desc.kind);
  if (!pivotKind && (options.wherePivot !== undefined || options.as !== undefined)) {
    throw new RelationError(
      `${where} (${desc.kind}): wherePivot and as apply to the pivot of belongsToMany, morphToMany and morphedByMany; remove them.`,
    );
  }
  const pivotConditions = options.wherePivot === undefined ? [] : [condition(where, "wherePivot", options.wherePivot)];
  const as = options.as;
  if (as !== undefined && (typeof as !== "string" || !/^[A-Za-z_$][\w$]*$/.test(as))) {
    throw new RelationError(`${where}: as must be an identifier (the pivot is read as model.<as>), got ${JSON.stringify(as)}.`);
  }
  const constraint =
    target === undefined && !withTrashed && !withoutGlobalScopes
      ? undefined
      : (query: DefinableQuery) => {
          if (withoutGlobalScopes) query.withoutGlobalScopes();
          if (withTrashed) query.withTrashed();
          if (target) query.whereRelationOption(target.column, target.operator, target.value);
        };
  return { constraint, pivotConditions, pivotAccessor: as === "pivot" ? undefined : as };
}

/**
 * The definition's constraint, then the caller's (so `onlyTrashed()` in a caller's constraint still wins over the
 * definition's `withTrashed`, as it does on a Laravel relation query).
 */
export function withDefinition(
  relation: { readonly definition: RelationDefinition },
  constraint: QueryConstraint | undefined,
): QueryConstraint | undefined {
  const own = relation.definition.constraint;
  if (own === undefined) return constraint;
  if (constraint === undefined) return own;
  return (query) => {
    own(query);
    return constraint(query);
  };
}
