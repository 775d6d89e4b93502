import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

describe("generated types", () => {
  it("match the JSON Schemas (run `npm run generate` after changing a schema)", () => {
    // json-schema-to-typescript formats with prettier, which needs native dynamic import: run it outside jest
    const run = spawnSync(
      process.execPath,
      [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "scripts/generate-types.ts"), "--check"],
      {
        encoding: "utf8",
      },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("the check fails when a generated file is stale", () => {
    const run = spawnSync(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(join(root, "node_modules/tsx/dist/cjs/api/index.cjs"))}).register();
         const fs = require("fs");
         const real = fs.readFileSync;
         fs.readFileSync = (p, ...a) => String(p).endsWith("generated/state.ts") ? "// stale" : real(p, ...a);
         require(${JSON.stringify(join(root, "scripts/generate-types.ts"))}).staleFiles().then((s) => { console.log(JSON.stringify(s)); });`,
      ],
      { encoding: "utf8" },
    );
    expect(JSON.parse(run.stdout.trim())).toEqual(["generated/state.ts"]);
  });
});
