import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  ThrottlingException,
  ResourceNotFoundException,
  InvalidParameterException,
} from "@aws-sdk/client-cloudwatch-logs";
import * as sdk from "@aws-sdk/client-cloudwatch-logs";
import { loadConfigText } from "../../src/config/load";
import type { LogEntry } from "../../src/core/log-record";
import { CloudWatchLogsExporter, MAX_MESSAGE_BYTES, rejectedIndices } from "../../src/exporters/cloudwatch";
import { truncateUtf8 } from "../../src/exporters/text-limits";
import { DeliveryError } from "../../src/exporters/errors";
import type { Encoded } from "../../src/exporters/exporter";
import { runApply } from "../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { awsErrorInfo } from "../../src/shipping/aws-client";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { FileStateStore } from "../../src/state/file-state-store";
import type { CloudWatchExporter as CloudWatchExporterConfig } from "../../generated/config";
import {
  createGroup,
  kestraEntry,
  motoEndpoint,
  motoLogs,
  readAll,
  recordOf,
  tempDir,
  unique,
} from "./cloudwatch-helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let client: CloudWatchLogsClient;
beforeAll(() => {
  client = motoLogs();
});
afterAll(() => client.destroy());

function exporterFor(group: string, stream: string, extra: Partial<CloudWatchExporterConfig> = {}) {
  const config: CloudWatchExporterConfig = {
    id: "cw",
    type: "cloudwatch",
    region: "us-east-1",
    logGroupName: group,
    logStreamName: stream,
    ...extra,
  };
  const c = new CloudWatchLogsClient({
    region: "us-east-1",
    endpoint: motoEndpoint(),
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  return new CloudWatchLogsExporter("cw", config, 1000, sdk, c, { backoff: { baseMs: 1, maxMs: 5 } });
}

/** Ships JSON-lines entries from a file through the whole apply path to a CloudWatch exporter on moto. */
async function ship(
  dir: string,
  group: string,
  stream: string,
  entries: LogEntry[],
  exporter: Record<string, unknown> = {},
) {
  await mkdir(join(dir, "logs"), { recursive: true });
  await writeFile(join(dir, "logs", "a.jsonl"), entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const config = {
    shippers: [
      {
        id: "cwship",
        source: { type: "file", path: "logs/*.jsonl" },
        lookbackPeriod: "P20D",
        logLevelFilter: "TRACE",
        logExporters: [
          {
            id: "cw",
            type: "io.kestra.plugin.ee.aws.cloudwatch.LogExporter",
            region: "us-east-1",
            logGroupName: group,
            logStreamName: stream,
            accessKeyId: "test",
            secretKeyId: "test",
            endpointOverride: motoEndpoint(),
            ...exporter,
          },
        ],
      },
    ],
  };
  const loaded = loadConfigText(join(dir, "cfg.json"), JSON.stringify(config), dir, { strictVars: true });
  const { report } = await runApply(loaded, {
    state: new FileStateStore(join(dir, "state")),
    secrets: new EnvSecretResolver({}),
    deadLetter: new FileDeadLetter(join(dir, "dead")),
    now: new Date(),
    owner: "test",
    env: {},
    backoff: { baseMs: 1, maxMs: 5 },
  });
  return report;
}

describe("CloudWatch Logs exporter (moto)", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  test("open() creates a missing log stream, and accepts one that exists", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const exporter = exporterFor(group, "s1");
    await exporter.open();
    await exporter.open(); // ResourceAlreadyExistsException is fine
    const res = await client.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    expect(res.logStreams?.map((s) => s.logStreamName)).toEqual(["s1"]);
    await exporter.close();
  });

  test("a missing log group fails open() with a non-retryable error naming the group", async () => {
    const group = unique("missing");
    const exporter = exporterFor(group, "s1");
    const err = await exporter.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).message).toContain(`log group ${group} does not exist`);
    await exporter.close();
  });

  test("createLogStream: false checks the stream instead of creating it", async () => {
    const group = unique("g");
    await createGroup(client, group, ["present"]);
    await exporterFor(group, "present", { createLogStream: false }).open();
    const err = await exporterFor(group, "absent", { createLogStream: false })
      .open()
      .then(
        () => undefined,
        (e: unknown) => e as DeliveryError,
      );
    expect(err?.retryable).toBe(false);
    expect(err?.message).toContain("createLogStream is false");
  });

  test("send() sorts each request by timestamp (moto, like AWS, refuses an unsorted request)", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const exporter = exporterFor(group, "s");
    await exporter.open();
    const now = Date.now();
    const entries = [3, 1, 2, 1].map((k, i) =>
      exporter.encode(recordOf(kestraEntry(now - k * 1000, i), `k${i}`)),
    );
    expect(await exporter.send(entries, { attempt: 1 })).toEqual({});
    const events = await readAll(client, group);
    // sorted by timestamp; the two equal timestamps keep their order (stable)
    expect(events.map((e) => JSON.parse(e.message as string).message)).toEqual([
      "message 0",
      "message 2",
      "message 1",
      "message 3",
    ]);
    // the message is the Kestra entry as JSON, the event timestamp its epoch milliseconds
    expect(JSON.parse(events[0]?.message as string)).toMatchObject({
      namespace: "company.team",
      level: "INFO",
    });
    expect(events[0]?.timestamp).toBe(now - 3000);
  });

  test("rejectedLogEventsInfo is mapped back through the sort to the entries as given", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const exporter = exporterFor(group, "s");
    await exporter.open();
    const now = Date.now();
    const times = [now - 1000, now - 15 * DAY, now + 3 * HOUR, now - 16 * DAY, now - 2000, now + 4 * HOUR];
    const entries = times.map((t, i) => exporter.encode(recordOf(kestraEntry(t, i), `k${i}`)));
    const result = await exporter.send(entries, { attempt: 1 });
    const rejected = [...(result.rejected ?? [])].sort((a, b) => a.index - b.index);
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 5]);
    expect(rejected.find((r) => r.index === 1)?.reason).toMatch(/too old/);
    expect(rejected.find((r) => r.index === 2)?.reason).toMatch(/too new/);
    const kept = (await readAll(client, group)).map((e) => JSON.parse(e.message as string).message).sort();
    expect(kept).toEqual(["message 0", "message 4"]);
  });

  test("rejectedIndices follows the documented bounds (tooNew inclusive, tooOld and expired exclusive)", () => {
    expect(rejectedIndices({ tooOldLogEventEndIndex: 2 }, 5).map((r) => r.index)).toEqual([0, 1]);
    expect(rejectedIndices({ tooNewLogEventStartIndex: 3 }, 5).map((r) => r.index)).toEqual([3, 4]);
    expect(
      rejectedIndices({ expiredLogEventEndIndex: 1, tooNewLogEventStartIndex: 4 }, 5).map((r) => r.index),
    ).toEqual([0, 4]);
    expect(rejectedIndices({}, 3)).toEqual([]);
  });

  test("a batch over 10,000 events is split into several PutLogEvents calls; every event arrives once", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const now = Date.now() - HOUR;
    const entries = Array.from({ length: 10_050 }, (_, i) => kestraEntry(now + Math.floor(i / 3), i));
    const report = await ship(dir, group, "s", entries, { chunk: 20_000 });
    const exp = report.shippers[0]?.exporters[0];
    expect(exp?.status).toBe("ok");
    expect(exp?.shipped).toBe(10_050);
    expect(exp?.requests).toBe(2);
    const events = await readAll(client, group);
    expect(events).toHaveLength(10_050);
    expect(new Set(events.map((e) => JSON.parse(e.message as string).message)).size).toBe(10_050);
  });

  test("a batch over 1,048,576 bytes (Σ message + 26) is split; an event over 1 MB is truncated and marked", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const now = Date.now() - HOUR;
    const big = (n: number, size: number) => kestraEntry(now + n, n, { message: `${n}:` + "x".repeat(size) });
    const entries = [big(0, 300_000), big(1, 300_000), big(2, 300_000), big(3, 300_000), big(4, 1_200_000)];
    const report = await ship(dir, group, "s", entries);
    const exp = report.shippers[0]?.exporters[0];
    expect(exp?.status).toBe("ok");
    expect(exp?.shipped).toBe(5);
    expect(exp?.truncated).toBe(1);
    expect(exp?.requests).toBe(3); // 3 × 300 kB fit in one request; the 4th and the 1 MB one do not
    const events = await readAll(client, group);
    expect(events).toHaveLength(5);
    const truncated = events.map((e) => JSON.parse(e.message as string)).find((m) => m.truncated === true);
    expect(truncated?.message.startsWith("4:xxx")).toBe(true);
    const longest = Math.max(...events.map((e) => Buffer.byteLength(e.message as string)));
    expect(longest).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });

  test("a batch spanning more than 24 hours is split; out-of-order lines in a file are sorted per request", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const now = Date.now();
    // a file whose timestamps go back and forth (the file source ships them in file order)
    const times = [
      now - 40 * HOUR,
      now - 41 * HOUR,
      now - 30 * HOUR,
      now - 12 * HOUR,
      now - 13 * HOUR,
      now - HOUR,
    ];
    const report = await ship(
      dir,
      group,
      "s",
      times.map((t, i) => kestraEntry(t, i)),
    );
    const exp = report.shippers[0]?.exporters[0];
    expect(exp?.status).toBe("ok");
    expect(exp?.shipped).toBe(6);
    expect(exp?.requests).toBe(2);
    const events = await readAll(client, group);
    expect(events.map((e) => e.timestamp).sort()).toEqual([...times].sort());
  });

  test("events older than 14 days are dead-lettered by the pipeline's window check, never sent", async () => {
    const group = unique("g");
    await createGroup(client, group);
    const now = Date.now();
    const report = await ship(dir, group, "s", [kestraEntry(now - 15 * DAY, 0), kestraEntry(now - HOUR, 1)]);
    const exp = report.shippers[0]?.exporters[0];
    expect(exp?.shipped).toBe(1);
    expect(exp?.rejected).toBe(1);
    const dead = await readFile(join(dir, "dead", "cwship", "cw.jsonl"), "utf8");
    expect(dead).toContain("older than CloudWatch Logs accepts");
    expect(await readAll(client, group)).toHaveLength(1);
  });

  test("sending to a deleted stream or group is a non-retryable DeliveryError", async () => {
    const exporter = exporterFor(unique("nope"), "s");
    const entry = exporter.encode(recordOf(kestraEntry(Date.now(), 0), "k"));
    const err = await exporter.send([entry as Encoded<never>], { attempt: 1 }).then(
      () => undefined,
      (e: unknown) => e as DeliveryError,
    );
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err?.retryable).toBe(false);
    expect(err?.message).toContain("ResourceNotFoundException");
  });
});

