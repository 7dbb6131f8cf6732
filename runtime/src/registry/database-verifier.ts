/**
 * `registerModels(models, { verifyDatabase: true })` checks the models against the live database. The
 * check is the SQL runtime's (`verifyDatabase`), and the store-neutral registry imports no store: the SQL
 * runtime registers its verifier here when it loads.
 */
import type { Diagnostic } from "eloquent-engine";
import type { ModelClass } from "../model/types";

export type DatabaseVerifier = (models: readonly ModelClass[], options: { strict: boolean }) => Promise<Diagnostic[]>;

let verifier: DatabaseVerifier | undefined;

export function setDatabaseVerifier(verify: DatabaseVerifier): void {
  verifier = verify;
}

export function databaseVerifier(): DatabaseVerifier {
  if (verifier === undefined)
    throw new Error(
      "registerModels({ verifyDatabase: true }) needs the SQL runtime, which was not loaded (load the eloquent-orm package, or its /Model entry, before calling it).",
    );
  return verifier;
}
