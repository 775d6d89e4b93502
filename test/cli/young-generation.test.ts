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

/**
 * The main thread reaches a small cap (growth turned off, a process-wide V8 flag), then, with or without
 * `releaseYoungGenerationCap`, starts a worker thread bounded like a slice worker, which churns as a shipping run
 * does and prints the size its own new space reached.
 */
function workerNewSpace(release: boolean): number {
  const script = `
    const { capYoungGeneration, releaseYoungGenerationCap } = require(${JSON.stringify(join(ROOT, "src/cli/young-generation.ts"))});
    const { Worker } = require("node:worker_threads");
    capYoungGeneration(2 * 1024 * 1024);
    const held = new Array(20000);
    let i = 0;
    function churn() {
      for (let n = 0; n < 20000; n++, i++) {
        const o = { a: i, b: "s" + i, c: [i, i + 1] };
        if (i % 5 === 0) held[(i / 5) % held.length] = o;
      }
      if (i < 5e5) return setImmediate(churn);
      if (${release}) releaseYoungGenerationCap();
      const worker = new Worker(${JSON.stringify(`
        const v8 = require("node:v8");
        const { parentPort } = require("node:worker_threads");
        const held = new Array(20000);
        let i = 0;
        function churn() {
          for (let n = 0; n < 20000; n++, i++) {
            const o = { a: i, b: "s" + i, c: [i, i + 1] };
            if (i % 5 === 0) held[(i / 5) % held.length] = o;
          }
          if (i < 2e6) setImmediate(churn);
          else parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);
        }
        churn();
      `)}, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
      worker.on("message", (size) => { console.log(size); process.exit(0); });
    }
    churn();
  `;
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

describe("releaseYoungGenerationCap (apply --parallel N)", () => {
  it("lets a worker thread started after the cap grow its own new space", () => {
    // without it the worker keeps V8's smallest new space and scavenges all the time
    expect(workerNewSpace(false)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(workerNewSpace(true)).toBeGreaterThan(4 * 1024 * 1024);
  }, 60_000);
});
