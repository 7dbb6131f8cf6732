/**
 * One small model file per rule that triggers it, plus a clean file no rule may flag. Shared by the
 * RuleTester suite; every snippet is a single file (its own graph: no tsconfig above the temp dir).
 */
export const HEADER = `import { column, relation } from "eloquent-orm";
import { MongoModel, SqlModel } from "eloquent-orm/Model";
`;

/** Models using every relation kind correctly (with a pivot model so pivot columns are verifiable). */
export const CLEAN = `${HEADER}
export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasMany", "Post"),
    avatar: relation("morphOne", "Image", { morphName: "imageable" }),
  };
}

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    author: relation("belongsTo", "User"),
    tags: relation("belongsToMany", "Tag", { pivotTable: "post_tags", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
  };
}

export class Tag extends SqlModel {
  static tableName = "tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 64),
  };
}

export class PostTag extends SqlModel {
  static tableName = "post_tags";
  static schema = {
    post_id: column("int"),
    tag_id: column("int"),
  };
}

export class Image extends SqlModel {
  static tableName = "images";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    imageable_type: column("string", 64),
    imageable_id: column("int"),
    imageable: relation("morphTo", "User", { morphName: "imageable" }),
  };
}
`;

/** `model(name, body)` → a SQL model class with an increments id. */
export function sql(name: string, table: string, body: string, statics = ""): string {
  return `
export class ${name} extends SqlModel {
  static tableName = "${table}";${statics}
  static schema = {
    id: column("increments", undefined, { primary: true }),
${body}
  };
}
`;
}

export function mongo(name: string, table: string, body: string): string {
  return `
export class ${name} extends MongoModel {
  static tableName = "${table}";
  static schema = {
    id: column("objectId", undefined, { primary: true }),
${body}
  };
}
`;
}
