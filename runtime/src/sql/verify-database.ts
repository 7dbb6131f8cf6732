/**
 * The models against the live database they run on: the engine's database rules over the models'
 * graph and an introspection of each SQL connection they use. The same diagnostics (ids, codes,
 * messages) as `eloquent check --db`; `strict` throws them at start-up like `registerModels`.
 */
import { checkDatabase, type Diagnostic } from "eloquent-engine";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { ModelValidationError } from "../registry/errors";
import { graphFromClasses } from "../registry/graph-from-classes";
import { defaultConnectionName } from "./sql-connections";
import { introspect } from "./introspect";

export interface VerifyDatabaseOptions {
  /** Only the models on this connection. */
  connection?: string;
  /** Throw a ModelValidationError listing every error-level diagnostic. Default false. */
  strict?: boolean;
}

export async function verifyDatabase(models: readonly ModelClass[], options: VerifyDatabaseOptions = {}): Promise<Diagnostic[]> {
  const byConnection = new Map<string, string[]>();
  for (const m of models) {
    if (m.store !== "sql") continue;
    const connection = modelMeta(m).connection ?? defaultConnectionName();
    if (options.connection !== undefined && connection !== options.connection) continue;
    byConnection.set(connection, [...(byConnection.get(connection) ?? []), modelMeta(m).name]);
  }
  const graph = graphFromClasses(models);
  const diagnostics: Diagnostic[] = [];
  for (const [connection, names] of byConnection)
    diagnostics.push(...checkDatabase(graph, await introspect(connection), { models: names }));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (options.strict && errors.length) throw new ModelValidationError(errors, diagnostics);
  return diagnostics;
}
