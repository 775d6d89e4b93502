import { readFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import { loadConfigText } from "../../src/config/load";
import { DeliveryError } from "../../src/exporters/errors";
import { DATADOG_LIMITS, DatadogExporter, type DatadogPayload } from "../../src/exporters/datadog";
import { isRejection, type Encoded } from "../../src/exporters/exporter";
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

const BASE = "https://http-intake.logs.datadoghq.test";
const KEY = "dd-test-key-0123456789";

type DatadogLog = Record<string, unknown>;

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000): DatadogExporter {
  return new DatadogExporter(
    "dd",
    { id: "dd", type: "datadog", basePath: BASE, apiKey: KEY, ...overrides } as never,
    chunk,
    4,
  );
}

/** Answers every intake request with `answer` and records what it saw. */
function intake(answer: (logs: DatadogLog[], n: number) => NockReply) {
  const seen = capture<DatadogLog[]>(nock(BASE).persist().post("/api/v2/logs"), (req, n) =>
    answer(req.body, n),
  );
  return { seen };
}

const tmp = useNockContract();

describe("Datadog exporter: request shape and mapping", () => {
  it("POSTs a gzipped JSON array to {basePath}/api/v2/logs with the DD-API-KEY header", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const { outcome } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome.status).toBe("ok");
    expect(outcome.shipped).toBe(3);
    expect(seen).toHaveLength(1);
    const h = seen[0]!.headers;
    expect(h["dd-api-key"]).toBe(KEY);
    expect(h["content-encoding"]).toBe("gzip");
    expect(h["content-type"]).toBe("application/json");
    expect(seen[0]!.body.map((l) => l.message)).toEqual(["message 0", "message 1", "message 2"]);
  });

  it("maps every Kestra field, the level to status, and keeps multi-line and non-ASCII messages intact", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const message = 'Ligne 1 — café ☕ 日本語\n\tat com.example.Foo(Foo.java:42)\n😀 "quoted" \\ backslash';
    const entry = kestraEntry(0, {
      level: "WARN",
      message,
      triggerId: "schedule",
      executionKind: "NORMAL",
      progress: "50%",
      custom: { nested: [1, "two"] },
    });
    const e = exporter({
      service: "orchestrator",
      ddsource: "kestra-ee",
      hostname: "kestra-1",
      ddtags: "env:prod,team:data",
    });
    // the same entry read with its JSON text (fast path) and without (serialised from fields)
    await shipThrough(e, [toRecord(entry, 0), toRecord(entry, 1, { raw: false })]);
    expect(seen).toHaveLength(1);
    for (const log of seen[0]!.body) {
      expect(log).toMatchObject({
        ddsource: "kestra-ee",
        service: "orchestrator",
        hostname: "kestra-1",
        ddtags: "namespace:company.team,flow_id:etl,tenant_id:main,env:prod,team:data",
        status: "warn",
        timestamp: entry.timestamp,
        message,
        level: "WARN",
        tenantId: "main",
        namespace: "company.team",
        flowId: "etl",
        taskId: "extract",
        executionId: "exec0",
        taskRunId: "run0",
        attemptNumber: 1,
        triggerId: "schedule",
        thread: "worker-1",
        executionKind: "NORMAL",
        progress: "50%",
        custom: { nested: [1, "two"] },
      });
      expect(log).not.toHaveProperty("kestra.timestamp"); // milliseconds: nothing lost
    }
  });

  it("sends Datadog a millisecond UTC timestamp and keeps the full precision in kestra.timestamp", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const base = Date.now() - 60_000;
    const iso = new Date(base).toISOString(); // 2026-…T…:…:….mmmZ
    const nanos = `${iso.slice(0, 23)}456789Z`;
    const offset = new Date(base).toISOString().slice(0, 19); // as +02:00 below
    const local = new Date(base + 2 * 3_600_000).toISOString().slice(0, 19);
    const records = [
      toRecord(kestraEntry(0, { timestamp: nanos }), 0),
      toRecord(kestraEntry(1, { timestamp: `${local}.5+02:00` }), 1),
    ];
    await shipThrough(exporter(), records);
    const [a, b] = seen[0]!.body;
    expect(a!.timestamp).toBe(iso);
    expect(a!["kestra.timestamp"]).toBe(nanos);
    expect(b!.timestamp).toBe(`${offset}.500Z`);
    expect(b).not.toHaveProperty("kestra.timestamp");
  });

  it("maps TRACE, DEBUG, INFO, WARN (and WARNING) and ERROR to statuses Datadog's remapper reads", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const levels = ["TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR"];
    await shipThrough(
      exporter(),
      kestraRecords(levels.length, (i) => ({ level: levels[i] })),
    );
    expect(seen[0]!.body.map((l) => l.status)).toEqual(["trace", "debug", "info", "warn", "warn", "error"]);
  });

  it("renames entry fields that would replace Datadog's reserved attributes", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const entry = kestraEntry(0, { service: "evil", status: "ok", host: "h", date: "yesterday" });
    await shipThrough(exporter(), [toRecord(entry, 0)]);
    const log = seen[0]!.body[0]!;
    expect(log).toMatchObject({
      service: "kestra",
      status: "info",
      "kestra.service": "evil",
      "kestra.status": "ok",
      "kestra.host": "h",
      "kestra.date": "yesterday",
    });
    expect(log).not.toHaveProperty("host");
    expect(log).not.toHaveProperty("date");
  });

  it("counts bytes as the API does: UTF-8 bytes of each log's JSON", () => {
    const e = exporter();
    // the record's own text behind a prefix, and a log serialised whole (a reserved key is renamed)
    for (const extra of [{}, { service: "ünïcode" }]) {
      const r = toRecord(kestraEntry(0, { message: "é😀\n", ...extra }), 0);
      const enc = e.encode(r) as Encoded<DatadogPayload>;
      expect(isRejection(enc)).toBe(false);
      const body = e.body([enc, enc]);
      expect(body.length).toBe(2 * enc.bytes + 3); // [ , ]
      const logs = JSON.parse(body.toString("utf8"));
      expect(logs[1]).toEqual(logs[0]);
      expect(logs[0].message).toBe("é😀\n");
    }
  });
});

