/** The everyday API is typed: column names are checked at compile time (fixture: test/fixtures/everyday/typed-api.ts). */
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../../..");

describe("everyday API types", () => {
  it("compiles the fixture: every @ts-expect-error line fails, nothing else does", () => {
    const file = path.join(root, "test/fixtures/everyday/typed-api.ts");
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      types: ["node"],
      baseUrl: root,
      paths: { "eloquent-orm": ["runtime/src/index.ts"], "eloquent-engine": ["engine/src/index.ts"] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where =
        d.file && d.start !== undefined
          ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
          : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
    // the fixture really has expectations (an empty file would pass too)
    expect(ts.sys.readFile(file)!.match(/@ts-expect-error/g)!.length).toBeGreaterThan(15);
  }, 120_000);
});
