/** An invalid snippet per rule (see rule-snippets.ts). */
import { HEADER, mongo, sql } from "./rule-snippets";

export interface RuleCase {
  rule: string;
  code: string;
}

export const CASES: RuleCase[] = [
  {
    rule: "relation-kind",
    code:
      HEADER + sql("Author", "authors", `    books: relation("hasmany", "Book"),`) + sql("Book", "books", `    author_id: column("int"),`),
  },
  {
    rule: "relation-target-exists",
    code:
      HEADER +
      sql("Author", "authors", `    books: relation("hasMany", "Bok"),\n    letters: relation("hasMany", 'Letter'),`) +
      sql("Book", "books", `    author_id: column("int"),`),
  },
  {
    rule: "belongs-to-foreign-key",
    code: HEADER + sql("Customer", "customers", "") + sql("Shipment", "shipments", `    customer: relation("belongsTo", "Customer"),`),
  },
  {
    rule: "belongs-to-owner-key",
    code:
      HEADER +
      sql("Customer", "customers", `    code: column("string", 32, { unique: true }),`) +
      sql(
        "Invoice",
        "invoices",
        `    customer_id: column("int"),\n    buyer: relation("belongsTo", "Customer", { foreignKey: "customer_id", ownerKey: "cod" }),`,
      ),
  },
  {
    rule: "has-foreign-key",
    code:
      HEADER +
      sql("Team", "teams", `    members: relation("hasMany", "Member"),`) +
      sql("Member", "members", `    name: column("string"),`),
  },
  {
    rule: "has-local-key",
    code:
      HEADER +
      sql(
        "Team",
        "teams",
        `    slug: column("string", 64),\n    staff: relation("hasMany", "Member", { foreignKey: "team_slug", localKey: "slugg" }),`,
      ) +
      sql("Member", "members", `    team_slug: column("string", 64),`),
  },
  {
    rule: "key-type-compatible",
    code:
      HEADER +
      `
export class Account extends SqlModel {
  static tableName = "accounts";
  static schema = {
    id: column("uuid", undefined, { primary: true }),
  };
}
` +
      sql("Session", "sessions", `    account_id: column("int"),\n    account: relation("belongsTo", "Account"),`),
  },
  {
    rule: "inverse-consistency",
    code:
      HEADER +
      sql("Forum", "forums", `    threads: relation("hasMany", "Thread", { foreignKey: "forum_id" }),`) +
      sql(
        "Thread",
        "threads",
        `    forum_id: column("int"),\n    board_id: column("int"),\n    board: relation("belongsTo", "Forum", { foreignKey: "board_id" }),`,
      ),
  },
  {
    rule: "pivot-metadata",
    code: HEADER + sql("Article", "articles", `    labels: relation("belongsToMany", "Label"),`) + sql("Label", "labels", ""),
  },
  {
    rule: "pivot-columns",
    code:
      HEADER +
      sql(
        "Article",
        "articles",
        `    labels: relation("belongsToMany", "Label", { pivotTable: "article_label", pivotLocalKey: "article_id", pivotForeignKey: "lable_id" }),`,
      ) +
      sql("Label", "labels", "") +
      `
export class ArticleLabel extends SqlModel {
  static tableName = "article_label";
  static schema = {
    article_id: column("int"),
    label_id: column("int"),
  };
}
`,
  },
  {
    rule: "through-model",
    code:
      HEADER +
      sql("Country", "countries", `    posts: relation("hasManyThrough", "Story", { through: "Writr" }),`) +
      sql("Writer", "writers", `    country_id: column("int"),`) +
      sql("Story", "stories", `    writer_id: column("int"),`),
  },
  {
    rule: "through-keys",
    code:
      HEADER +
      sql("Country", "countries", `    posts: relation("hasManyThrough", "Story", { through: "Writer", firstKey: "cuntry_id" }),`) +
      sql("Writer", "writers", `    country_id: column("int"),`) +
      sql("Story", "stories", `    writer_id: column("int"),`),
  },
  {
    rule: "one-of-many-column",
    code:
      HEADER +
      sql("Writer", "writers", `    latestStory: relation("hasOne", "Story", { latestOfMany: "create_at" }),`) +
      sql("Story", "stories", `    writer_id: column("int"),\n    created_at: column("timestamp"),`),
  },
  {
    rule: "morph-pivot-columns",
    code:
      HEADER +
      sql("Story", "stories", `    labels: relation("morphToMany", "Label", { morphName: "labelable", pivotForeignKey: "labels_id" }),`) +
      sql("Label", "labels", "") +
      sql(
        "Labelable",
        "labelables",
        `    label_id: column("int"),\n    labelable_id: column("int"),\n    labelable_type: column("string"),`,
      ),
  },
  {
    rule: "pivot-using",
    code:
      HEADER +
      sql(
        "Member",
        "members",
        `    crews: relation("belongsToMany", "Crew", { using: "Membershp", pivotLocalKey: "member_id", pivotForeignKey: "crew_id" }),`,
      ) +
      sql("Crew", "crews", "") +
      sql("Membership", "memberships", `    member_id: column("int"),\n    crew_id: column("int"),`),
  },
  {
    rule: "constraint-columns",
    code:
      HEADER +
      sql("Editor", "editors", `    published: relation("hasMany", "Article", { where: ["publishd", true] }),`) +
      sql("Article", "articles", `    editor_id: column("int"),\n    published: column("boolean"),`),
  },
  {
    rule: "mongo-belongs-to-many",
    code:
      HEADER +
      mongo("Playlist", "playlists", `    songs: relation("belongsToMany", "Song", { pivotTable: "playlist_songs" }),`) +
      mongo("Song", "songs", ""),
  },
  {
    rule: "mongo-reference-array",
    code:
      HEADER +
      mongo("Playlist", "playlists", `    name: column("string"),\n    songs: relation("belongsToMany", "Song"),`) +
      mongo("Song", "songs", ""),
  },
  {
    rule: "morph-name",
    code:
      HEADER +
      sql("Post", "posts", `    reactions: relation("morphMany", "Reaction"),`) +
      sql(
        "Reaction",
        "reactions",
        `    reactable_type: column("string"),\n    reactable_id: column("int"),\n    reactable: relation("morphTo", "Post", { morphName: "reactable" }),`,
      ),
  },
  {
    rule: "morph-columns",
    code:
      HEADER +
      sql("Post", "posts", `    notes: relation("morphMany", "Note", { morphName: "notable" }),`) +
      sql("Note", "notes", `    body: column("text"),\n    notable: relation("morphTo", "Post", { morphName: "notable" }),`),
  },
  {
    rule: "morph-to-parents",
    code:
      HEADER +
      sql(
        "Attachment",
        "attachments",
        `    owner_type: column("string"),\n    owner_id: column("int"),\n    owner: relation("morphTo", "Owner", { morphName: "owner" }),`,
      ),
  },
  {
    rule: "morph-to-target",
    code:
      HEADER +
      sql("Post", "posts", `    comments: relation("morphMany", "Comment", { morphName: "commentable" }),`) +
      sql(
        "Comment",
        "comments",
        `    commentable_type: column("string", 64),\n    commentable_id: column("int"),\n    commentable: relation("morphTo", "Commentable", { morphName: "commentable" }),`,
      ),
  },
  {
    rule: "morph-without-inverse",
    code:
      HEADER +
      sql("Post", "posts", `    likes: relation("morphMany", "Like", { morphName: "likable" }),`) +
      sql("Like", "likes", `    likable_type: column("string", 64),\n    likable_id: column("int"),`),
  },
  {
    rule: "morph-alias-unique",
    code:
      HEADER +
      sql("Post", "posts", "", `\n  static morphAlias = "content";`) +
      sql("Page", "pages", "", `\n  static morphAlias = "content";`),
  },
  {
    rule: "relation-options",
    code:
      HEADER +
      sql(
        "User",
        "users",
        `    posts: relation("hasMany", "Post", { foreignkey: "user_id" }),\n    drafts: relation("hasMany", "Post", { pivotTable: "x", foreignKey: "user_id" }),`,
      ) +
      sql("Post", "posts", `    user_id: column("int"),`),
  },
  {
    rule: "option-value-type",
    code:
      HEADER +
      sql("User", "users", `    posts: relation("hasMany", "Post", { foreignKey: 5 as never }),`) +
      sql("Post", "posts", `    user_id: column("int"),`),
  },
  {
    rule: "column-definition",
    code: HEADER + sql("Product", "products", `    code: column("strng" as never),`),
  },
  {
    rule: "schema-entry",
    code: HEADER + sql("Product", "products", `    sku: "string",`),
  },
  {
    rule: "cross-store-relation",
    code:
      HEADER +
      sql("Account", "accounts", `    reviews: relation("hasMany", "Review"),`) +
      mongo("Review", "reviews", `    account_id: column("int"),`),
  },
  {
    rule: "database-metadata",
    code:
      HEADER +
      sql("Book", "books", `    title: column("string"),`) +
      sql(
        "Review",
        "reviews",
        `    book_id: column("int"),`,
        `\n  static database = { foreignKeys: [{ columns: ["bok_id"], references: { table: "books", columns: ["id"] } }] };`,
      ),
  },
  {
    rule: "name-clash",
    code:
      HEADER +
      sql(
        "Writer",
        "writers",
        `    publisher: column("int"),\n    publisher_rel: relation("hasOne", "Publisher"),\n    publisher: relation("hasOne", "Publisher"),`,
      ) +
      sql("Publisher", "publishers", `    writer_id: column("int"),`),
  },
  {
    rule: "model-store",
    code:
      HEADER.replace("{ MongoModel, SqlModel }", "{ Model }") +
      `export class Memo extends Model {\n  static tableName = "memos";\n  static schema = {\n    id: column("increments", undefined, { primary: true }),\n  };\n}\n`,
  },
  {
    rule: "table-clash",
    code: HEADER + sql("Writer", "writers", "") + sql("Reader", "writers", ""),
  },
  {
    rule: "cannot-verify",
    code: HEADER + `const target = process.argv[2]!;\n` + sql("User", "users", `    posts: relation("hasMany", target),`),
  },
  {
    rule: "model-declaration",
    code:
      HEADER + `const bases = [SqlModel];\nexport class Widget extends bases[0] {\n  static schema = { id: column("increments") };\n}\n`,
  },
  {
    rule: "relation-path",
    code:
      HEADER +
      sql("User", "users", `    posts: relation("hasMany", "Post"),`) +
      sql("Post", "posts", `    user_id: column("int"),\n    author: relation("belongsTo", "User"),`) +
      `\nexport async function feed() {\n  return User.with("postz", "posts.autor");\n}\n`,
  },
];
