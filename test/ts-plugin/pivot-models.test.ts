/**
 * Custom pivot models (`using`) in a real tsserver: hover names the pivot model and the table it stands for;
 * pivotLocalKey completes with the pivot model's columns (its table is the pivot table); `using` completes with
 * SQL model names. The fixture is the corpus's own file.
 */
import { describe, expect, it } from "vitest";
import { fixtureSession } from "./fixture-session";

const session = fixtureSession("test/fixtures/relations/pivot-models.ts", "eloquent-ts-pivot-models-");

describe(`custom pivot models in tsserver (${session.label})`, () => {
  const { hover, completions } = session;

  it("hovers a belongsToMany with using: the pivot model's table is the pivot, and the pivot model is named", async () => {
    const text = await hover("crews: relation");
    expect(text).toContain("Pivot: memberships.member_id → members.id; memberships.crew_id → crews.id");
    expect(text).toContain("Pivot model: Membership (related.pivot is a Membership");
  });

  it("hovers a morphToMany with using: its table, not the plural of morphName", async () => {
    const text = await hover("badges: relation");
    expect(text).toContain("Pivot: badgings (the table of pivot model Badging): badgings.badgeable_id → members.id");
  });

  it("completes pivot keys with the pivot model's columns and `using` with SQL model names", async () => {
    const keys = await completions('pivotLocalKey: "membr_id"', 16);
    expect(keys).toEqual(expect.arrayContaining(["member_id", "crew_id", "role"]));
    const models = await completions('using: "Membershp"', 9);
    expect(models).toEqual(expect.arrayContaining(["Membership", "Badging", "Badge"]));
    expect(models).not.toContain("Idol"); // a MongoModel
    expect(models).not.toContain("Member"); // the declaring model
  });
});
