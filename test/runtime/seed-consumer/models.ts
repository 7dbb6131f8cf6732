// A TypeScript consumer of the seed's package name (installed as the eloquent-orm-seed re-export package):
// the seed's generator output and types must compile against it.
import {
  BaseModel,
  MorphableMixin,
  column,
  mixin,
  relation,
  validate,
  type ModelInstance,
  type RelationOptions,
  type SchemaField,
} from "@alpha.consultings/eloquent-orm.js";
import { SqlModel } from "@alpha.consultings/eloquent-orm.js/Model";

type UserAttrs = { id?: number; name?: string };

const MorphableBase = MorphableMixin(BaseModel);

export class User extends MorphableBase {
  static tableName = "users";
  static connectionName = process.env.DB_CONNECTION ?? "sqlite";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: validate(column("string", 255), { required: true, min: 3 }),
    softDeletes: mixin("SoftDeletes"),
    posts: { kind: "relation", relation: "hasMany", model: "Post", options: { foreignKey: "user_id" } },
  };
  constructor() {
    super("users", process.env.DB_CONNECTION ?? "sqlite");
  }
}
export interface User extends ModelInstance<UserAttrs> {}

const authorOptions: RelationOptions = { foreignKey: "user_id", cascade: true };

export class Post extends SqlModel<{ id?: number; user_id?: number }> {
  static tableName = "posts";
  static schema: Record<string, SchemaField> = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    author: relation("belongsTo", "User", authorOptions),
  };
  writer() {
    return this.belongsTo(User, "user_id", "id");
  }
}

export async function firstPosts() {
  return Post.with("writer").get();
}
