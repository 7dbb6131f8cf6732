import type { Diagnostic } from "eloquent-engine";
import { formatDiagnostic } from "./format";

/** Thrown by strict `registerModels` with every error-level diagnostic at once. */
export class ModelValidationError extends Error {
  override readonly name = "ModelValidationError";
  /** The error-level diagnostics (what the message lists). */
  readonly errors: readonly Diagnostic[];
  /** Every diagnostic of the run, warnings and info included. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(errors: readonly Diagnostic[], diagnostics: readonly Diagnostic[]) {
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    super(
      `eloquent found ${count} in the registered models:\n\n${errors.map(formatDiagnostic).join("\n\n")}\n\n` +
        "Fix them, or pass { strict: false } to registerModels to log them instead of throwing.",
    );
    this.errors = errors;
    this.diagnostics = diagnostics;
  }
}
