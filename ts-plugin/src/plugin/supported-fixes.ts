/**
 * Puts eloquent's diagnostic codes on tsserver's GLOBAL list of fixable codes.
 *
 * Editors (typescript-language-server, VS Code) ask `getSupportedCodeFixes` once, without a file; tsserver
 * answers that from TypeScript's internal code-fix registry and never consults a plugin, so a plugin-only
 * code never gets a quick-fix request. The registry's own door is `ts.codefix.registerCodeFix`: we register
 * a placeholder fix (it offers no action; the plugin's `getCodeFixesAtPosition` supplies the real ones) for
 * each code not already listed. The public `ts.getSupportedCodeFixes` is wrapped too, for in-process callers.
 * Both are guarded and idempotent: several projects (and several plugin instances) share one TypeScript.
 */
import type * as TS from "typescript";

interface CodeFixRegistry {
  registerCodeFix(registration: { errorCodes: readonly number[]; getCodeActions(context: unknown): readonly unknown[] | undefined }): void;
  getSupportedErrorCodes?(): readonly string[];
}

const WRAPPED = Symbol.for("eloquent-ts-plugin.getSupportedCodeFixes");

/** Adds `codes` to the global list (skipping those already on it, so calling again is harmless). */
export function registerSupportedCodes(ts: typeof TS, codes: readonly number[], log: (message: string) => void): void {
  const listed = new Set<string>();
  try {
    for (const code of ts.getSupportedCodeFixes()) listed.add(code);
  } catch {
    // An older or odd TypeScript: register everything below.
  }
  const missing = [...new Set(codes)].filter((code) => !listed.has(String(code)));
  const registry = (ts as unknown as { codefix?: CodeFixRegistry }).codefix;
  if (missing.length > 0) {
    if (registry && typeof registry.registerCodeFix === "function") {
      try {
        registry.registerCodeFix({ errorCodes: missing, getCodeActions: () => undefined });
      } catch (error) {
        log(`[eloquent-ts-plugin] could not register eloquent's fix codes with TypeScript: ${String(error)}`);
      }
    } else {
      log("[eloquent-ts-plugin] this TypeScript has no code-fix registry; quick fixes appear only in clients that ask per file.");
    }
  }
  wrapPublicList(ts, codes, log);
}

function wrapPublicList(ts: typeof TS, codes: readonly number[], log: (message: string) => void): void {
  const holder = ts as unknown as Record<PropertyKey, unknown>;
  const current = holder.getSupportedCodeFixes as (((...args: unknown[]) => readonly string[]) & { [WRAPPED]?: Set<string> }) | undefined;
  if (typeof current !== "function") return;
  if (current[WRAPPED]) {
    for (const code of codes) current[WRAPPED].add(String(code));
    return;
  }
  const ours = new Set(codes.map(String));
  const wrapped = Object.assign(
    (...args: unknown[]): readonly string[] => {
      const prior = current(...args);
      try {
        const all = new Set(prior);
        for (const code of ours) all.add(code);
        return [...all];
      } catch {
        return prior;
      }
    },
    { [WRAPPED]: ours },
  );
  try {
    // The module object's exports are getters in TypeScript ≥ 5.0: define, not assign.
    Object.defineProperty(ts, "getSupportedCodeFixes", { value: wrapped, configurable: true, enumerable: true, writable: true });
  } catch (error) {
    log(`[eloquent-ts-plugin] could not extend ts.getSupportedCodeFixes: ${String(error)}`);
  }
}
