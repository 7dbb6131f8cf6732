/**
 * `eloquent check --db <connection>`: the models of the source graph against the live database the
 * connection points at (introspected by the ORM), through the engine's database rules — diagnostics
 * placed at the relation's span like every other.
 */
import { checkDatabase, ModelIndex, type Diagnostic, type ModelGraph } from "eloquent-engine";
import { locateEngineDiagnostics } from "eloquent-analyzer";
import { UsageError } from "./args";
import type { CliIo } from "./io";
import { loadOrm } from "./orm";

export async function databaseDiagnostics(graph: ModelGraph, connection: string, io: CliIo): Promise<Diagnostic[]> {
  const orm = loadOrm(io, "check --db");
  if (!orm) throw new UsageError("--db needs the ORM package 'eloquent-orm' in this project (npm install eloquent-orm).");
  try {
    orm.getConnection(connection);
    const live = await orm.introspect(connection);
    const isDefault = connection === orm.defaultConnectionName();
    // The models on that connection: named so, or naming none (or a non-literal) when it is the default one.
    const models = new ModelIndex(graph).models
      .filter(
        (m) => m.store === "sql" && (m.connection === connection || (isDefault && (m.connection === undefined || m.connection === null))),
      )
      .map((m) => m.name);
    const located = locateEngineDiagnostics(graph, checkDatabase(graph, live, { models }));
    return [...[...located.byFile.values()].flat(), ...located.unplaced];
  } catch (error) {
    if (error instanceof orm.EloquentError) throw new UsageError(error.message);
    throw error;
  } finally {
    await orm.closeAllConnections();
  }
}
