/**
 * Model lookup by model name (relation targets are names: `static modelName`, else the class name —
 * the engine's resolveModelName). Every model whose metadata is computed is remembered here;
 * `registerModels()` (runtime/src/registry) registers whole sets up front.
 */
import { resolveModelName } from "eloquent-engine";
import type { ModelClass } from "./types";

const byName = new Map<string, ModelClass>();

export function rememberModel(model: ModelClass): void {
  const name = resolveModelName(model.name, model.modelName);
  const existing = byName.get(name);
  // A re-declared class (hot reload, a test redefining a model) replaces the old one.
  if (existing !== model) byName.set(name, model);
}

export function findModel(name: string): ModelClass | undefined {
  return byName.get(name);
}

export function knownModelNames(): string[] {
  return [...byName.keys()];
}

export function forgetModels(): void {
  byName.clear();
}
