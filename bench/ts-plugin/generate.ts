/**
 * Generates a synthetic project of N models, one model per file, linked in a chain
 * (belongsTo the previous model, hasMany the next, plus a query site), so the plugin has a real graph.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../..");

export interface GeneratedProject {
  dir: string;
  files: string[];
  cleanup(): void;
}

function modelSource(i: number, count: number): string {
  const previous = i > 0 ? `M${i - 1}` : undefined;
  const next = i < count - 1 ? `M${i + 1}` : undefined;
  return [
    `import { column, relation } from "eloquent-orm";`,
    `import { SqlModel } from "eloquent-orm/Model";`,
    ``,
    `export class M${i} extends SqlModel {`,
    `  static tableName = "m_${i}";`,
    `  static schema = {`,
    `    id: column("increments", undefined, { primary: true }),`,
    `    name: column("string", 255),`,
    ...(previous
      ? [`    m${i - 1}_id: column("int"),`, `    parent: relation("belongsTo", "${previous}", { foreignKey: "m${i - 1}_id" }),`]
      : []),
    ...(next ? [`    children: relation("hasMany", "${next}", { foreignKey: "m${i}_id" }),`] : []),
    `  };`,
    `}`,
    ``,
  ].join("\n");
}

export function generateProject(count: number): GeneratedProject {
  const dir = mkdtempSync(join(tmpdir(), `eloquent-bench-${count}-`));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "models"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "node16",
          moduleResolution: "node16",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        include: ["models/*.ts"],
      },
      null,
      2,
    ),
  );
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, "models", `m${i}.ts`);
    writeFileSync(file, modelSource(i, count));
    files.push(file);
  }
  return { dir, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
