// The shapes this round's type-cost changes rest on: descriptors type their options as facts, a model
// without Attrs has one interface as its base, and a rebound builder keeps a scoped model's scopes.
import { expectTypeOf } from "vitest";
import { column, relation, type ColumnDescriptor, type RelationDescriptor } from "eloquent-orm";
import type { NullableOption, PivotColumnsOption, PrimaryOption, ValuesOption } from "eloquent-orm";
import { SqlModel, SqlModelBase, type SqlQuery, type UntypedSqlModel } from "eloquent-orm/Model";

export function descriptorsCarryOptionFacts(): void {
  expectTypeOf(column("int", undefined, { nullable: true })).toEqualTypeOf<ColumnDescriptor<"int", NullableOption>>();
  expectTypeOf(column("increments", undefined, { primary: true, unique: true })).toEqualTypeOf<
    ColumnDescriptor<"increments", PrimaryOption>
  >();
  expectTypeOf(column("enum", { values: ["draft", "published"] })).toEqualTypeOf<
    ColumnDescriptor<"enum", ValuesOption<"draft" | "published">>
  >();
  // options the types never read leave no trace in the type
  expectTypeOf(column("string", 255, { comment: "shown in the admin" })).toEqualTypeOf<ColumnDescriptor<"string", {}>>();
  expectTypeOf(relation("hasMany", "Post", { foreignKey: "user_id" })).toEqualTypeOf<RelationDescriptor<"hasMany", "Post", {}>>();
  expectTypeOf(relation("belongsToMany", "Tag", { pivotTable: "post_tag", pivotColumns: ["added_by"] })).toEqualTypeOf<
    RelationDescriptor<"belongsToMany", "Tag", PivotColumnsOption<"added_by">>
  >();
}

class Loose extends SqlModel {
  static tableName = "looses";
}

export function untypedModelsHaveOneBase(): void {
  const loose = new Loose();
  expectTypeOf(loose).toExtend<UntypedSqlModel>();
  expectTypeOf(loose).toExtend<SqlModelBase>();
  expectTypeOf(loose).toExtend<SqlModel>(); // the type alias users annotate with
  expectTypeOf(loose.anything).toEqualTypeOf<unknown>();
  expectTypeOf(loose.save()).toEqualTypeOf<Promise<Loose>>();
}

class Scoped extends SqlModel {
  static tableName = "scopeds";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    published: column("boolean"),
    owner_id: column("int"),
    owner: relation("belongsTo", "User", { foreignKey: "owner_id" }),
  };
  static scopes = {
    published: (q: SqlQuery) => q.where("published", true),
    ofOwner: (q: SqlQuery, id: number) => q.where("owner_id", id),
  };
}

export async function reboundBuildersKeepScopes(): Promise<void> {
  // the scopes are methods before and after a rebind (with), and their arguments are checked
  Scoped.query().published().with("owner").ofOwner(1);
  // @ts-expect-error -- ofOwner takes a number
  Scoped.query().with("owner").ofOwner("1");
  const rows = await Scoped.query().with("owner").published().get();
  expectTypeOf(rows[0]!.published).toEqualTypeOf<boolean>();
}
