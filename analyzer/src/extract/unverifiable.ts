/**
 * The engine's `unverifiable(text)` value, built locally so the extractor has no runtime dependency on the
 * engine module (the tsserver plugin loads the engine lazily and reports when it cannot).
 */
import type { Unverifiable } from "eloquent-engine";

export function unverifiable(text: string): Unverifiable {
  return { unverifiable: true, text };
}

export function isUnverifiableValue(value: unknown): value is Unverifiable {
  return value !== null && typeof value === "object" && (value as { unverifiable?: unknown }).unverifiable === true;
}

/** A stand-in for a class passed where a name string belongs: a function carrying the class name, as at runtime. */
export function classReference(name: string): Function {
  const reference = function () {};
  Object.defineProperty(reference, "name", { value: name });
  return reference;
}