describe("Datadog exporter: limits", () => {
  it("sends at most 1000 logs per request (Datadog's array limit), whatever chunk says", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const { outcome, stored } = await shipThrough(exporter({}, 5000), kestraRecords(2500));
    expect(seen.map((s) => s.body.length)).toEqual([1000, 1000, 500]);
    expect(outcome.shipped).toBe(2500);
    expect(stored?.cursor.key).toBe(String(2499).padStart(8, "0"));
  });

  it("keeps each request under 5 MB uncompressed and every log arrives once", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const big = "x".repeat(300_000);
    const records = kestraRecords(40, (i) => ({ message: `${i} ${big}` }));
    const { outcome } = await shipThrough(exporter(), records);
    expect(outcome.shipped).toBe(40);
    expect(seen.length).toBeGreaterThan(2);
    for (const s of seen) expect(Buffer.byteLength(JSON.stringify(s.body))).toBeLessThanOrEqual(5_000_000);
    const numbers = seen.flatMap((s) => s.body.map((l) => Number(String(l.message).split(" ")[0])));
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("cuts a message that would make the log pass 1 MB, marks it and counts it as truncated", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const huge = "😀é\n".repeat(400_000); // 2.8 MB of UTF-8, more once escaped
    const records = [toRecord(kestraEntry(0, { message: huge }), 0), toRecord(kestraEntry(1), 1)];
    const { outcome, deadLetters } = await shipThrough(exporter(), records);
    expect(outcome.status).toBe("ok");
    expect(outcome.shipped).toBe(2);
    expect(outcome.truncated).toBe(1);
    expect(deadLetters).toEqual([]);
    const log = seen[0]!.body[0]!;
    expect(Buffer.byteLength(JSON.stringify(log))).toBeLessThanOrEqual(DATADOG_LIMITS.maxEntryBytes);
    expect(Buffer.byteLength(JSON.stringify(log))).toBeGreaterThan(DATADOG_LIMITS.maxEntryBytes - 16);
    expect(log["logshipper.truncated"]).toBe(true);
    expect(log["logshipper.messageBytes"]).toBe(Buffer.byteLength(huge));
    const cut = log.message as string;
    expect(huge.startsWith(cut)).toBe(true);
    expect(cut).toBe(Buffer.from(cut, "utf8").toString("utf8")); // no broken surrogate pair
    expect(seen[0]!.body[1]).not.toHaveProperty("logshipper.truncated");
  });

  it("dead-letters (never sends) a log older than Datadog's 18-hour window", async () => {
    const { seen } = intake(() => [202, "{}"]);
    const records = [toRecord(kestraEntry(0, {}, 19 * 60), 0), toRecord(kestraEntry(1), 1)];
    const { outcome, deadLetters } = await shipThrough(exporter(), records);
    expect(outcome.shipped).toBe(1);
    expect(outcome.rejected).toBe(1);
    expect(deadLetters[0]!.reason).toMatch(/18 hours/);
    expect(seen[0]!.body).toHaveLength(1);
  });
});