describe("AWS error classification", () => {
  const meta = (status: number) => ({ $metadata: { httpStatusCode: status } });
  test("throttling, 5xx and network failures are retryable; parameter, missing and auth errors are not", () => {
    expect(awsErrorInfo(new ThrottlingException({ message: "Rate exceeded", ...meta(400) })).retryable).toBe(
      true,
    );
    expect(
      awsErrorInfo(new sdk.ServiceUnavailableException({ message: "down", ...meta(503) })).retryable,
    ).toBe(true);
    expect(
      awsErrorInfo(Object.assign(new Error("boom"), { name: "InternalFailure", ...meta(500) })).retryable,
    ).toBe(true);
    expect(
      awsErrorInfo(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))
        .retryable,
    ).toBe(true);
    expect(awsErrorInfo(new InvalidParameterException({ message: "bad", ...meta(400) })).retryable).toBe(
      false,
    );
    expect(awsErrorInfo(new ResourceNotFoundException({ message: "gone", ...meta(400) })).retryable).toBe(
      false,
    );
    expect(
      awsErrorInfo(Object.assign(new Error("denied"), { name: "AccessDeniedException", ...meta(400) }))
        .retryable,
    ).toBe(false);
    expect(
      awsErrorInfo(
        Object.assign(new Error("bad token"), { name: "UnrecognizedClientException", ...meta(400) }),
      ).retryable,
    ).toBe(false);
  });

  test("truncateUtf8 never splits a character", () => {
    expect(truncateUtf8("aé€", 4)).toBe("aé");
    expect(truncateUtf8("aé€", 3)).toBe("aé");
    expect(truncateUtf8("aé€", 2)).toBe("a");
    expect(truncateUtf8("abc", 10)).toBe("abc");
  });
});
