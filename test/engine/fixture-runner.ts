/** Runs fixture model classes through the real registerModels and maps diagnostics to lines. */
import { readFileSync } from "node:fs";
import { ModelRegistry, registerModels } from "eloquent-orm";
import type { ActualDiagnostic } from "../fixtures/relations/expectations";
import { lineOf, locateNode } from "./locate-node";

type ModelClass = Function & { store: string };

export function isModelClass(value: unknown): value is ModelClass {
  return typeof value === "function" && "store" in value;
}

/** Exported model classes of a fixture module, in declaration order. */
export function modelClassesOf(file: string, mod: Record<string, unknown>): ModelClass[] {
  const text = readFileSync(file, "utf8");
  return Object.values(mod)
    .filter(isModelClass)
    .map((cls) => ({ cls, at: locateNode(text, { model: cls.name, part: "model" }) ?? 0 }))
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.cls);
}

/**
 * Registers `classes` non-strictly in a fresh registry and returns their diagnostics as
 * (file, line, ruleId), each located in the file that declares its model.
 */
export function runtimeDiagnostics(classesByFile: ReadonlyMap<string, readonly Function[]>): ActualDiagnostic[] {
  const texts = new Map([...classesByFile.keys()].map((file) => [file, readFileSync(file, "utf8")]));
  const fileOf = new Map<string, string>();
  for (const [file, classes] of classesByFile) for (const cls of classes) fileOf.set(cls.name, file);
  const all = [...classesByFile.values()].flat();
  const { diagnostics } = registerModels(all, { strict: false, logger: false, registry: new ModelRegistry() });
  return diagnostics.map((d) => {
    const file = fileOf.get(d.node.model) ?? "?";
    const text = texts.get(file) ?? "";
    const offset = locateNode(text, d.node);
    return { file, line: offset === undefined ? 0 : lineOf(text, offset), ruleId: d.ruleId, message: d.message };
  });
}
