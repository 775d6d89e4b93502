// CloudWatch Logs throttling and error statuses, which moto cannot produce: nock plays the AWS JSON 1.1 protocol
// (POST /, X-Amz-Target: Logs_20140328.<Operation>, errors as {"__type": ..., "message": ...}).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import { loadConfigText } from "../../src/config/load";
import { SourceError } from "../../src/sources/errors";
import { createCloudWatchSource } from "../../src/sources/cloudwatch-source";
import { fromEpochMs } from "../../src/core/timestamp";
import { applyIn, useNockContract } from "../support/exporter-harness";

const ENDPOINT = "http://logs.test";

const tmp = useNockContract();

interface Call {
  target: string;
  body: Record<string, unknown>;
  contentType: string;
}

/** Intercepts CloudWatch Logs calls; `answer` returns [status, body] per call (by operation). */
function cloudwatch(
  answer: (op: string, n: number, body: Record<string, unknown>) => [number, unknown],
): Call[] {
  const calls: Call[] = [];
  const counts = new Map<string, number>();
  nock(ENDPOINT)
    .persist()
    .post("/")
    .reply(function (_uri, body) {
      const target = String(this.req.headers["x-amz-target"]);
      const op = target.replace("Logs_20140328.", "");
      const parsed = (typeof body === "string" ? JSON.parse(body) : body) as Record<string, unknown>;
      calls.push({ target, body: parsed, contentType: String(this.req.headers["content-type"]) });
      const n = (counts.get(op) ?? 0) + 1;
      counts.set(op, n);
      const [status, out] = answer(op, n, parsed);
      return [status, JSON.stringify(out), { "content-type": "application/x-amz-json-1.1" }];
    });
  return calls;
}

const awsError = (type: string, message: string) => ({ __type: type, message });

describe("CloudWatch Logs exporter: retries are the pipeline's, not the SDK's", () => {
  async function apply() {
    await mkdir(join(tmp.dir, "logs"), { recursive: true });
    const now = Date.now();
    const lines = [3, 1, 2].map((k) =>
      JSON.stringify({
        namespace: "company.team",
        flowId: "f",
        timestamp: new Date(now - k * 60_000).toISOString(),
        level: "INFO",
        message: `m${k}`,
      }),
    );
    await writeFile(join(tmp.dir, "logs", "a.jsonl"), lines.join("\n") + "\n");
    const config = {
      shippers: [
        {
          id: "s",
          source: { type: "file", path: "logs/*.jsonl" },
          logExporters: [
            {
              id: "cw",
              type: "cloudwatch",
              region: "eu-west-1",
              logGroupName: "kestra",
              logStreamName: "prod",
              accessKeyId: "AKIAEXAMPLE",
              secretKeyId: "secret-example-value",
              endpointOverride: ENDPOINT,
            },
          ],
        },
      ],
    };
    const loaded = loadConfigText(join(tmp.dir, "c.json"), JSON.stringify(config), tmp.dir, {
      strictVars: true,
    });
    return applyIn(tmp.dir, loaded);
  }

  test("ThrottlingException then 503: one SDK attempt per pipeline attempt, then success", async () => {
    const calls = cloudwatch((op, n) => {
      if (op === "CreateLogStream") return [400, awsError("ResourceAlreadyExistsException", "exists")];
      if (op === "PutLogEvents" && n === 1) return [400, awsError("ThrottlingException", "Rate exceeded")];
      if (op === "PutLogEvents" && n === 2) return [503, awsError("ServiceUnavailableException", "down")];
      return [200, {}];
    });
    const { report } = await apply();
    const exp = report.shippers[0]!.exporters[0]!;
    expect(exp).toMatchObject({ status: "ok", shipped: 3, retries: 2, requests: 3 });
    const puts = calls.filter((c) => c.target === "Logs_20140328.PutLogEvents");
    expect(puts).toHaveLength(3);
    expect(puts[0]!.contentType).toBe("application/x-amz-json-1.1");
    expect(puts[0]!.body).toMatchObject({ logGroupName: "kestra", logStreamName: "prod" });
    const events = puts[2]!.body.logEvents as Array<{ timestamp: number; message: string }>;
    expect(events.map((e) => JSON.parse(e.message).message)).toEqual(["m3", "m2", "m1"]);
  });

  test("AccessDeniedException is not retried; the exporter fails with the vendor's message", async () => {
    const calls = cloudwatch((op) => {
      if (op === "CreateLogStream") return [200, {}];
      return [400, awsError("AccessDeniedException", "User is not authorized to perform logs:PutLogEvents")];
    });
    const { report } = await apply();
    const exp = report.shippers[0]!.exporters[0]!;
    expect(exp.status).toBe("failed");
    expect(exp.error).toContain("AccessDeniedException");
    expect(exp.error).toContain("not retryable");
    expect(calls.filter((c) => c.target.endsWith("PutLogEvents"))).toHaveLength(1);
  });
});

describe("CloudWatch Logs source: throttling is retried with backoff", () => {
  const config = {
    type: "cloudwatch" as const,
    region: "eu-west-1",
    logGroupNames: ["app"] as [string],
    accessKeyId: "AKIAEXAMPLE",
    secretKeyId: "secret-example-value",
    endpointOverride: ENDPOINT,
  };
  const range = (t: number) => ({
    after: { ts: fromEpochMs(t - 60_000), key: "" },
    to: fromEpochMs(t + 60_000),
    filter: { minLevelRank: 0 },
  });

  test("ThrottlingException on FilterLogEvents is retried, then the events are read", async () => {
    const t = Date.now() - 600_000;
    const calls = cloudwatch((op, n) => {
      if (op === "DescribeLogGroups") return [200, { logGroups: [{ logGroupName: "app" }] }];
      if (n <= 2) return [400, awsError("ThrottlingException", "Rate exceeded")];
      return [200, { events: [{ logStreamName: "s", timestamp: t, message: "ERROR x", eventId: "1" }] }];
    });
    const src = await createCloudWatchSource(
      config,
      { baseDir: ".", env: {} },
      { backoff: { baseMs: 1, maxMs: 5 } },
    );
    const out = [];
    for await (const b of src.read(range(t), { batchSize: 10 })) out.push(...b.records);
    await src.close();
    expect(out.map((r) => r.level)).toEqual(["ERROR"]);
    const filters = calls.filter((c) => c.target.endsWith("FilterLogEvents"));
    expect(filters).toHaveLength(3);
    expect(filters[0]!.body).toMatchObject({
      logGroupName: "app",
      startTime: t - 60_000,
      endTime: t + 60_000,
    });
  });

  test("AccessDeniedException is a non-retryable auth error; check() reports source-error drift", async () => {
    const calls = cloudwatch(() => [400, awsError("AccessDeniedException", "not authorized")]);
    const src = await createCloudWatchSource(
      config,
      { baseDir: ".", env: {} },
      { backoff: { baseMs: 1, maxMs: 5 } },
    );
    const drift = await src.check("s1");
    expect(drift[0]).toMatchObject({ kind: "source-error", shipper: "s1" });
    expect(drift[0]!.message).toContain("AccessDeniedException");
    const err = await (async () => {
      for await (const _ of src.read(range(Date.now()), { batchSize: 10 })) void _;
    })().catch((e: unknown) => e as SourceError);
    expect((err as SourceError).kind).toBe("auth");
    expect(calls).toHaveLength(2);
    await src.close();
  });
});
