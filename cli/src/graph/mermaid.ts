/** Mermaid flowchart: renders in GitHub markdown (```mermaid fences) with no tooling at all. */
import type { Store } from "eloquent-engine";
import { COLORS } from "./colors";
import { edgeLabel, STORE_TITLES, type GraphView, type ViewNode } from "./view";

export function renderMermaid(view: GraphView): string {
  const lines = ["flowchart LR"];
  for (const store of ["sql", "mongo"] as Store[]) {
    const members = view.nodes.filter((n) => n.store === store);
    if (members.length === 0) continue;
    lines.push(`  subgraph store_${store}["${STORE_TITLES[store]}"]`);
    for (const node of members) lines.push(`    ${nodeDeclaration(node)}`);
    lines.push("  end");
  }
  for (const node of view.nodes.filter((n) => n.missing)) lines.push(`  ${nodeDeclaration(node)}`);

  const linkStyles: string[] = [];
  view.edges.forEach((edge, index) => {
    const arrow = edge.crossStore || edge.morphParent ? "-.->" : "-->";
    lines.push(`  ${edge.from} ${arrow}|"${escape(edgeLabel(edge))}"| ${edge.to}`);
    const color =
      edge.status === "error" ? COLORS.error : edge.status === "warning" ? COLORS.warning : edge.crossStore ? COLORS.crossStore : undefined;
    if (color) linkStyles.push(`  linkStyle ${index} stroke:${color},stroke-width:${edge.status === "ok" ? 1.5 : 2.5}px`);
  });
  lines.push(...linkStyles);
  lines.push(
    `  classDef sql fill:${COLORS.sqlFill},stroke:${COLORS.sqlStroke}`,
    `  classDef mongo fill:${COLORS.mongoFill},stroke:${COLORS.mongoStroke}`,
    `  classDef missing fill:${COLORS.missingFill},stroke:${COLORS.error},stroke-dasharray:4 3`,
    `  classDef error stroke:${COLORS.error},stroke-width:2.5px`,
  );
  return lines.join("\n") + "\n";
}

function nodeDeclaration(node: ViewNode): string {
  const label = node.missing
    ? `${escape(node.label)}<br/><i>not a model</i>`
    : node.table
      ? `${escape(node.label)}<br/><i>${escape(node.table)}</i>`
      : escape(node.label);
  const classes = [node.missing ? "missing" : node.store!, ...(node.status === "error" && !node.missing ? ["error"] : [])];
  return `${node.id}["${label}"]:::${classes.join(",")}`;
}

/** Mermaid reads `"` and markup-ish characters inside quoted labels; entity codes keep them literal. */
function escape(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
