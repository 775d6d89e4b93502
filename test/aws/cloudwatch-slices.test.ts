// CloudWatch slices split by log groups (issue 15), on moto_server: the source's planSlices, read with
// `groups`, and the in-process scale-out engine (runSliced) compared with a serial run.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DescribeLogGroupsCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { CloudWatchSource as CloudWatchSourceConfig } from "../../generated/config";
import { loadConfigText } from "../../src/config/load";
import type { LogRecord } from "../../src/core/log-record";
import { fromEpochMs } from "../../src/core/timestamp";
import type { ApplyContext } from "../../src/reconcile/apply";
import { runApply } from "../../src/reconcile/reconciler";
import { runSliced, shipSlice } from "../../src/reconcile/scale-out";
import type { SlicePlan } from "../../src/reconcile/slices";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { createCloudWatchSource } from "../../src/sources/cloudwatch-source";
import { createSource } from "../../src/sources/registry";
import type { ReadRange, Source } from "../../src/sources/source";
import { FileStateStore } from "../../src/state/file-state-store";
import { createGroup, motoEndpoint, motoLogs, putEvents, tempDir, unique } from "./cloudwatch-helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;

let client: CloudWatchLogsClient;
beforeAll(() => {
  client = motoLogs();
});
afterAll(() => client.destroy());

function sourceConfig(extra: Partial<CloudWatchSourceConfig>): CloudWatchSourceConfig {
  return {
    type: "cloudwatch",
    region: "us-east-1",
    accessKeyId: "test",
    secretKeyId: "test",
    endpointOverride: motoEndpoint(),
    ...extra,
  };
}

/**
 * Under a fresh prefix: a hot group (300 events of ~120 bytes) and two small ones (40 events of ~20 bytes), over
 * the last five hours (none within the settle delay), with timestamps shared across groups. Returns the prefix, the groups and the events.
 */
async function backlog(now: number) {
  const prefix = `${unique("/cwslices")}/`;
  const hot = `${prefix}hot`;
  const small = [`${prefix}a`, `${prefix}b`];
  const t0 = Math.floor((now - 5 * HOUR - 10 * MIN) / 1000) * 1000; // the last event 21 minutes ago
  const events: Array<{ group: string; timestamp: number; message: string }> = [];
  for (let i = 0; i < 300; i++)
    events.push({ group: hot, timestamp: t0 + i * MIN, message: `hot ${i} ${"x".repeat(110)}` });
  for (const g of small)
    for (let i = 0; i < 40; i++) events.push({ group: g, timestamp: t0 + i * 7 * MIN, message: `${g} ${i}` });
  for (const g of [hot, ...small]) {
    await createGroup(client, g, ["s"]);
    await putEvents(
      client,
      g,
      "s",
      events.filter((e) => e.group === g).map(({ timestamp, message }) => ({ timestamp, message })),
    );
  }
  return { prefix, hot, small, events };
}

async function readRecords(config: CloudWatchSourceConfig, range: ReadRange): Promise<LogRecord[]> {
  const src = await createCloudWatchSource(
    config,
    { baseDir: ".", env: {} },
    { backoff: { baseMs: 1, maxMs: 5 } },
  );
  const out: LogRecord[] = [];
  try {
    for await (const b of src.read(range, { batchSize: 50 })) out.push(...b.records);
  } finally {
    await src.close();
  }
  return out;
}

