/** Models of the translated Laravel relation tests (Laravel's EloquentTestUser / Post / Role …, renamed Rl*). */
import { column, relation, registerModels, SqlModel } from "eloquent-orm";

export type RlUserAttrs = {
  id?: number;
  name?: string;
  created_at?: Date;
  updated_at?: Date;
  posts?: RlPost[];
  roles?: RlRole[];
  latestPosts?: RlPost[];
};
export type RlPostAttrs = {
  id?: number;
  rl_user_id?: number | null;
  title?: string;
  votes?: number;
  deleted_at?: Date | null;
  created_at?: Date;
  updated_at?: Date;
  user?: RlUser | null;
  comments?: RlComment[];
};
export type RlRoleAttrs = { id?: number; name?: string; users?: RlUser[]; pivot?: Record<string, unknown> };
export type RlCommentAttrs = {
  id?: number;
  body?: string;
  commentable_type?: string | null;
  commentable_id?: number | null;
  created_at?: Date;
  updated_at?: Date;
  commentable?: RlPost | null;
};

export class RlUser extends SqlModel<RlUserAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    timestamps: column("timestamps"),
    posts: relation("hasMany", "RlPost"),
    roles: relation("belongsToMany", "RlRole", {
      pivotTable: "rl_role_user",
      pivotLocalKey: "rl_user_id",
      pivotForeignKey: "rl_role_id",
      pivotColumns: ["level", "expires_at", "created_at"],
    }),
  };
}

export class RlPost extends SqlModel<RlPostAttrs> {
  static connectionName = "test";
  static touches = ["user"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    rl_user_id: column("int", undefined, { nullable: true }),
    title: column("string", 100),
    votes: column("int", undefined, { default: 0 }),
    timestamps: column("timestamps"),
    deleted_at: column("softDeletes"),
    user: relation("belongsTo", "RlUser"),
    comments: relation("morphMany", "RlComment", { morphName: "commentable" }),
  };
}

export class RlRole extends SqlModel<RlRoleAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    users: relation("belongsToMany", "RlUser", { pivotTable: "rl_role_user", pivotLocalKey: "rl_role_id", pivotForeignKey: "rl_user_id" }),
  };
}

export class RlComment extends SqlModel<RlCommentAttrs> {
  static connectionName = "test";
  static touches = ["commentable"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("string", 200),
    commentable_type: column("string", 50, { nullable: true }),
    commentable_id: column("int", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    commentable: relation("morphTo", "Commentable", { morphName: "commentable" }),
  };
}

export const RL_MODELS = [RlUser, RlPost, RlRole, RlComment] as const;

export function registerRl(): void {
  registerModels([...RL_MODELS], { logger: false });
}
