// Code written for the seed package, unchanged, on eloquent-orm installed under the seed's name.
const { column, validate, mixin, relation, registerModels, configureConnection, migrate } = require("@alpha.consultings/eloquent-orm.js");
const { SqlModel, BaseModel } = require("@alpha.consultings/eloquent-orm.js/Model");

class User extends BaseModel {
  static tableName = "users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: validate(column("string", 255), { required: true }),
    softDeletes: mixin("SoftDeletes"),
    posts: { kind: "relation", relation: "hasMany", model: "Post", options: { foreignKey: "user_id" } },
  };
}
class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 255),
    user_id: column("int"),
    tags: relation("belongsToMany", "Tag", {}),
  };
  author() {
    return this.belongsTo(User, "user_id", "id");
  }
}
class Tag extends SqlModel {
  static tableName = "tags";
  static schema = { id: column("increments", undefined, { primary: true }), label: column("string", 50) };
}
class PostTagPivot extends SqlModel {
  static tableName = "posts_tag_pivot";
  static schema = { posts_id: column("int"), tag_id: column("int") };
}

async function main() {
  configureConnection("sqlite", { client: "sqlite", filename: ":memory:" });
  const { diagnostics } = registerModels([User, Post, Tag, PostTagPivot], { logger: false });
  await migrate([User, Post, Tag, PostTagPivot]);
  const ada = await User.create({ name: "Ada" });
  const post = await Post.create({ title: "Hello", user_id: ada.id });
  const tag = await Tag.create({ label: "intro" });
  await post.related("tags").attach([tag.id]);
  const [loaded] = await Post.with("author", "tags").get();
  console.log(
    JSON.stringify({
      diagnostics: diagnostics.map((d) => `${d.severity} ${d.ruleId}`),
      author: loaded.getRelation("author").name,
      tags: loaded.getRelation("tags").map((t) => t.label),
    }),
  );
}
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
