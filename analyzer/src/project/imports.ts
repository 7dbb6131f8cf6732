/** Relative imports of a file that exist on disk as TypeScript sources (for projects without a tsconfig). */
import * as fs from "node:fs";
import type { FileFacts } from "../extract";
import { relativeCandidates } from "../extract/resolve";

export function relativeImportsOf(facts: FileFacts): string[] {
  const specifiers = [...[...facts.imports.values()].map((binding) => binding.module), ...facts.exportStars];
  for (const exported of facts.exports.values()) if ("module" in exported) specifiers.push(exported.module);
  const found: string[] = [];
  for (const specifier of specifiers) {
    if (!specifier.startsWith(".")) continue;
    const file = relativeCandidates(specifier, facts.fileName).find(
      (candidate) => /\.[cm]?[tj]sx?$/.test(candidate) && !candidate.endsWith(".d.ts") && isFile(candidate),
    );
    if (file) found.push(file);
  }
  return found;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
