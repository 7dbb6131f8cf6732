/** Hand-built graphs for rule unit tests. */
import type { ColumnNode, ModelGraph, ModelNode, RelationNode } from "eloquent-engine";

export function col(name: string, type: unknown, options: Record<string, unknown> = {}): ColumnNode {
  return { name, type, options };
}

export function rel(name: string, kind: unknown, target: unknown, options?: unknown): RelationNode {
  return { name, kind, target, options };
}

export function model(name: string, entries: (ColumnNode | RelationNode)[], extra: Partial<ModelNode> = {}): ModelNode {
  const columns = entries.filter((e): e is ColumnNode => "type" in e);
  const relations = entries.filter((e): e is RelationNode => "kind" in e);
  return { name, store: "sql", columns, relations, ...extra };
}

export function graph(...models: ModelNode[]): ModelGraph {
  return { models };
}

export const pk = (name = "id", type = "increments") => col(name, type, { primary: true });
