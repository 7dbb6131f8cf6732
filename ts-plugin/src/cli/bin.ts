#!/usr/bin/env node
/** Stand-alone entry (`node eloquent-ts-plugin/dist/cli/bin.js check`); the runtime's `eloquent` bin calls main() too. */
import { main } from "./index";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eloquent: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
