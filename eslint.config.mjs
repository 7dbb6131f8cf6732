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
    rules: {
      // CommonJS packages load optional peers and tsserver's own TypeScript lazily, on purpose; fixtures are CommonJS user code.
      "@typescript-eslint/no-require-imports": "off",
      // A model class is any constructor: `Function` is the honest type for "a class reference" here.
      "@typescript-eslint/no-unsafe-function-type": "off",
      // `interface Post extends PostAttrs {}` (declaration merging) and `{}` for kinds without options are intended.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends", allowObjectTypes: "always" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    // Tests write models the way users do, including the seed's class + interface attribute typing.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-declaration-merging": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" },
    },
  },
  { ...eloquent.configs.recommended, files: ["playground/models/**/*.ts"] },
);
