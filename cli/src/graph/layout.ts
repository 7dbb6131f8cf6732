/**
 * A small layered (Sugiyama-style) layout: cycles broken by reversing DFS back edges, layers by
 * longest path, order within layers by barycenter sweeps keeping the order with fewest crossings.
 * Layers run left to right. Enough for relation graphs of tens to hundreds of models, with no
 * external tool.
 */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
}

export interface PlacedNode {
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  width: number;
  height: number;
}

export interface LayoutSpacing {
  /** Horizontal space between layers (edge labels live there). */
  layerGap: number;
  /** Vertical space between nodes of one layer. */
  nodeGap: number;
}

export function layeredLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], spacing: LayoutSpacing): Layout {
  const ids = nodes.map((n) => n.id);
  const known = new Set(ids);
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) {
    if (edge.from === edge.to || !known.has(edge.from) || !known.has(edge.to)) continue;
    outgoing.get(edge.from)!.push(edge.to);
    neighbours.get(edge.from)!.push(edge.to);
    neighbours.get(edge.to)!.push(edge.from);
  }

  const layerOf = assignLayers(ids, outgoing);
  const layerCount = Math.max(0, ...layerOf.values()) + 1;
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const id of ids) layers[layerOf.get(id)!]!.push(id);

  orderLayers(layers, neighbours);

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const columnWidths = layers.map((layer) => Math.max(0, ...layer.map((id) => byId.get(id)!.width)));
  const columnHeights = layers.map(
    (layer) => layer.reduce((sum, id) => sum + byId.get(id)!.height, 0) + Math.max(0, layer.length - 1) * spacing.nodeGap,
  );
  const height = Math.max(0, ...columnHeights);
  const placed = new Map<string, PlacedNode>();
  let x = 0;
  layers.forEach((layer, index) => {
    let y = (height - columnHeights[index]!) / 2;
    for (const id of layer) {
      const node = byId.get(id)!;
      placed.set(id, { x: x + (columnWidths[index]! - node.width) / 2, y, width: node.width, height: node.height, layer: index });
      y += node.height + spacing.nodeGap;
    }
    x += columnWidths[index]! + spacing.layerGap;
  });
  const width = Math.max(0, x - spacing.layerGap);
  return { nodes: placed, width, height };
}

/** Longest-path layering on the graph made acyclic by ignoring DFS back edges. */
function assignLayers(ids: readonly string[], outgoing: Map<string, string[]>): Map<string, number> {
  const state = new Map<string, "visiting" | "done">();
  const acyclic = new Map<string, string[]>(ids.map((id) => [id, []]));
  const postorder: string[] = [];
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative DFS: relation graphs of generated projects can be deep.
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, "visiting");
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const targets = outgoing.get(frame.id)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        const seen = state.get(target);
        if (seen === "visiting") continue; // back edge: ignored for layering
        acyclic.get(frame.id)!.push(target);
        if (seen === undefined) {
          state.set(target, "visiting");
          stack.push({ id: target, next: 0 });
        }
      } else {
        state.set(frame.id, "done");
        postorder.push(frame.id);
        stack.pop();
      }
    }
  }
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // Reverse postorder is a topological order of the acyclic graph.
  for (let i = postorder.length - 1; i >= 0; i--) {
    const id = postorder[i]!;
    for (const target of acyclic.get(id)!) {
      layer.set(target, Math.max(layer.get(target)!, layer.get(id)! + 1));
    }
  }
  return layer;
}

function orderLayers(layers: string[][], neighbours: Map<string, string[]>): void {
  let best = layers.map((layer) => [...layer]);
  let bestCrossings = countCrossings(best, neighbours);
  for (let sweep = 0; sweep < 8 && bestCrossings > 0; sweep++) {
    const downward = sweep % 2 === 0;
    const range = downward
      ? Array.from({ length: layers.length - 1 }, (_, i) => i + 1)
      : Array.from({ length: layers.length - 1 }, (_, i) => layers.length - 2 - i);
    for (const index of range) {
      const fixed = layers[downward ? index - 1 : index + 1]!;
      const position = new Map(fixed.map((id, i) => [id, i]));
      const current = layers[index]!;
      const weights = new Map<string, number>();
      current.forEach((id, i) => {
        const placed = neighbours
          .get(id)!
          .filter((n) => position.has(n))
          .map((n) => position.get(n)!);
        weights.set(id, placed.length > 0 ? placed.reduce((a, b) => a + b, 0) / placed.length : i);
      });
      current.sort((a, b) => weights.get(a)! - weights.get(b)!);
    }
    const crossings = countCrossings(layers, neighbours);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = layers.map((layer) => [...layer]);
    }
  }
  best.forEach((layer, i) => (layers[i] = layer));
}

/** Crossings between edges joining adjacent layers (the ones ordering can change). */
function countCrossings(layers: string[][], neighbours: Map<string, string[]>): number {
  let crossings = 0;
  for (let i = 0; i + 1 < layers.length; i++) {
    const lower = new Map(layers[i + 1]!.map((id, index) => [id, index]));
    const segments: Array<[number, number]> = [];
    layers[i]!.forEach((id, top) => {
      for (const n of neighbours.get(id)!) {
        const bottom = lower.get(n);
        if (bottom !== undefined) segments.push([top, bottom]);
      }
    });
    for (let a = 0; a < segments.length; a++) {
      for (let b = a + 1; b < segments.length; b++) {
        const [ta, ba] = segments[a]!;
        const [tb, bb] = segments[b]!;
        if ((ta - tb) * (ba - bb) < 0) crossings++;
      }
    }
  }
  return crossings;
}
