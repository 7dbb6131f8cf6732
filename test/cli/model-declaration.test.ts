/**
 * The model-declaration rule (ELQ951) in the CI fronts: a file importing the package whose class is not
 * understood as a model, or a project without models, is one error naming the class and the form — and
 * `eloquent check` exits non-zero instead of "No relation problems".
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeProject } from "../eslint/corpus-projects";
import { CLI, ESLINT10, parseEslintJson, run } from "../eslint/run";

const NOT_UNDERSTOOD = `import { column, relation } from "@alpha.consultings/eloquent-orm.js";
import { SqlModel, MongoModel } from "@alpha.consultings/eloquent-orm.js/Model";

const bases = { sql: SqlModel, mongo: MongoModel };

export class User extends bases[process.env.STORE === "mongo" ? "mongo" : "sql"] {
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasMany", "Post", { foreignKey: "usr_id" }),
  };
}
`;

const IMPORTS_ONLY = `import { column } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
export const columns = { id: column("increments") };
export type Base = SqlModel;
`;

describe("model-declaration (ELQ951)", () => {
  it("eloquent check: a class not understood as a model is an error naming it and its base form; exit 1", () => {
    const project = writeProject({ "user.ts": NOT_UNDERSTOOD });
    try {
      const result = run(CLI, ["check", project.root, "--format", "json"], project.root);
      expect(result.status).toBe(1);
      const report = JSON.parse(result.stdout) as {
        summary: { models: number };
        diagnostics: Array<{ ruleId: string; code: string; severity: string; line: number; message: string }>;
      };
      expect(report.summary.models).toBe(0);
      expect(report.diagnostics).toHaveLength(1);
      expect(report.diagnostics[0]).toMatchObject({ ruleId: "model-declaration", code: "ELQ951", severity: "error", line: 6 });
      expect(report.diagnostics[0]!.message).toContain(
        'User declares a static schema, but eloquent does not understand it as a model: its base `extends bases[process.env.STORE === "mongo" ? "mongo" : "sql"]` is a form eloquent cannot follow',
      );
    } finally {
      project.cleanup();
    }
  });

  it("eloquent check: 0 models in files that import a model base exits 1 with the import named", () => {
    const project = writeProject({ "columns.ts": IMPORTS_ONLY });
    try {
      const result = run(CLI, ["check", project.root, "--quiet"], project.root);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain("This file imports column from 'eloquent-orm', but eloquent found no model class in the project");
    } finally {
      project.cleanup();
    }
  });

  it("ESLint (recommended) reports the same error on the class name", () => {
    const project = writeProject({ "user.ts": NOT_UNDERSTOOD });
    try {
      writeFileSync(
        join(project.root, "eslint.config.mjs"),
        `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`,
      );
      const files = parseEslintJson(run(ESLINT10, ["--format", "json", "user.ts"], project.root));
      const messages = files.flatMap((file) => file.messages);
      expect(messages.map((m) => [m.ruleId, m.line, (m as { severity?: number }).severity])).toEqual([
        ["eloquent/model-declaration", 6, 2],
      ]);
    } finally {
      project.cleanup();
    }
  });
});
