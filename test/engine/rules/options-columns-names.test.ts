import { describe, expect, it } from "vitest";
import { checkGraph, unverifiable } from "eloquent-engine";
import { col, graph, model, pk, rel } from "../support";

const owner = (options: unknown, kind = "hasMany") =>
  graph(model("User", [pk(), rel("posts", kind, "Post", options)]), model("Post", [pk(), col("user_id", "int")]));

describe("relation-options (ELQ501)", () => {
  it("catches a misspelt key and offers the right one", () => {
    const [d] = checkGraph(owner({ foriegnKey: "user_id" }));
    expect(d.message).toBe("User.posts (hasMany 'Post'): unknown option 'foriegnKey'. Did you mean 'foreignKey'?");
    expect(d.suggestions[0]).toMatchObject({
      kind: "replace",
      replacement: "foreignKey",
      node: { part: "option-key", option: "foriegnKey" },
    });
  });

  it("catches keys that do not apply to the kind and options that are not an object", () => {
    expect(checkGraph(owner({ pivotTable: "x" }))[0].suggestions[0]).toMatchObject({ kind: "remove-option" });
    expect(checkGraph(owner(["user_id"]))[0].message).toContain("options must be an object, got an array");
    expect(checkGraph(owner(unverifiable("opts")))[0].ruleId).toBe("cannot-verify");
  });
});

describe("option-value-type (ELQ502)", () => {
  it("requires names to be non-empty strings and pivotColumns an array of strings", () => {
    expect(checkGraph(owner({ foreignKey: 1 }))[0].message).toContain("foreignKey must be a column name string, got number 1");
    const g = graph(
      model(
        "Post",
        [pk(), rel("tags", "belongsToMany", "Tag", { pivotTable: "pt", pivotLocalKey: "p", pivotForeignKey: "t", pivotColumns: [1] })],
        {
          database: { tables: { pt: { columns: { p: { type: "int" }, t: { type: "int" } } } } },
        },
      ),
      model("Tag", [pk()]),
    );
    expect(checkGraph(g).map((d) => d.ruleId)).toEqual(["option-value-type"]);
  });
});

describe("column-definition (ELQ601) / schema-entry (ELQ602)", () => {
  it("maps familiar type names and reports unknown options", () => {
    const g = graph(model("User", [pk(), col("age", "integer"), col("name", "string", { nulable: true }), col("at", unverifiable("T"))]));
    expect(checkGraph(g).map((d) => [d.ruleId, d.message])).toEqual([
      ["column-definition", "User.age: unknown column type 'integer'. Did you mean 'int'?"],
      ["column-definition", "User.name: unknown column option 'nulable'. Did you mean 'nullable'?"],
      ["cannot-verify", "User.at: cannot verify column type `T`: not a string literal."],
    ]);
  });

  it("knows the date, datetime, enum, smallint, char, binary and ulid types", () => {
    const g = graph(
      model("Event", [
        col("id", "ulid", { primary: true }),
        col("day", "date"),
        col("at", "datetime"),
        col("status", "enum", { values: ["draft", "published"], default: "draft" }),
        col("seats", "smallint"),
        col("country", "char"),
        col("payload", "binary"),
      ]),
    );
    expect(checkGraph(g)).toEqual([]);
    expect(checkGraph(graph(model("User", [pk(), col("photo", "blob")])))[0]!.message).toBe(
      "User.photo: unknown column type 'blob'. Did you mean 'binary'?",
    );
  });

  it("requires an enum's values as strings, and a literal default among them", () => {
    const messages = (options: Record<string, unknown>) =>
      checkGraph(graph(model("Post", [pk(), col("status", "enum", options)]))).map((d) => d.message);
    expect(messages({})).toEqual(["Post.status: an enum column needs its values as a non-empty list of strings, got undefined."]);
    expect(messages({ values: [1, 2] })[0]).toContain("needs its values as a non-empty list of strings");
    expect(messages({ values: ["draft", "published"], default: "publishd" })).toEqual([
      "Post.status: the default 'publishd' is not one of the enum's values ('draft', 'published'). Did you mean 'published'?",
    ]);
    expect(messages({ values: unverifiable("STATUSES") })).toEqual([]);
  });

  it("reports schema entries that are neither column() nor relation()", () => {
    const g = graph(model("User", [pk()], { invalidEntries: [{ name: "age", found: "the string 'int'" }] }));
    expect(checkGraph(g)[0]).toMatchObject({ ruleId: "schema-entry", node: { model: "User", column: "age", part: "column" } });
  });
});

