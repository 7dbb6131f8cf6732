/**
 * A project with TypeScript 7 installed as `typescript`, emulated: a package of that name and version with
 * a `tsc` bin and no JavaScript API (as the native compiler ships), resolved before any other TypeScript.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../ts-plugin/tsserver-client";
import { tempProject, type TempProject } from "../ts-plugin/tspc-project";

export function typescript7Project(): TempProject {
  const project = tempProject({
    "tsconfig.json": { compilerOptions: { strict: true, plugins: [{ name: "eloquent-ts-plugin" }] }, include: ["src"] },
    "package.json": { name: "ts7-project", private: true, devDependencies: { typescript: "^7.0.0" } },
    "eslint.config.mjs": `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`,
    "src/user.ts": `export class User {}\n`,
  });
  // tempProject links the repository's node_modules; replace the link with a real one holding the fake
  // TypeScript 7 and links to what the fronts need.
  const modules = path.join(project.root, "node_modules");
  require("node:fs").rmSync(modules, { force: true });
  mkdirSync(path.join(modules, "typescript", "bin"), { recursive: true });
  writeFileSync(
    path.join(modules, "typescript", "package.json"),
    JSON.stringify({ name: "typescript", version: "7.0.0", bin: { tsc: "bin/tsc" }, exports: { "./package.json": "./package.json" } }),
  );
  writeFileSync(path.join(modules, "typescript", "bin", "tsc"), "#!/usr/bin/env node\nconsole.log('native tsc');\n");
  for (const name of ["eslint-plugin-eloquent", "eloquent-ts-plugin", "eloquent-orm", "eloquent-engine", "eloquent-analyzer"]) {
    symlinkSync(path.join(REPO_ROOT, "node_modules", name), path.join(modules, name), "dir");
  }
  return project;
}
