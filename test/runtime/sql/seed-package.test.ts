/**
 * Code written for the seed package (`@alpha.consultings/eloquent-orm.js`) runs unchanged on this runtime,
 * imported by the seed's name: validate()-wrapped columns, mixin("SoftDeletes"), object-literal entries,
 * BaseModel / MorphableMixin bases, relation methods in with()/load(), and the seed's implicit pivot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BaseModel,
  MorphableMixin,
  column,
  mixin,
  registerModels,
  relation,
  validate,
  type ModelInstance,
  type SchemaField,
} from "@alpha.consultings/eloquent-orm.js";
import { SqlModel } from "@alpha.consultings/eloquent-orm.js/Model";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";

type AuthorAttrs = { id?: number; name?: string };
type ArticleAttrs = { id?: number; title?: string; author_id?: number };

const MorphableBase = MorphableMixin(BaseModel);

class Author extends MorphableBase {
  static tableName = "seed_authors";
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: validate(column("string", 255), { required: true, min: 3 }),
    articles: { kind: "relation", relation: "hasMany", model: "Article", options: { foreignKey: "author_id" } },
    notes: {
      kind: "relation",
      relation: "morphMany",
      model: "Note",
      options: { morphName: "notable", typeColumn: "notable_kind", idColumn: "notable_key" },
    },
  } satisfies Record<string, SchemaField>;
}
interface Author extends ModelInstance<AuthorAttrs> {}

class Article extends BaseModel<ArticleAttrs> {
  static tableName = "seed_articles";
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: validate(column("string", 255), { required: true }),
    author_id: column("int"),
    softDeletes: mixin("SoftDeletes"),
    hooks: mixin("Hooks"),
    author: { kind: "relation", relation: "belongsTo", model: "Author", options: { foreignKey: "author_id", cascade: true } },
  };
}

class Note extends BaseModel {
  static tableName = "seed_notes";
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("text"),
    notable_kind: column("string", 255),
    notable_key: column("int"),
    notable: {
      kind: "relation",
      relation: "morphTo",
      options: { morphName: "notable", typeColumn: "notable_kind", idColumn: "notable_key" },
    },
  };
}

class Member extends SqlModel<{ id?: number; name?: string }> {
  static tableName = "seed_members";
  static connectionName = "test";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 255) };
  tickets() {
    return this.hasMany(Ticket, "member_id");
  }
}

class Ticket extends SqlModel<{ id?: number; subject?: string; member_id?: number }> {
  static tableName = "seed_tickets";
  static connectionName = "test";
  static schema = { id: column("increments", undefined, { primary: true }), subject: column("string", 255), member_id: column("int") };
  member() {
    return this.belongsTo(Member, "member_id", "id");
  }
  labels() {
    return this.belongsToMany(Label, "seed_ticket_labels", "ticket_id", "label_id");
  }
}

class Label extends SqlModel<{ id?: number; title?: string }> {
  static tableName = "seed_labels";
  static connectionName = "test";
  static schema = { id: column("increments", undefined, { primary: true }), title: column("string", 100) };
}

class TicketLabel extends SqlModel {
  static tableName = "seed_ticket_labels";
  static connectionName = "test";
  static schema = { ticket_id: column("int"), label_id: column("int") };
}

/** A belongsToMany without pivot metadata: the seed's implicit pivot `courses_student_pivot`. */
class Course extends SqlModel<{ id?: number; title?: string }> {
  static tableName = "courses";
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 255),
    students: relation("belongsToMany", "Student", {}),
  };
}
class Student extends SqlModel<{ id?: number; name?: string }> {
  static tableName = "students";
  static connectionName = "test";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 255) };
}
class CourseStudentPivot extends SqlModel {
  static tableName = "courses_student_pivot";
  static connectionName = "test";
  static schema = { courses_id: column("int"), student_id: column("int") };
}

const MODELS = [Author, Article, Note, Member, Ticket, Label, TicketLabel, Course, Student, CourseStudentPivot];

describe("registration of seed-package code", () => {
  it("registers strictly: only the implicit pivot's warning, no error", () => {
    const warnings: string[] = [];
    const { diagnostics } = registerModels(MODELS, { logger: (line: string) => warnings.push(line) });
    expect(warnings.join("\n")).toContain("pivot-metadata");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === "warning").map((d) => d.ruleId)).toEqual(["pivot-metadata"]);
    expect(diagnostics.find((d) => d.ruleId === "pivot-metadata")?.message).toContain("'courses_student_pivot' (courses_id, student_id)");
  });

  it("keeps validate() rules on the column and reads relation methods as relations", () => {
    expect((Author.schema.name as { validate?: unknown }).validate).toEqual({ required: true, min: 3 });
    expect(new Member().tickets()).toMatchObject({ kind: "hasMany", options: { foreignKey: "member_id" } });
  });
});

describe.each(sqlDialects())("seed-package code on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "seed_pkg");
    await migrate(MODELS);
    const ada = await Author.create({ name: "Ada" });
    await Article.create({ title: "Notes", author_id: ada.id });
    const gone = await Article.create({ title: "Draft", author_id: ada.id });
    await gone.delete();
    await Note.create({ body: "hi", notable_kind: "Author", notable_key: ada.id });
    const m = await Member.create({ name: "Grace" });
    const t = await Ticket.create({ subject: "Printer", member_id: m.id });
    const l = await Label.create({ title: "urgent" });
    await t.related("labels").attach([l.id]);
    const c = await Course.create({ title: "SQL" });
    const s = await Student.create({ name: "Linus" });
    await c.related("students").attach([s.id]);
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  it("loads relation methods through with() and load(), nested", async () => {
    const [member] = await Member.with("tickets.labels").get();
    const tickets = member.getRelation("tickets") as Ticket[];
    expect(tickets.map((t) => t.subject)).toEqual(["Printer"]);
    expect((tickets[0].getRelation("labels") as Label[]).map((l) => l.title)).toEqual(["urgent"]);
    const ticket = (await Ticket.query().first())!;
    await ticket.load("member");
    expect((ticket.getRelation("member") as Member).name).toBe("Grace");
  });

  it("as in the seed package, a loaded relation method's name reads the loaded value; unloaded, it is the method", async () => {
    const [member] = await Member.with("tickets").get();
    expect((member as unknown as { tickets: Ticket[] }).tickets.map((t) => t.subject)).toEqual(["Printer"]);
    const fresh = (await Member.query().first())!;
    expect(typeof fresh.tickets).toBe("function");
    expect(fresh.tickets()).toMatchObject({ kind: "hasMany", target: Ticket, options: { foreignKey: "member_id" } });
  });

  it("a misspelt path through relation methods fails and names the relations", async () => {
    expect(() => Member.with("tickets.lables")).toThrow(
      "Ticket has no relation 'lables'. Did you mean 'labels'? Relations of Ticket: member, labels.",
    );
  });

  it("object-literal entries, mixin SoftDeletes and typeColumn/idColumn work", async () => {
    const [author] = await Author.with("articles", "notes").get();
    expect((author.getRelation("articles") as Article[]).map((a) => a.title)).toEqual(["Notes"]);
    expect((author.getRelation("notes") as Note[]).map((n) => n.body)).toEqual(["hi"]);
    const note = (await Note.query().first())!;
    await note.load("notable");
    expect((note.getRelation("notable") as Author).name).toBe("Ada");
  });

  it("a belongsToMany without pivot metadata uses the seed's implicit pivot", async () => {
    const [course] = await Course.with("students").get();
    expect((course.getRelation("students") as Student[]).map((s) => s.name)).toEqual(["Linus"]);
  });
});
