/**
 * eloquent-ts-plugin. Loaded by tsserver through `compilerOptions.plugins: [{ "name": "eloquent-ts-plugin" }]`:
 * tsserver `require`s this module and calls the exported function with its own TypeScript instance.
 * The extractor API is attached to the same export for the ESLint plugin and the CLI.
 */
import { init } from "./plugin";
import * as extract from "eloquent-analyzer";

const pluginModule = Object.assign(init, extract, { init });

export = pluginModule;
