/**
 * ESLint in a long-lived process (an editor's ESLint server): an edit saved in another model file must
 * change the next lint of this file, with and without type information; the linted file's own unsaved
 * text always wins over the disk.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ESLint } from "eslint";
import { afterEach, describe, expect, it } from "vitest";
import { writeProject } from "./corpus-projects";
import { FLAT_CONFIG, POST_TS, PROJECT_FILES, USER_TS } from "./project-fixture";

const TYPED_CONFIG = `import eloquent from "eslint-plugin-eloquent";
export default [
  eloquent.configs.recommended,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
];
`;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function rulesIn(eslint: ESLint, file: string, text?: string): Promise<string[]> {
  const [result] = text === undefined ? await eslint.lintFiles([file]) : await eslint.lintText(text, { filePath: file });
  return result!.messages.map((m) => `${m.line} ${m.ruleId}`).sort();
}

for (const mode of ["untyped", "typed"] as const) {
  describe(`long-lived ESLint (${mode})`, () => {
    it("sees a model renamed in another file on the next lint, and the unsaved text of the linted file", async () => {
      const project = writeProject(PROJECT_FILES, `eloquent-long-lived-${mode}-`);
      cleanup = project.cleanup;
      writeFileSync(join(project.root, "eslint.config.mjs"), mode === "typed" ? TYPED_CONFIG : FLAT_CONFIG);
      const eslint = new ESLint({ cwd: project.root });
      const post = join(project.root, "src/post.ts");

      expect(await rulesIn(eslint, post)).toEqual(["10 eloquent/has-foreign-key", "9 eloquent/relation-target-exists"]);

      // Another file changes on disk: User becomes Usr, so Post's target now exists.
      writeFileSync(join(project.root, "src/user.ts"), USER_TS.replace("class User ", "class Usr "));
      await sleep(300);
      expect(await rulesIn(eslint, post)).toEqual(["10 eloquent/has-foreign-key"]);

      // The editor buffer of post.ts (unsaved) points at a model that does not exist.
      const unsaved = POST_TS.replace('"Usr"', '"Writer"');
      expect(await rulesIn(eslint, post, unsaved)).toEqual(["10 eloquent/has-foreign-key", "9 eloquent/relation-target-exists"]);
    });
  });
}
