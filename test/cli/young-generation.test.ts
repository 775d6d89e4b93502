import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/**
 * Runs a child that allocates short-lived objects while holding a few MB (as records in flight are held), with or
 * without the cap at 16 MiB, and prints the size its new space reached. V8 grows it to 64 MiB or more on a 64-bit machine with a few GiB
 * (Node 24), so the uncapped child grows past 16 MiB.
 */
function newSpaceAfterChurn(cap: boolean, nodeArgs: string[] = []): number {
  const script = `
    const { capYoungGeneration } = require(${JSON.stringify(join(ROOT, "src/cli/young-generation.ts"))});
    const v8 = require("node:v8");
    if (${cap}) capYoungGeneration(16 * 1024 * 1024);
    const held = new Array(20000);
    let i = 0;
    function churn() {
      for (let n = 0; n < 20000; n++, i++) {
        const o = { a: i, b: "s" + i, c: [i, i + 1] };
        if (i % 5 === 0) held[(i / 5) % held.length] = o;
      }
      if (i < 2e6) setImmediate(churn); // the event loop turns, as in a shipping run: the GC observer runs
      else console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);
    }
    churn();
  `;
  const r = spawnSync(process.execPath, [...nodeArgs, "--import", "tsx", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

describe("capYoungGeneration", () => {
  it("keeps V8's new space at the cap, where it would grow past it otherwise", () => {
    expect(newSpaceAfterChurn(false)).toBeGreaterThan(16 * 1024 * 1024);
    expect(newSpaceAfterChurn(true)).toBeLessThanOrEqual(16 * 1024 * 1024);
  }, 60_000);

  it("leaves the size to the user who chose one with a node flag", () => {
    expect(newSpaceAfterChurn(true, ["--max-semi-space-size=16"])).toBeGreaterThan(16 * 1024 * 1024);
  }, 60_000);
});
