/** eloquent-orm: the schema DSL, model registration (validated by the rule engine) and the runtimes. */
export * from "./schema";
export {
  checkGraph,
  RULES,
  type Diagnostic,
  type Severity,
  type Suggestion,
  type ModelGraph,
} from "./engine";
export * from "./registry";
export * from "./model";
export * from "./sql";
export * from "./mongo";
