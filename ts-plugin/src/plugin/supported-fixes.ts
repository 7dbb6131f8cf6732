/**
 * Puts eloquent's diagnostic codes on tsserver's GLOBAL list of fixable codes.
 *
 * Editors (typescript-language-server, VS Code) ask `getSupportedCodeFixes` once, without a file; tsserver
 * answers that from TypeScript's internal code-fix registry and never consults a plugin, so a plugin-only
 * code never gets a quick-fix request. Wrapping `ts.getSupportedCodeFixes` cannot help: the session calls its
 * internal binding, and the module's exports are non-configurable getters. The registry's own door is
 * `ts.codefix.registerCodeFix`: we register a placeholder fix (it offers no action; the plugin's
 * `getCodeFixesAtPosition` supplies the real ones) for each code not already listed, which puts the codes on
 * the list every caller reads (the protocol request and the public `ts.getSupportedCodeFixes()` alike).
 * Guarded and idempotent: several projects (and plugin instances) share one TypeScript.
 */
import { ts } from "eloquent-analyzer";

interface CodeFixRegistry {
  registerCodeFix(registration: { errorCodes: readonly number[]; getCodeActions(context: unknown): readonly unknown[] | undefined }): void;
}

/** Adds `codes` to the global list (skipping those already on it, so calling again is harmless). */
export function registerSupportedCodes(codes: readonly number[], log: (message: string) => void): void {
  const listed = new Set<string>();
  try {
    for (const code of ts.getSupportedCodeFixes()) listed.add(code);
  } catch {
    // An odd TypeScript: register everything below.
  }
  const missing = [...new Set(codes)].filter((code) => !listed.has(String(code)));
  if (missing.length === 0) return;
  const registry = (ts as unknown as { codefix?: CodeFixRegistry }).codefix;
  if (!registry || typeof registry.registerCodeFix !== "function") {
    log("[eloquent-ts-plugin] this TypeScript has no code-fix registry; quick fixes appear only in clients that ask per file.");
    return;
  }
  try {
    registry.registerCodeFix({ errorCodes: missing, getCodeActions: () => undefined });
  } catch (error) {
    log(`[eloquent-ts-plugin] could not register eloquent's fix codes with TypeScript: ${String(error)}`);
  }
}
