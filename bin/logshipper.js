#!/usr/bin/env node
"use strict";
// The logshipper CLI. The TypeScript sources are bundled into dist/cli.js by `npm run build`
// (run automatically by `npm ci`/`npm install`).
const path = require("node:path");
const bundle = path.join(__dirname, "..", "dist", "cli.js");
// the bundle has no line breaks to keep its source small in memory: with --debug, map stack traces back to the
// TypeScript sources (dist/cli.js.map); this must happen before the bundle is loaded
if (process.argv.includes("--debug")) process.setSourceMapsEnabled(true);
let cli;
try {
  cli = require(bundle);
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("dist")) {
    process.stderr.write("logshipper is not built yet: run `npm run build` (npm ci does it for you).\n");
    process.exit(1);
  }
  throw err;
}
// bounds V8's young generation (see src/cli/young-generation.ts), as `node dist/cli.js` does
cli.capYoungGeneration();
cli.runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`Error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
