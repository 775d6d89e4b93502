import { rm } from "node:fs/promises";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { ContinuationEvent } from "../../src/lambda/continuation";
import { createHandler, type HandlerDeps } from "../../src/lambda/runtime";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { backlogFixture, fakeContext, fakeDateOnly, readLines, trippingSource } from "../support/lambda";

const UNITS = new Set([
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
]);

/**
 * Checks a log line against the EMF specification: `_aws` with a numeric Timestamp and CloudWatchMetrics
 * directives (Namespace, Dimensions as arrays of dimension names, Metrics as {Name, Unit}); every dimension named
 * is a string member of the root, every metric a numeric member.
 */
function expectValidEmf(doc: Record<string, unknown>): void {
  const aws = doc._aws as { Timestamp: unknown; CloudWatchMetrics: unknown };
  expect(typeof aws.Timestamp).toBe("number");
  expect(Math.abs((aws.Timestamp as number) - Date.now())).toBeLessThan(10 * 60_000);
  expect(Array.isArray(aws.CloudWatchMetrics)).toBe(true);
  for (const d of aws.CloudWatchMetrics as Array<Record<string, unknown>>) {
    expect(Object.keys(d).sort()).toEqual(["Dimensions", "Metrics", "Namespace"]);
    expect(d.Namespace).toBe("LogShipper");
    for (const set of d.Dimensions as unknown[][]) {
      expect(set.length).toBeGreaterThan(0);
      expect(set.length).toBeLessThanOrEqual(30);
      for (const name of set) expect(typeof doc[name as string]).toBe("string");
    }
    const metrics = d.Metrics as Array<Record<string, unknown>>;
    expect(metrics.length).toBeLessThanOrEqual(100);
    for (const m of metrics) {
      expect(Object.keys(m).sort()).toEqual(["Name", "Unit"]);
      expect(UNITS.has(m.Unit as string)).toBe(true);
      expect(typeof doc[m.Name as string]).toBe("number");
    }
  }
}

