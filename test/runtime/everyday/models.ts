/** Models of the everyday-API suite (find-or-write, aggregates, counters, streaming, events, serialization). */
import { column, registerModels, relation, SqlModel } from "eloquent-orm";

export type EvShopAttrs = {
  id?: number;
  name?: string;
  settings?: Record<string, unknown> | null;
  created_at?: Date;
  updated_at?: Date;
  products?: EvProduct[];
  tags?: EvTag[];
};
export type EvProductAttrs = {
  id?: number;
  shop_id?: number | null;
  sku?: string;
  name?: string;
  price?: number;
  stock?: number;
  views?: number;
  released_at?: Date | null;
  deleted_at?: Date | null;
  created_at?: Date;
  updated_at?: Date;
  shop?: EvShop | null;
};
export type EvTagAttrs = { id?: number; name?: string; weight?: number };
export type EvAccountAttrs = { id?: string; name?: string };
export type EvMemberAttrs = { id?: number; name?: string; email?: string; password?: string; is_admin?: boolean };
export type EvArticleAttrs = {
  id?: number;
  title?: string;
  slug?: string | null;
  deleted_at?: Date | null;
  created_at?: Date;
  updated_at?: Date;
};

export class EvShop extends SqlModel<EvShopAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100, { unique: true }),
    settings: column("json", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    products: relation("hasMany", "EvProduct", { foreignKey: "shop_id" }),
    tags: relation("belongsToMany", "EvTag", { pivotTable: "ev_shop_tags", pivotLocalKey: "shop_id", pivotForeignKey: "tag_id" }),
  };
}

export class EvProduct extends SqlModel<EvProductAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    shop_id: column("int", undefined, { nullable: true }),
    sku: column("string", 50, { unique: true }),
    name: column("string", 100),
    price: column("int", undefined, { default: 0 }),
    stock: column("int", undefined, { default: 0 }),
    views: column("int", undefined, { default: 0 }),
    released_at: column("timestamp", undefined, { nullable: true }),
    deleted_at: column("softDeletes"),
    timestamps: column("timestamps"),
    shop: relation("belongsTo", "EvShop", { foreignKey: "shop_id" }),
  };
}

export class EvTag extends SqlModel<EvTagAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    weight: column("int", undefined, { default: 0 }),
  };
}

export class EvAccount extends SqlModel<EvAccountAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("uuid", undefined, { primary: true }),
    name: column("string", 100),
  };
}

export class EvMember extends SqlModel<EvMemberAttrs> {
  static connectionName = "test";
  static fillable = ["name", "email", "password"];
  static hidden = ["password"];
  static appends = ["label"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    email: column("string", 100),
    password: column("string", 100),
    is_admin: column("boolean", undefined, { default: false }),
  };
  get label(): string {
    return `${this.name} <${this.email}>`;
  }
}

export class EvArticle extends SqlModel<EvArticleAttrs> {
  static connectionName = "test";
  static guarded = ["slug"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 200),
    slug: column("string", 200, { nullable: true }),
    deleted_at: column("softDeletes"),
    timestamps: column("timestamps"),
  };
}

export const EVERYDAY = [EvShop, EvProduct, EvTag, EvAccount, EvMember, EvArticle] as const;
export function registerEveryday(): void {
  registerModels([...EVERYDAY], { logger: false });
}
