import { describe, expect, it } from "vitest";
import { checkGraph, unverifiable } from "eloquent-engine";
import { col, graph, model, pk, rel } from "../support";

const pivotMeta = { pivotTable: "post_tag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" };
const pivotDb = (columns: Record<string, unknown>) => ({ tables: { post_tag: { columns } } });
const c = (type: string) => ({ __eloquent: "column", type, options: {} });

describe("pivot-metadata (ELQ301)", () => {
  it("asks for every missing pivot option with conventional names", () => {
    const g = graph(model("Post", [pk(), rel("tags", "belongsToMany", "Tag")]), model("Tag", [pk()]));
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "pivot-metadata", code: "ELQ301", severity: "error", node: { part: "options" } });
    expect(d.suggestions).toEqual([
      {
        kind: "add-options",
        description: "Add pivotTable: 'post_tag', pivotLocalKey: 'post_id', pivotForeignKey: 'tag_id'",
        node: { model: "Post", relation: "tags", part: "options" },
        options: { pivotTable: "post_tag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" },
      },
    ]);
  });

  it("does not apply to Mongo models", () => {
    const g = graph(
      model("Post", [col("tag_ids", "json"), rel("tags", "belongsToMany", "Tag")], { store: "mongo" }),
      model("Tag", [], { store: "mongo" }),
    );
    expect(checkGraph(g)).toEqual([]);
  });
});

describe("pivot-columns (ELQ302)", () => {
  it("checks key and extra columns against static database.tables", () => {
    const g = graph(
      model("Post", [pk(), rel("tags", "belongsToMany", "Tag", { ...pivotMeta, pivotColumns: ["weight"] })], {
        database: pivotDb({ post_id: c("int"), tag_di: c("int") }),
      }),
      model("Tag", [pk()]),
    );
    const found = checkGraph(g).map((d) => [d.node.option, d.message]);
    expect(found).toEqual([
      [
        "pivotColumns",
        "Post.tags (belongsToMany 'Tag'): pivotColumns 'weight' is not a column of pivot table 'post_tag' (declared by Post's static database.tables).",
      ],
      [
        "pivotForeignKey",
        "Post.tags (belongsToMany 'Tag'): pivotForeignKey 'tag_id' is not a column of pivot table 'post_tag' (declared by Post's static database.tables). Did you mean 'tag_di'?",
      ],
    ]);
  });

  it("offers add-column on a pivot model", () => {
    const g = graph(
      model("Post", [pk(), rel("tags", "belongsToMany", "Tag", pivotMeta)]),
      model("Tag", [pk()]),
      model("PostTag", [col("post_id", "int")], { table: "post_tag" }),
    );
    const [d] = checkGraph(g);
    expect(d.suggestions).toContainEqual({
      kind: "add-column",
      description: 'Add tag_id: column("int") to PostTag',
      model: "PostTag",
      column: "tag_id",
      columnType: "int",
    });
  });

  it("says 'cannot verify' for an undeclared pivot table or an unreadable static database", () => {
    const g = graph(
      model("Post", [pk(), rel("tags", "belongsToMany", "Tag", pivotMeta)]),
      model("Tag", [pk()], { database: unverifiable("buildDb()") }),
    );
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "cannot-verify", severity: "info", node: { option: "pivotTable" } });
    expect(d.message).toContain("some static database could not be read");
  });
});

describe("mongo-belongs-to-many (ELQ303) / mongo-reference-array (ELQ304)", () => {
  it("warns on a Mongo pivot collection and proposes document references", () => {
    const g = graph(
      model("Playlist", [rel("songs", "belongsToMany", "Song", { pivotTable: "playlist_song" })], { store: "mongo" }),
      model("Song", [], { store: "mongo" }),
    );
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "mongo-belongs-to-many", severity: "warning", node: { part: "option-value", option: "pivotTable" } });
    expect(d.hint).toContain("'song_ids'");
  });

  it("requires the id array of document references, inferred as <snake target>_ids", () => {
    const g = graph(model("Playlist", [rel("songs", "belongsToMany", "Song")], { store: "mongo" }), model("Song", [], { store: "mongo" }));
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "mongo-reference-array", severity: "error" });
    expect(d.message).toContain("inferred foreignKey 'song_ids', but Playlist has no column 'song_ids'");
    expect(d.suggestions).toContainEqual(expect.objectContaining({ kind: "add-column", column: "song_ids", columnType: "json" }));
    const ok = graph(
      model("Playlist", [col("song_ids", "json"), rel("songs", "belongsToMany", "Song")], { store: "mongo" }),
      model("Song", [], { store: "mongo" }),
    );
    expect(checkGraph(ok)).toEqual([]);
  });
});
