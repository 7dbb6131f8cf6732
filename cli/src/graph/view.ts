/**
 * What `eloquent graph` draws, independent of the output format: models grouped by store, one edge
 * per relation labelled with its kind and name, cross-store edges and relations with diagnostics flagged.
 */
import { isThroughKind, isUnverifiable, throughOf, type Diagnostic, type ModelGraph, type Store } from "eloquent-engine";

export type EdgeStatus = "ok" | "warning" | "error";

export interface ViewNode {
  /** Unique, format-safe id (letters, digits, underscore). */
  id: string;
  label: string;
  /** Undefined for a target that is not a declared model (drawn as a missing node). */
  store?: Store;
  table?: string;
  missing: boolean;
  status: EdgeStatus;
}

export interface ViewEdge {
  from: string;
  to: string;
  relation: string;
  kind: string;
  /** SQL ↔ Mongo: eager loading runs one query per store, no join. */
  crossStore: boolean;
  /** A morphTo drawn toward one of its possible parents (its target is not a model). */
  morphParent: boolean;
  status: EdgeStatus;
  /** The diagnostics on this relation, for tooltips. */
  problems: string[];
  /** hasOneThrough / hasManyThrough: the intermediate model, named in the label. */
  through?: string;
}

export interface GraphView {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

export const STORE_TITLES: Record<Store, string> = { sql: "SQL", mongo: "MongoDB" };

/**
 * `only`: draw these models and their relations (the models named on the command line); models they
 * point at are drawn too, as plain nodes, so an edge never dangles.
 */
export function buildGraphView(graph: ModelGraph, diagnostics: readonly Diagnostic[], only?: ReadonlySet<string>): GraphView {
  const nodes = new Map<string, ViewNode>();
  const usedIds = new Set<string>();
  const idFor = (label: string, prefix: string) => {
    const base = `${prefix}_${label.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}_${n}`;
    usedIds.add(id);
    return id;
  };

  const modelStatus = new Map<string, EdgeStatus>();
  const relationProblems = new Map<string, { status: EdgeStatus; messages: string[] }>();
  for (const d of diagnostics) {
    if (d.severity === "info") continue;
    const status: EdgeStatus = d.severity === "error" ? "error" : "warning";
    if (d.node.relation !== undefined) {
      const key = `${d.node.model}\u0000${d.node.relation}`;
      const entry = relationProblems.get(key) ?? { status: "ok" as EdgeStatus, messages: [] };
      entry.status = worst(entry.status, status);
      entry.messages.push(`${d.ruleId}: ${d.message}`);
      relationProblems.set(key, entry);
    } else {
      modelStatus.set(d.node.model, worst(modelStatus.get(d.node.model) ?? "ok", status));
    }
  }

  const drawn = only ? graph.models.filter((model) => only.has(model.name)) : graph.models;
  const pointedAt = new Set<string>();
  for (const model of drawn) for (const rel of model.relations) if (typeof rel.target === "string") pointedAt.add(rel.target);
  // The first declaration of a name wins; duplicates are reported by the engine and drawn once.
  for (const model of graph.models) {
    if (nodes.has(model.name)) continue;
    if (only && !only.has(model.name) && !pointedAt.has(model.name)) continue;
    const table = typeof model.table === "string" ? model.table : undefined;
    nodes.set(model.name, {
      id: idFor(model.name, "m"),
      label: model.name,
      store: model.store,
      ...(table !== undefined ? { table } : {}),
      missing: false,
      status: modelStatus.get(model.name) ?? "ok",
    });
  }
  const storeOf = (name: string) => graph.models.find((m) => m.name === name)?.store;

  // morphTo parents: models declaring morphOne/morphMany toward the morphTo's model with the same morphName.
  const morphParents = new Map<string, string[]>();
  for (const model of graph.models) {
    if (!nodes.has(model.name)) continue;
    for (const rel of model.relations) {
      if ((rel.kind === "morphOne" || rel.kind === "morphMany") && typeof rel.target === "string") {
        const morphName = optionString(rel.options, "morphName");
        if (morphName === undefined) continue;
        const key = `${rel.target}\u0000${morphName}`;
        const list = morphParents.get(key) ?? [];
        if (!list.includes(model.name)) list.push(model.name);
        morphParents.set(key, list);
      }
    }
  }

  const edges: ViewEdge[] = [];
  const missingNode = (name: string) => {
    let node = nodes.get(`\u0000missing:${name}`);
    if (!node) {
      node = { id: idFor(name, "missing"), label: name, missing: true, status: "error" };
      nodes.set(`\u0000missing:${name}`, node);
    }
    return node;
  };

  for (const model of drawn) {
    const from = nodes.get(model.name)!;
    for (const rel of model.relations) {
      const kind = typeof rel.kind === "string" ? rel.kind : isUnverifiable(rel.kind) ? rel.kind.text : String(rel.kind);
      const problems = relationProblems.get(`${model.name}\u0000${rel.name}`);
      const status = problems?.status ?? "ok";
      const through = isThroughKind(kind) ? throughOf(rel.options) : undefined;
      const base = { relation: rel.name, kind, status, problems: problems?.messages ?? [], ...(through ? { through } : {}) };
      if (typeof rel.target !== "string") {
        // Not a literal: the engine says "cannot verify"; nothing to draw an edge to.
        continue;
      }
      const target = nodes.get(rel.target);
      if (target && !target.missing) {
        edges.push({ ...base, from: from.id, to: target.id, crossStore: storeOf(rel.target) !== model.store, morphParent: false });
        continue;
      }
      const parents =
        kind === "morphTo" ? morphParents.get(`${model.name}\u0000${optionString(rel.options, "morphName") ?? rel.name}`) : undefined;
      if (parents && parents.length > 0) {
        for (const parent of parents) {
          edges.push({
            ...base,
            from: from.id,
            to: nodes.get(parent)!.id,
            crossStore: storeOf(parent) !== model.store,
            morphParent: true,
          });
        }
      } else {
        edges.push({ ...base, from: from.id, to: missingNode(rel.target).id, crossStore: false, morphParent: false });
      }
    }
  }
  return { nodes: [...nodes.values()], edges };
}

function optionString(options: unknown, key: string): string | undefined {
  if (options === null || typeof options !== "object" || isUnverifiable(options)) return undefined;
  const value = (options as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

function worst(a: EdgeStatus, b: EdgeStatus): EdgeStatus {
  const rank = { ok: 0, warning: 1, error: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

export function edgeLabel(edge: ViewEdge): string {
  return `${edge.relation}: ${edge.kind}${edge.through ? ` via ${edge.through}` : ""}`;
}
