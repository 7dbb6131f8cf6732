/** The seed package's forms in the extractor and the fixes: what each one becomes in the model graph. */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "../../analyzer/src/typescript";
import { checkGraph, type Suggestion } from "eloquent-engine";
import { extractModelGraphFromFiles } from "../../analyzer/src/extract";
import { suggestionEdits } from "../../analyzer/src/fixes";

useTypeScript(ts);

const SOURCE = `import { column, mixin, validate, relation, BaseModel, MorphableMixin } from "@alpha.consultings/eloquent-orm.js";
const Base = MorphableMixin(BaseModel);
export class Course extends Base {
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: validate(validate(column("string", 255), { required: true }), { max: 9 }),
    trashed: mixin("SoftDeletes"),
    cached: mixin("QueryCache"),
    students: { kind: "relation", relation: "belongsToMany", model: "Student" },
    pictures: relation("morphMany", "Student", { morphName: "owner", typeColumn: "owner_kind", idColumn: "owner_key", cascade: true }),
  };
  teacher() {
    return this.belongsTo(Student, "teacher_id");
  }
  helper() {
    return 42;
  }
}
export class Student extends BaseModel {
  static schema = { id: column("increments"), owner_kind: column("string"), owner_key: column("int") };
}
`;
const files: Record<string, string> = { "/p/course.ts": SOURCE };
const extraction = extractModelGraphFromFiles(["/p/course.ts"], { readFile: (name) => files[name] });
const course = extraction.graph.models.find((m) => m.name === "Course")!;

describe("the seed package's forms, statically", () => {
  it("reads validate() as the column, SoftDeletes as the softDeletes column, other mixins as nothing: the schema stays closed", () => {
    expect(course.openSchema).toBeUndefined();
    expect(course.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "increments"],
      ["title", "string"],
      ["trashed", "softDeletes"],
    ]);
    expect(course.invalidEntries).toBeUndefined();
  });

  it("reads object-literal entries and relation methods as seed relations, and renames typeColumn/idColumn", () => {
    expect(course.relations.map((r) => [r.name, r.kind, r.target, r.options, r.conventions])).toEqual([
      ["students", "belongsToMany", "Student", undefined, "seed"],
      ["pictures", "morphMany", "Student", { morphName: "owner", morphType: "owner_kind", morphId: "owner_key", cascade: true }, "seed"],
      ["teacher", "belongsTo", "Student", { foreignKey: "teacher_id" }, "seed"],
    ]);
    expect(extraction.graph.models.map((m) => [m.name, m.store])).toEqual([
      ["Course", "sql"],
      ["Student", "sql"],
    ]);
  });

  it("checks them like native relations: the method's foreign key is an error on its argument", () => {
    const found = checkGraph(extraction.graph).map((d) => [d.ruleId, d.severity, SOURCE.slice(d.span!.start, d.span!.end)]);
    expect(found).toEqual([
      ["morph-without-inverse", "warning", '"owner"'],
      ["pivot-metadata", "warning", 'students: { kind: "relation", relation: "belongsToMany", model: "Student" }'],
      ["belongs-to-foreign-key", "error", '"teacher_id"'],
    ]);
  });

  it("the implicit-pivot fix adds an options property to an object-literal entry", () => {
    const [warning] = checkGraph(extraction.graph).filter((d) => d.ruleId === "pivot-metadata");
    const edits = suggestionEdits(warning!, warning!.suggestions[0] as Suggestion, {
      graph: extraction.graph,
      text: (name) => files[name],
      facts: (name) => extraction.files.get(name),
    })!;
    const out = [...edits]
      .sort((a, b) => b.start - a.start)
      .reduce((text, e) => text.slice(0, e.start) + e.newText + text.slice(e.end), SOURCE);
    expect(out).toContain(
      'students: { kind: "relation", relation: "belongsToMany", model: "Student", options: { pivotTable: "courses_student_pivot", pivotLocalKey: "courses_id", pivotForeignKey: "student_id" } },',
    );
  });
});

describe("a relation declared both in static schema and as a method", () => {
  it("is one relation: the schema's (as at runtime), wherever the method is written", () => {
    const text = `import { column, relation } from "@alpha.consultings/eloquent-orm.js";
import { SqlModel } from "@alpha.consultings/eloquent-orm.js/Model";
export class User extends SqlModel {
  posts() {
    return this.hasMany(Post, "user_id");
  }
  static schema = { id: column("increments"), posts: relation("hasMany", "Post", { foreignKey: "user_id" }) };
}
export class Post extends SqlModel {
  static schema = { id: column("increments"), user_id: column("int") };
}
`;
    const result = extractModelGraphFromFiles(["/q/user.ts"], { readFile: (name) => (name === "/q/user.ts" ? text : undefined) });
    const user = result.graph.models.find((m) => m.name === "User")!;
    expect(user.relations.map((r) => [r.name, r.conventions])).toEqual([["posts", "seed"]]);
    expect(text.slice(user.relations[0]!.loc!.entry!.start).startsWith("posts: relation(")).toBe(true);
    expect(checkGraph(result.graph)).toEqual([]);
  });
});

describe("typeColumn next to morphType", () => {
  it("is one relation-options error in the source and at runtime: keep one of the two names", async () => {
    const text = `import { column, relation } from "@alpha.consultings/eloquent-orm.js";
import { SqlModel } from "@alpha.consultings/eloquent-orm.js/Model";
export class Photo extends SqlModel {
  static schema = { id: column("increments"), owner_kind: column("string"), owner_id: column("int"), owner: relation("morphTo", "Photo", { morphName: "owner", morphType: "owner_kind", typeColumn: "owner_kind" }) };
}
`;
    const result = extractModelGraphFromFiles(["/r/photo.ts"], { readFile: (name) => (name === "/r/photo.ts" ? text : undefined) });
    const statically = checkGraph(result.graph)
      .filter((d) => d.ruleId === "relation-options")
      .map((d) => d.message);
    const { relation, checkGraph: check } = await import("eloquent-orm");
    const runtime = check({
      models: [
        {
          name: "Photo",
          store: "sql",
          columns: result.graph.models[0]!.columns,
          relations: [
            { name: "owner", ...relation("morphTo", "Photo", { morphName: "owner", morphType: "owner_kind", typeColumn: "owner_kind" }) },
          ],
        },
      ],
    })
      .filter((d) => d.ruleId === "relation-options")
      .map((d) => d.message);
    expect(statically).toEqual([
      "Photo.owner (morphTo 'Photo'): 'typeColumn' is the seed package's name for 'morphType', and both are given.",
    ]);
    expect(runtime).toEqual(statically);
  });
});
