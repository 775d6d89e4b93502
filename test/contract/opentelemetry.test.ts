import { readFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import { renderApply } from "../../src/cli/render-apply";
import { loadConfigText } from "../../src/config/load";
import { validateApplyReport } from "../../src/config/schema";
import { DeliveryError } from "../../src/exporters/errors";
import { OpenTelemetryExporter } from "../../src/exporters/opentelemetry";
import { kestraEntry, kestraRecords, shipThrough, toRecord } from "../support/http-exporters";
import { writeJsonl } from "../support/fixtures";
import {
  applyIn,
  capture,
  secretEnv,
  sendAlone,
  useNockContract,
  type NockReply,
} from "../support/exporter-harness";

const HOST = "http://collector.test:4318";
const TOKEN = "otlp-token-0123456789";

interface OtlpRecord {
  timeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: { stringValue: string };
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpBody {
  resourceLogs: Array<{
    resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> };
    scopeLogs: Array<{ scope: { name: string }; logRecords: OtlpRecord[] }>;
  }>;
}

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000, warn?: (m: string) => void) {
  return new OpenTelemetryExporter(
    "otel",
    {
      id: "otel",
      type: "opentelemetry",
      otlpEndpoint: `${HOST}/v1/logs`,
      authorizationHeaderName: "Authorization",
      authorizationHeaderValue: `Bearer ${TOKEN}`,
      ...overrides,
    } as never,
    chunk,
    4,
    warn,
  );
}

/** The log records of an OTLP request (one resource, one scope). */
const logRecords = (body: OtlpBody): OtlpRecord[] => body.resourceLogs[0]!.scopeLogs[0]!.logRecords;

/** Answers every OTLP/HTTP request with `answer` (given its log records) and records what it saw. */
function collector(answer: (records: OtlpRecord[], n: number) => NockReply) {
  return capture<OtlpBody>(nock(HOST).persist().post("/v1/logs"), (req, n) =>
    answer(logRecords(req.body), n),
  );
}

const attr = (r: OtlpRecord, key: string): Record<string, unknown> | undefined =>
  r.attributes.find((a) => a.key === key)?.value;

const tmp = useNockContract();

