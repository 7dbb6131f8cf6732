// Pivots, options, columns, stores and names.
import { column, relation } from "eloquent-orm";
import { Model, MongoModel, SqlModel } from "eloquent-orm/Model";

export class Product extends SqlModel {
  static tableName = "products";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    price: column("decimal", undefined, { precison: 8 } as never), // expect: column-definition
    sku: "string", // expect: schema-entry
    categories: relation("belongsToMany", "Category"), // expect: pivot-metadata
    labels: relation("belongsToMany", "Category", {
      pivotTable: "category_product",
      pivotLocalKey: "product_id",
      pivotForeignKey: "categry_id", // expect: pivot-columns
    }),
    bundles: relation("belongsToMany", "Category", {
      pivotTable: "bundle_items", // expect: cannot-verify
      pivotLocalKey: "product_id",
      pivotForeignKey: "category_id",
    }),
    shelves: relation("belongsToMany", "Category", {
      using: "CategoryProdct", // expect: pivot-using
      pivotLocalKey: "product_id",
      pivotForeignKey: "category_id",
    }),
    variants: relation("hasMany", "Variant", {
      // @ts-expect-error -- TypeScript catches this one too; plain JS would not.
      foriegnKey: "product_id", // expect: relation-options
    }),
    images: relation("hasMany", "Variant", {
      foreignKey: 7 as never, // expect: option-value-type
    }),
    cheapVariants: relation("hasMany", "Variant", {
      where: ["pric", "<", 10], // expect: constraint-columns
    }),
    featured: relation("belongsToMany", "Category", {
      pivotTable: "category_product",
      pivotLocalKey: "product_id",
      pivotForeignKey: "category_id",
      wherePivot: ["featured", true], // expect: constraint-columns
    }),
    reviews: relation("hasMany", "Review"), // expect: cross-store-relation
  };
  static database = { // expect: database-metadata
    indexes: [{ name: "products_sku_index", columns: ["skuu"] }],
    tables: {
      category_product: {
        columns: { product_id: column("int"), category_id: column("int") },
      },
    },
  };
}

export class Category extends SqlModel {
  static tableName = "categories";
  static schema = {
    id: column("increments", undefined, { primary: true }),
  };
}

export class Variant extends SqlModel {
  static tableName = "variants";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    product_id: column("int"),
    timestamps: column("timestamps"),
    created_at: relation("belongsTo", "Product"), // expect: name-clash
  };
}

export class ProductCopy extends SqlModel {
  static tableName = "products"; // expect: table-clash
  static schema = {
    id: column("increments", undefined, { primary: true }),
  };
}

export class Review extends MongoModel {
  static tableName = "reviews";
  static schema = {
    product_id: column("int"),
    body: column("text"),
    voter_ids: column("json"),
    voters: relation("belongsToMany", "Voter"),
    flags: relation("belongsToMany", "Voter", {
      pivotTable: "review_flags", // expect: mongo-belongs-to-many
    }),
    helpers: relation("belongsToMany", "Voter", { foreignKey: "helper_ids" }), // expect: mongo-reference-array
  };
}

export class Voter extends MongoModel {
  static tableName = "voters";
  static schema = {
    name: column("string"),
  };
}

// Extends the store-neutral base instead of SqlModel/MongoModel.
// @ts-expect-error -- Model is abstract (no save/forceDelete): TypeScript says so too.
export class Draft extends Model { // expect: model-store
  static override tableName = "drafts";
  static override schema = {
    id: column("increments", undefined, { primary: true }),
  };
}
