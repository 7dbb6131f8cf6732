/** Runtime validation: registered classes → model graph → rule engine → throw or log. */
export {
  registerModels,
  getModel,
  registeredModels,
  clearModelRegistry,
  validateModels,
  ModelRegistry,
  type RegisterOptions,
  type RegisteredModels,
  type DiagnosticLogger,
} from "./register";
export { graphFromClasses, modelNodeFromClass, modelNameOf, type ModelClassLike } from "./graph-from-classes";
export { ModelValidationError } from "./errors";
export { formatDiagnostic, formatDiagnosticLine, formatReport, type ReportOptions } from "./format";
export { readRuntimeConfig, clearRuntimeConfigCache } from "./config";
