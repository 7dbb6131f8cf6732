/** `eloquent graph`: the relation graph as Mermaid, DOT or SVG (built-in layout, or Graphviz on request). */
import { spawnSync } from "node:child_process";
import { UsageError, type Command } from "./args";
import { checkAll, mergedGraph } from "./analysis";
import { renderDot } from "./graph/dot";
import { renderMermaid } from "./graph/mermaid";
import { renderSvg } from "./graph/svg";
import { buildGraphView } from "./graph/view";
import { loadTypeScript, write, type CliIo } from "./io";
import { readProjects } from "./load";
import { normalizeFileName } from "eloquent-analyzer";

export function runGraph(command: Extract<Command, { command: "graph" }>, io: CliIo): number {
  loadTypeScript(io.cwd);
  const loaded = readProjects(command.options, io);
  const diagnostics = checkAll(loaded);
  const graph = mergedGraph(loaded);
  let only: Set<string> | undefined;
  if (loaded.reportFiles) {
    only = new Set();
    for (const project of loaded.graphs) {
      for (const model of project.link.models) if (loaded.reportFiles.has(normalizeFileName(model.file))) only.add(model.node.name);
    }
  }
  const view = buildGraphView(graph, diagnostics, only);
  let text: string;
  switch (command.format) {
    case "dot":
      text = renderDot(view);
      break;
    case "svg":
      text = command.renderer === "graphviz" ? renderWithGraphviz(renderDot(view)) : renderSvg(view);
      break;
    default:
      text = renderMermaid(view);
  }
  write(text, command.options.output, io);
  return 0;
}

function renderWithGraphviz(dot: string): string {
  const result = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : result.stderr.trim();
    throw new UsageError(
      `--renderer graphviz needs Graphviz's 'dot' on PATH (${reason}). Install Graphviz or use the built-in renderer (--renderer builtin).`,
    );
  }
  return result.stdout;
}
