/**
 * The engine's `unverifiable(text)` value, built locally so the extractor has no runtime dependency on the
 * engine module (the tsserver plugin loads the engine lazily and reports when it cannot).
 */
import type { Unverifiable } from "eloquent-orm/engine";

export function unverifiable(text: string): Unverifiable {
  return { unverifiable: true, text };
}
