/** Graphviz DOT: `eloquent graph --format dot | dot -Tpng > graph.png`. */
import type { Store } from "eloquent-engine";
import { COLORS } from "./colors";
import { edgeLabel, STORE_TITLES, type GraphView, type ViewNode } from "./view";

export function renderDot(view: GraphView): string {
  const lines = [
    "digraph eloquent {",
    '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.4, ranksep=0.9];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const store of ["sql", "mongo"] as Store[]) {
    const members = view.nodes.filter((n) => n.store === store);
    if (members.length === 0) continue;
    const stroke = store === "sql" ? COLORS.sqlStroke : COLORS.mongoStroke;
    lines.push(
      `  subgraph cluster_${store} {`,
      `    label=${quote(STORE_TITLES[store])}; style="rounded,dashed"; color="${stroke}"; fontcolor="${stroke}";`,
    );
    for (const node of members) lines.push(`    ${nodeStatement(node)}`);
    lines.push("  }");
  }
  for (const node of view.nodes.filter((n) => n.missing)) lines.push(`  ${nodeStatement(node)}`);
  for (const edge of view.edges) {
    const color =
      edge.status === "error" ? COLORS.error : edge.status === "warning" ? COLORS.warning : edge.crossStore ? COLORS.crossStore : COLORS.ok;
    const attributes = [
      `label=${quote(edgeLabel(edge))}`,
      `color="${color}"`,
      `fontcolor="${color}"`,
      ...(edge.crossStore || edge.morphParent ? ['style="dashed"'] : []),
      ...(edge.status !== "ok" ? ["penwidth=2.2"] : []),
      ...(edge.problems.length > 0 ? [`tooltip=${quote(edge.problems.join("\n"))}`] : []),
    ];
    lines.push(`  ${edge.from} -> ${edge.to} [${attributes.join(", ")}];`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

function nodeStatement(node: ViewNode): string {
  if (node.missing) {
    return `${node.id} [label=${quote(`${node.label}\n(not a model)`)}, style="rounded,dashed,filled", fillcolor="${COLORS.missingFill}", color="${COLORS.error}", fontcolor="${COLORS.error}"];`;
  }
  const fill = node.store === "sql" ? COLORS.sqlFill : COLORS.mongoFill;
  const stroke = node.status === "error" ? COLORS.error : node.store === "sql" ? COLORS.sqlStroke : COLORS.mongoStroke;
  const label = node.table ? `${node.label}\n${node.table}` : node.label;
  return `${node.id} [label=${quote(label)}, fillcolor="${fill}", color="${stroke}"${node.status === "error" ? ", penwidth=2.2" : ""}];`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}
