/**
 * While runtime/src/sql or runtime/src/mongo do not export their base class yet, tests stand in
 * with the agreed convention (`static store`). Used from a vi.mock factory; real classes win.
 */
export function withStandInModels(real: Record<string, unknown>): Record<string, unknown> {
  class StandIn {
    constructor(..._args: unknown[]) {}
  }
  class SqlModel extends StandIn {
    static readonly store = "sql";
  }
  class MongoModel extends StandIn {
    static readonly store = "mongo";
  }
  const missing = ["SqlModel", "MongoModel"].filter((name) => typeof real[name] !== "function");
  return {
    ...real,
    SqlModel: typeof real.SqlModel === "function" ? real.SqlModel : SqlModel,
    MongoModel: typeof real.MongoModel === "function" ? real.MongoModel : MongoModel,
    standInModels: missing,
  };
}
