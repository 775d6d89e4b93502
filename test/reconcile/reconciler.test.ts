import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { LoadedConfig } from "../../src/config/model";
import { runApply, runPlan } from "../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { FileStateStore } from "../../src/state/file-state-store";
import { validateApplyReport, validatePlanReport } from "../../src/config/schema";
import { config, entries, tempDir, writeJsonl } from "../support/fixtures";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const NOW = new Date("2026-11-25T12:00:00.000Z");

function shipper(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "app",
    source: { type: "file", path: "logs/*.jsonl" },
    logExporters: [
      { id: "a", type: "file", path: "out/a.jsonl" },
      { id: "b", type: "file", path: "out/b.jsonl" },
    ],
    ...over,
  };
}

function lines(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("reconciler", () => {
  let dir: string;
  let cleanup: () => void;
  let state: FileStateStore;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    state = new FileStateStore(join(dir, "state"));
  });
  afterEach(() => cleanup());

  const apply = (cfg: LoadedConfig, over: Partial<Parameters<typeof runApply>[1]> = {}) =>
    runApply(cfg, {
      state,
      secrets: new EnvSecretResolver({}),
      deadLetter: new FileDeadLetter(join(dir, "dlq")),
      now: NOW,
      owner: "test",
      backoff: { baseMs: 1, maxMs: 5 },
      ...over,
    });
  const plan = (cfg: LoadedConfig, env: NodeJS.ProcessEnv = {}) =>
    runPlan(cfg, { state, now: NOW, secrets: new EnvSecretResolver(env) });

  it("reads the source once and fans out to every exporter; a second run ships nothing", async () => {
    writeJsonl(join(dir, "logs/a.jsonl"), entries(500, T0, { tieEvery: 4 }));
    const cfg = config(dir, { shippers: [shipper({ batchSize: 64 })] });
    const { report } = await apply(cfg);
    expect(validateApplyReport(report)).toEqual([]);
    expect(report.shippers[0]).toMatchObject({
      status: "ok",
      read: 500,
      exporters: [
        { id: "a", shipped: 500 },
        { id: "b", shipped: 500 },
      ],
    });
    expect(lines(join(dir, "out/a.jsonl"))).toHaveLength(500);
    const again = await apply(cfg);
    expect(again.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([0, 0]);
    const { report: p } = await plan(cfg);
    expect(validatePlanReport(p)).toEqual([]);
    expect(p.shippers[0]?.exporters.map((e) => [e.pending, e.action])).toEqual([
      [0, "none"],
      [0, "none"],
    ]);
  });

  it("keeps ties whole across batch and run boundaries: every record exactly once after any number of interrupted runs", async () => {
    // groups of 1-9 equal timestamps; tiny batches and requests so that boundaries fall inside tie groups
    const all = entries(400, T0, {
      tieEvery: 1,
      over: (i) => ({ timestamp: new Date(T0 + Math.floor(i / (1 + (i % 9)))).toISOString() }),
    });
    all.sort((x, y) => String(x.timestamp).localeCompare(String(y.timestamp)));
    writeJsonl(join(dir, "logs/a.jsonl"), all);
    const cfg = config(dir, {
      shippers: [
        shipper({ batchSize: 7, logExporters: [{ id: "a", type: "file", path: "out/a.jsonl", chunk: 3 }] }),
      ],
    });
    const ref = { shipper: "app", offsetKey: "LogShipper-state", exporter: "a" };
    const timestamps = all.map((e) => String(e.timestamp));
    let partial = 0;
    let insideTies = 0;
    let finished = false;
    for (let stopAfter = 1; stopAfter <= 40 && !finished; stopAfter++) {
      const controller = new AbortController();
      let batches = 0;
      const { report } = await apply(cfg, {
        signal: controller.signal,
        onProgress: () => {
          if (++batches === stopAfter) controller.abort();
        },
      });
      finished = report.shippers[0]?.status === "ok";
      if (finished) break;
      expect(report.shippers[0]?.status).toBe("partial");
      expect(report.drift).toEqual([expect.objectContaining({ kind: "lagging" })]);
      partial++;
      // the interrupted run shipped a part and stopped: the records out so far end where its offset is
      const out = lines(join(dir, "out/a.jsonl"));
      expect(out.length).toBeGreaterThan(0);
      expect(out.length).toBeLessThan(all.length);
      const cursor = (await state.get(ref))?.cursor;
      expect(cursor).toBeDefined();
      // an offset inside a group of equal timestamps: the next run must ship the rest of the group, once
      if (timestamps[out.length] === timestamps[out.length - 1]) insideTies++;
    }
    expect(finished).toBe(true);
    // 400 records in batches of 7 are 58 batches; run k stops after k of them, so about ten runs are cut short
    expect(partial).toBeGreaterThanOrEqual(8);
    expect(insideTies).toBeGreaterThanOrEqual(1);
    const shipped = lines(join(dir, "out/a.jsonl")).map((e) => e.seq);
    expect(shipped).toEqual(all.map((e) => e.seq));
  });

  it("ships ties at the range's end together, and later records with that timestamp in the next run", async () => {
    const file = join(dir, "logs/a.jsonl");
    writeJsonl(
      file,
      entries(6, T0, { tieEvery: 1, over: () => ({ timestamp: "2026-11-25T11:00:00.000Z" }) }),
    );
    const cfg = config(dir, {
      shippers: [shipper({ logExporters: [{ id: "a", type: "file", path: "out/a.jsonl" }] })],
    });
    await apply(cfg, { now: new Date("2026-11-25T11:00:00.000Z") });
    expect(lines(join(dir, "out/a.jsonl"))).toHaveLength(6);
    const { appendFileSync } = await import("node:fs");
    appendFileSync(
      file,
      entries(10, T0, { tieEvery: 1, over: (i) => ({ seq: 100 + i, timestamp: "2026-11-25T11:00:00.000Z" }) })
        .slice(6)
        .map((e) => JSON.stringify(e))
        .join("\n") + "\n",
    );
    await apply(cfg, { now: new Date("2026-11-25T11:00:00.000Z") });
    expect(lines(join(dir, "out/a.jsonl")).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 106, 107, 108, 109]);
  });

  it("a failing exporter does not hold back the others, keeps its offset, and catches up after the fix", async () => {
    writeJsonl(join(dir, "logs/a.jsonl"), entries(300, T0));
    mkdirSync(join(dir, "out/broken.jsonl"), { recursive: true }); // a directory where a file should be
    const cfg = config(dir, {
      shippers: [
        shipper({
          logExporters: [
            { id: "a", type: "file", path: "out/broken.jsonl" },
            { id: "b", type: "file", path: "out/b.jsonl", chunk: 50 },
          ],
        }),
      ],
    });
    const { report } = await apply(cfg);
    expect(report.shippers[0]?.status).toBe("failed");
    expect(report.shippers[0]?.exporters[0]).toMatchObject({
      id: "a",
      status: "failed",
      shipped: 0,
      error: expect.stringMatching(/exporter a \(file\): no response: EISDIR/),
    });
    expect(report.shippers[0]?.exporters[1]).toMatchObject({ id: "b", status: "ok", shipped: 300 });
    expect(await state.get({ shipper: "app", offsetKey: "LogShipper-state", exporter: "a" })).toBeUndefined();
    expect(existsSync(join(dir, "dlq"))).toBe(false);
    const { rmSync } = await import("node:fs");
    rmSync(join(dir, "out/broken.jsonl"), { recursive: true });
    const fixed = await apply(cfg);
    expect(fixed.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([300, 0]);
    expect(lines(join(dir, "out/broken.jsonl"))).toHaveLength(300);
  });

  it("applies the level and namespace filters", async () => {
    writeJsonl(
      join(dir, "logs/a.jsonl"),
      entries(100, T0, {
        over: (i) => ({
          level: ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"][i % 5],
          namespace: ["company", "company.team", "company.team.etl", "companyx", "other"][
            Math.floor(i / 5) % 5
          ],
        }),
      }),
    );
    const cfg = config(dir, {
      shippers: [
        shipper({
          namespace: "company.team",
          logLevelFilter: "WARNING",
          logExporters: [{ id: "a", type: "file", path: "out/a.jsonl" }],
        }),
      ],
    });
    await apply(cfg);
    const got = lines(join(dir, "out/a.jsonl"));
    expect(got.length).toBe(16);
    expect(
      got.every(
        (e) =>
          ["WARN", "ERROR"].includes(e.level as string) && String(e.namespace).startsWith("company.team"),
      ),
    ).toBe(true);
  });

  describe("drift", () => {
    beforeEach(() => writeJsonl(join(dir, "logs/a.jsonl"), entries(50, NOW.getTime() - 3_600_000)));

    it("new-exporter: a new exporter backfills from the lookback", async () => {
      const { report } = await plan(config(dir, { shippers: [shipper()] }));
      expect(report.drift.map((d) => [d.kind, d.exporter])).toEqual([
        ["new-exporter", "a"],
        ["new-exporter", "b"],
      ]);
      expect(report.drift[0]?.message).toBe(
        "app/a has no offset under LogShipper-state: it backfills from now − P1D (2026-11-24T12:00:00.000Z)",
      );
      expect(report.shippers[0]?.exporters[0]).toMatchObject({
        from: "2026-11-24T12:00:00.000Z",
        to: "2026-11-25T12:00:00.000Z",
        pending: 50,
        action: "backfill",
      });
    });

    it("orphaned-state: offsets of a removed shipper, a removed exporter, or an old offsetKey", async () => {
      await apply(config(dir, { shippers: [shipper(), shipper({ id: "gone" })] }));
      const { report } = await plan(
        config(dir, {
          shippers: [
            shipper({ offsetKey: "renamed", logExporters: [{ id: "a", type: "file", path: "out/a.jsonl" }] }),
          ],
        }),
      );
      const orphans = report.drift
        .filter((d) => d.kind === "orphaned-state")
        .map((d) => `${d.shipper}/${d.offsetKey}/${d.exporter}`);
      expect(orphans.sort()).toEqual([
        "app/LogShipper-state/a",
        "app/LogShipper-state/b",
        "gone/LogShipper-state/a",
        "gone/LogShipper-state/b",
      ]);
      expect(report.drift.find((d) => d.shipper === "gone")?.message).toMatch(
        /shipper gone is no longer declared; remove it with `logshipper state rm gone a --offset-key LogShipper-state`/,
      );
    });

    it("config-changed: the exporter's config changed since its offset was written", async () => {
      await apply(config(dir, { shippers: [shipper()] }));
      const changed = config(dir, {
        shippers: [
          shipper({
            logExporters: [
              { id: "a", type: "file", path: "out/elsewhere.jsonl" },
              { id: "b", type: "file", path: "out/b.jsonl", chunk: 7 },
            ],
          }),
        ],
      });
      const { report } = await plan(changed);
      expect(report.drift.map((d) => [d.kind, d.exporter])).toEqual([["config-changed", "a"]]);
      const applied = await apply(changed);
      expect(applied.report.drift).toEqual([]);
      expect((await plan(changed)).report.drift).toEqual([]);
    });

    it("lagging and long-backlog, only while work is pending, saying how far behind", async () => {
      const cfg = config(dir, {
        shippers: [
          shipper({ logExporters: [{ id: "a", type: "file", path: "out/a.jsonl" }], schedule: "0 * * * *" }),
        ],
      });
      await apply(cfg);
      writeJsonl(join(dir, "logs/b.jsonl"), entries(10, NOW.getTime() + 3 * 3_600_000));
      const lag = await runPlan(cfg, { state, now: new Date(NOW.getTime() + 4 * 3_600_000) });
      expect(lag.report.drift).toEqual([
        expect.objectContaining({
          kind: "lagging",
          exporter: "a",
          lagSeconds: expect.any(Number),
          message: expect.stringMatching(
            /app\/a is (4h 59m|5h) behind \(committed up to 2026-11-25T11:00:00.049Z\), more than the lag threshold of 2h/,
          ),
        }),
      ]);
      const backlog = await runPlan(cfg, { state, now: new Date(NOW.getTime() + 30 * 3_600_000) });
      expect(backlog.report.drift).toEqual([
        expect.objectContaining({
          kind: "long-backlog",
          message: expect.stringMatching(
            /app\/a is 1d 6h behind \(offset at 2026-11-25T11:00:00.049Z\), further than its lookbackPeriod P1D; it ships everything from its offset, nothing is skipped/,
          ),
        }),
      ]);
      const caughtUp = await apply(cfg, { now: new Date(NOW.getTime() + 30 * 3_600_000) });
      expect(caughtUp.report.shippers[0]?.exporters[0]?.shipped).toBe(10);
      expect(
        (await runPlan(cfg, { state, now: new Date(NOW.getTime() + 60 * 3_600_000) })).report.drift,
      ).toEqual([]);
    });

    it("destination-window: pending logs older than the destination accepts are flagged by plan", async () => {
      const cfg = config(dir, {
        shippers: [
          shipper({
            lookbackPeriod: "P2D",
            logExporters: [
              {
                id: "dd",
                type: "datadog",
                basePath: "https://http-intake.logs.datadoghq.eu",
                apiKey: "{{ secret('DD') }}",
              },
            ],
          }),
        ],
      });
      const { report } = await plan(cfg, { SECRET_DD: Buffer.from("key").toString("base64") });
      expect(report.drift.map((d) => d.kind)).toEqual(["new-exporter", "destination-window"]);
      expect(report.drift[1]?.message).toMatch(
        /pending logs from 2026-11-23T12:00:00.000Z are older than Datadog accepts logs from 18 hours in the past/,
      );
    });

    it("secret-unresolvable and source-missing", async () => {
      const cfg = config(dir, {
        shippers: [
          shipper({
            source: { type: "file", path: "nowhere/*.jsonl" },
            logExporters: [
              { id: "dd", type: "datadog", basePath: "https://x.example.com", apiKey: "{{ secret('DD') }}" },
            ],
          }),
        ],
      });
      const { report } = await plan(cfg);
      expect(report.drift.map((d) => d.kind)).toEqual([
        "secret-unresolvable",
        "source-missing",
        "new-exporter",
      ]);
      expect(report.drift[0]?.message).toMatch(/secret DD is not set: export SECRET_DD/);
      expect(report.shippers[0]?.exporters[0]?.pending).toBe(0);
    });

    it("locked: a second apply while the first holds the lock is skipped, naming the holder", async () => {
      const cfg = config(dir, { shippers: [shipper()] });
      const lease = await state.acquireLease("app", { owner: "other-run", ttlMs: 60_000 });
      const { report } = await apply(cfg);
      expect(report.shippers[0]).toMatchObject({
        status: "skipped",
        message: expect.stringMatching(/shipper app is locked by pid \d+ on .*run other-run/),
      });
      expect(report.drift).toEqual([expect.objectContaining({ kind: "locked" })]);
      await lease.release();
      expect((await apply(cfg)).report.shippers[0]?.status).toBe("ok");
    });
  });
});
