/**
 * The live-database rules on the newer kinds (`verifyDatabase`, `eloquent check --db`): a through model's
 * table without the firstKey column, and a morphToMany whose pivot table was never migrated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearModelRegistry, column, getConnection, registerModels, relation, SqlModel, verifyDatabase } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";

class LdCountry extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ld_countries";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasManyThrough", "LdPost", { through: "LdUser", firstKey: "country_id", secondKey: "user_id" }),
    tags: relation("morphToMany", "LdTag", { morphName: "taggable", pivotTable: "ld_taggables" }),
  };
}
class LdUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ld_users";
  static schema = { id: column("increments", undefined, { primary: true }), country_id: column("int") };
}
class LdPost extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ld_posts";
  static schema = { id: column("increments", undefined, { primary: true }), user_id: column("int") };
}
class LdTag extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ld_tags";
  static schema = { id: column("increments", undefined, { primary: true }) };
}
const MODELS = [LdCountry, LdUser, LdPost, LdTag];

describe.each(sqlDialects())("live-database rules on the newer kinds on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ld_newer");
    const { knex } = getConnection("test");
    await knex.schema.createTable("ld_countries", (t) => void t.increments("id"));
    await knex.schema.createTable("ld_users", (t) => void t.increments("id")); // no country_id
    await knex.schema.createTable("ld_posts", (t) => {
      t.increments("id");
      t.integer("user_id").index();
    });
    await knex.schema.createTable("ld_tags", (t) => void t.increments("id"));
  });
  afterAll(async () => {
    const { knex } = getConnection("test");
    for (const table of ["ld_posts", "ld_users", "ld_countries", "ld_tags"]) await knex.schema.dropTableIfExists(table);
    await teardown();
  });

  it("names the through model's missing key column and the missing morph pivot table", async () => {
    clearModelRegistry();
    registerModels(MODELS, { logger: false, strict: false });
    const found = (await verifyDatabase(MODELS)).map((d) => `${d.ruleId} ${d.node.model}.${d.node.relation ?? ""}: ${d.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^database-key-column LdCountry\.posts: .*country_id.*ld_users/),
        expect.stringMatching(/^database-pivot-table LdCountry\.tags: .*pivot table 'ld_taggables', which does not exist/),
      ]),
    );
  });
});
