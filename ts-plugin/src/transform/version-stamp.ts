/**
 * Incremental builds (`--incremental`, `composite`, `tsc -b`, `--watch`) cache each file's semantic
 * diagnostics — in memory and in `.tsbuildinfo` — and recheck a file only when its `version` (or a file it
 * imports) changes. Eloquent's diagnostics for a file also depend on files it does not import (a target is a
 * string, `relation("belongsTo", "User")`), so a cached result could go stale: fixing `User` in another file
 * would leave the error, removing it would hide one.
 *
 * The fix: append a hash of the file's eloquent diagnostics to its `version`. The builder then rechecks (and
 * re-caches) exactly the files whose eloquent result changed, and keeps its cache for the rest.
 */
import type * as TS from "typescript";

const STAMP = "#eloquent:";

export function stampVersion(sourceFile: TS.SourceFile, diagnostics: readonly TS.Diagnostic[]): void {
  const file = sourceFile as TS.SourceFile & { version?: string };
  if (typeof file.version !== "string") return; // not a versioned (builder) host: nothing is cached by version
  const base = file.version.split(STAMP)[0]!;
  file.version = diagnostics.length === 0 ? base : `${base}${STAMP}${hashDiagnostics(diagnostics)}`;
}

function hashDiagnostics(diagnostics: readonly TS.Diagnostic[]): string {
  // FNV-1a over what a reader sees: position, code, category, text.
  let hash = 0x811c9dc5;
  for (const d of diagnostics) {
    const text = `${d.start}:${d.length}:${d.code}:${d.category}:${typeof d.messageText === "string" ? d.messageText : d.messageText.messageText}\n`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash.toString(36);
}
