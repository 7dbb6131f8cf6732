/**
 * eloquent-analyzer: TypeScript source → the engine's model graph, and the project service every static
 * front (tsserver plugin, ts-patch, ESLint, `eloquent check`) asks for diagnostics.
 */
export * from "./extract";
export { propertyKey, skipOuter } from "./extract/literal";
export * from "./query-sites";
export { querySiteDiagnostics, MAY_HAVE_QUERY_SITES } from "./query-sites/diagnostics";
export * from "./fixes";
export { SourceGraphs, contentHash, parseForExtraction, type SourceGraph, type SourceGraphOptions } from "./project/source-graphs";
export {
  findProjectConfigFor,
  projectConfigLookup,
  readProjectConfig,
  normalizeFileName,
  ProjectConfigError,
  type ProjectConfig,
} from "./project/tsconfig";
export { reportForFile, type FileReport } from "./project/file-diagnostics";
export { sharedParses, SharedParses, type ESLintParseSettings } from "./project/shared-parses";
export { locateEngineDiagnostics, type LocatedDiagnostics } from "./project/located-diagnostics";
export { ProjectAnalysis, type Snapshot } from "./program/project-analysis";
export {
  MODEL_REGISTRY_HEADER,
  refreshRegistryFiles,
  registryEntries,
  renderModelRegistry,
  type RegistryEntry,
  type RegistryFile,
} from "./project/model-registry";
export { loadEngine, type LoadedEngine } from "./program/engine";
export { loadTypeScript, useTypeScript, ts } from "./typescript";
export { loadEloquentConfig, STATIC_RULE_IDS, CONFIG_FILE_NAME, type LoadedConfig } from "./project/eloquent-config";
export {
  SUPPORTED_TYPESCRIPT_RANGE,
  TYPESCRIPT_FIX,
  unsupportedTypeScriptMessage,
  noCompilerApiMessage,
  typescriptPackageAt,
  hasCompilerApi,
} from "./typescript-support";
export { MODEL_DECLARATION_RULE, modelDeclarationDiagnostics } from "./setup/model-forms";
