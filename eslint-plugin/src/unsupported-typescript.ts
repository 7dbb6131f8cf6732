/**
 * With TypeScript 7 (native, no JavaScript API) installed, typescript-eslint's parser cannot load, and a
 * config that required it would stop ESLint with a stack trace. Instead `recommended` becomes a config whose
 * stub parser yields an empty program for .ts files and whose `internal-error` rule reports the one line
 * saying what is wrong and how to fix it, once per lint run.
 */
import type { TSESLint } from "@typescript-eslint/utils";

export const unsupported: { message: string | undefined; reported: boolean } = { message: undefined, reported: false };

export const EMPTY_PROGRAM_PARSER: TSESLint.FlatConfig.Parser = {
  meta: { name: "eslint-plugin-eloquent/unsupported-typescript" },
  parseForESLint(text: string) {
    const lines = text.split("\n");
    const end = { line: lines.length, column: lines[lines.length - 1]!.length };
    return {
      ast: {
        type: "Program",
        body: [],
        sourceType: "module",
        range: [0, text.length],
        loc: { start: { line: 1, column: 0 }, end },
        tokens: [],
        comments: [],
      },
      visitorKeys: { Program: ["body"] },
    };
  },
} as unknown as TSESLint.FlatConfig.Parser;
