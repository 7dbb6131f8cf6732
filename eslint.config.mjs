// The repository lints itself: typescript-eslint on the packages, tests and benchmarks, and eloquent's own
// plugin on the playground models (which must stay free of relation problems).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import eloquent from "eslint-plugin-eloquent";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "test/fixtures/**",
      "playground/broken/**",
      "bench/peers/**",
      "**/*.d.ts",
      "bench/ts-plugin/generated/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // CommonJS packages load optional peers and tsserver's own TypeScript lazily, on purpose.
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" },
    },
  },
  { ...eloquent.configs.recommended, files: ["playground/models/**/*.ts"] },
);
