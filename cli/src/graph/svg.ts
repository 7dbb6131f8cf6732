/**
 * Self-contained SVG of the relation graph (no Graphviz needed): one band per store, each laid out
 * left to right with the layered layout; relations as labelled curves; cross-store relations dashed
 * violet between the bands; relations with errors red, with warnings amber; targets that are not
 * models drawn as dashed red boxes. Hovering a red edge shows the diagnostics (SVG <title>).
 */
import type { Store } from "eloquent-engine";
import { COLORS } from "./colors";
import { layeredLayout, type PlacedNode } from "./layout";
import { edgeLabel, STORE_TITLES, type GraphView, type ViewEdge, type ViewNode } from "./view";

const FONT = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const MARGIN = 24;
const BAND_PADDING = 22;
const BAND_TITLE = 26;
const BAND_GAP = 70;
const PARALLEL_SPACING = 22;

interface Band {
  store: Store;
  nodes: ViewNode[];
  /** Top-left of the band's content box. */
  x: number;
  y: number;
  width: number;
  height: number;
  placed: Map<string, PlacedNode>;
}

export function renderSvg(view: GraphView): string {
  if (view.nodes.length === 0) return emptySvg();
  const bands = layoutBands(view);
  const absolute = new Map<string, PlacedNode>();
  for (const band of bands) {
    for (const [id, node] of band.placed) absolute.set(id, { ...node, x: node.x + band.x, y: node.y + band.y });
  }
  const bandOf = new Map<string, Band>();
  for (const band of bands) for (const node of band.nodes) bandOf.set(node.id, band);

  const contentWidth = Math.max(...bands.map((b) => b.width + 2 * BAND_PADDING));
  const legendY = bands[bands.length - 1]!.y + bands[bands.length - 1]!.height + BAND_PADDING + 28;
  const body: string[] = [];
  for (const band of bands) {
    const stroke = band.store === "sql" ? COLORS.sqlStroke : COLORS.mongoStroke;
    const count = band.nodes.filter((n) => !n.missing).length;
    body.push(
      `<rect x="${r(MARGIN)}" y="${r(band.y - BAND_PADDING - BAND_TITLE)}" width="${r(contentWidth)}" height="${r(band.height + 2 * BAND_PADDING + BAND_TITLE)}" rx="12" fill="none" stroke="${stroke}" stroke-dasharray="6 4" stroke-opacity="0.7"/>`,
      `<text x="${r(MARGIN + contentWidth - 14)}" y="${r(band.y - BAND_PADDING - BAND_TITLE + 20)}" text-anchor="end" font-size="13" font-weight="600" fill="${stroke}">${xml(STORE_TITLES[band.store])} · ${count} model${count === 1 ? "" : "s"}</text>`,
    );
  }

  // Ports: every edge attached to one side of a node gets its own point on that side, ordered by
  // where the other end sits, so curves fan out instead of piling up.
  const ports = assignPorts(view.edges, absolute, bandOf);
  const pairCount = new Map<string, number>();
  const pairSeen = new Map<string, number>();
  const pairKey = (e: ViewEdge) => [e.from, e.to].sort().join("\u0000");
  for (const edge of view.edges) pairCount.set(pairKey(edge), (pairCount.get(pairKey(edge)) ?? 0) + 1);
  const labels: string[] = [];
  const placedLabels: Box[] = [];
  let minX = MARGIN;
  let maxX = MARGIN + Math.max(contentWidth, LEGEND_WIDTH);
  view.edges.forEach((edge, edgeIndex) => {
    const key = pairKey(edge);
    const index = pairSeen.get(key) ?? 0;
    pairSeen.set(key, index + 1);
    const offset = (index - ((pairCount.get(key) ?? 1) - 1) / 2) * PARALLEL_SPACING;
    const from = absolute.get(edge.from)!;
    const to = absolute.get(edge.to)!;
    const sameBand = bandOf.get(edge.from) === bandOf.get(edge.to);
    const port = ports.get(edgeIndex);
    const geometry =
      edge.from === edge.to
        ? selfLoop(from, index)
        : sameBand
          ? inBandCurve(from, to, port?.from ?? 0, port?.to ?? 0)
          : crossBandCurve(from, to, offset);
    const colorKey = edge.status === "error" ? "error" : edge.status === "warning" ? "warning" : edge.crossStore ? "crossStore" : "ok";
    const color = COLORS[colorKey];
    const dashed = edge.crossStore || edge.morphParent;
    const title = [edgeLabel(edge), ...(edge.crossStore ? ["crosses stores: one query per store, no join"] : []), ...edge.problems].join(
      "\n",
    );
    body.push(
      `<g class="edge ${edge.status}"><title>${xml(title)}</title>` +
        `<path d="${geometry.path}" fill="none" stroke="${color}" stroke-width="${edge.status === "ok" ? 1.4 : 2.4}"${dashed ? ' stroke-dasharray="6 4"' : ""} marker-end="url(#arrow-${colorKey})"/></g>`,
    );
    const label = edgeLabelSvg(edge, geometry, color, placedLabels);
    minX = Math.min(minX, label.left - 4);
    maxX = Math.max(maxX, label.right + 4);
    labels.push(label.svg);
  });
  body.push(...labels);
  for (const node of view.nodes) body.push(nodeSvg(node, absolute.get(node.id)!));
  body.push(legend(MARGIN, legendY));

  // Labels of edges between the bands may stick out on the left: shift everything right to fit them.
  const shift = MARGIN - minX;
  const width = maxX + shift + MARGIN;
  const height = legendY + 40 + MARGIN;
  return (
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="${FONT}" role="img" aria-label="eloquent relation graph">`,
      "<defs>",
      ...(["ok", "warning", "error", "crossStore"] as const).map(arrowMarker),
      "</defs>",
      `<rect width="100%" height="100%" fill="#ffffff"/>`,
      shift > 0 ? `<g transform="translate(${r(shift)},0)">` : "<g>",
      ...body,
      "</g>",
      "</svg>",
    ].join("\n") + "\n"
  );
}

function layoutBands(view: GraphView): Band[] {
  const storeOfMissing = new Map<string, Store>();
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  for (const edge of view.edges) {
    const target = byId.get(edge.to)!;
    const source = byId.get(edge.from)!;
    if (target.missing && !storeOfMissing.has(target.id) && source.store) storeOfMissing.set(target.id, source.store);
  }
  const maxLabel = Math.max(0, ...view.edges.map((e) => textWidth(edgeLabel(e), 10.5)));
  const layerGap = Math.min(Math.max(maxLabel + 48, 120), 280);

  const bands: Band[] = [];
  let y = MARGIN + BAND_TITLE + BAND_PADDING;
  for (const store of ["sql", "mongo"] as Store[]) {
    const nodes = view.nodes.filter((n) => (n.missing ? (storeOfMissing.get(n.id) ?? "sql") : n.store) === store);
    if (nodes.length === 0) continue;
    const ids = new Set(nodes.map((n) => n.id));
    const layout = layeredLayout(
      nodes.map((n) => ({ id: n.id, ...nodeSize(n) })),
      view.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
      { layerGap, nodeGap: 34 },
    );
    bands.push({ store, nodes, x: MARGIN + BAND_PADDING, y, width: layout.width, height: layout.height, placed: layout.nodes });
    y += layout.height + 2 * BAND_PADDING + BAND_TITLE + BAND_GAP;
  }
  return bands;
}

function nodeSize(node: ViewNode): { width: number; height: number } {
  const second = node.missing ? "not a model" : node.table;
  const width = Math.max(textWidth(node.label, 13, true), second ? textWidth(second, 11) : 0) + 28;
  return { width: Math.max(96, Math.ceil(width)), height: second ? 46 : 32 };
}

function nodeSvg(node: ViewNode, at: PlacedNode): string {
  const fill = node.missing ? COLORS.missingFill : node.store === "sql" ? COLORS.sqlFill : COLORS.mongoFill;
  const stroke = node.missing || node.status === "error" ? COLORS.error : node.store === "sql" ? COLORS.sqlStroke : COLORS.mongoStroke;
  const second = node.missing ? "not a model" : node.table;
  const cx = at.x + at.width / 2;
  const nameY = second ? at.y + 20 : at.y + at.height / 2 + 4.5;
  const title = node.missing
    ? `${node.label}: relation target that is not a declared model`
    : `${node.label}${node.table ? ` (table ${node.table})` : ""}`;
  return (
    `<g class="node${node.missing ? " missing" : ""}"><title>${xml(title)}</title>` +
    `<rect x="${r(at.x)}" y="${r(at.y)}" width="${r(at.width)}" height="${r(at.height)}" rx="7" fill="${fill}" stroke="${stroke}" stroke-width="${node.status === "error" || node.missing ? 2.2 : 1.3}"${node.missing ? ' stroke-dasharray="5 3"' : ""}/>` +
    `<text x="${r(cx)}" y="${r(nameY)}" text-anchor="middle" font-size="13" font-weight="600" fill="${node.missing ? COLORS.error : COLORS.text}">${xml(node.label)}</text>` +
    (second
      ? `<text x="${r(cx)}" y="${r(at.y + 36)}" text-anchor="middle" font-size="11" fill="${node.missing ? COLORS.error : COLORS.muted}"${node.missing ? ' font-style="italic"' : ""}>${xml(second)}</text>`
      : "") +
    "</g>"
  );
}

interface Geometry {
  path: string;
  labelX: number;
  labelY: number;
  /** Which side of the point the label extends to (parallel vertical edges put labels side by side). */
  anchor?: "middle" | "start" | "end";
}

function inBandCurve(from: PlacedNode, to: PlacedNode, fromOffset: number, toOffset: number): Geometry {
  const y0 = from.y + from.height / 2 + fromOffset;
  const y3 = to.y + to.height / 2 + toOffset;
  if (to.layer === from.layer) {
    // Same column: leave and enter on the right, bulging outward.
    const x0 = from.x + from.width;
    const x3 = to.x + to.width;
    const bulge = 46 + Math.abs(y3 - y0) * 0.15;
    return cubic(x0, y0, x0 + bulge, y0, x3 + bulge, y3, x3, y3);
  }
  const forward = to.layer > from.layer;
  const x0 = forward ? from.x + from.width : from.x;
  const x3 = forward ? to.x : to.x + to.width;
  const dx = (x3 - x0) * 0.45;
  return cubic(x0, y0, x0 + dx, y0, x3 - dx, y3, x3, y3);
}

function crossBandCurve(from: PlacedNode, to: PlacedNode, offset: number): Geometry {
  const downward = to.y > from.y;
  const x0 = from.x + from.width / 2 + offset;
  const x3 = to.x + to.width / 2 + offset;
  const y0 = downward ? from.y + from.height : from.y;
  const y3 = downward ? to.y : to.y + to.height;
  const dy = (y3 - y0) * 0.5;
  const geometry = cubic(x0, y0, x0, y0 + dy, x3, y3 - dy, x3, y3);
  return offset === 0 ? geometry : { ...geometry, labelX: geometry.labelX + Math.sign(offset) * 6, anchor: offset < 0 ? "end" : "start" };
}

function selfLoop(at: PlacedNode, index: number): Geometry {
  const x0 = at.x + at.width * 0.35;
  const x3 = at.x + at.width * 0.65;
  const y = at.y;
  const lift = 34 + index * 16;
  return cubic(x0, y, x0 - 10, y - lift, x3 + 10, y - lift, x3, y);
}

function cubic(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): Geometry {
  return {
    path: `M${r(x0)},${r(y0)} C${r(x1)},${r(y1)} ${r(x2)},${r(y2)} ${r(x3)},${r(y3)}`,
    // The curve's point at t = 0.5.
    labelX: (x0 + 3 * x1 + 3 * x2 + x3) / 8,
    labelY: (y0 + 3 * y1 + 3 * y2 + y3) / 8,
  };
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const LABEL_HEIGHT = 17;

/** Places the label on its curve, nudged down past labels already placed that it would cover. */
function edgeLabelSvg(edge: ViewEdge, at: Geometry, color: string, placed: Box[]): { svg: string; left: number; right: number } {
  const text = edgeLabel(edge);
  const width = textWidth(text, 10.5) + 10;
  const anchor = at.anchor ?? "middle";
  const left = anchor === "middle" ? at.labelX - width / 2 : anchor === "start" ? at.labelX : at.labelX - width;
  let top = at.labelY - LABEL_HEIGHT / 2;
  for (let attempt = 0; attempt < 12; attempt++) {
    const hit = placed.find((box) => box.left < left + width && left < box.right && box.top < top + LABEL_HEIGHT && top < box.bottom);
    if (!hit) break;
    top = hit.bottom + 1;
  }
  placed.push({ left, right: left + width, top, bottom: top + LABEL_HEIGHT });
  const svg =
    `<g class="edge-label"><rect x="${r(left)}" y="${r(top)}" width="${r(width)}" height="${LABEL_HEIGHT}" rx="4" fill="#ffffff" fill-opacity="0.92"/>` +
    `<text x="${r(left + width / 2)}" y="${r(top + LABEL_HEIGHT / 2 + 3.8)}" text-anchor="middle" font-size="10.5" fill="${color}">${xml(text)}</text></g>`;
  return { svg, left, right: left + width };
}

/**
 * Vertical offsets of each in-band edge's two ends: edges sharing one side of a node are spread along
 * it, in the order of the other end's height (fewer crossings near the node).
 */
function assignPorts(
  edges: readonly ViewEdge[],
  placed: ReadonlyMap<string, PlacedNode>,
  bandOf: ReadonlyMap<string, Band>,
): Map<number, { from: number; to: number }> {
  const sides = new Map<string, Array<{ edge: number; end: "from" | "to"; otherY: number }>>();
  edges.forEach((edge, index) => {
    if (edge.from === edge.to || bandOf.get(edge.from) !== bandOf.get(edge.to)) return;
    const from = placed.get(edge.from)!;
    const to = placed.get(edge.to)!;
    const forward = to.layer > from.layer;
    const sameLayer = to.layer === from.layer;
    const fromSide = sameLayer || forward ? "right" : "left";
    const toSide = sameLayer || !forward ? "right" : "left";
    const add = (node: string, side: string, end: "from" | "to", other: PlacedNode) => {
      const key = `${node}\u0000${side}`;
      const list = sides.get(key) ?? [];
      list.push({ edge: index, end, otherY: other.y + other.height / 2 });
      sides.set(key, list);
    };
    add(edge.from, fromSide, "from", to);
    add(edge.to, toSide, "to", from);
  });
  const ports = new Map<number, { from: number; to: number }>();
  for (const [key, list] of sides) {
    const node = placed.get(key.slice(0, key.indexOf("\u0000")))!;
    list.sort((a, b) => a.otherY - b.otherY || a.edge - b.edge);
    const step = list.length > 1 ? Math.min(12, (node.height - 10) / (list.length - 1)) : 0;
    list.forEach((entry, i) => {
      const offset = (i - (list.length - 1) / 2) * step;
      const port = ports.get(entry.edge) ?? { from: 0, to: 0 };
      port[entry.end] = offset;
      ports.set(entry.edge, port);
    });
  }
  return ports;
}

const LEGEND_ITEMS: Array<[string, string, boolean]> = [
  ["relation", COLORS.ok, false],
  ["crosses stores (one query per store)", COLORS.crossStore, true],
  ["has an error", COLORS.error, false],
  ["has a warning", COLORS.warning, false],
];
const LEGEND_MISSING = "target is not a model";
const LEGEND_WIDTH = LEGEND_ITEMS.reduce((sum, [label]) => sum + 34 + textWidth(label, 11) + 22, 0) + 32 + textWidth(LEGEND_MISSING, 11);

function legend(x: number, y: number): string {
  const items = LEGEND_ITEMS;
  const parts: string[] = [];
  let cursor = x;
  for (const [label, color, dashed] of items) {
    parts.push(
      `<line x1="${r(cursor)}" y1="${r(y)}" x2="${r(cursor + 28)}" y2="${r(y)}" stroke="${color}" stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
      `<text x="${r(cursor + 34)}" y="${r(y + 4)}" font-size="11" fill="${COLORS.muted}">${xml(label)}</text>`,
    );
    cursor += 34 + textWidth(label, 11) + 22;
  }
  parts.push(
    `<rect x="${r(cursor)}" y="${r(y - 8)}" width="26" height="16" rx="4" fill="${COLORS.missingFill}" stroke="${COLORS.error}" stroke-dasharray="4 2"/>`,
    `<text x="${r(cursor + 32)}" y="${r(y + 4)}" font-size="11" fill="${COLORS.muted}">${LEGEND_MISSING}</text>`,
  );
  return `<g class="legend">${parts.join("")}</g>`;
}

function arrowMarker(key: "ok" | "warning" | "error" | "crossStore"): string {
  return `<marker id="arrow-${key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="${COLORS[key]}"/></marker>`;
}

function emptySvg(): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="60" viewBox="0 0 360 60" font-family="${FONT}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/><text x="20" y="35" font-size="13" fill="${COLORS.muted}">No eloquent models found.</text></svg>\n`
  );
}

/** Width estimate for sans-serif text (no font metrics without a browser); generous so boxes never clip. */
function textWidth(text: string, size: number, bold = false): number {
  return text.length * size * (bold ? 0.62 : 0.57);
}

function r(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
