/**
 * eloquent-analyzer — TypeScript source → the rule engine's model graph, with source spans.
 * Shared by the tsserver plugin, the ts-patch transformer, the ESLint plugin and `eloquent check`.
 *
 * Stable API (`import { ... } from "eloquent-ts-plugin"` or from this module), after the TypeScript
 * instance was set once with `useTypeScript(require("typescript"))` (see ../typescript.ts):
 *
 * - `extractModelGraph(program, options?) → { graph, files, models, byName, generation }`
 *     Whole program. `graph` is the engine's `ModelGraph` (feed it to `checkGraph`); `files` maps each
 *     project file name to its `FileFacts`; `models` pairs every ModelNode with its file and class facts;
 *     `byName` indexes models by class name. Declaration files and node_modules are skipped.
 * - `new ModelGraphBuilder().update(program, { versionOf? })` — the same, incremental: only files whose
 *     version changed are re-extracted; an unchanged program returns the previous result (same `generation`).
 * - `extractFileModels(sourceFile, checker | undefined) → FileFacts`
 *     One file, purely syntactic (the checker is accepted for API stability and currently unused), never
 *     throws (an internal failure yields empty facts with `error` set).
 * - `linkModelGraph(factsOfEveryFile, resolveModule) → { graph, models, byName }`
 *     Turns per-file facts into the graph; `resolveModule(specifier, fromFile)` returns a file name present
 *     in the facts, or undefined. `createModuleResolver(knownFileNames)` handles relative specifiers.
 * - `extractModelGraphFromFiles(fileNames, { readFile? })` — no Program needed (ESLint without types,
 *     the CLI): parses the files, follows relative imports for base classes. Pass every model file.
 * - `mapDiagnosticToSpan(diagnostic, graph) → SourceSpan | undefined` and `spanOfNode(graph, nodeRef)`.
 *     Spans are `{ file, start, end }`, 0-based UTF-16 offsets, end exclusive.
 *
 * What counts as a model: a class extending `SqlModel` / `MongoModel` / `Model` / the seed's `BaseModel` / `CoreModel` imported from
 * `eloquent-orm`, `eloquent-orm/Model`, `@alpha.consultings/eloquent-orm.js` or its `/Model` subpath —
 * directly, renamed, through a namespace import, re-exports, or user base classes (store from the root).
 * Abstract or extended user base classes without their own `static schema` are not models.
 * Read: `static schema` (`column(...)`, `relation(...)` entries; spreads/computed keys/other values make
 * the schema open), `tableName`, `connectionName`, `morphAlias`, `database`, and `super("table", "conn")`.
 * The seed package's forms too (docs/seed-package.md): `validate(x, rules)` is `x`, `mixin(...)`, object-literal
 * entries, relation methods, mixin-call bases (`extends MorphableMixin(BaseModel)`), `eloquent-orm.js`, and
 * CommonJS `require()` / `module.exports` in JavaScript files.
 * `process.env.X ?? "lit"` evaluates to "lit"; any other non-literal becomes `unverifiable(text)`.
 *
 * Never import `typescript` at runtime from this folder: callers pass their own `ts` instance (the editor's
 * TypeScript for the tsserver plugin).
 */
import type * as TS from "typescript";
import { extractFileFacts, type FileFacts } from "./file-facts";

export type { FileFacts, ClassFacts, ImportBinding, ExportBinding, BaseRef } from "./file-facts";
export { linkModelGraph, type LinkResult, type LinkedModel, type ModuleResolver } from "./link";
export { ModelGraphBuilder, extractModelGraph, extractModelGraphFromFiles, isProjectFile } from "./program";
export type { ExtractOptions, ProgramExtraction } from "./program";
export { createModuleResolver } from "./resolve";
export { mapDiagnosticToSpan, spanOfNode } from "./span";
export { RUNTIME_MODULES, ROOT_BASES, isRuntimeModule } from "./eloquent-modules";

/** Per-file extraction; see the module comment. */
export function extractFileModels(sourceFile: TS.SourceFile, _checker: TS.TypeChecker | undefined): FileFacts {
  return extractFileFacts(sourceFile);
}