describe("Lambda handler (in-process, moto)", () => {
  const table = uniqueName("lambda-offsets");
  const prefix = uniqueName("ls");
  let store: DynamoDbStateStore;

  beforeAll(async () => {
    store = new DynamoDbStateStore({ ...motoOptions(), table });
    await store.init();
    const { endpoint, region, credentials } = motoOptions();
    const sm = new SecretsManagerClient({ endpoint, region, credentials });
    await sm.send(new CreateSecretCommand({ Name: `${prefix}/PREFIX`, SecretString: "s3cr3t-prefix-value" }));
    sm.destroy();
  });

  afterAll(() => store.close());

  beforeEach(() => fakeDateOnly());
  afterEach(() => jest.useRealTimers());

  function env(configPath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      LOGSHIPPER_CONFIG_PATH: configPath,
      LOGSHIPPER_STATE_TABLE: table,
      LOGSHIPPER_SECRET_PREFIX: prefix,
      LOGSHIPPER_SAFETY_MARGIN_MS: "100",
      AWS_LAMBDA_FUNCTION_NAME: "logshipper-reconciler",
      ...extra,
    };
  }

  it("stops at its time budget, commits, asks for continuations, and the continuations ship the backlog exactly once", async () => {
    const fx = await backlogFixture(600, {
      logExporters: [
        {
          id: "archive",
          type: "file",
          path: "./out/archive.jsonl",
          chunk: 20,
          // resolved from Secrets Manager by the handler (unused with `path`, so the output stays comparable)
          logFilePrefix: "{{ secret('PREFIX') }}",
        },
      ],
    });
    try {
      const lines: string[] = [];
      const continuations: ContinuationEvent[] = [];
      // the clock only moves when the source has yielded 200 records: it then jumps to the invocation's deadline
      let deadline = 0;
      const deps: HandlerDeps = {
        env: env(fx.configPath),
        aws: motoOptions(),
        write: (l) => lines.push(l),
        invoker: { invoke: async (e) => void continuations.push(e) },
        apply: {
          createSource: trippingSource(200, () => jest.setSystemTime(deadline)),
          backoff: { baseMs: 1, maxMs: 5 },
        },
      };
      const handler = createHandler(deps);

      deadline = Date.now() + 60_000;
      const first = await handler({ shipper: "billing" }, fakeContext(deadline));
      expect(first.shippers).toEqual([
        { id: "billing", status: "partial", shipped: expect.any(Number), rejected: 0, continuedAtHop: 1 },
      ]);
      expect(first.shippers[0]?.shipped).toBeGreaterThan(0);
      expect(first.shippers[0]?.shipped).toBeLessThan(600);
      expect(continuations).toEqual([{ shipper: "billing", hop: 1 }]);
      // what was shipped is committed
      const offset = await store.get({
        shipper: "billing",
        offsetKey: "LogShipper-state",
        exporter: "archive",
      });
      expect(offset?.shipped).toBe(first.shippers[0]?.shipped);
      expect(await readLines(fx.outFile)).toEqual(fx.lines.slice(0, first.shippers[0]?.shipped));

      const runLine = JSON.parse(lines[0] as string) as Record<string, unknown>;
      expect(runLine).toMatchObject({
        level: "WARN",
        type: "logshipper.run",
        shipper: "billing",
        status: "partial",
        hop: 0,
        shipped: first.shippers[0]?.shipped,
        rejected: 0,
        continuation: { requested: true, hop: 1 },
        exporters: [
          {
            id: "archive",
            type: "file",
            status: "partial",
            from: expect.any(String),
            to: expect.any(String),
          },
        ],
        drift: expect.arrayContaining([expect.objectContaining({ kind: "lagging", exporter: "archive" })]),
      });
      expect(runLine).toHaveProperty("retries", 0);
      expect(runLine).toHaveProperty("durationMs");

      // continuations, as Lambda would run them, each with a fresh budget
      let hops = 0;
      while (continuations.length > hops) {
        const event = continuations[hops] as ContinuationEvent;
        hops++;
        deadline = Date.now() + 60_000;
        await handler(event, fakeContext(deadline));
        expect(hops).toBeLessThan(10);
      }
      const last = JSON.parse(lines.filter((l) => l.includes('"logshipper.run"')).at(-1) as string);
      expect(last).toMatchObject({ status: "ok", hop: hops });
      expect(last).not.toHaveProperty("continuation");
      expect(continuations.map((c) => c.hop)).toEqual([...Array(hops).keys()].map((i) => i + 1));

      // every record once, in order, none twice
      expect(await readLines(fx.outFile)).toEqual(fx.lines);
      const runs = lines.map((l) => JSON.parse(l)).filter((l) => l.type === "logshipper.run");
      expect(runs.reduce((n: number, r: { shipped: number }) => n + r.shipped, 0)).toBe(600);

      // EMF documents: per exporter and per shipper, per the specification
      const emf = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((d) => "_aws" in d);
      expect(emf.length).toBe(2 * (hops + 1));
      for (const doc of emf) expectValidEmf(doc);
      const exporterDocs = emf.filter((d) => "Exporter" in d);
      expect(exporterDocs[0]).toMatchObject({
        _aws: {
          CloudWatchMetrics: [
            {
              Namespace: "LogShipper",
              Dimensions: [["Shipper", "Exporter"]],
              Metrics: [
                { Name: "Shipped", Unit: "Count" },
                { Name: "Rejected", Unit: "Count" },
                { Name: "LagSeconds", Unit: "Seconds" },
                { Name: "Drift", Unit: "Count" },
              ],
            },
          ],
        },
        Shipper: "billing",
        Exporter: "archive",
        Shipped: first.shippers[0]?.shipped,
        Rejected: 0,
        Drift: 1, // lagging (new-exporter is resolved once the first batch is committed)
      });
      expect(exporterDocs[0]?.LagSeconds as number).toBeGreaterThan(0);
      expect(exporterDocs.at(-1)).toMatchObject({ LagSeconds: 0, Drift: 0 });
      expect(exporterDocs.reduce((n, d) => n + (d.Shipped as number), 0)).toBe(600);
      const shipperDocs = emf.filter((d) => !("Exporter" in d));
      expect(shipperDocs[0]).toMatchObject({
        _aws: {
          CloudWatchMetrics: [{ Dimensions: [["Shipper"]], Metrics: [{ Name: "Drift", Unit: "Count" }] }],
        },
        Shipper: "billing",
      });
      // secrets never in the output
      expect(lines.join("")).not.toContain("s3cr3t-prefix-value");
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });

  it("stops asking for continuations at LOGSHIPPER_MAX_HOPS and reports the shipper as lagging", async () => {
    const fx = await backlogFixture(300, { id: "capped" });
    try {
      const lines: string[] = [];
      const continuations: ContinuationEvent[] = [];
      let deadline = 0;
      const handler = createHandler({
        env: env(fx.configPath, { LOGSHIPPER_MAX_HOPS: "2" }),
        aws: motoOptions(),
        write: (l) => lines.push(l),
        invoker: { invoke: async (e) => void continuations.push(e) },
        apply: { createSource: trippingSource(100, () => jest.setSystemTime(deadline)) },
      });
      deadline = Date.now() + 60_000;
      const result = await handler({ shipper: "capped", hop: 2 }, fakeContext(deadline));
      expect(result.shippers[0]).toMatchObject({ id: "capped", status: "partial" });
      expect(result.shippers[0]).not.toHaveProperty("continuedAtHop");
      expect(continuations).toEqual([]);
      const run = JSON.parse(lines[0] as string);
      expect(run.continuation).toEqual({
        requested: false,
        reason: "reached LOGSHIPPER_MAX_HOPS=2 continuations; the next scheduled run continues (lagging)",
      });
      expect(run.drift).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "lagging" })]));
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });

  it("reports a shipper whose lease an overlapping invocation holds as skipped, without throwing", async () => {
    const fx = await backlogFixture(50, { id: "overlap" });
    try {
      const held = await store.acquireLease("overlap", {
        owner: "logshipper-reconciler/other-request",
        ttlMs: 60_000,
      });
      const lines: string[] = [];
      const continuations: ContinuationEvent[] = [];
      const handler = createHandler({
        env: env(fx.configPath),
        aws: motoOptions(),
        write: (l) => lines.push(l),
        invoker: { invoke: async (e) => void continuations.push(e) },
      });
      const result = await handler({}, fakeContext(Date.now() + 60_000));
      expect(result.shippers).toEqual([{ id: "overlap", status: "skipped", shipped: 0, rejected: 0 }]);
      expect(continuations).toEqual([]);
      const run = JSON.parse(lines[0] as string);
      expect(run).toMatchObject({ level: "WARN", status: "skipped", drift: [{ kind: "locked" }] });
      const shipperDoc = JSON.parse(lines[1] as string);
      expectValidEmf(shipperDoc);
      expect(shipperDoc).toMatchObject({ Shipper: "overlap", Drift: 1 });
      expect(await readLines(fx.outFile)).toEqual([]);
      await held.release();
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });

  it("rejects a malformed event and an unknown shipper", async () => {
    const fx = await backlogFixture(1);
    try {
      const handler = createHandler({ env: env(fx.configPath), aws: motoOptions(), write: () => undefined });
      const ctx = fakeContext(Date.now() + 60_000);
      await expect(handler({ shipper: 3 }, ctx)).rejects.toThrow(
        "event.shipper must be a shipper id, got number",
      );
      await expect(handler({ shippers: ["x"] }, ctx)).rejects.toThrow(/unexpected event field "shippers"/);
      await expect(handler({ shipper: "nope" }, ctx)).rejects.toThrow(/--shipper nope: no such shipper/);
    } finally {
      await rm(fx.dir, { recursive: true, force: true });
    }
  });
});
