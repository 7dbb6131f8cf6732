import { afterEach, describe, expect, it } from "vitest";
import {
  clearModelRegistry,
  column,
  getModel,
  graphFromClasses,
  ModelRegistry,
  ModelValidationError,
  registeredModels,
  registerModels,
  relation,
  type Diagnostic,
} from "eloquent-orm";

// Plain classes following the base-class convention (`static store`), so this file tests the
// registry alone; the corpus test runs the real SqlModel/MongoModel.
class Base {
  static store: "sql" | "mongo" = "sql";
}

function makeBlog() {
  class User extends Base {
    static tableName = "users";
    static schema = {
      id: column("increments", undefined, { primary: true }),
      posts: relation("hasMany", "Post"),
    };
  }
  class Post extends Base {
    static schema = {
      id: column("increments", undefined, { primary: true }),
      user_id: column("int"),
      author: relation("belongsTo", "User"),
      tags: relation("belongsToMany", "Tag", { pivotTable: "post_tag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
      likes: relation("morphMany", "Like", { morphName: "likable" }),
    };
  }
  class Like extends Base {
    static schema = {
      id: column("increments", undefined, { primary: true }),
      likable_type: column("string"),
      likable_id: column("int"),
    };
  }
  return { User, Post, Like };
}

afterEach(() => clearModelRegistry());

describe("graphFromClasses", () => {
  it("reads the statics, not instances, and keeps bad schema entries", () => {
    class Odd extends Base {
      static modelName = "Strange";
      static tableName = "odd";
      static connectionName = "main";
      static morphAlias = "odd";
      static schema = { id: column("int"), age: "int", rel: relation("hasOne" as never, 7 as never) };
      constructor() {
        super();
        throw new Error("must not be instantiated");
      }
    }
    const [node] = graphFromClasses([Odd]).models;
    expect(node).toMatchObject({ name: "Strange", store: "sql", table: "odd", connection: "main", morphAlias: "odd" });
    expect(node.invalidEntries).toEqual([{ name: "age", found: `the string 'int' (did you mean column("int")?)` }]);
    expect(node.relations[0]).toMatchObject({ name: "rel", kind: "hasOne", target: 7 });
  });
});

describe("registerModels", () => {
  it("strict: throws ONE error listing every error, and logs the warnings", () => {
    const { User, Post, Like } = makeBlog();
    const logged: Diagnostic[] = [];
    let thrown: unknown;
    try {
      registerModels([User, Post, Like], { logger: (_line, d) => logged.push(d) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelValidationError);
    const error = thrown as ModelValidationError;
    expect(error.errors.map((d) => d.ruleId)).toEqual(["relation-target-exists"]);
    expect(error.message).toContain(
      "[ELQ102 relation-target-exists] Post.tags (belongsToMany 'Tag'): target 'Tag' is not a declared model.",
    );
    expect(error.message).toContain("\n  hint: Declare (and register) a model class named 'Tag'");
    expect(logged.map((d) => d.ruleId).sort()).toEqual(["cannot-verify", "morph-without-inverse"]);
    // Nothing is registered when validation fails.
    expect(getModel("User")).toBeUndefined();
  });

  it("non-strict: logs everything, throws nothing, registers the models", () => {
    const { User, Post, Like } = makeBlog();
    const lines: string[] = [];
    const result = registerModels([User, Post, Like], { strict: false, logger: (line) => lines.push(line) });
    expect(result.diagnostics).toHaveLength(3);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^eloquent (error|warning|info) ELQ\d{3} [a-z-]+: /);
    expect(result.get("Post")).toBe(Post);
    expect(getModel("User")).toBe(User);
    expect(registeredModels()).toEqual([User, Post, Like]);
  });

  it("uses the default console logger unless replaced or silenced", () => {
    const { User, Post, Like } = makeBlog();
    const original = console.warn;
    const seen: string[] = [];
    console.warn = (line: string) => seen.push(line);
    try {
      registerModels([User, Post, Like], { strict: false });
    } finally {
      console.warn = original;
    }
    expect(seen).toHaveLength(3);
  });

  it("resolves targets across calls, is idempotent, and reports a second class with a taken name", () => {
    const registry = new ModelRegistry();
    class Tag extends Base {
      static schema = { id: column("increments", undefined, { primary: true }) };
    }
    registerModels([Tag], { registry, logger: false });
    const { User, Post, Like } = makeBlog();
    const result = registerModels([User, Post, Like], { registry, logger: false, severity: { "cannot-verify": "off" } });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["morph-without-inverse"]);
    expect(registerModels([Tag, Tag], { registry, logger: false }).diagnostics).toEqual([]);
    const OtherTag = class Tag extends Base {};
    expect(() => registerModels([OtherTag], { registry, logger: false })).toThrow(/Two model classes are named 'Tag'/);
  });

  it("applies severity overrides", () => {
    const { User, Post, Like } = makeBlog();
    const result = registerModels([User, Post, Like], { logger: false, severity: { "relation-target-exists": "warning" } });
    expect(result.diagnostics.find((d) => d.ruleId === "relation-target-exists")?.severity).toBe("warning");
  });

  it("rejects things that are not model classes with a TypeError naming them", () => {
    expect(() => registerModels([{}])).toThrow(TypeError);
    expect(() => registerModels([class Plain {}])).toThrow(/entry 0 \(Plain\) is not a model class: it has no static store/);
    expect(() => registerModels("User" as never)).toThrow(/expects an array/);
  });

  it("turns DSL bad input into diagnostics, never a crash", () => {
    class Bad extends Base {
      static schema = {
        id: column("increments", undefined, { primary: true }),
        a: relation(42 as never, "Bad"),
        b: relation("hasMany", 42 as never),
        c: relation("hasMany", "Bad", "bad_id" as never),
        d: column("varchar" as never),
        bad_id: column("int"),
      };
    }
    const result = registerModels([Bad], { strict: false, logger: false });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual([
      "column-definition",
      "relation-kind",
      "relation-target-exists",
      "relation-options",
    ]);
  });
});

describe("graphFromClasses with hostile statics", () => {
  it("reports a throwing schema getter instead of crashing", () => {
    class Weird extends Base {
      static get schema(): never {
        throw new Error("boom");
      }
    }
    const result = registerModels([Weird], { strict: false, logger: false, registry: new ModelRegistry() });
    expect(result.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ["schema-entry", "Weird: static schema must be an object of column(...) and relation(...) entries, got a getter that threw (boom)."],
    ]);
  });
});

describe("validateModels", () => {
  it("returns the diagnostics without registering anything", async () => {
    const { validateModels } = await import("eloquent-orm");
    const { User, Post, Like } = makeBlog();
    expect(
      validateModels([User, Post, Like])
        .map((d) => d.ruleId)
        .sort(),
    ).toEqual(["cannot-verify", "morph-without-inverse", "relation-target-exists"]);
    expect(getModel("User")).toBeUndefined();
  });
});
