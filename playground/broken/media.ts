// Polymorphic relations.
import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Article extends SqlModel {
  static tableName = "articles";
  static morphAlias = "article";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    comments: relation("morphMany", "Remark", { morphName: "commentable" }),
    reactions: relation("morphMany", "Reaction"), // expect: morph-name
    media: relation("morphMany", "Medium", {
      morphName: "mediable", // expect: morph-columns, morph-columns
    }),
    likes: relation("morphMany", "Like", {
      morphName: "likable", // expect: morph-without-inverse
    }),
  };
}

export class Remark extends SqlModel {
  static tableName = "remarks";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    commentable_type: column("string", 64),
    commentable_id: column("int"),
    commentable: relation("morphTo", "Commentable", { morphName: "commentable" }), // expect: morph-to-target
  };
}

export class Reaction extends SqlModel {
  static tableName = "reactions";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    reactable_type: column("string", 64),
    reactable_id: column("int"),
    reactable: relation("morphTo", "Article", { morphName: "reactable" }),
  };
}

export class Medium extends SqlModel {
  static tableName = "media";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    path: column("string", 1024),
    owner_type: column("string", 64),
    owner_id: column("int"),
    owner: relation("morphTo", "Article", { morphName: "mediable", morphType: "owner_type", morphId: "owner_id" }),
  };
}

export class Like extends SqlModel {
  static tableName = "likes";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    likable_type: column("string", 64),
    likable_id: column("int"),
  };
}

export class Sticker extends SqlModel {
  static tableName = "stickers";
  static morphAlias = "article"; // expect: morph-alias-unique
  static schema = {
    id: column("increments", undefined, { primary: true }),
    stickable_type: column("string", 64),
    stickable_id: column("int"),
    stickable: relation("morphTo", "Stickable", { morphName: "stickable" }), // expect: morph-to-parents
  };
}