describe("CloudWatch slices by log group (moto)", () => {
  test("moto's DescribeLogGroups storedBytes is the sum of the message lengths, at once", async () => {
    const g = unique("/cwslices-bytes");
    await createGroup(client, g, ["s1", "s2"]);
    await putEvents(client, g, "s1", [{ timestamp: Date.now() - MIN, message: "x".repeat(100) }]);
    await putEvents(client, g, "s2", [{ timestamp: Date.now() - MIN, message: "é".repeat(10) }]);
    const res = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: g }));
    // characters, not UTF-8 bytes (real CloudWatch counts compressed bytes, updated with a delay)
    expect(res.logGroups?.map((x) => x.storedBytes)).toEqual([110]);
  });

  test("planSlices puts the hot group alone; read with groups reads only those; unknown groups fail", async () => {
    const now = Date.now();
    const { prefix, hot, small, events } = await backlog(now);
    const config = sourceConfig({ logGroupNamePrefix: prefix });
    const range: ReadRange = {
      after: { ts: fromEpochMs(now - 6 * HOUR), key: "" },
      to: fromEpochMs(now),
      filter: { minLevelRank: 0 },
    };
    const src = await createCloudWatchSource(config, { baseDir: ".", env: {} });
    try {
      const drafts = await src.planSlices(range, {
        sliceTarget: 1000,
        maxSlices: 100,
        maxConcurrency: 4,
        sliceSpanMs: HOUR,
      });
      expect(drafts).toHaveLength(12); // 6 one-hour buckets × {hot} and {a, b}
      // the hot group alone, and a shared slice of every group but the hot one
      expect(drafts.slice(0, 2).map((d) => [d.groups, d.hint])).toEqual([
        [[hot], undefined],
        [undefined, { otherThan: [hot] }],
      ]);
      // one slice per bucket with maxConcurrency 1 (no group is hot then): today's buckets, no groups
      const serialish = await src.planSlices(range, {
        sliceTarget: 1000,
        maxSlices: 100,
        maxConcurrency: 1,
        sliceSpanMs: HOUR,
      });
      expect(serialish).toHaveLength(6);
      expect(serialish.every((d) => d.groups === undefined)).toBe(true);
      // count reads through read, so it honours groups too (the ranges of one call share them)
      expect(await src.count([{ ...range, groups: small }])).toEqual([80]);
      expect(await src.count([range])).toEqual([events.length]);
    } finally {
      await src.close();
    }
    const onlySmall = await readRecords(config, { ...range, groups: small });
    expect(onlySmall).toHaveLength(80);
    expect(new Set(onlySmall.map((r) => r.entry.logGroup))).toEqual(new Set(small));
    const allButHot = await readRecords(config, { ...range, hint: { otherThan: [hot] } });
    expect(allButHot.map((r) => r.key).sort()).toEqual(onlySmall.map((r) => r.key).sort());
    const all = await readRecords(config, range);
    expect(all).toHaveLength(events.length);
    await expect(readRecords(config, { ...range, groups: [hot, "/elsewhere/x"] })).rejects.toMatchObject({
      code: "SLICE_PLAN_MISMATCH",
    });
    const named = sourceConfig({ logGroupNames: [hot, small[0]!] });
    await expect(readRecords(named, { ...range, groups: [small[1]!] })).rejects.toThrow(
      /which the config does not/,
    );
  });

  describe("runSliced on a cloudwatch shipper", () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ dir, cleanup } = await tempDir()));
    afterEach(async () => cleanup());

    function load(prefix: string, out: string) {
      const config = {
        shippers: [
          {
            id: "cw",
            source: sourceConfig({ logGroupNamePrefix: prefix }),
            logLevelFilter: "TRACE",
            lookbackPeriod: "PT6H",
            batchSize: 25,
            logExporters: [{ id: "out", type: "file", path: `${out}/logs.jsonl`, chunk: 10 }],
          },
        ],
      };
      return loadConfigText(join(dir, "cfg.json"), JSON.stringify(config), dir, { strictVars: true });
    }
    const context = (now: Date, state: string, over: Partial<ApplyContext> = {}): ApplyContext => ({
      state: new FileStateStore(join(dir, state)),
      secrets: new EnvSecretResolver({}),
      deadLetter: new FileDeadLetter(join(dir, `${state}-dead`)),
      now,
      owner: "test",
      env: {},
      backoff: { baseMs: 1, maxMs: 5 },
      ...over,
    });
    const shipped = async (out: string) =>
      (await readFile(join(dir, out, "logs.jsonl"), "utf8"))
        .trim()
        .split("\n")
        .map((l) => {
          const e = JSON.parse(l) as { logGroup: string; message: string };
          return `${e.logGroup}|${e.message}`;
        });
    const settings = { sliceSpanMs: HOUR, minRecordsToSlice: 0 };

    test("ships every event exactly once, as a serial run does, and leaves the same watermark", async () => {
      const now = new Date();
      const { prefix, hot, events } = await backlog(now.getTime());
      const sliced = load(prefix, "sliced");
      const shipper = sliced.shippers[0]!;
      const ctx = context(now, "state-sliced");
      let plan: SlicePlan | undefined;
      // a group of the prefix created after planning, before any slice ships, with events inside the plan's
      // range: the shared slices ("every group but the hot ones") read it, as an unsplit plan would
      const lateGroup = `${prefix}late`;
      const t0 = Math.floor((now.getTime() - 4 * HOUR) / 1000) * 1000;
      const late = Array.from({ length: 20 }, (_, i) => ({
        timestamp: t0 + i * 11 * MIN,
        message: `late ${i}`,
      }));
      events.push(...late.map((e) => ({ group: lateGroup, ...e })));
      let created: Promise<void> | undefined;
      const run = await runSliced(
        shipper,
        ctx,
        settings,
        async (id, handle) => {
          plan ??= await (ctx.state as FileStateStore).getSlicePlan("cw", shipper.offsetKey);
          created ??= createGroup(client, lateGroup, ["s"]).then(() =>
            putEvents(client, lateGroup, "s", late),
          );
          await created;
          return shipSlice(shipper, handle, id, ctx);
        },
        2,
      );
      expect(run.status).toBe("ok");
      // the plan: every bucket split into the hot group alone and the two small ones together
      expect(plan!.slices.length).toBeGreaterThanOrEqual(12);
      expect(plan!.slices.filter((s) => s.groups?.length === 1 && s.groups[0] === hot).length).toBe(
        plan!.slices.length / 2,
      );
      expect(plan!.slices.filter((s) => s.groups === undefined).map((s) => s.hint)).toEqual(
        Array.from({ length: plan!.slices.length / 2 }, () => ({ otherThan: [hot] })),
      );
      expect(plan!.slices.some((s) => s.groups?.includes(lateGroup))).toBe(false);
      const mine = await shipped("sliced");
      expect(new Set(mine).size).toBe(mine.length);
      expect(mine).toHaveLength(events.length);

      const serial = load(prefix, "serial");
      const serialCtx = context(now, "state-serial");
      const serialRun = await runApply(serial, serialCtx);
      expect(serialRun.report.shippers[0]!.exporters[0]).toMatchObject({
        status: "ok",
        shipped: events.length,
      });
      expect([...mine].sort()).toEqual([...(await shipped("serial"))].sort());
      const ref = { shipper: "cw", offsetKey: shipper.offsetKey, exporter: "out" };
      const offset = await ctx.state.get(ref);
      expect(offset?.cursor).toEqual((await serialCtx.state.get(ref))?.cursor);
      expect(offset?.shipped).toBe(events.length);
      expect(await (ctx.state as FileStateStore).getSlicePlan("cw", shipper.offsetKey)).toBeUndefined();
    });

    test("a source that ignores the slices' groups ships records twice (what the test above guards)", async () => {
      const now = new Date();
      const { prefix, events } = await backlog(now.getTime());
      const shipper = load(prefix, "naive").shippers[0]!;
      const ctx = context(now, "state-naive", {
        createSource: async (s, c): Promise<Source> => {
          const real = await createSource(s.source, c);
          return {
            describe: () => real.describe(),
            count: (r) => real.count(r),
            check: (id) => real.check(id),
            planSlices: (r, t) => real.planSlices!(r, t),
            read: (range, options) => real.read({ ...range, groups: undefined }, options),
            close: () => real.close?.() ?? Promise.resolve(),
          };
        },
      });
      const run = await runSliced(shipper, ctx, settings, undefined, 2);
      expect(run.status).toBe("ok");
      const naive = await shipped("naive");
      expect(naive.length).toBeGreaterThan(events.length);
      expect(new Set(naive).size).toBe(events.length);
    });
  });
});
