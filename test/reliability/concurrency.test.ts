import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/fixtures";
import { delay, launch, type Exit } from "./support/child";
import { countFile, NOW, scenarioRandom, writeNumberedLogs } from "./support/data";
import { recordResult, tally } from "./support/results";

// Four applies at once on the same state: one ships, the others exit cleanly (1 with the lock holder named, or 0
// having shipped nothing because they started after it finished), nothing is shipped twice, and the offset never
// moves backwards while they run.

const N = 100_000;

describe("concurrent applies", () => {
  let dir: string;
  let cleanup: () => void;
  let ids: number[];
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir("logshipper-concurrency-"));
    ids = await writeNumberedLogs(join(dir, "logs", "kestra.jsonl"), { count: N, seed: 3 });
  });
  afterAll(() => cleanup());

  it("file state: four applies at once, one ships, the others stop cleanly, the offset only moves forward", async () => {
    const { seed, random } = scenarioRandom("concurrency-file");
    const config = join(dir, "c.yaml");
    writeFileSync(
      config,
      `shippers:
  - id: conc
    source: { type: file, path: "logs/*.jsonl" }
    logLevelFilter: TRACE
    logExporters:
      - { id: out, type: file, path: out/out.jsonl, chunk: 1000, concurrency: 2 }
`,
    );
    const stateFile = join(dir, "state", "conc.json");
    const cursor = (): string | undefined => {
      if (!existsSync(stateFile)) return undefined;
      const doc = JSON.parse(readFileSync(stateFile, "utf8")) as {
        offsets: Record<string, { cursor: { ts: string; key: string } }>;
      };
      const c = Object.values(doc.offsets)[0]?.cursor;
      return c && `${c.ts} ${c.key}`;
    };
    // the first starts now, two within its first second, the last at a random moment up to twice its length
    const delays = [0, random() * 300, random() * 1000, 1000 + random() * 8000];
    const runs: Array<{ pid: number; exit: Promise<Exit> }> = [];
    const samples: string[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const c = cursor();
        if (c !== undefined && c !== samples.at(-1)) samples.push(c);
        await delay(5);
      }
    })();
    const started = Date.now();
    for (const d of delays) {
      const wait = started + d - Date.now();
      if (wait > 0) await delay(wait);
      const r = launch(["apply", "-c", config, "--state", join(dir, "state"), "--now", NOW, "--json"], {
        cwd: dir,
      });
      runs.push({ pid: r.child.pid as number, exit: r.exited });
    }
    const exits = await Promise.all(runs.map((r) => r.exit));
    sampling = false;
    await sampler;

    const { seen, corrupt } = countFile(join(dir, "out", "out.jsonl"));
    const t = tally(ids, seen);
    const shippedBy = exits.map((e) =>
      e.code === 0
        ? (JSON.parse(e.stdout) as { shippers: Array<{ exporters: Array<{ shipped: number }> }> }).shippers[0]
            ?.exporters[0]?.shipped
        : undefined,
    );
    const locked = exits.filter((e) => e.code === 1);
    recordResult({
      scenario: "concurrency: 4 applies, file state",
      faults: `4 applies started at +${delays.map((d) => Math.round(d)).join(", +")} ms`,
      expected: t.expected,
      delivered: t.delivered,
      duplicated: t.duplicated,
      lost: t.lost,
      note: `${locked.length} refused (locked), ${exits.length - locked.length} exit 0 (shipped ${shippedBy.filter((s) => s !== undefined).join(", ")}); ${samples.length} offsets sampled, none backwards; seed ${seed}`,
    });
    expect(corrupt).toEqual([]);
    expect(t.missing).toEqual([]);
    expect(t.duplicated).toBe(0);
    // exactly one run shipped; every other one either found the lock (exit 1, naming the holder) or came later
    expect(shippedBy.filter((s) => s !== undefined && s > 0)).toEqual([N]);
    const holder = runs[shippedBy.indexOf(N)]?.pid;
    for (const e of exits) {
      expect(e.signal).toBeNull();
      if (e.code === 0) continue;
      expect(e.code).toBe(1);
      const report = JSON.parse(e.stdout) as { shippers: Array<{ status: string; message: string }> };
      expect(report.shippers[0]?.status).toBe("skipped");
      expect(report.shippers[0]?.message).toMatch(new RegExp(`shipper conc is locked by pid ${holder} on `));
      expect(e.stderr).toBe("");
    }
    expect(locked.length).toBeGreaterThanOrEqual(1);
    // the offset only moved forward
    for (let i = 1; i < samples.length; i++) expect(samples[i] > (samples[i - 1] as string)).toBe(true);
    expect(samples.length).toBeGreaterThan(3);
    expect(statSync(stateFile).size).toBeGreaterThan(0);
  });
});
