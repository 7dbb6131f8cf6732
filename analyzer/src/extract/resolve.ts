/** Module specifier → file name, for linking base classes and re-exports across files. */
import type * as TS from "typescript";
import { ts } from "../typescript";
import * as path from "node:path";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".d.ts", ".js", ".jsx", ".mjs", ".cjs"];
const INDEXES = EXTENSIONS.map((extension) => `/index${extension}`);

/** Candidate file names for a relative specifier (`./user`, `./user.js` → `./user.ts`, `./models` → `./models/index.ts`). */
export function relativeCandidates(specifier: string, fromFile: string): string[] {
  const base = path.posix.join(path.posix.dirname(fromFile.replace(/\\/g, "/")), specifier);
  const candidates = [base, ...EXTENSIONS.map((extension) => base + extension), ...INDEXES.map((index) => base + index)];
  // ESM-style `./user.js` written for a `./user.ts` source.
  const jsLike = /\.(m|c)?jsx?$/.exec(base);
  if (jsLike) {
    const stem = base.slice(0, -jsLike[0].length);
    const ts = jsLike[1] === "m" ? ".mts" : jsLike[1] === "c" ? ".cts" : jsLike[0].endsWith("x") ? ".tsx" : ".ts";
    candidates.unshift(stem + ts, `${stem}.d${ts}`);
  }
  return candidates;
}

/**
 * A resolver over a known set of files: relative specifiers by path, bare ones through
 * `ts.resolveModuleName` (tsconfig `paths`, workspace packages), cached per directory.
 */
export function createModuleResolver(
  knownFiles: ReadonlySet<string>,
  compilerOptions?: TS.CompilerOptions,
  host?: TS.ModuleResolutionHost,
): (specifier: string, fromFile: string) => string | undefined {
  const bareCache = new Map<string, string | undefined>();
  return (specifier, fromFile) => {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      for (const candidate of relativeCandidates(specifier, fromFile)) if (knownFiles.has(candidate)) return candidate;
      return undefined;
    }
    if (!compilerOptions || !host) return undefined;
    const key = `${path.posix.dirname(fromFile)}\0${specifier}`;
    if (bareCache.has(key)) return bareCache.get(key);
    let resolved: string | undefined;
    try {
      resolved = ts.resolveModuleName(specifier, fromFile, compilerOptions, host).resolvedModule?.resolvedFileName;
    } catch {
      resolved = undefined;
    }
    const result = resolved !== undefined && knownFiles.has(resolved) ? resolved : undefined;
    bareCache.set(key, result);
    return result;
  };
}
