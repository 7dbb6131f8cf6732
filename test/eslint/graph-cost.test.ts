/**
 * The project graph costs the same for every linted file whatever the project's size: typed, one pass
 * over the Program's files per Program (typescript-eslint hands every file of a lint the same one), and
 * one disk comparison per rescan for the whole project — not a pass over every file for every linted
 * file, which made a 1,000-file typed lint quadratic. Edits on disk in other files are still seen.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import { useTypeScript } from "../../analyzer/src/typescript";
import { TypedGraphs } from "../../analyzer/src/project/typed-graph";

useTypeScript(ts);

const FILES = 40;

function modelSource(i: number, target = `M${i + 1}`): string {
  return [
    `import { column, relation } from "eloquent-orm";`,
    `import { SqlModel } from "eloquent-orm/Model";`,
    `export class M${i} extends SqlModel {`,
    `  static schema = {`,
    `    id: column("increments", undefined, { primary: true }),`,
    `    next: relation("belongsTo", "${target}", { foreignKey: "id" }),`,
    `  };`,
    `}`,
    ``,
  ].join("\n");
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A Program over FILES model files whose SourceFile array counts how often its elements are read. */
function countedProgram(): { program: ts.Program; files: string[]; reads: () => number } {
  dir = mkdtempSync(join(tmpdir(), "eloquent-graph-cost-"));
  const files: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const file = join(dir, `m${i}.ts`).replace(/\\/g, "/");
    writeFileSync(file, modelSource(i, i === FILES - 1 ? "M0" : `M${i + 1}`));
    files.push(file);
  }
  const program = ts.createProgram(files, { noLib: true, noResolve: true, types: [] });
  let reads = 0;
  const counted = new Proxy(program.getSourceFiles(), {
    get(target, property, receiver) {
      if (typeof property === "string" && /^\d+$/.test(property)) reads++;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const wrapped = Object.create(program, { getSourceFiles: { value: () => counted } }) as ts.Program;
  return { program: wrapped, files, reads: () => reads };
}

describe("typed project graph", () => {
  it("walks the Program's files once per Program, not once per linted file", () => {
    const { program, files, reads } = countedProgram();
    let now = 0;
    const graphs = new TypedGraphs({ now: () => now });
    const first = graphs.forProgram(program, files[0]!);
    expect(first.link.graph.models).toHaveLength(FILES);
    for (const file of files) {
      now += 1;
      expect(graphs.forProgram(program, file)).toBe(first);
    }
    expect(reads()).toBeLessThanOrEqual(FILES);
  });

  it("sees an edit saved in another file after the rescan interval, and the linted file's program text wins", () => {
    const { program, files } = countedProgram();
    let now = 0;
    const graphs = new TypedGraphs({ rescanMs: 100, now: () => now });
    const targetOf = (graph: ReturnType<TypedGraphs["forProgram"]>, model: string) =>
      graph.link.graph.models.find((m) => m.name === model)?.relations.find((r) => r.name === "next")?.target;
    expect(targetOf(graphs.forProgram(program, files[1]!), "M0")).toBe("M1");

    writeFileSync(files[0]!, modelSource(0, "Elsewhere"));
    now += 50;
    expect(targetOf(graphs.forProgram(program, files[1]!), "M0")).toBe("M1");
    now += 100;
    expect(targetOf(graphs.forProgram(program, files[1]!), "M0")).toBe("Elsewhere");
    // Linting m0.ts itself: typescript-eslint's program holds ESLint's text of it, which wins over the disk.
    expect(targetOf(graphs.forProgram(program, files[0]!), "M0")).toBe("M1");
  });
});
