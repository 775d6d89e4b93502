import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { CloudWatchSource as CloudWatchSourceConfig } from "../../generated/config";
import { loadConfigText } from "../../src/config/load";
import type { LogEntry, LogRecord } from "../../src/core/log-record";
import { fromEpochMs } from "../../src/core/timestamp";
import { runApply, runPlan } from "../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { createCloudWatchSource, inferLevel, toKestraRecord } from "../../src/sources/cloudwatch-source";
import type { ReadRange } from "../../src/sources/source";
import { FileStateStore } from "../../src/state/file-state-store";
import { CloudWatchFaultProxy } from "../support/cloudwatch-fault-proxy";
import { createGroup, motoEndpoint, motoLogs, putEvents, tempDir, unique } from "./cloudwatch-helpers";

const MIN = 60_000;

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

async function readAll(config: CloudWatchSourceConfig, range: ReadRange, maxWindowRecords?: number) {
  const src = await createCloudWatchSource(
    config,
    { baseDir: ".", env: {} },
    { backoff: { baseMs: 1, maxMs: 5 }, maxWindowRecords },
  );
  const out: LogRecord[] = [];
  try {
    for await (const b of src.read(range, { batchSize: 5 })) out.push(...b.records);
  } finally {
    await src.close();
  }
  return out;
}

function assertOrdered(records: LogRecord[]): void {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    expect(a.pos < b.pos || (a.pos === b.pos && a.key < b.key)).toBe(true);
  }
}

const kestraJson = (ms: number, n: number, extra: Partial<LogEntry> = {}) =>
  JSON.stringify({
    namespace: "company.team",
    flowId: "etl",
    taskId: "load",
    timestamp: `${new Date(ms).toISOString().slice(0, 23)}456Z`,
    level: "WARN",
    message: `json ${n}`,
    ...extra,
  });

