/**
 * The relation-definition options in a real tsserver: option-key completions follow the engine's vocabulary per
 * kind (where / withTrashed / withoutGlobalScopes everywhere, wherePivot / as on the many-to-many kinds, inverse on
 * the has/morph kinds), and hover lists the definition's constraints. The fixture is the corpus's options file (its diagnostics are the corpus tests').
 */
import { describe, expect, it } from "vitest";
import { fixtureSession } from "./fixture-session";

const session = fixtureSession("test/fixtures/relations/options.ts", "eloquent-ts-relation-options-");

describe(`relation-definition options in tsserver (${session.label})`, () => {
  const { hover, completions } = session;

  it("hovers the definition's own constraints", async () => {
    const text = await hover("recentClubs: relation");
    expect(text).toContain(
      "Definition: pivot joined_at > '2020-01-01'; pivot exposed as related.membership — on every read through the relation",
    );
    const goodText = await hover("goodPets: relation");
    expect(goodText).toContain(
      "Definition: where name != 'Rex'; soft-deleted rows included (withTrashed); the target's global scopes dropped",
    );
  });

  it("offers the definition options on a hasMany, inverse included, the pivot ones not", async () => {
    const keys = await completions('where: ["nme", "Rex"]', 1);
    expect(keys).toEqual(expect.arrayContaining(["withTrashed", "withoutGlobalScopes", "inverse", "foreignKey"]));
    expect(keys).not.toContain("wherePivot");
    expect(keys).not.toContain("as");
  });

  it("offers wherePivot / as on a belongsToMany, not inverse", async () => {
    const keys = await completions('wherePivot: ["joined_at", null]', 1);
    expect(keys).toEqual(expect.arrayContaining(["where", "withTrashed", "withoutGlobalScopes", "pivotColumns"]));
    expect(keys).not.toContain("inverse");
    expect(keys).not.toContain("as"); // already written in that object
  });
});
