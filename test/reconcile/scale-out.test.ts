import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { LoadedConfig } from "../../src/config/model";
import { cursorAt } from "../../src/core/cursor";
import { fromEpochMs, justAfter } from "../../src/core/timestamp";
import { type ApplyContext } from "../../src/reconcile/apply";
import { runApply, runPlan } from "../../src/reconcile/reconciler";
import {
  advanceWatermarks,
  finalizeRun,
  planRun,
  runSliced,
  shipSlice,
  type RunHandle,
} from "../../src/reconcile/scale-out";
import { renderPlan } from "../../src/cli/render-plan";
import { fileKey } from "../../src/sources/file-source";
import { createSource } from "../../src/sources/registry";
import type { Cursor } from "../../src/core/cursor";
import type { Source } from "../../src/sources/source";
import { validatePlanReport } from "../../src/config/schema";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { FileStateStore } from "../../src/state/file-state-store";
import { config, entries, tempDir, writeJsonl } from "../support/fixtures";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const NOW = new Date("2026-11-25T12:00:00.000Z");

function lines(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function seqs(file: string): number[] {
  return lines(file)
    .map((l) => Number((l as { seq?: number }).seq ?? /m(\d+)/.exec(String(l.message))?.[1]))
    .sort((a, b) => a - b);
}

/** The positions (ts, key) of the records of `logs/a.jsonl` under `dir`, in file order. */
function positions(dir: string): Cursor[] {
  const text = readFileSync(join(dir, "logs/a.jsonl"), "utf8");
  const out: Cursor[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    if (line !== "") {
      const ts = (JSON.parse(line) as { timestamp: string }).timestamp.replace("Z", "000000Z");
      out.push({ ts, key: fileKey("logs/a.jsonl", offset) });
    }
    offset += Buffer.byteLength(line) + 1;
  }
  return out;
}

/** Where a serial run leaves an offset after shipping every record before `until`: the last such record. */
function lastBefore(dir: string, until: string): Cursor | undefined {
  return positions(dir)
    .filter((p) => p.ts < until)
    .reduce<Cursor | undefined>(
      (a, b) => (a === undefined || b.ts > a.ts || (b.ts === a.ts && b.key > a.key) ? b : a),
      undefined,
    );
}

describe("runSliced on a file source with two file exporters", () => {
  let dir: string;
  let cleanup: () => void;
  let state: FileStateStore;
  let cfg: LoadedConfig;
  const shipperDoc = {
    id: "app",
    source: { type: "file", path: "logs/*.jsonl" },
    batchSize: 50,
    lookbackPeriod: "P1D",
    logExporters: [
      { id: "a", type: "file", path: "out/a.jsonl", chunk: 40 },
      { id: "b", type: "file", path: "out/b.jsonl", chunk: 70 },
    ],
  };
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    state = new FileStateStore(join(dir, "state"));
    cfg = config(dir, { shippers: [shipperDoc] });
  });
  afterEach(() => cleanup());

  const ctx = (over: Partial<ApplyContext> = {}): ApplyContext => ({
    state,
    secrets: new EnvSecretResolver({}),
    deadLetter: new FileDeadLetter(join(dir, "dlq")),
    now: NOW,
    owner: "test",
    backoff: { baseMs: 1, maxMs: 5 },
    ...over,
  });

  /** 1200 records over ~60 minutes, three per timestamp. */
  const write1200 = (): void =>
    writeJsonl(
      join(dir, "logs/a.jsonl"),
      entries(1200, T0, { tieEvery: 3 }).map((e, i) => ({
        ...e,
        timestamp: new Date(T0 + Math.floor(i / 3) * 9000).toISOString(),
      })),
    );

  it("ships every record exactly once and leaves the watermark where a serial run resumes", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const ran: string[] = [];
    const run = await runSliced(
      shipper,
      ctx(),
      { sliceTarget: 100, minRecordsToSlice: 0 },
      (id, handle) => {
        ran.push(id);
        return shipSlice(shipper, handle, id, ctx());
      },
      3,
    );
    expect(ran.length).toBeGreaterThan(10);
    expect(new Set(ran).size).toBe(ran.length);
    expect(run.status).toBe("ok");
    const all = Array.from({ length: 1200 }, (_, i) => i);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
    expect(run.exporters.map((e) => e.outcome?.shipped)).toEqual([1200, 1200]);
    // the watermark is where a serial run leaves the offset: run one on a copy and compare
    const serial = tempDir();
    try {
      writeJsonl(
        join(serial.dir, "logs/a.jsonl"),
        readFileSync(join(dir, "logs/a.jsonl"), "utf8").trim().split("\n"),
      );
      const serialState = new FileStateStore(join(serial.dir, "state"));
      const serialCfg = config(serial.dir, {
        shippers: [cfg.shippers[0]!.id].map(() => JSON.parse(JSON.stringify(shipperDoc))),
      });
      await runApply(serialCfg, {
        ...ctx(),
        state: serialState,
        deadLetter: new FileDeadLetter(join(serial.dir, "dlq")),
      });
      for (const id of ["a", "b"]) {
        const ref = { shipper: "app", offsetKey: shipper.offsetKey, exporter: id };
        const offset = await state.get(ref);
        expect(offset?.cursor).toEqual((await serialState.get(ref))?.cursor);
        expect(offset?.cursor).toEqual(lastBefore(dir, justAfter(fromEpochMs(NOW.getTime()))));
        expect(offset?.shipped).toBe(1200);
      }
    } finally {
      serial.cleanup();
    }
    expect(await state.getSlicePlan("app", shipper.offsetKey)).toBeUndefined();
    // a serial run afterwards ships nothing
    const again = await runApply(cfg, ctx());
    expect(again.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([0, 0]);
    // and resumes exactly where the serial run would: new records, one of them exactly at the old end, ship once
    const later = [0, 1, 2].map((k) => ({
      ...entries(1, NOW.getTime() + k * 1000)[0]!,
      message: `m${1200 + k}`,
      seq: 1200 + k,
    }));
    writeJsonl(join(dir, "logs/b.jsonl"), later);
    const next = await runApply(cfg, ctx({ now: new Date(NOW.getTime() + 60_000) }));
    expect(next.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([3, 3]);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual([...all, 1200, 1201, 1202]);
  });

  const settings = { sliceTarget: 100, minRecordsToSlice: 0 };
  const all = Array.from({ length: 1200 }, (_, i) => i);
  const offsetOf = (id: string) =>
    state.get({ shipper: "app", offsetKey: cfg.shippers[0]!.offsetKey, exporter: id });

  it("after a crash between slices' ends and the watermark commit, the next run re-ships none of them", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const first = ctx({ owner: "one", leaseTtlMs: 300 });
    const planned = await planRun(shipper, first, settings);
    expect(planned.pending.length).toBeGreaterThan(11);
    const handle = planned.handle as RunHandle;
    for (const id of ["s0007", "s0002", "s0000", "s0011"]) {
      const r = await shipSlice(shipper, handle, id, first);
      expect(r.done).toBe(true);
    }
    // a slice stopped in the middle (after two source batches): its progress keeps what was acknowledged
    const abort = new AbortController();
    const stopping = ctx({
      owner: "one",
      leaseTtlMs: 300,
      signal: abort.signal,
      createSource: async (s, c): Promise<Source> => {
        const real = await createSource(s.source, c);
        return {
          ...real,
          describe: () => real.describe(),
          count: (r) => real.count(r),
          check: (id) => real.check(id),
          async *read(range, options) {
            let n = 0;
            for await (const batch of real.read(range, options)) {
              yield batch;
              if (++n === 2) abort.abort();
            }
          },
        };
      },
    });
    const partial = await shipSlice(shipper, handle, "s0005", stopping);
    expect(partial.done).toBe(false);
    expect(partial.exporters.map((e) => e.status)).toEqual(["partial", "partial"]);
    // crash: no watermark commit, the lease is left to expire
    expect(await offsetOf("a")).toBeUndefined();
    await sleep(400);
    const before = seqs(join(dir, "out/a.jsonl")).length;
    expect(before).toBeGreaterThan(200);
    const run = await runSliced(shipper, ctx({ owner: "two" }), settings, undefined, 2);
    expect(run.status).toBe("ok");
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
    // this run's counts: what it shipped itself
    expect(run.exporters[0]?.outcome?.shipped).toBe(1200 - before);
    expect((await offsetOf("a"))?.shipped).toBe(1200);
    expect(await state.getSlicePlan("app", shipper.offsetKey)).toBeUndefined();
  });

  it("advances the watermark only over the contiguous finished buckets; plan shows the running plan", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const planned = await planRun(shipper, ctx(), settings);
    const handle = planned.handle as RunHandle;
    const plan = planned.plan!;
    for (const id of ["s0000", "s0003", "s0002"]) await shipSlice(shipper, handle, id, ctx());
    // a slice run again once done (a retried Lambda, a re-driven child) ships nothing
    const count = seqs(join(dir, "out/a.jsonl")).length;
    const again = await shipSlice(shipper, handle, "s0000", ctx());
    expect(again).toMatchObject({ done: true, read: 0 });
    expect(again.exporters.map((e) => e.status)).toEqual(["skipped", "skipped"]);
    expect(seqs(join(dir, "out/a.jsonl"))).toHaveLength(count);
    await advanceWatermarks(shipper, handle, ctx());
    expect((await offsetOf("a"))?.cursor).toEqual(lastBefore(dir, plan.slices[0]!.until));
    const est = plan.slices.map((s) => s.estimate as number);
    expect((await offsetOf("a"))?.shipped).toBe(est[0]);
    await shipSlice(shipper, handle, "s0001", ctx());
    await advanceWatermarks(shipper, handle, ctx());
    expect((await offsetOf("b"))?.cursor).toEqual(lastBefore(dir, plan.slices[3]!.until));
    expect((await offsetOf("b"))?.shipped).toBe(est[0]! + est[1]! + est[2]! + est[3]!);
    const { report } = await runPlan(cfg, { state, now: NOW, secrets: new EnvSecretResolver({}) });
    expect(validatePlanReport(report)).toEqual([]);
    expect(report.shippers[0]?.slices).toEqual({
      runId: plan.runId,
      done: 4,
      running: 0,
      pending: plan.slices.length - 4,
      failed: 0,
    });
    expect(renderPlan(report, cfg)).toContain(
      `running plan ${plan.runId}: ${plan.slices.length} slices; 4 done, 0 running, ${plan.slices.length - 4} pending`,
    );
    const ended = await finalizeRun(shipper, handle, ctx());
    expect(ended.status).toBe("partial");
    expect(await state.getSlicePlan("app", shipper.offsetKey)).toBeDefined();
    expect(ended.drift.map((d) => [d.kind, d.exporter])).toEqual([
      ["lagging", "a"],
      ["lagging", "b"],
    ]);
    // the next run resumes the plan and ships the rest, each record once
    const run = await runSliced(shipper, ctx({ owner: "two" }), settings, undefined, 4);
    expect(run.status).toBe("ok");
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
  });

  it("two plans racing: one wins the lease and the plan, the other runs nothing", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const [x, y] = await Promise.all([
      planRun(shipper, ctx({ owner: "one" }), settings),
      planRun(shipper, ctx({ owner: "two" }), settings),
    ]);
    const winner = x.plan !== undefined ? x : y;
    const loser = x.plan !== undefined ? y : x;
    expect(winner.plan).toBeDefined();
    expect(loser).toEqual({ handle: undefined, plan: undefined, pending: [], resumed: false });
    const blocked = await runSliced(shipper, ctx({ owner: "three" }), settings, undefined, 2);
    expect(blocked.status).toBe("skipped");
    expect(blocked.drift.map((d) => d.kind)).toEqual(["locked"]);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual([]);
    await finalizeRun(shipper, winner.handle as RunHandle, ctx());
  });

  it("an exporter failing in one slice stops only its own progress; the next run finishes it", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    let n = 0;
    const run = await runSliced(
      shipper,
      ctx(),
      settings,
      async (id, handle) => {
        const r = await shipSlice(shipper, handle, id, ctx());
        if (++n === 1) {
          // b's destination breaks after the first slice: its path becomes a directory
          renameSync(join(dir, "out/b.jsonl"), join(dir, "out/b0.jsonl"));
          mkdirSync(join(dir, "out/b.jsonl"));
        }
        return r;
      },
      1,
    );
    expect(run.status).toBe("failed");
    expect(run.exporters.map((e) => e.status)).toEqual(["ok", "failed"]);
    expect(run.exporters[1]?.error).toMatch(/EISDIR/);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    const plan = (await state.getSlicePlan("app", shipper.offsetKey))!;
    const first = plan.slices[0]!.estimate as number;
    expect(seqs(join(dir, "out/b0.jsonl"))).toEqual(all.slice(0, first));
    expect((await offsetOf("a"))?.cursor).toEqual(lastBefore(dir, justAfter(plan.to)));
    expect((await offsetOf("b"))?.cursor).toEqual(lastBefore(dir, plan.slices[0]!.until));
    // fixed: the next run resumes the plan for b alone
    rmdirSync(join(dir, "out/b.jsonl"));
    const again = await runSliced(shipper, ctx({ owner: "two" }), settings, undefined, 3);
    expect(again.status).toBe("ok");
    expect(again.exporters.map((e) => e.outcome?.shipped)).toEqual([0, 1200 - first]);
    expect(
      [...seqs(join(dir, "out/b0.jsonl")), ...seqs(join(dir, "out/b.jsonl"))].sort((p, q) => p - q),
    ).toEqual(all);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(await state.getSlicePlan("app", shipper.offsetKey)).toBeUndefined();
  });

  it("a slice stopped by the time budget is not done; small backlogs are not sliced", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const serial = await planRun(shipper, ctx(), { sliceTarget: 100, minRecordsToSlice: 5000 });
    expect(serial.plan).toBeUndefined();
    expect(await state.getSlicePlan("app", shipper.offsetKey)).toBeUndefined();
    const planned = await planRun(shipper, ctx(), settings);
    const late = await shipSlice(shipper, planned.handle!, "s0000", ctx({ deadline: Date.now() - 1 }));
    expect(late.done).toBe(false);
    expect(late.exporters.map((e) => e.status)).toEqual(["partial", "partial"]);
    const ended = await finalizeRun(shipper, planned.handle!, ctx());
    expect(ended.status).toBe("partial");
    // the lease was released: a serial run can go on
    const run = await runApply(cfg, ctx());
    expect(run.report.shippers[0]?.status).toBe("ok");
  });

  it("abandons an open plan made for another config after advancing what it can, then plans anew", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const planned = await planRun(shipper, ctx(), settings);
    const plan = planned.plan!;
    for (const id of ["s0000", "s0001", "s0004"]) await shipSlice(shipper, planned.handle!, id, ctx());
    await finalizeRun(shipper, planned.handle!, ctx());
    // exporter b's config changes: the open plan no longer matches
    const changed = config(dir, {
      shippers: [
        {
          id: "app",
          source: { type: "file", path: "logs/*.jsonl" },
          batchSize: 50,
          logExporters: [
            { id: "a", type: "file", path: "out/a.jsonl", chunk: 40 },
            { id: "b", type: "file", path: "out/b2.jsonl", chunk: 70 },
          ],
        },
      ],
    }).shippers[0]!;
    const warnings: string[] = [];
    const next = await planRun(changed, ctx({ warn: (m) => warnings.push(m) }), settings);
    expect(warnings.join("\n")).toContain(`open slice plan ${plan.runId}`);
    expect(next.plan?.runId).not.toBe(plan.runId);
    expect(next.resumed).toBe(false);
    // what the old plan finished was kept: both restart at the end of its contiguous buckets
    expect(next.plan?.exporters.map((e) => e.start)).toEqual([
      lastBefore(dir, plan.slices[1]!.until),
      lastBefore(dir, plan.slices[1]!.until),
    ]);
    await finalizeRun(changed, next.handle!, ctx());
    const run = await runSliced(changed, ctx(), settings, undefined, 2);
    expect(run.status).toBe("ok");
    // the island (s0004) of the abandoned plan is shipped again: duplicates, never a loss
    const a = seqs(join(dir, "out/a.jsonl"));
    expect([...new Set(a)]).toEqual(all);
    expect(a.length).toBe(1200 + (plan.slices[4]!.estimate as number));
  });

  it("abandons an open plan without advancing when an offset was set behind it (state set-offset)", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const planned = await planRun(shipper, ctx(), settings);
    const plan = planned.plan!;
    for (const id of ["s0000", "s0001", "s0002"]) await shipSlice(shipper, planned.handle!, id, ctx());
    await finalizeRun(shipper, planned.handle!, ctx());
    const boundary = lastBefore(dir, plan.slices[2]!.until);
    expect((await offsetOf("a"))?.cursor).toEqual(boundary);
    // ship again from the start of slice 1
    const rewind = {
      ...(await offsetOf("a"))!,
      cursor: cursorAt(justAfter(plan.slices[1]!.from)),
      configHash: "manual",
    };
    await state.put({ shipper: "app", offsetKey: shipper.offsetKey, exporter: "a" }, rewind);
    const warnings: string[] = [];
    const next = await planRun(shipper, ctx({ warn: (m) => warnings.push(m) }), settings);
    expect(warnings.join("\n")).toMatch(/offsets of a were set behind the open slice plan/);
    expect(next.plan?.exporters.map((e) => e.start)).toEqual([rewind.cursor, boundary]);
    await finalizeRun(shipper, next.handle!, ctx());
    await runSliced(shipper, ctx(), settings, undefined, 2);
    const a = seqs(join(dir, "out/a.jsonl"));
    const first = plan.slices[0]!.estimate as number;
    // slices 1 and 2 twice (asked for), everything else once
    expect(a.length).toBe(1200 + (plan.slices[1]!.estimate as number) + (plan.slices[2]!.estimate as number));
    expect([...new Set(a)]).toEqual(all);
    expect(a.filter((x) => x < first)).toHaveLength(first);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
  });

  it("a slice whose read stopped early is not done for an exporter that had nothing to ship yet", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    // b is already far ahead: its offset sits at record 550 (inside a later slice)
    const lines = readFileSync(join(dir, "logs/a.jsonl"), "utf8").split("\n");
    const rec550 = JSON.parse(lines[550]!) as { timestamp: string };
    const seed = await runApply(cfg, ctx({ deadline: Date.now() - 1 })); // nothing shipped, just checks the setup
    expect(seed.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([0, 0]);
    const bRef = { shipper: "app", offsetKey: shipper.offsetKey, exporter: "b" };
    await state.put(bRef, {
      cursor: { ts: fromEpochMs(Date.parse(rec550.timestamp)), key: "~" },
      updatedAt: "x",
      configHash: shipper.exporters[1]!.configHash,
      shipped: 0,
      rejected: 0,
    });
    const planned = await planRun(shipper, ctx(), { ...settings, sliceTarget: 700 });
    const plan = planned.plan!;
    expect(plan.slices.length).toBeGreaterThanOrEqual(2);
    // the first slice (which holds b's offset) is read for one source batch only, then the run is stopped
    const abort = new AbortController();
    const stopping = ctx({
      signal: abort.signal,
      createSource: async (s, c): Promise<Source> => {
        const real = await createSource(s.source, c);
        return {
          describe: () => real.describe(),
          count: (r) => real.count(r),
          check: (id) => real.check(id),
          async *read(range, options) {
            for await (const batch of real.read(range, options)) {
              yield batch;
              abort.abort();
            }
          },
        };
      },
    });
    const first = plan.slices.find(
      (x) =>
        x.from <= rec550.timestamp.replace("Z", "000000Z") &&
        x.until > rec550.timestamp.replace("Z", "000000Z"),
    )!;
    const r = await shipSlice(shipper, planned.handle!, first.id, stopping);
    expect(r.done).toBe(false);
    expect(r.exporters.map((e) => e.status)).toEqual(["partial", "partial"]);
    await finalizeRun(shipper, planned.handle!, ctx());
    await runSliced(shipper, ctx(), { ...settings, sliceTarget: 700 }, undefined, 2);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all.slice(552));
  });

  it("a slice whose worker dies fails the run loudly; the others go on and the next run finishes it", async () => {
    write1200();
    const shipper = cfg.shippers[0]!;
    const run = await runSliced(
      shipper,
      ctx(),
      settings,
      async (id, handle) => {
        if (id === "s0003") throw new Error("worker 2 exited with code 137");
        return shipSlice(shipper, handle, id, ctx());
      },
      2,
    );
    expect(run.status).toBe("failed");
    expect(run.message).toContain("slice s0003: worker 2 exited with code 137");
    const plan = (await state.getSlicePlan("app", shipper.offsetKey))!;
    expect((await offsetOf("a"))?.cursor).toEqual(lastBefore(dir, plan.slices[2]!.until));
    const again = await runSliced(shipper, ctx({ owner: "two" }), settings, undefined, 2);
    expect(again.status).toBe("ok");
    expect(again.exporters.map((e) => e.outcome?.shipped)).toEqual([
      plan.slices[3]!.estimate,
      plan.slices[3]!.estimate,
    ]);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
  });
});