describe("CloudWatch Logs source (moto)", () => {
  test("two log groups with equal timestamps are merged by (timestamp, logGroup/eventId), each event once", async () => {
    const a = unique("/aws/lambda/a");
    const b = unique("/aws/lambda/b");
    await createGroup(client, a, ["2026/11/25/[$LATEST]one"]);
    await createGroup(client, b, ["web-1"]);
    const t = Date.now() - 20 * MIN;
    const tie = t + 5 * MIN;
    await putEvents(client, a, "2026/11/25/[$LATEST]one", [
      ...Array.from({ length: 6 }, (_, i) => ({ timestamp: tie, message: `a tie ${i}` })),
      { timestamp: t, message: "START RequestId: 1 Version: $LATEST\n" },
      { timestamp: t + MIN, message: `2026-11-25T10:00:00.000Z\treq-1\t[ERROR]\tboom ${1}` },
    ]);
    await putEvents(client, b, "web-1", [
      ...Array.from({ length: 4 }, (_, i) => ({ timestamp: tie, message: `b tie ${i}` })),
      { timestamp: t + 2 * MIN, message: kestraJson(t + 2 * MIN, 1) },
    ]);
    const records = await readAll(sourceConfig({ logGroupNames: [a, b] }), {
      after: { ts: fromEpochMs(t - MIN), key: "" },
      to: fromEpochMs(Date.now()),
      filter: { minLevelRank: 0 },
    });
    assertOrdered(records);
    expect(records).toHaveLength(13);
    expect(new Set(records.map((r) => r.key)).size).toBe(13);
    const ties = records.filter((r) => r.pos === fromEpochMs(tie));
    expect(ties).toHaveLength(10);
    expect(ties.filter((r) => r.key.startsWith(`${a}/`))).toHaveLength(6);
    // mapping: plain text keeps the group as namespace and the stream as flowId; JSON keeps its fields
    const error = records.find((r) => r.entry.message.includes("boom"))!;
    expect(error.level).toBe("ERROR");
    expect(error.entry).toMatchObject({ namespace: a, flowId: "2026/11/25/[$LATEST]one", logGroup: a });
    const json = records.find((r) => r.entry.message === "json 1")!;
    expect(json.entry).toMatchObject({
      namespace: "company.team",
      flowId: "etl",
      taskId: "load",
      logStream: "web-1",
    });
    expect(json.level).toBe("WARN");
    expect(json.ts).toMatch(/\.\d{3}456000Z$/); // the JSON's own timestamp, full precision
    expect(json.pos.endsWith("000000Z")).toBe(true); // the CloudWatch timestamp orders
  });

  test("windows narrow to maxWindowRecords; an overfull millisecond is read in bounded passes", async () => {
    const g = unique("g");
    await createGroup(client, g, ["s1", "s2"]);
    const t = Date.now() - 30 * MIN;
    await putEvents(client, g, "s1", [
      ...Array.from({ length: 30 }, (_, i) => ({ timestamp: t + i * 10_000, message: `spread ${i}` })),
      ...Array.from({ length: 9 }, (_, i) => ({ timestamp: t + 77_777, message: `dense s1 ${i}` })),
    ]);
    await putEvents(
      client,
      g,
      "s2",
      Array.from({ length: 8 }, (_, i) => ({ timestamp: t + 77_777, message: `dense s2 ${i}` })),
    );
    const range: ReadRange = {
      after: { ts: fromEpochMs(t - 1), key: "" },
      to: fromEpochMs(Date.now()),
      filter: { minLevelRank: 0 },
    };
    const whole = await readAll(sourceConfig({ logGroupNames: [g] }), range);
    // through a pass-through proxy that records each FilterLogEvents window
    const proxy = new CloudWatchFaultProxy(motoEndpoint());
    const endpoint = await proxy.listen();
    let bounded: LogRecord[];
    try {
      bounded = await readAll(sourceConfig({ logGroupNames: [g], endpointOverride: endpoint }), range, 6);
    } finally {
      await proxy.close();
    }
    assertOrdered(bounded);
    expect(bounded).toHaveLength(47);
    expect(bounded.map((r) => r.key)).toEqual(whole.map((r) => r.key));
    // what each request's window held: every window read to its end (the last page, without nextToken) held
    // at most 6 events, except the overfull millisecond (17 events), which was read once per pass of 6
    const times = [...Array.from({ length: 30 }, (_, i) => t + i * 10_000), ...Array(17).fill(t + 77_777)];
    const held = (r: { startTime?: number; endTime?: number }) =>
      times.filter((x) => x >= r.startTime! && x <= r.endTime!).length;
    expect(proxy.requests[0]).toMatchObject({ startTime: t - 1 }); // the first window: the whole range
    expect(held(proxy.requests[0]!)).toBe(47);
    const narrow = proxy.requests.filter((r) => r.endTime! > r.startTime!);
    expect(narrow.length).toBeGreaterThan(3);
    const overfull = proxy.requests.filter((r) => r.startTime === t + 77_777 && r.endTime === t + 77_777);
    expect(overfull.length).toBeGreaterThanOrEqual(3); // 17 events in passes of at most 6
    for (const r of narrow) {
      // a window that held more than 6 was not read to its end: moto answers all in one page, so it was
      // stopped as soon as it overflowed and narrowed; the windows that were kept held at most 6
      if (held(r) > 6)
        expect(proxy.requests.some((q) => q.startTime === r.startTime && q.endTime! < r.endTime!)).toBe(true);
    }
    const kept = narrow.filter((r) => held(r) <= 6);
    expect(kept.reduce((n, r) => n + held(r), 0) + 17).toBeGreaterThanOrEqual(47);
  });

  describe("a shipper with a cloudwatch source, plan and apply to a file exporter", () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ dir, cleanup } = await tempDir()));
    afterEach(async () => cleanup());

    function load(source: Record<string, unknown>) {
      const config = {
        shippers: [
          {
            id: "cw-to-file",
            source: { ...sourceConfig({}), ...source },
            logLevelFilter: "TRACE",
            lookbackPeriod: "PT1H",
            logExporters: [{ id: "out", type: "file", path: "out/logs.jsonl", chunk: 3 }],
          },
        ],
      };
      return loadConfigText(join(dir, "cfg.json"), JSON.stringify(config), dir, { strictVars: true });
    }
    const context = (now: number) => ({
      state: new FileStateStore(join(dir, "state")),
      secrets: new EnvSecretResolver({}),
      deadLetter: new FileDeadLetter(join(dir, "dead")),
      now: new Date(now),
      owner: "test",
      env: {},
      backoff: { baseMs: 1, maxMs: 5 },
    });
    const shippedMessages = async () =>
      (await readFile(join(dir, "out", "logs.jsonl"), "utf8"))
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as LogEntry).message);

    test("repeated applies ship every event once, late events inside the settle window included", async () => {
      const a = unique("ga");
      const b = unique("gb");
      await createGroup(client, a, ["s"]);
      await createGroup(client, b, ["s"]);
      const T = Math.floor(Date.now() / 1000) * 1000 - 5 * MIN;
      const early = (g: string) =>
        Array.from({ length: 7 }, (_, i) => ({
          timestamp: T - 10 * MIN + Math.floor(i / 2) * MIN,
          message: `${g} early ${i}`,
        }));
      await putEvents(client, a, "s", early("a"));
      await putEvents(client, b, "s", early("b"));
      const loaded = load({ logGroupNames: [a, b] });

      const { report: plan } = await runPlan(loaded, context(T));
      expect(plan.drift.map((d) => d.kind)).toEqual(["new-exporter"]);
      expect(plan.shippers[0]!.exporters[0]!.pending).toBe(14); // counted by reading, as apply reads

      const first = await runApply(loaded, context(T)); // range ends at T − PT2M (settleDelay)
      expect(first.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 14 });

      // late: ingested now, timestamped inside the settle window of the first apply
      const late = (g: string) => [
        { timestamp: T - 90_000, message: `${g} late 1` },
        { timestamp: T - 30_000, message: `${g} late 2` },
        { timestamp: T - 30_000, message: `${g} late 3` },
      ];
      await putEvents(client, a, "s", late("a"));
      await putEvents(client, b, "s", late("b"));

      const second = await runApply(loaded, context(T + 2 * MIN));
      expect(second.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 6 });
      const third = await runApply(loaded, context(T + 3 * MIN));
      expect(third.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 0 });

      const shipped = await shippedMessages();
      const expected = [...early("a"), ...early("b"), ...late("a"), ...late("b")].map((e) => e.message);
      expect([...shipped].sort()).toEqual([...expected].sort());
    });

    test("a missing log group is source-missing drift in plan and apply, never a crash", async () => {
      const a = unique("ga");
      const missing = unique("missing");
      await createGroup(client, a, ["s"]);
      const T = Date.now() - 5 * MIN;
      await putEvents(client, a, "s", [{ timestamp: T - 5 * MIN, message: "INFO hello" }]);
      const loaded = load({ logGroupNames: [a, missing] });
      const { report: plan } = await runPlan(loaded, context(T));
      const drift = plan.drift.find((d) => d.kind === "source-missing");
      expect(drift?.message).toContain(`log group ${missing} does not exist`);
      const { report } = await runApply(loaded, context(T));
      expect(report.shippers[0]!.status).toBe("ok");
      expect(report.shippers[0]!.exporters[0]!.shipped).toBe(1);
      expect(report.drift.map((d) => d.kind)).toContain("source-missing");

      const none = load({ logGroupNamePrefix: unique("/nothing/") });
      const { report: empty } = await runApply(none, context(T));
      expect(empty.shippers[0]!.status).toBe("ok");
      expect(empty.drift.find((d) => d.kind === "source-missing")?.message).toContain("no log group");
    });

    test("logGroupNamePrefix reads every matching group", async () => {
      const prefix = unique("/app/");
      await createGroup(client, `${prefix}/api`, ["s"]);
      await createGroup(client, `${prefix}/worker`, ["s"]);
      const T = Date.now() - 5 * MIN;
      await putEvents(client, `${prefix}/api`, "s", [{ timestamp: T - 4 * MIN, message: "api" }]);
      await putEvents(client, `${prefix}/worker`, "s", [{ timestamp: T - 4 * MIN, message: "worker" }]);
      const { report } = await runApply(load({ logGroupNamePrefix: prefix }), context(T));
      expect(report.shippers[0]!.exporters[0]!.shipped).toBe(2);
      expect((await shippedMessages()).sort()).toEqual(["api", "worker"]);
    });
  });
});