describe("OpenTelemetry exporter: request shape and mapping", () => {
  it("POSTs gzipped OTLP JSON to otlpEndpoint with the configured credentials header", async () => {
    const seen = collector(() => [200, "{}"]);
    const { outcome } = await shipThrough(exporter({ serviceName: "kestra-prod" }), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.headers["content-encoding"]).toBe("gzip");
    const rl = seen[0]!.body.resourceLogs;
    expect(rl).toHaveLength(1);
    expect(rl[0]!.resource.attributes).toEqual([
      { key: "service.name", value: { stringValue: "kestra-prod" } },
    ]);
    expect(rl[0]!.scopeLogs[0]!.scope).toEqual({ name: "log-shipper" });
    expect(logRecords(seen[0]!.body).map((r) => r.body.stringValue)).toEqual([
      "message 0",
      "message 1",
      "message 2",
    ]);
  });

  it("sends no credentials header when none is configured", async () => {
    const seen = collector(() => [200, "{}"]);
    const e = exporter({ authorizationHeaderName: undefined, authorizationHeaderValue: undefined });
    await shipThrough(e, kestraRecords(1));
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it("writes timeUnixNano as a decimal string at full nanosecond precision", async () => {
    const seen = collector(() => [200, "{}"]);
    const stamps = [
      ["2026-03-04T05:06:07.123456789Z", "1772600767123456789"],
      ["2026-03-04T07:06:07.000000001+02:00", "1772600767000000001"],
      ["1969-12-31T23:59:59.999999999Z", "-1"],
      ["2026-03-04T05:06:07Z", "1772600767000000000"],
    ];
    await shipThrough(
      exporter(),
      stamps.map(([t], i) => toRecord(kestraEntry(i, { timestamp: t! }), i)),
    );
    expect(logRecords(seen[0]!.body).map((r) => r.timeUnixNano)).toEqual(stamps.map(([, n]) => n));
  });

  it("maps levels to the OpenTelemetry severity numbers and keeps the level as severityText", async () => {
    const seen = collector(() => [200, "{}"]);
    const levels = ["TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR"];
    await shipThrough(
      exporter(),
      kestraRecords(levels.length, (i) => ({ level: levels[i] })),
    );
    expect(logRecords(seen[0]!.body).map((r) => [r.severityNumber, r.severityText])).toEqual([
      [1, "TRACE"],
      [5, "DEBUG"],
      [9, "INFO"],
      [13, "WARN"],
      [13, "WARN"],
      [17, "ERROR"],
    ]);
  });

  it("puts every other field in attributes with OTLP value types; the message stays intact", async () => {
    const seen = collector(() => [200, "{}"]);
    const message = 'ligne 1 ✓ 日本語 😀\nline 2\t"quoted"';
    const entry = kestraEntry(0, {
      message,
      triggerId: "trig",
      executionKind: "NORMAL",
      ratio: 0.5,
      flag: false,
      list: [1, "a", null],
      obj: { x: 1, y: { z: "deep" } },
    });
    await shipThrough(exporter(), [toRecord(entry, 0)]);
    const r = logRecords(seen[0]!.body)[0]!;
    expect(r.body).toEqual({ stringValue: message });
    expect(r.attributes.map((a) => a.key)).toEqual([
      "tenantId",
      "namespace",
      "flowId",
      "taskId",
      "executionId",
      "taskRunId",
      "attemptNumber",
      "triggerId",
      "thread",
      "executionKind",
      "ratio",
      "flag",
      "list",
      "obj",
    ]);
    expect(attr(r, "namespace")).toEqual({ stringValue: "company.team" });
    expect(attr(r, "attemptNumber")).toEqual({ intValue: "1" });
    expect(attr(r, "ratio")).toEqual({ doubleValue: 0.5 });
    expect(attr(r, "flag")).toEqual({ boolValue: false });
    expect(attr(r, "list")).toEqual({
      arrayValue: { values: [{ intValue: "1" }, { stringValue: "a" }, {}] },
    });
    expect(attr(r, "obj")).toEqual({
      kvlistValue: {
        values: [
          { key: "x", value: { intValue: "1" } },
          { key: "y", value: { kvlistValue: { values: [{ key: "z", value: { stringValue: "deep" } }] } } },
        ],
      },
    });
  });
});

describe("OpenTelemetry exporter: limits, errors and partial success", () => {
  it("sends chunk records per request", async () => {
    const seen = collector(() => [200, "{}"]);
    const { outcome } = await shipThrough(exporter({}, 40), kestraRecords(100));
    expect(seen.map((s) => logRecords(s.body).length)).toEqual([40, 40, 20]);
    expect(outcome.shipped).toBe(100);
  });

  it("keeps each request body under 20 MiB before compression", async () => {
    const seen = collector(() => [200, "{}"]);
    const records = kestraRecords(12, (i) => ({ message: `${i} ${"m".repeat(4 * 1024 * 1024)}` }));
    const { outcome } = await shipThrough(exporter(), records);
    expect(outcome.shipped).toBe(12);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const s of seen)
      expect(Buffer.byteLength(JSON.stringify(s.body))).toBeLessThanOrEqual(20 * 1024 * 1024);
  });

  it.each([429, 503])("honours Retry-After on %i", async (status) => {
    const times: number[] = [];
    const seen = collector((_r, n) => {
      times.push(Date.now());
      return n === 1 ? [status, '{"message":"slow down"}', { "Retry-After": "1" }] : [200, "{}"];
    });
    const { outcome } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, retries: 1 });
    expect(seen).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it.each([502, 504])("retries HTTP %i", async (status) => {
    const seen = collector((_r, n) => (n === 1 ? [status, "bad gateway"] : [200, "{}"]));
    const { outcome } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, retries: 1 });
    expect(seen).toHaveLength(2);
  });

  it.each([500, 400, 401, 403, 408])(
    "never retries HTTP %i: the exporter fails, its offset stays, nothing is dead-lettered",
    async (status) => {
      const seen = collector(() => [status, `{"message":"no (${TOKEN})"}`]);
      const { outcome, stored, deadLetters } = await shipThrough(exporter(), kestraRecords(3));
      expect(outcome.status).toBe("failed");
      expect(outcome.retries).toBe(0);
      expect(seen).toHaveLength(1);
      expect(stored).toBeUndefined();
      expect(deadLetters).toEqual([]);
      const message = (outcome.error as Error).message;
      expect(message).toContain(`HTTP ${status}`);
      expect(message).toContain("exporter otel (OpenTelemetry)");
      expect(message).not.toContain(TOKEN);
    },
  );

  it("splits on 413 (never resends the same request) and delivers every record once", async () => {
    const seen = collector((records) => (records.length > 2 ? [413, "too large"] : [200, "{}"]));
    const { outcome, deadLetters } = await shipThrough(exporter(), kestraRecords(7));
    expect(outcome).toMatchObject({ status: "ok", shipped: 7, rejected: 0 });
    expect(deadLetters).toEqual([]);
    const sizes = seen.map((s) => logRecords(s.body).length);
    expect(sizes[0]).toBe(7);
    const delivered = seen
      .filter((s) => logRecords(s.body).length <= 2)
      .flatMap((s) => logRecords(s.body).map((r) => r.body.stringValue));
    expect(delivered).toEqual(Array.from({ length: 7 }, (_, i) => `message ${i}`));
  });

  it("counts a partial success by the receiver's number: 1 of 100 rejected, 99 shipped, all 100 marked uncertain", async () => {
    // OTLP/HTTP: a 200 whose ExportLogsServiceResponse has partialSuccess.rejectedLogRecords = 1 (int64, a decimal
    // string in proto3 JSON): the receiver stored 99 of the 100 and does not say which one it refused
    const warnings: string[] = [];
    const seen = collector(() => [
      200,
      JSON.stringify({ partialSuccess: { rejectedLogRecords: "1", errorMessage: "1 record too old" } }),
    ]);
    const records = kestraRecords(100);
    const { outcome, stored, deadLetters } = await shipThrough(
      exporter({}, 100, (m) => warnings.push(m)),
      records,
    );
    expect(seen.map((s) => logRecords(s.body).length)).toEqual([100]); // never resent (OTLP: MUST NOT retry)
    expect(outcome).toMatchObject({ status: "ok", shipped: 99, rejected: 1, uncertain: 100, retries: 0 });
    // the receiver acknowledged the request: the offset moves past it, and the totals count its numbers
    expect(stored).toMatchObject({ cursor: { key: records[99]!.key }, shipped: 99, rejected: 1 });
    // every record of the request is in the dead-letter, marked "1 of these 100, unknown which", one request id
    expect(deadLetters.map((d) => d.entry.message)).toEqual(records.map((r) => r.entry.message));
    const marks = new Set(deadLetters.map((d) => JSON.stringify(d.uncertain)));
    expect(marks.size).toBe(1);
    expect(deadLetters[0]!.uncertain).toEqual({ request: expect.any(String), rejected: 1, of: 100 });
    expect(deadLetters[0]!.reason).toMatch(/rejected 1 of these 100 log records and did not say which/);
    expect(deadLetters[0]!.reason).toContain("1 record too old");
    expect(warnings).toEqual([
      expect.stringMatching(/exporter otel \(OpenTelemetry\): OTLP partial success/),
    ]);
  });

  it("keeps each partially rejected request apart: its own request id, N and M; other requests are not marked", async () => {
    const seen = collector((_r, n) =>
      n === 2
        ? [200, '{"partialSuccess":{"rejectedLogRecords":3}}'] // a number works as well as a string
        : n === 3
          ? [200, '{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"bad attribute"}}']
          : [200, "{}"],
    );
    const records = kestraRecords(40);
    const { outcome, stored, deadLetters } = await shipThrough(exporter({}, 10), records, {
      concurrency: 1,
    });
    expect(seen).toHaveLength(4);
    expect(outcome).toMatchObject({ status: "ok", shipped: 35, rejected: 5, uncertain: 20 });
    expect(stored).toMatchObject({ cursor: { key: records[39]!.key }, shipped: 35, rejected: 5 });
    expect(deadLetters.map((d) => d.entry.message)).toEqual(
      records.slice(10, 30).map((r) => r.entry.message),
    );
    const second = deadLetters.slice(0, 10).map((d) => d.uncertain);
    const third = deadLetters.slice(10).map((d) => d.uncertain);
    expect(new Set(second.map((u) => u?.request)).size).toBe(1);
    expect(new Set(third.map((u) => u?.request)).size).toBe(1);
    expect(second[0]?.request).not.toBe(third[0]?.request);
    expect(second[0]).toMatchObject({ rejected: 3, of: 10 });
    expect(third[0]).toMatchObject({ rejected: 2, of: 10 });
  });

  it("caps a rejected count above the request's size at the request's size", async () => {
    collector(() => [200, '{"partialSuccess":{"rejectedLogRecords":"50"}}']);
    const { outcome, deadLetters } = await shipThrough(exporter(), kestraRecords(4));
    expect(outcome).toMatchObject({ status: "ok", shipped: 0, rejected: 4, uncertain: 4 });
    expect(deadLetters.map((d) => d.uncertain?.rejected)).toEqual([4, 4, 4, 4]);
  });

  it("treats a partial success with 0 rejected records as a warning", async () => {
    const warnings: string[] = [];
    collector(() => [
      200,
      '{"partialSuccess":{"rejectedLogRecords":0,"errorMessage":"attribute limit near"}}',
    ]);
    const { outcome, deadLetters } = await shipThrough(
      exporter({}, 1000, (m) => warnings.push(m)),
      kestraRecords(3),
    );
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, rejected: 0 });
    expect(deadLetters).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining("attribute limit near")]);
  });

  it("accepts an empty or non-JSON 200 as full success", async () => {
    collector((_r, n) => (n === 1 ? [200, ""] : [200, "\u0000binary"]));
    const e = exporter();
    const enc = e.encode(toRecord(kestraEntry(0), 0));
    await expect(e.send([enc])).resolves.toEqual({});
    await expect(e.send([enc])).resolves.toEqual({});
    await e.close();
  });

  it("exposes Retry-After on the DeliveryError", async () => {
    collector(() => [503, "", { "Retry-After": "12" }]);
    const e = exporter();
    const err = await sendAlone(e, toRecord(kestraEntry(0), 0));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 503, retryable: true, retryAfterMs: 12_000 });
  });

  it("refuses half a credentials header", () => {
    expect(() => exporter({ authorizationHeaderValue: undefined })).toThrow(/set both or neither/);
    expect(() => exporter({ authorizationHeaderName: "Bad Header" })).toThrow(/authorizationHeaderName/);
  });
});

