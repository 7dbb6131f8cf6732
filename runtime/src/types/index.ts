/** Types inferred from the schema DSL (docs/types.md). Type-only: nothing here exists at run time. */
export type { ColumnValueTypes, MongoColumnValueTypes, ColumnValue } from "./columns";
export type { SchemaAttributes, SchemaCreateInput, SchemaUpdateInput, AttrsDrift, AttrsDisagreeWithSchema } from "./attributes";
export type { ModelOf, CreateInput, UpdateInput, ClassLink, LinkedClass } from "./model-of";
export type { Models, ModelClassNamed } from "./registry";
export type { Loaded, LoadedValue, RelationKeys, TargetClass, PivotOf, Counted, CountField, SnakeCase } from "./relations";
export type { QueryFor, EagerPath, WithArg, CountArg, WhereValue, ComparisonOperator, PatternOperator, Selected } from "./query";
