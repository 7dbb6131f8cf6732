/**
 * The playground as an editor user opens it (playground/tsconfig.json loads the plugin): every deliberate
 * mistake in playground/broken/ is squiggled exactly as annotated, and the correct models get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareDiagnostics, expectedDiagnostics } from "../fixtures/relations/expectations";
import { REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const PLAYGROUND = join(REPO_ROOT, "playground");
const files = ["models", "broken"].flatMap((dir) =>
  readdirSync(join(PLAYGROUND, dir))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(PLAYGROUND, dir, name)),
);

describe("playground in tsserver (TypeScript 5.9)", () => {
  let server: TsServer;
  beforeAll(() => {
    server = new TsServer({ tsserver: TYPESCRIPT_VERSIONS[0].tsserver });
    for (const file of files) server.open(file);
  });
  afterAll(async () => server.close());

  it("squiggles exactly the annotated mistakes of playground/broken and nothing in playground/models", async () => {
    const expected = files.flatMap((file) => expectedDiagnostics(file, readFileSync(file, "utf8")));
    const actual = [];
    for (const file of files) {
      for (const d of await server.semanticDiagnostics(file)) {
        if (d.source !== "eloquent") continue;
        actual.push({
          file,
          line: d.start.line as number,
          ruleId: /\(eloquent\/([a-z0-9-]+)\)$/.exec(d.text)?.[1] ?? `code-${d.code}`,
          message: String(d.text).split("\n")[0],
        });
      }
    }
    expect(expected.length).toBeGreaterThan(10);
    const comparison = compareDiagnostics(expected, actual);
    expect(comparison.report).toBe("");
  });
});
