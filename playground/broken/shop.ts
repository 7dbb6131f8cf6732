// Kinds, targets and keys.
import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";

export class Shop extends SqlModel {
  static tableName = "shops";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    slug: column("string", 64, { unique: true }),
    // @ts-expect-error -- TypeScript catches this one too; plain JS would not.
    products: relation("hasmany", "Product"), // expect: relation-kind
    orders: relation("hasMany", "Ordr"), // expect: relation-target-exists
    manager: relation("hasOne", "Employee", {
      foreignKey: "shop_ref", // expect: has-foreign-key
    }),
    staff: relation("hasMany", "Employee", {
      localKey: "slg", // expect: has-local-key
    }),
  };
}

export class Employee extends SqlModel {
  static tableName = "employees";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    shop_id: column("int"),
    badge_id: column("uuid"),
    workplace: relation("belongsTo", "Shop", { foreignKey: "shop_id" }),
    supervisor: relation("belongsTo", "Employee"), // expect: belongs-to-foreign-key
    badge: relation("belongsTo", "Badge", {
      ownerKey: "number", // expect: belongs-to-owner-key
    }),
  };
}

export class Badge extends SqlModel {
  static tableName = "badges";
  static schema = {
    id: column("uuid", undefined, { primary: true }),
    holders: relation("hasMany", "Holder"), // expect: key-type-compatible
  };
}

export class Holder extends SqlModel {
  static tableName = "holders";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    badge_id: column("int"),
  };
}

export class Warehouse extends SqlModel {
  static tableName = "warehouses";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    shelves: relation("hasMany", "Shelf", {
      foreignKey: "warehouse_id", // expect: inverse-consistency
    }),
  };
}

export class Shelf extends SqlModel {
  static tableName = "shelves";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    warehouse_id: column("int"),
    depot_id: column("int"),
    depot: relation("belongsTo", "Warehouse", { foreignKey: "depot_id" }),
  };
}
