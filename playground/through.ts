/**
 * Playground step 5: the newer relation kinds on an in-memory SQLite database — a country's posts through
 * its users (hasManyThrough, one joined query per level), its newest post (hasOneThrough), polymorphic tags
 * (morphToMany / morphedByMany, one pivot table for every taggable type) and each user's latest post
 * (hasOne latestOfMany). Every step prints the statements it issued.
 */
import { column, configureConnection, migrate, onQuery, registerModels, relation, SqlModel } from "eloquent-orm";

class ThroughCountry extends SqlModel<any> {
  static connectionName = "through";
  static tableName = "through_countries";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    posts: relation("hasManyThrough", "ThroughPost", { through: "ThroughUser", firstKey: "country_id", secondKey: "user_id" }),
    tags: relation("morphToMany", "ThroughTag", { morphName: "taggable", pivotTable: "through_taggables" }),
  };
}

class ThroughUser extends SqlModel<any> {
  static connectionName = "through";
  static tableName = "through_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    country_id: column("int"),
    latestPost: relation("hasOne", "ThroughPost", { foreignKey: "user_id", latestOfMany: true }),
  };
}

class ThroughPost extends SqlModel<any> {
  static connectionName = "through";
  static tableName = "through_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 100),
    user_id: column("int"),
    tags: relation("morphToMany", "ThroughTag", { morphName: "taggable", pivotTable: "through_taggables" }),
  };
}

class ThroughTag extends SqlModel<any> {
  static connectionName = "through";
  static tableName = "through_tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    posts: relation("morphedByMany", "ThroughPost", { morphName: "taggable", pivotTable: "through_taggables" }),
    countries: relation("morphedByMany", "ThroughCountry", { morphName: "taggable", pivotTable: "through_taggables" }),
  };
}

const MODELS = [ThroughCountry, ThroughUser, ThroughPost, ThroughTag];

export async function runThroughDemo(): Promise<void> {
  configureConnection("through", { client: "sqlite", filename: ":memory:" });
  registerModels(MODELS, { logger: false });
  // No pivot model: migrate() creates through_taggables (tag_id, taggable_id, taggable_type) from the relations.
  await migrate(MODELS);
  console.log("eloquent newer relation kinds (SQLite in memory)");
  const countries = await ThroughCountry.createMany([{ name: "Atlantis" }, { name: "Lemuria" }]);
  for (const [i, country] of countries.entries()) {
    const users = await ThroughUser.createMany([0, 1, 2].map((n) => ({ name: `user ${i}.${n}`, country_id: country.id })));
    for (const user of users) await ThroughPost.createMany([1, 2].map((n) => ({ title: `${user.name} post ${n}`, user_id: user.id })));
  }
  const [news, travel] = await ThroughTag.createMany([{ name: "news" }, { name: "travel" }]);
  await countries[0]!.related("tags").attach([travel!.id]);
  const firstPost = await ThroughPost.orderBy("id").firstOrFail();
  await firstPost.related("tags").attach([news!.id, travel!.id]);

  let queries = 0;
  const stop = onQuery((e) => void (e.kind === "query" && queries++));
  const counted = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    queries = 0;
    const result = await work();
    console.log(`  ${label}: ${queries} ${queries === 1 ? "query" : "queries"}`);
    return result;
  };
  try {
    const loaded = await counted("countries with posts (hasManyThrough, eager)", () => ThroughCountry.with("posts").get());
    for (const country of loaded) console.log(`    ${country.name}: ${country.posts.length} posts through its users`);
    const users = await counted("users with latestPost (hasOne latestOfMany, eager)", () => ThroughUser.with("latestPost").get());
    console.log(`    ${users[0]!.name}'s latest: ${users[0]!.latestPost.title}`);
    const tags = await counted("tags with posts and countries (morphedByMany, eager)", () =>
      ThroughTag.with("posts", "countries").orderBy("id").get(),
    );
    for (const tag of tags) console.log(`    #${tag.name}: ${tag.posts.length} post(s), ${tag.countries.length} country(ies)`);
  } finally {
    stop();
  }
}
