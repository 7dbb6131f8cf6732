/**
 * ESLint conventions: `fixable` / `hasSuggestions` only on rules that have them (and the engine's `suggests`
 * metadata matches what the rules really attach), one messageId per message shape, typed `configs`
 * (a typed eslint.config.ts with tseslint.config(...) type-checks), and the user's own parser kept.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, type Suggestion } from "eloquent-engine";
import { validateModels } from "eloquent-orm";
import plugin = require("eslint-plugin-eloquent");
import { fixtureFiles } from "../fixtures/relations/expectations";
import { modelClassesOf } from "../engine/fixture-runner";
import { REPO_ROOT } from "./corpus-projects";

type Meta = { fixable?: string; hasSuggestions?: boolean; messages: Record<string, string> };
const metaOf = (id: string): Meta => (plugin.rules as unknown as Record<string, { meta: Meta }>)[id]!.meta;

describe("rule meta", () => {
  it("fixable only where a did-you-mean replacement exists, hasSuggestions only where any suggestion exists", () => {
    for (const rule of RULES) {
      const kinds = rule.suggests ?? [];
      const meta = metaOf(rule.id);
      expect(meta.fixable, rule.id).toBe(kinds.includes("replace") ? "code" : undefined);
      expect(meta.hasSuggestions, rule.id).toBe(kinds.length > 0 ? true : undefined);
    }
    // Spot checks against what the rules do.
    expect(metaOf("cross-store-relation")).not.toHaveProperty("fixable");
    expect(metaOf("cross-store-relation")).not.toHaveProperty("hasSuggestions");
    expect(metaOf("relation-target-exists").fixable).toBe("code");
    expect(metaOf("relation-path").fixable).toBe("code");
  });

  it("one messageId per message shape: the rule's report and each kind of suggestion it offers", () => {
    expect(Object.keys(metaOf("relation-target-exists").messages)).toEqual(["relationTargetExists", "replace", "createModel"]);
    expect(Object.keys(metaOf("has-foreign-key").messages).sort()).toEqual(["addColumn", "addOptions", "hasForeignKey", "replace"]);
    expect(Object.keys(metaOf("cross-store-relation").messages)).toEqual(["crossStoreRelation"]);
  });

  it("every suggestion the conformance corpus produces is of a kind its rule declares (so the meta cannot drift)", async () => {
    const declared = new Map(RULES.map((rule) => [rule.id, new Set<Suggestion["kind"]>(rule.suggests ?? [])]));
    const seen = new Map<string, Set<string>>();
    for (const file of fixtureFiles()) {
      const classes = modelClassesOf(file, (await import(file)) as Record<string, unknown>);
      for (const diagnostic of validateModels(classes, { config: false })) {
        for (const suggestion of diagnostic.suggestions) {
          expect(
            declared.get(diagnostic.ruleId)?.has(suggestion.kind),
            `${diagnostic.ruleId} attached '${suggestion.kind}' (${path.basename(file)})`,
          ).toBe(true);
          seen.set(diagnostic.ruleId, (seen.get(diagnostic.ruleId) ?? new Set()).add(suggestion.kind));
        }
      }
    }
    // The corpus does exercise suggestions (the check above is not vacuous).
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe("typed configs", () => {
  it("a typed eslint.config.ts with tseslint.config(eloquent.configs.recommended, ...) type-checks", () => {
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(__dirname, "types/tsconfig.json")], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("the user's parser", () => {
  it("recommended uses the @typescript-eslint/parser the project resolves, not the plugin's copy", () => {
    const root = mkdtempSync(path.join(tmpdir(), "eloquent-parser-"));
    try {
      const parserDir = path.join(root, "node_modules/@typescript-eslint/parser");
      mkdirSync(parserDir, { recursive: true });
      writeFileSync(
        path.join(parserDir, "package.json"),
        JSON.stringify({ name: "@typescript-eslint/parser", version: "8.0.0-user", main: "index.js" }),
      );
      writeFileSync(
        path.join(parserDir, "index.js"),
        "exports.meta = { name: 'the-users-parser' }; exports.parseForESLint = () => { throw new Error('not used'); };\n",
      );
      const { typescriptParser } = require(path.join(REPO_ROOT, "eslint-plugin/dist/configs")) as {
        typescriptParser(dir?: string): { meta?: { name?: string } };
      };
      expect(typescriptParser(root).meta?.name).toBe("the-users-parser");
      // Without one of its own, the project gets the plugin's dependency.
      const empty = mkdtempSync(path.join(tmpdir(), "eloquent-parser-none-"));
      try {
        expect(typescriptParser(empty)).toBe(
          require(require.resolve("@typescript-eslint/parser", { paths: [path.join(REPO_ROOT, "eslint-plugin")] })),
        );
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
