/** The setup diagnostics (plugin-setup, ELQ950) as pure functions: engine not loadable, runtime not resolvable. */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "../../analyzer/src/typescript";
import { extractModelGraphFromFiles } from "../../analyzer/src/extract";
import { checkSetup } from "../../analyzer/src/setup/setup-rule";

useTypeScript(ts);

const SOURCE = `import { column } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
export class User extends SqlModel { static schema = { id: column("increments") }; }
`;

function extraction() {
  const result = extractModelGraphFromFiles(["/p/user.ts"], { readFile: (f) => (f === "/p/user.ts" ? SOURCE : undefined) });
  return { ...result, generation: 1, changedFiles: new Set(["/p/user.ts"]) };
}

describe("plugin-setup diagnostics", () => {
  it("says once per file, on the runtime import, that the engine could not be loaded, with the fix", () => {
    const byFile = checkSetup(extraction(), { compilerOptions: {}, engineError: "Cannot find module 'eloquent-engine'" });
    const diagnostics = byFile.get("/p/user.ts")!;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      ruleId: "plugin-setup",
      code: "ELQ950",
      severity: "warning",
      span: {
        file: "/p/user.ts",
        start: SOURCE.indexOf('"eloquent-orm"'),
        end: SOURCE.indexOf('"eloquent-orm"') + '"eloquent-orm"'.length,
      },
    });
    expect(diagnostics[0]!.message).toContain("could not load the rule engine (eloquent-engine)");
    expect(diagnostics[0]!.hint).toContain("npm install eloquent-orm eloquent-ts-plugin");
  });

  it("reports runtime imports that do not resolve from the file, and nothing when they do", () => {
    const unresolvable = checkSetup(extraction(), {
      compilerOptions: { moduleResolution: ts.ModuleResolutionKind.Node16, module: ts.ModuleKind.Node16 },
    });
    // "/p" has no node_modules: both imports are unresolvable — one diagnostic (one fix), on the first import line.
    const diagnostics = unresolvable.get("/p/user.ts")!;
    expect(diagnostics.map((d) => d.message)).toEqual([
      "'eloquent-orm' and 'eloquent-orm/Model' cannot be resolved from this file, so these models will not run (relations are still checked from source).",
    ]);
    expect(diagnostics[0]!.span!.start).toBe(SOURCE.indexOf('"eloquent-orm"'));
  });

  it("says 'no model found' once per file, however many import lines name a base class", () => {
    const source = `import { SqlModel } from "eloquent-orm";\nimport { MongoModel } from "eloquent-orm/Model";\nexport const bases = [SqlModel, MongoModel];\n`;
    const result = extractModelGraphFromFiles(["/q/bases.ts"], { readFile: (f) => (f === "/q/bases.ts" ? source : undefined) });
    const byFile = checkSetup(
      { ...result, generation: 1, changedFiles: new Set(["/q/bases.ts"]) },
      {
        compilerOptions: {},
        resolutionCache: new Map([
          ["/q\0eloquent-orm", true],
          ["/q\0eloquent-orm/Model", true],
        ]),
      },
    );
    const diagnostics = byFile.get("/q/bases.ts")!;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain("eloquent found no model class in the project");
  });
});
