/**
 * registerModels and the shared configuration: "off"/severities from eloquent.config.json (found from the
 * working directory by the runtime's own reader) or the `config` option, and eloquent-disable-next-line
 * comments read from the class's own source (Function.prototype.toString).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  column,
  ModelRegistry,
  ModelValidationError,
  readRuntimeConfig,
  clearRuntimeConfigCache,
  registerModels,
  relation,
} from "eloquent-orm";
import { EloquentConfigError } from "eloquent-engine";

class Base {
  static store: "sql" | "mongo" = "sql";
}
class MongoBase {
  static store: "sql" | "mongo" = "mongo";
}

/**
 * Classes from source text, so their toString() is that text with its comments (the test file itself is
 * transpiled by esbuild, which drops comments — as a minifier would).
 */
function classesFrom(source: string): unknown[] {
  return new Function("Base", "MongoBase", "column", "relation", source)(Base, MongoBase, column, relation) as unknown[];
}

const MODELS = (comment: string) => `
  class User extends Base {
    static tableName = "users";
    static schema = {
      id: column("increments", undefined, { primary: true }),
      ${comment}
      author: relation("belongsTo", "Usr", { foreignKey: "id" }),
    };
  }
  class Photo extends MongoBase {
    static tableName = "photos";
    static schema = {
      id: column("objectId", undefined, { primary: true }),
      user_id: column("int"),
      owner: relation("belongsTo", "User"),
    };
  }
  return [User, Photo];
`;

const dirs: string[] = [];
afterEach(() => {
  clearRuntimeConfigCache();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("registerModels with eloquent's configuration", () => {
  it("without configuration: the misspelt target is an error, the cross-store relation a warning", () => {
    expect(() => registerModels(classesFrom(MODELS("")), { registry: new ModelRegistry(), logger: false, config: false })).toThrow(
      ModelValidationError,
    );
    const result = registerModels(classesFrom(MODELS("")), { registry: new ModelRegistry(), logger: false, strict: false, config: false });
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual(
      expect.arrayContaining([
        ["relation-target-exists", "error"],
        ["cross-store-relation", "warning"],
      ]),
    );
  });

  it("an eloquent-disable-next-line comment above the entry in the class source suppresses that rule there", () => {
    const result = registerModels(classesFrom(MODELS("// eloquent-disable-next-line relation-target-exists")), {
      registry: new ModelRegistry(),
      logger: false,
      config: false,
    });
    expect(result.diagnostics.map((d) => d.ruleId)).not.toContain("relation-target-exists");
    expect(result.diagnostics.map((d) => d.ruleId)).toContain("cross-store-relation");
    // A comment naming another rule suppresses nothing here.
    expect(() =>
      registerModels(classesFrom(MODELS("// eloquent-disable-next-line cross-store-relation")), {
        registry: new ModelRegistry(),
        logger: false,
        config: false,
      }),
    ).toThrow(ModelValidationError);
  });

  it('reads eloquent.config.json / package.json "eloquent" nearest to a directory, like the static fronts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), "eloquent-runtime-config-"));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "app", eloquent: { rules: { "relation-target-exists": "off", "cross-store-relation": "error" } } }),
    );
    const config = readRuntimeConfig(path.join(dir));
    expect(config.rules).toEqual({ "relation-target-exists": "off", "cross-store-relation": "error" });
    let thrown: unknown;
    try {
      registerModels(classesFrom(MODELS("")), { registry: new ModelRegistry(), logger: false, config });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelValidationError);
    expect((thrown as ModelValidationError).message).toContain("ELQ603");
    expect((thrown as ModelValidationError).message).not.toContain("ELQ102");
  });

  it("an invalid configuration names the file, the key and what is allowed", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "eloquent-runtime-config-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "eloquent.config.json"), JSON.stringify({ rules: { "cross-store-relation": "silent" } }));
    expect(() => readRuntimeConfig(dir)).toThrow(EloquentConfigError);
    expect(() => readRuntimeConfig(dir)).toThrow(
      /eloquent\.config\.json: rule "cross-store-relation" is set to "silent"; expected "error", "warning", "info" or "off"/,
    );
  });
});