describe("Datadog exporter: errors and retries", () => {
  it("honours Retry-After on 429, then delivers", async () => {
    const times: number[] = [];
    const { seen } = intake((_l, n) => {
      times.push(Date.now());
      return n === 1 ? [429, '{"errors":["Too many requests"]}', { "Retry-After": "1" }] : [202, "{}"];
    });
    const { outcome } = await shipThrough(exporter(), kestraRecords(5));
    expect(outcome).toMatchObject({ status: "ok", shipped: 5, retries: 1 });
    expect(seen).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("exposes Retry-After on the DeliveryError it throws", async () => {
    intake(() => [429, "{}", { "Retry-After": "7" }]);
    const e = exporter();
    const err = await sendAlone(e, toRecord(kestraEntry(0), 0));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it.each([408, 500, 502, 503, 504])("retries HTTP %i", async (status) => {
    const { seen } = intake((_l, n) => (n === 1 ? [status, '{"errors":["oops"]}'] : [202, "{}"]));
    const { outcome } = await shipThrough(exporter(), kestraRecords(4));
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, retries: 1 });
    expect(seen).toHaveLength(2);
  });

  it("splits a batch answered with 413 and delivers every log once", async () => {
    const { seen } = intake((logs) =>
      logs.length > 2 ? [413, '{"errors":["Payload too large"]}'] : [202, "{}"],
    );
    const { outcome, deadLetters } = await shipThrough(exporter(), kestraRecords(8));
    expect(outcome).toMatchObject({ status: "ok", shipped: 8, rejected: 0 });
    expect(deadLetters).toEqual([]);
    const delivered = seen.filter((s) => s.body.length <= 2).flatMap((s) => s.body.map((l) => l.message));
    expect(delivered).toEqual(Array.from({ length: 8 }, (_, i) => `message ${i}`));
  });

  it.each([
    [400, "Bad request"],
    [401, "Unauthorized"],
    [403, "Forbidden"],
  ])("fails on HTTP %i without retrying, moving the offset or dead-lettering", async (status, text) => {
    const { seen } = intake(() => [status, JSON.stringify({ errors: [`${text}: key ${KEY}`] })]);
    const { outcome, stored, deadLetters } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome.status).toBe("failed");
    expect(outcome.shipped).toBe(0);
    expect(seen).toHaveLength(1);
    expect(stored).toBeUndefined();
    expect(deadLetters).toEqual([]);
    const message = (outcome.error as Error).message;
    expect(message).toContain(`HTTP ${status}`);
    expect(message).toContain(text);
    expect(message).toContain("exporter dd (Datadog)");
    expect(message).not.toContain(KEY); // the key a vendor echoes back is redacted
  });

  it("refuses a basePath that is not an http(s) URL", () => {
    expect(() => exporter({ basePath: "ftp://x" })).toThrow(/basePath/);
  });
});

describe("Datadog exporter through runApply", () => {
  it("ships a Kestra log file end to end: report, offsets, every record once", async () => {
    const messageIndex = (message: unknown): number => Number(/^apply (\d+)/.exec(String(message))?.[1]);
    const dir = tmp.dir;
    const entries = Array.from({ length: 1500 }, (_, i) => kestraEntry(i, { message: `apply ${i} ✓` }));
    writeJsonl(join(dir, "kestra.jsonl"), entries);
    const yaml = [
      "shippers:",
      "  - id: dd-apply",
      "    source: { type: file, path: ./kestra.jsonl }",
      "    logLevelFilter: TRACE",
      "    logExporters:",
      "      - id: datadog",
      "        type: io.kestra.plugin.ee.datadog.LogExporter",
      `        basePath: ${BASE}`,
      "        apiKey: \"{{ secret('DD_KEY') }}\"",
    ].join("\n");
    const config = loadConfigText(join(dir, "ls.yaml"), yaml, dir, { strictVars: true });
    const { seen } = intake(() => [202, "{}"]);
    const { report, state } = await applyIn(dir, config, { env: secretEnv({ DD_KEY: KEY }) });
    const ex = report.shippers[0]!.exporters[0]!;
    expect(ex).toMatchObject({ status: "ok", shipped: 1500, rejected: 0, requests: 2 });
    expect(seen.map((s) => s.headers["dd-api-key"])).toEqual([KEY, KEY]);
    // every record once; the two requests are in flight together, so they may arrive in either order
    const byFirst = [...seen].sort(
      (a, b) => messageIndex(a.body[0]!.message) - messageIndex(b.body[0]!.message),
    );
    const messages = byFirst.flatMap((s) => s.body.map((l) => l.message));
    expect(messages).toEqual(entries.map((e) => e.message));
    const offsets = await state.list("dd-apply");
    expect(offsets[0]!.record).toMatchObject({ shipped: 1500, exporterType: "datadog" });
    const stateText = await readFile(join(dir, "state", "dd-apply.json"), "utf8");
    expect(stateText).not.toContain(KEY);
  });
});
