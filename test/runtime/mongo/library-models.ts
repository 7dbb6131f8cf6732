/** A Mongo library for the relation contract tests: every relation kind, reference-based. */
import { column, MongoModel, registerModels, relation } from "eloquent-orm";

export type AuthorAttrs = { id?: string; name?: string; books?: Book[]; bio?: Bio | null; avatar?: Picture | null; reviews?: Review[] };
export type BookAttrs = {
  id?: string;
  title?: string;
  year?: number;
  author_id?: string;
  genre_ids?: string[];
  author?: Author | null;
  genres?: Genre[];
  shelves?: Shelf[];
  reviews?: Review[];
};
export type BioAttrs = { id?: string; author_id?: string; text?: string; author?: Author | null };
export type GenreAttrs = { id?: string; name?: string };
export type ShelfAttrs = { id?: string; name?: string };
export type ReviewAttrs = {
  id?: string;
  body?: string;
  stars?: number;
  reviewable_type?: string;
  reviewable_id?: string;
  reviewable?: Book | Author | null;
};
export type PictureAttrs = { id?: string; url?: string; imageable_type?: string; imageable_id?: string; imageable?: Author | null };

export class Author extends MongoModel<AuthorAttrs> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 255),
    books: relation("hasMany", "Book", { foreignKey: "author_id" }),
    bio: relation("hasOne", "Bio", { foreignKey: "author_id" }),
    avatar: relation("morphOne", "Picture", { morphName: "imageable" }),
    reviews: relation("morphMany", "Review", { morphName: "reviewable" }),
  };
}

export class Book extends MongoModel<BookAttrs> {
  static connectionName = "mongo";
  static schema = {
    title: column("string", 255),
    year: column("int"),
    author_id: column("objectId"),
    genre_ids: column("json"),
    author: relation("belongsTo", "Author", { foreignKey: "author_id" }),
    // Document references: the ids live in this document's genre_ids array.
    genres: relation("belongsToMany", "Genre", { foreignKey: "genre_ids" }),
    // A pivot collection, because each link carries a position.
    shelves: relation("belongsToMany", "Shelf", {
      pivotTable: "book_shelves",
      pivotLocalKey: "book_id",
      pivotForeignKey: "shelf_id",
      pivotColumns: ["position"],
    }),
    reviews: relation("morphMany", "Review", { morphName: "reviewable" }),
  };
}

export class Bio extends MongoModel<BioAttrs> {
  static connectionName = "mongo";
  static schema = {
    author_id: column("objectId"),
    text: column("text"),
    author: relation("belongsTo", "Author", { foreignKey: "author_id" }),
  };
}

export class Genre extends MongoModel<GenreAttrs> {
  static connectionName = "mongo";
  static schema = { name: column("string", 255) };
}

export class Shelf extends MongoModel<ShelfAttrs> {
  static connectionName = "mongo";
  static schema = { name: column("string", 255) };
}

export class Review extends MongoModel<ReviewAttrs> {
  static connectionName = "mongo";
  static schema = {
    body: column("text"),
    stars: column("int"),
    reviewable_type: column("string", 64),
    reviewable_id: column("objectId"),
    reviewable: relation("morphTo", "Book", { morphName: "reviewable" }),
  };
}

export class Picture extends MongoModel<PictureAttrs> {
  static connectionName = "mongo";
  static schema = {
    url: column("string", 1024),
    imageable_type: column("string", 64),
    imageable_id: column("objectId"),
    imageable: relation("morphTo", "Author", { morphName: "imageable" }),
  };
}

export const LIBRARY = [Author, Book, Bio, Genre, Shelf, Review, Picture] as const;

export function registerLibrary(): void {
  registerModels([...LIBRARY], { strict: true, logger: false });
}
