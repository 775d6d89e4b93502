import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/fixtures";
import { delay, launch, run, type Exit } from "./support/child";
import { countFile, NOW, scenarioRandom, writeNumberedLogs, writeShipperConfig } from "./support/data";
import { cursorOf, dynamoClient, dynamoEnv, getOffsetItem } from "./support/aws";
import { recordResult, tally } from "./support/results";

// Four applies at once on the same state: one ships, the others exit cleanly (1 with the lock holder named, or 0
// having shipped nothing because they started after it finished), nothing is shipped twice, and the offset never
// moves backwards while they run (sampled from the state itself).

const N = 100_000;

interface Target {
  readonly name: string;
  readonly location: string;
  readonly env: NodeJS.ProcessEnv;
  /** The stored cursor now (`ts key`), or undefined. */
  cursor(): Promise<string | undefined>;
  /** How a refused run names the holder, given the holder's pid. */
  holder(pid: number): RegExp;
}

describe("concurrent applies", () => {
  let dir: string;
  let cleanup: () => void;
  let ids: number[];
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir("logshipper-concurrency-"));
    ids = await writeNumberedLogs(join(dir, "logs", "kestra.jsonl"), { count: N, seed: 3 });
  });
  afterAll(() => cleanup());

  async function scenario(name: string, target: Target): Promise<void> {
    const { seed, random } = scenarioRandom(name);
    const config = writeShipperConfig(dir, name, [
      `{ id: out, type: file, path: out/${name}.jsonl, chunk: 1000, concurrency: 2 }`,
    ]);
    // the first starts now, two within its first second, the last at a random moment up to a few runs later
    const delays = [0, random() * 300, random() * 1000, 1000 + random() * 8000];
    const runs: Array<{ pid: number; exit: Promise<Exit> }> = [];
    const samples: string[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const c = await target.cursor();
        if (c !== undefined && c !== samples.at(-1)) samples.push(c);
        await delay(5);
      }
    })();
    const started = Date.now();
    for (const d of delays) {
      const wait = started + d - Date.now();
      if (wait > 0) await delay(wait);
      const r = launch(["apply", "-c", config, "--state", target.location, "--now", NOW, "--json"], {
        cwd: dir,
        env: target.env,
      });
      runs.push({ pid: r.child.pid as number, exit: r.exited });
    }
    const exits = await Promise.all(runs.map((r) => r.exit));
    sampling = false;
    await sampler;

    const { seen, corrupt } = countFile(join(dir, "out", `${name}.jsonl`));
    const t = tally(ids, seen);
    type Report = {
      shippers: Array<{ status: string; message?: string; exporters: Array<{ shipped: number }> }>;
    };
    const reports = exits.map((e) => JSON.parse(e.stdout) as Report);
    const shippedBy = reports.map((r) => r.shippers[0]?.exporters[0]?.shipped ?? 0);
    const locked = exits.filter((e) => e.code === 1).length;
    recordResult({
      scenario: `concurrency: 4 applies, ${target.name}`,
      faults: `4 applies started at +${delays.map((d) => Math.round(d)).join(", +")} ms`,
      expected: t.expected,
      delivered: t.delivered,
      duplicated: t.duplicated,
      lost: t.lost,
      note: `${locked} refused (locked), ${exits.length - locked} exit 0 (shipped ${shippedBy.filter((_, i) => exits[i]?.code === 0).join(", ")}); ${samples.length} offsets sampled, none backwards; seed ${seed}`,
    });
    expect(corrupt).toEqual([]);
    expect(t.missing).toEqual([]);
    expect(t.duplicated).toBe(0);
    // exactly one run shipped; each other one found the lock (exit 1, naming the holder) or came after it
    expect(shippedBy.filter((s) => s > 0)).toEqual([N]);
    const holder = runs[shippedBy.indexOf(N)]?.pid as number;
    for (const [i, e] of exits.entries()) {
      expect({ signal: e.signal, stderr: e.stderr }).toEqual({ signal: null, stderr: "" });
      if (e.code === 0) continue;
      expect(e.code).toBe(1);
      expect(reports[i]?.shippers[0]?.status).toBe("skipped");
      expect(reports[i]?.shippers[0]?.message).toMatch(target.holder(holder));
    }
    expect(locked).toBeGreaterThanOrEqual(1);
    // the offset only moved forward
    for (let i = 1; i < samples.length; i++) expect(samples[i] > (samples[i - 1] as string)).toBe(true);
    expect(samples.length).toBeGreaterThan(3);
  }

  it("file state: four applies at once, one ships, the others stop cleanly, the offset only moves forward", async () => {
    const stateDir = join(dir, "state");
    const stateFile = join(stateDir, "concfile.json");
    await scenario("concfile", {
      name: "file state",
      location: stateDir,
      env: {},
      cursor: async () => {
        if (!existsSync(stateFile)) return undefined;
        const doc = JSON.parse(readFileSync(stateFile, "utf8")) as {
          offsets: Record<string, { cursor: { ts: string; key: string } }>;
        };
        const c = Object.values(doc.offsets)[0]?.cursor;
        return c && `${c.ts} ${c.key}`;
      },
      holder: (pid) => new RegExp(`^shipper concfile is locked by pid ${pid} on `),
    });
  });

  it("DynamoDB state (moto): four applies at once, one ships, the others stop cleanly, the offset only moves forward", async () => {
    const table = `conc-${Date.now()}`;
    const init = await run(["state", "init", "--state", `dynamodb://${table}`], {
      cwd: dir,
      env: dynamoEnv(),
    });
    expect(init.code).toBe(0);
    const client = dynamoClient();
    try {
      await scenario("concddb", {
        name: "DynamoDB state",
        location: `dynamodb://${table}`,
        env: dynamoEnv(),
        cursor: async () =>
          cursorOf(await getOffsetItem(client, table, "concddb", "LogShipper-state", "out")),
        holder: (pid) => new RegExp(`^shipper concddb is locked by run ${pid}@`),
      });
    } finally {
      client.destroy();
    }
  });
});
