/**
 * One corpus fixture opened in a real tsserver with eloquent-ts-plugin (TypeScript 5.9): the shared set-up of the
 * editor-feature tests (hover, completions) that read a fixture of test/fixtures/relations. Call it at the top
 * level of a test file; `hover` / `completions` locate a needle in the fixture's text.
 */
import { afterAll, beforeAll } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCorpusProjects, TSCONFIG, type CorpusProjects } from "../eslint/corpus-projects";
import { locate, REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const TSCONFIG_WITH_PLUGIN = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, plugins: [{ name: "eloquent-ts-plugin" }] } };

export interface FixtureSession {
  readonly label: string;
  readonly source: string;
  /** The quick info documentation at `needle` (+`column` characters). */
  hover(needle: string, column?: number): Promise<string>;
  /** The completion entry names at `needle` (+`column` characters). */
  completions(needle: string, column: number): Promise<string[]>;
  request(command: string, args: Record<string, unknown>): Promise<any>;
  /** The fixture's copy in the temporary project (the file tsserver has open). */
  file(): string;
}

export function fixtureSession(fixture: string, prefix: string): FixtureSession {
  const path = join(REPO_ROOT, fixture);
  const source = readFileSync(path, "utf8");
  const { tsserver, label } = TYPESCRIPT_VERSIONS[0]!;
  let corpus: CorpusProjects;
  let copy: string;
  let server: TsServer;
  beforeAll(() => {
    corpus = createCorpusProjects([path], prefix, TSCONFIG_WITH_PLUGIN);
    copy = [...corpus.originals.keys()][0]!;
    server = new TsServer({ tsserver });
    server.open(copy);
  });
  afterAll(async () => {
    await server.close();
    corpus.cleanup();
  });
  const request = (command: string, args: Record<string, unknown>) => server.request(command, { file: copy, ...args });
  return {
    label,
    source,
    request,
    file: () => copy,
    async hover(needle, column = 2) {
      const at = locate(source, needle, column);
      const info = await request("quickinfo", { line: at.line, offset: at.offset });
      return typeof info.documentation === "string" ? info.documentation : info.documentation.map((part: any) => part.text).join("");
    },
    async completions(needle, column) {
      const at = locate(source, needle, column);
      const info = await request("completionInfo", { line: at.line, offset: at.offset });
      return info.entries.map((e: any) => e.name) as string[];
    },
  };
}
