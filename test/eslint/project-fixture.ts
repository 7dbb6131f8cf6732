/** A three-file project whose mistakes need the other files to be seen (cross-file targets and keys). */
export const USER_TS = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasMany", "Post"),
  };
}
`;

export const POST_TS = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    author: relation("belongsTo", "Usr", { foreignKey: "user_id" }),
    comments: relation("hasMany", "Comment"),
  };
}
`;

export const COMMENT_TS = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Comment extends SqlModel {
  static tableName = "comments";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("text"),
    post: relation("belongsTo", "Post"),
  };
}

export async function recent() {
  return Comment.with("post.autor");
}
`;

export const PROJECT_FILES = { "src/user.ts": USER_TS, "src/post.ts": POST_TS, "src/comment.ts": COMMENT_TS };

/** What the project must report, whichever front: file, line, rule. */
export const PROJECT_EXPECTED = [
  ["src/comment.ts", 9, "belongs-to-foreign-key"], // Comment has no post_id
  ["src/comment.ts", 14, "relation-path"], // Post has no 'autor'
  ["src/post.ts", 9, "relation-target-exists"], // 'Usr' (did you mean 'User')
  ["src/post.ts", 10, "has-foreign-key"], // Comment has no post_id
] as const;

export const FLAT_CONFIG = `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`;
