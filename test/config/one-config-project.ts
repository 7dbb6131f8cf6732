/** One project for every front: a deliberate SQL↔Mongo relation (a warning by default) and a misspelt target. */
import { tempProject, COMPILER_OPTIONS, type TempProject } from "../ts-plugin/tspc-project";

export const USER = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class User extends SqlModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    photos: relation("hasMany", "Photo", { foreignKey: "user_id" }),
  };
}
`;

export const PHOTO = `import { column, relation } from "eloquent-orm";
import { MongoModel } from "eloquent-orm/Model";

export class Photo extends MongoModel {
  static tableName = "photos";
  static schema = {
    id: column("objectId", undefined, { primary: true }),
    user_id: column("int"),
    // eloquent-disable-next-line cross-store-relation -- the owner lives in SQL on purpose
    owner: relation("belongsTo", "User"),
  };
}
`;

/** Post → "Usr": an error, unless `suppressed` puts an eloquent-disable-next-line comment above it. */
export function post(suppressed: boolean): string {
  return `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
${suppressed ? "    // eloquent-disable-next-line relation-target-exists\n" : ""}    author: relation("belongsTo", "Usr", { foreignKey: "user_id" }),
  };
}
`;
}

export const ESLINT_CONFIG = `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`;

/**
 * The project: `config` becomes eloquent.config.json (none when undefined); the Post file only when
 * `withPost` is set. tsconfig has both plugin entries, as the README says.
 */
export function oneConfigProject(options: { config?: object; withPost?: "broken" | "suppressed"; pluginEntry?: object } = {}): TempProject {
  const files: Record<string, string | object> = {
    "tsconfig.json": {
      compilerOptions: {
        ...COMPILER_OPTIONS,
        noEmit: true,
        plugins: [{ name: "eloquent-ts-plugin", ...options.pluginEntry }, ...COMPILER_OPTIONS.plugins],
      },
      include: ["src"],
    },
    "package.json": { name: "one-config-project", private: true, type: "commonjs" },
    "eslint.config.mjs": ESLINT_CONFIG,
    "src/user.ts": USER,
    "src/photo.ts": PHOTO,
  };
  if (options.config) files["eloquent.config.json"] = options.config;
  if (options.withPost) files["src/post.ts"] = post(options.withPost === "suppressed");
  return tempProject(files);
}
