// The newer relation kinds, misdeclared: through relations (through-model, through-keys), one-of-many
// hasOne (one-of-many-column) and polymorphic many-to-many (morph-pivot-columns, morph-name).
import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Country extends SqlModel {
  static tableName = "countries";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    code: column("string", 2),
    posts: relation("hasManyThrough", "Story", { through: "Writer" }),
    firstPost: relation("hasOneThrough", "Story", { through: "Writer" }),
    byCode: relation("hasManyThrough", "Story", {
      through: "Writer",
      firstKey: "country_code",
      localKey: "code",
    }),
    noThrough: relation("hasManyThrough", "Story", {}), // expect: through-model
    misspelt: relation("hasManyThrough", "Story", {
      through: "Writr", // expect: through-model
    }),
    badKeys: relation("hasManyThrough", "Story", {
      through: "Writer",
      firstKey: "land_id", // expect: through-keys
      secondKey: "author", // expect: through-keys
    }),
    viaEditor: relation("hasManyThrough", "Story", { // expect: through-keys
      through: "Editor",
    }),
  };
}

export class Writer extends SqlModel {
  static tableName = "writers";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    country_id: column("int"),
    country_code: column("string", 2),
    latestStory: relation("hasOne", "Story", { latestOfMany: true }),
    oldestByDate: relation("hasOne", "Story", { oldestOfMany: "published_at" }),
    priciest: relation("hasOne", "Story", { ofMany: ["price", "max"] }),
    undated: relation("hasOne", "Story", {
      latestOfMany: "dated_at", // expect: one-of-many-column
    }),
    both: relation("hasOne", "Story", {
      latestOfMany: true,
      oldestOfMany: true, // expect: one-of-many-column
    }),
  };
}

export class Editor extends SqlModel {
  static tableName = "editors";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    country_id: column("int"),
  };
}

export class Story extends SqlModel {
  static tableName = "stories";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    writer_id: column("int"),
    published_at: column("timestamp"),
    price: column("int"),
    labels: relation("morphToMany", "Label", { morphName: "labelable" }),
    wrongPivot: relation("morphToMany", "Label", {
      morphName: "labelable",
      pivotForeignKey: "labels_id", // expect: morph-pivot-columns
    }),
    unnamed: relation("morphToMany", "Label", {}), // expect: morph-name
  };
}

export class Label extends SqlModel {
  static tableName = "labels";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 64),
    stories: relation("morphedByMany", "Story", { morphName: "labelable" }),
    typed: relation("morphedByMany", "Story", {
      morphName: "labelable",
      morphType: "kind", // expect: morph-pivot-columns
    }),
  };
}

export class Labelable extends SqlModel {
  static tableName = "labelables";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    label_id: column("int"),
    labelable_id: column("int"),
    labelable_type: column("string", 64),
  };
}
