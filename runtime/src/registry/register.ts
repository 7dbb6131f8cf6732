/**
 * `registerModels([...])`: builds the model graph from the classes, runs the rule engine, and
 * makes the models resolvable by name for the runtimes. Strict (the default) throws one error
 * listing every error-level diagnostic; warnings and info go to a replaceable logger.
 */
import { DEFAULT_CONFIG, applyRuleSettings, checkGraph, compareDiagnostics, type CheckOptions, type EloquentConfig } from "eloquent-engine";
import { readRuntimeConfig, suppressedInClassSource } from "./config";
import type { Diagnostic } from "eloquent-engine";
import { rememberModel } from "../model/lookup";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { databaseVerifier } from "./database-verifier";
import { ModelValidationError } from "./errors";
import { formatDiagnosticLine } from "./format";
import { assertModelClass, graphFromClasses, modelNameOf, type ModelClassLike } from "./graph-from-classes";

/** Receives each logged diagnostic: a ready one-line text and the structured diagnostic. */
export type DiagnosticLogger = (line: string, diagnostic: Diagnostic) => void;

export interface RegisterOptions {
  /** Throw a ModelValidationError when any error-level diagnostic is found. Default true. */
  strict?: boolean;
  /** Where warnings/info (and in non-strict mode errors) go. Default: console.warn. `false` silences. */
  logger?: DiagnosticLogger | false;
  /** Per-rule severity overrides ("off" disables), as in checkGraph; applied over `config`. */
  severity?: CheckOptions["severity"];
  /**
   * eloquent's configuration (rule settings shared with the CLI, tspc, the editor and ESLint). Default: read
   * from eloquent.config.json / package.json "eloquent" nearest to the working directory; `false` ignores it.
   */
  config?: EloquentConfig | false;
  /** Register into this registry instead of the process-wide one (tests, isolated apps). */
  registry?: ModelRegistry;
  /**
   * Also check the SQL models against the live database they run on (`verifyDatabase`): the call then
   * returns a Promise, and with `strict` rejects with every error-level database diagnostic.
   */
  verifyDatabase?: boolean;
}

export interface RegisteredModels {
  /** The classes passed to this call. */
  readonly models: readonly ModelClassLike[];
  /** Every diagnostic about them, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** A registered model by name (any registration in this registry). */
  get(name: string): ModelClassLike | undefined;
}

/** Model classes by name. One process-wide instance backs `registerModels`/`getModel`. */
export class ModelRegistry {
  private readonly byName = new Map<string, ModelClassLike>();

  get(name: string): ModelClassLike | undefined {
    return this.byName.get(name);
  }

  all(): ModelClassLike[] {
    return [...this.byName.values()];
  }

  /** Adds classes (a later class with a taken name replaces it; validation has reported the clash). */
  add(classes: readonly ModelClassLike[]): void {
    for (const cls of classes) this.byName.set(modelNameOf(cls), cls);
  }

  clear(): void {
    this.byName.clear();
  }
}

const processRegistry = new ModelRegistry();

/** A class built on the runtime's Model base (SqlModel/MongoModel), not just a schema-shaped class. */
function isRuntimeModel(cls: unknown): cls is ModelClass {
  return typeof cls === "function" && typeof (cls as { meta?: unknown }).meta === "function" && "adapter" in cls;
}

const consoleLogger: DiagnosticLogger = (line) => console.warn(line);

export function registerModels(classes: readonly unknown[], options: RegisterOptions & { verifyDatabase: true }): Promise<RegisteredModels>;
export function registerModels(classes: readonly unknown[], options?: RegisterOptions): RegisteredModels;
export function registerModels(classes: readonly unknown[], options: RegisterOptions = {}): RegisteredModels | Promise<RegisteredModels> {
  const registered = registerNow(classes, options);
  if (!options.verifyDatabase) return registered;
  const sql = registered.models.filter((cls) => (cls as { store?: unknown }).store === "sql") as unknown as ModelClass[];
  return databaseVerifier()(sql, { strict: options.strict ?? true }).then((found) => ({
    ...registered,
    diagnostics: [...registered.diagnostics, ...found],
  }));
}

function registerNow(classes: readonly unknown[], options: RegisterOptions): RegisteredModels {
  const strict = options.strict ?? true;
  const registry = options.registry ?? processRegistry;
  const logger = options.logger === false ? undefined : (options.logger ?? consoleLogger);
  if (!Array.isArray(classes)) throw new TypeError("registerModels expects an array of model classes.");

  const fresh: ModelClassLike[] = [];
  classes.forEach((cls, position) => {
    assertModelClass(cls, position);
    if (!fresh.includes(cls)) fresh.push(cls);
  });
  // Earlier registrations stay in the graph so targets resolve across calls; a class registered
  // again is the same node (idempotent), a different class with a taken name is a name clash.
  const earlier = registry.all().filter((cls) => !fresh.includes(cls));
  const graph = graphFromClasses([...earlier, ...fresh]);
  const names = [...new Set(fresh.map(modelNameOf))];
  const diagnostics = configured(checkGraph(graph, { models: names }), options, fresh);

  const errors = diagnostics.filter((d) => d.severity === "error");
  if (logger) {
    for (const diagnostic of diagnostics) {
      if (!strict || diagnostic.severity !== "error") logger(formatDiagnosticLine(diagnostic), diagnostic);
    }
  }
  if (strict && errors.length > 0) throw new ModelValidationError(errors, diagnostics);
  // Runtime model classes get their metadata now, so a class field that shadows an attribute
  // accessor (`name?: string;`) fails at start-up rather than at the first query.
  for (const cls of fresh) if (isRuntimeModel(cls)) modelMeta(cls);

  registry.add(fresh);
  if (registry === processRegistry) {
    for (const cls of fresh) rememberModel(cls as unknown as ModelClass);
  }
  return {
    models: fresh,
    diagnostics,
    get: (name) => registry.get(name),
  };
}

/** The configuration's rule settings, then `eloquent-disable-next-line` comments in the classes' source (see ./config). */
function configured(
  diagnostics: Diagnostic[],
  options: Pick<RegisterOptions, "config" | "severity">,
  classes: readonly ModelClassLike[],
): Diagnostic[] {
  const config = options.config === false ? DEFAULT_CONFIG : (options.config ?? readRuntimeConfig());
  const settled = applyRuleSettings(diagnostics, { ...config, rules: { ...config.rules, ...options.severity } }).sort(compareDiagnostics);
  const byName = new Map(classes.map((cls) => [modelNameOf(cls), cls]));
  return settled.filter((d) => !suppressedInClassSource(d, byName.get(d.node.model)));
}

/** A model registered through `registerModels` (process-wide registry), by name. */
export function getModel(name: string): ModelClassLike | undefined {
  return processRegistry.get(name);
}

/** Every model registered through `registerModels` (process-wide registry). */
export function registeredModels(): ModelClassLike[] {
  return processRegistry.all();
}

/** Forget every registration (tests that redefine models). */
export function clearModelRegistry(): void {
  processRegistry.clear();
}

/** Validate classes without registering them: the diagnostics `registerModels` would report. */
export function validateModels(classes: readonly unknown[], options: Pick<RegisterOptions, "severity" | "config"> = {}): Diagnostic[] {
  const fresh: ModelClassLike[] = [];
  classes.forEach((cls, position) => {
    assertModelClass(cls, position);
    if (!fresh.includes(cls)) fresh.push(cls);
  });
  return configured(checkGraph(graphFromClasses(fresh)), options, fresh);
}