describe("OpenTelemetry exporter through runApply", () => {
  it("ships a file of Kestra logs and records partial-success rejections in the report", async () => {
    const dir = tmp.dir;
    const entries = Array.from({ length: 30 }, (_, i) => kestraEntry(i, { message: `rec ${i}` }));
    writeJsonl(join(dir, "a.jsonl"), entries);
    const yaml = [
      "shippers:",
      "  - id: otel-apply",
      "    source: { type: file, path: ./a.jsonl }",
      "    logExporters:",
      "      - id: collector",
      "        type: opentelemetry",
      `        otlpEndpoint: ${HOST}/v1/logs`,
      "        authorizationHeaderName: X-Api-Token",
      "        authorizationHeaderValue: \"{{ secret('OTLP_TOKEN') }}\"",
      "        chunk: 10",
    ].join("\n");
    const config = loadConfigText(join(dir, "ls.yaml"), yaml, dir, { strictVars: true });
    const seen = collector((_r, n) =>
      n === 2
        ? [200, '{"partialSuccess":{"rejectedLogRecords":"1","errorMessage":"bad attribute"}}']
        : [200, "{}"],
    );
    const { report } = await applyIn(dir, config, { env: secretEnv({ OTLP_TOKEN: TOKEN }) });
    expect(seen.map((s) => s.headers["x-api-token"])).toEqual([TOKEN, TOKEN, TOKEN]);
    expect(validateApplyReport(report)).toEqual([]);
    expect(report.shippers[0]!.exporters[0]).toMatchObject({
      status: "ok",
      shipped: 29,
      rejected: 1,
      uncertain: 10,
      requests: 3,
    });
    const dead = (await readFile(join(dir, "dead", "otel-apply", "collector.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { reason: string; uncertain?: unknown; entry: { message: string } });
    // the records of the request that got the partial success (requests run concurrently: any 10 in order)
    expect(dead.map((d) => d.entry.message)).toEqual(
      logRecords(seen[1]!.body).map((r) => r.body.stringValue),
    );
    expect(dead).toHaveLength(10);
    const mark = dead[0]!.uncertain as { request: string };
    expect(mark).toEqual({ request: expect.any(String), rejected: 1, of: 10 });
    expect(dead.map((d) => d.uncertain)).toEqual(Array(10).fill(mark));
    expect(dead[0]!.reason).toContain("bad attribute");
    // the CLI's apply output says it
    const text = renderApply(report, config);
    expect(text).toMatch(
      /ok +collector opentelemetry: shipped 29, 1 rejected, 10 uncertain \(the destination rejected part of a request without saying which; dead-letter: /,
    );
    expect(text).toMatch(/Apply complete: 29 shipped, 1 rejected, 10 uncertain, 0 invalid lines/);
  });
});