describe("cross-store-relation (ELQ603)", () => {
  it("warns on SQL ↔ Mongo relations, explaining what cannot work", () => {
    const g = graph(model("User", [pk(), rel("notes", "hasMany", "Note")]), model("Note", [col("user_id", "int")], { store: "mongo" }));
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "cross-store-relation", severity: "warning" });
    expect(d.message).toContain("eager loading runs one query per store, and no join can span both");
  });
});

describe("name-clash (ELQ701) / table-clash (ELQ702)", () => {
  it("reports a relation named like a column and two models with one name (at the second one's span)", () => {
    const span = { file: "b.ts", start: 5, end: 9 };
    const g = graph(
      model("User", [pk(), col("timestamps", "timestamps"), rel("created_at", "hasMany", "Post")]),
      model("Post", [pk(), col("user_id", "int")]),
      model("User", [pk()], { loc: { name: span } }),
    );
    const found = checkGraph(g).filter((d) => d.ruleId === "name-clash");
    expect(found.map((d) => d.node.part)).toEqual(["model", "relation-name"]);
    expect(found[0].span).toEqual(span);
  });

  it("reports two models on one table and connection, but not across connections or stores", () => {
    const g = graph(
      model("A", [pk()], { table: "t" }),
      model("B", [pk()], { table: "t" }),
      model("C", [pk()], { table: "t", connection: "other" }),
      model("D", [], { table: "t", store: "mongo" }),
      model("E", [pk()], { table: "t", connection: unverifiable("env.DB") }),
    );
    expect(checkGraph(g).map((d) => [d.ruleId, d.node.model])).toEqual([["table-clash", "B"]]);
  });
});

describe("database-metadata (ELQ604)", () => {
  const c = (type: string) => ({ __eloquent: "column", type, options: {} });
  it("checks foreign keys (both ends), indexes and pivot-table keys", () => {
    const g = graph(
      model("User", [pk()]),
      model("Post", [pk(), col("user_id", "int")], {
        database: {
          foreignKeys: [{ columns: ["usr_id"], references: { table: "users", columns: ["uid"] } }],
          unique: [{ name: "u", columns: ["user_id"] }],
          tables: { post_tag: { columns: { post_id: c("int") }, primary: ["post_id", "tag_id"] } },
        },
      }),
    );
    expect(checkGraph(g).map((d) => d.message)).toEqual([
      "Post: static database foreignKeys[0] names column 'usr_id', which Post does not declare. Did you mean 'user_id'?",
      "Post: static database foreignKeys[0].references names column 'uid', which table 'users' (User) does not declare. Did you mean 'id'?",
      "Post: static database tables.post_tag.primary names column 'tag_id', which table 'post_tag' does not declare.",
    ]);
  });

  it("rejects a non-object and says 'cannot verify' for an undeclared referenced table", () => {
    expect(checkGraph(graph(model("Post", [pk()], { database: "posts" })))[0].message).toContain("must be an object");
    const g = graph(
      model("Post", [pk()], { database: { foreignKeys: [{ columns: ["id"], references: { table: "elsewhere", columns: ["id"] } }] } }),
    );
    expect(checkGraph(g).map((d) => [d.ruleId, d.severity])).toEqual([["cannot-verify", "info"]]);
  });
});