describe("CloudWatch event mapping", () => {
  test("plain text: level inferred where obvious, else INFO", () => {
    expect(inferLevel("2026-11-25T10:00:00.000Z\treq\t[ERROR]\tboom")).toBe("ERROR");
    expect(inferLevel("2026-11-25T10:00:00.000Z\treq\tWARN\tslow")).toBe("WARN");
    expect(inferLevel("[WARNING] disk")).toBe("WARN");
    expect(inferLevel("FATAL: out of memory")).toBe("ERROR");
    expect(inferLevel("DEBUG x=1")).toBe("DEBUG");
    expect(inferLevel("START RequestId: 1 Version: $LATEST")).toBe("INFO");
    expect(inferLevel("an error occurred")).toBe("INFO"); // lower-case prose is not a level
    expect(inferLevel("ERRORS: 0, WARNINGS: 0")).toBe("INFO"); // not level words
  });

  test("JSON: fields kept, level in any case or pino numbers, invalid shapes fall back to plain text", () => {
    const ev = (message: string) => ({
      timestamp: 1_764_000_000_000,
      message,
      logStreamName: "st",
      eventId: "42",
    });
    const r1 = toKestraRecord("grp", ev(JSON.stringify({ level: "error", message: "m", requestId: "r" })))!;
    expect(r1.level).toBe("ERROR");
    expect(r1.entry).toMatchObject({
      namespace: "grp",
      flowId: "st",
      message: "m",
      requestId: "r",
      logGroup: "grp",
    });
    expect(r1.key).toBe("grp/42");
    expect(toKestraRecord("grp", ev(JSON.stringify({ level: 40, msg: "x" })))!.level).toBe("WARN");
    const odd = toKestraRecord("grp", ev(JSON.stringify({ taskId: 5, message: "ERROR odd" })))!;
    expect(odd.entry.message).toBe(JSON.stringify({ taskId: 5, message: "ERROR odd" }));
    expect(odd.level).toBe("ERROR");
  });
});
