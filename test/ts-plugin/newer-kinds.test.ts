/**
 * The newer relation kinds in a real tsserver: hover names the through model, all four through keys and the
 * join it runs; morphToMany's hover names its inferred pivot and type value; completions offer the through
 * model's columns for firstKey and model names for `through`. The fixture is the corpus's own file.
 */
import { describe, expect, it } from "vitest";
import { fixtureSession } from "./fixture-session";

const session = fixtureSession("test/fixtures/relations/through-and-morph-pivots.ts", "eloquent-ts-newer-kinds-");

describe(`newer relation kinds in tsserver (${session.label})`, () => {
  const { hover, completions } = session;

  it("hovers a hasManyThrough with its through model, four keys and the one joined query", async () => {
    const text = await hover("posts: relation");
    expect(text).toContain("(eloquent) Country.posts: hasManyThrough → Story");
    expect(text).toContain("Through: Writer → table 'writers'");
    expect(text).toContain("writers.country_id (inferred firstKey: <snake Country>_id) → countries.id (inferred localKey");
    expect(text).toContain("stories.writer_id (inferred secondKey: <snake Writer>_id) → writers.id (inferred secondLocalKey");
    expect(text).toContain(
      "select stories.*, writers.country_id from writers inner join stories on stories.writer_id = writers.id where writers.country_id in (?, ?, ...)",
    );
  });

  it("hovers a morphToMany with its inferred pivot table and the type it filters by", async () => {
    const text = await hover("labels: relation");
    expect(text).toContain("Pivot: labelables (inferred: the plural of morphName): labelables.labelable_id → stories.id");
    expect(text).toContain("labelables.labelable_type = 'Story'");
  });

  it("completes firstKey with the through model's columns and `through` with model names", async () => {
    const keyNames = await completions('firstKey: "country_code"', 11);
    expect(keyNames).toEqual(expect.arrayContaining(["country_id", "country_code"]));
    expect(keyNames).not.toContain("code"); // Country's column, not the through model's
    const models = await completions('through: "Writer",\n      firstKey: "country_code"', 10);
    expect(models).toEqual(expect.arrayContaining(["Writer", "Editor"]));
  });
});
