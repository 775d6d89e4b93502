import { join } from "node:path";
import nock from "nock";
import { loadConfigText } from "../../src/config/load";
import { toEpochMs } from "../../src/core/timestamp";
import { DeliveryError } from "../../src/exporters/errors";
import { NEW_RELIC_LIMITS, NewRelicExporter } from "../../src/exporters/newrelic";
import { kestraEntry, kestraRecords, shipThrough, toRecord, ts } from "../support/http-exporters";
import { writeJsonl } from "../support/fixtures";
import {
  applyIn,
  capture,
  secretEnv,
  sendAlone,
  useNockContract,
  type NockReply,
} from "../support/exporter-harness";

const BASE = "https://log-api.newrelic.test";
const KEY = "nr-license-key-0123456789abcdef";

interface NrLog {
  timestamp: number;
  message: string;
  attributes: Record<string, unknown>;
}
type NrBody = Array<{ common: { attributes: Record<string, unknown> }; logs: NrLog[] }>;

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000): NewRelicExporter {
  return new NewRelicExporter(
    "nr",
    { id: "nr", type: "newrelic", basePath: BASE, apiKey: KEY, ...overrides } as never,
    chunk,
    4,
  );
}

/** Answers every Log API request with `answer` (given the request's logs) and records what it saw. */
function logApi(answer: (logs: NrLog[], n: number) => NockReply) {
  return capture<NrBody>(nock(BASE).persist().post("/log/v1"), (req, n) => answer(req.body[0]!.logs, n));
}

const tmp = useNockContract();

describe("New Relic exporter: request shape and mapping", () => {
  it("POSTs the gzipped detailed body to {basePath}/log/v1 with the Api-Key header", async () => {
    const seen = logApi(() => [202, '{"requestId":"x"}']);
    const { outcome } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers["api-key"]).toBe(KEY);
    expect(seen[0]!.headers["content-encoding"]).toBe("gzip");
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.body).toHaveLength(1);
    expect(seen[0]!.body[0]!.common).toEqual({ attributes: { logtype: "kestra" } });
    expect(seen[0]!.body[0]!.logs.map((l) => l.message)).toEqual(["message 0", "message 1", "message 2"]);
  });

  it("maps every Kestra field to attributes, keeps the full-precision time and messages intact", async () => {
    const seen = logApi(() => [202, "{}"]);
    const message = 'première ligne ✓\nseconde 日本 😀\r\n\t"json-like": {not json';
    const nanos = `${new Date(Date.now() - 60_000).toISOString().slice(0, 23)}123456Z`;
    const entry = kestraEntry(0, {
      timestamp: nanos,
      level: "ERROR",
      message,
      triggerId: "t1",
      executionKind: "PLAYGROUND",
      retries: 2,
      ok: true,
      tags: ["a", "b"],
      meta: { k: "v" },
      accountId: 42,
      eventType: "X",
      "instrumentation.name": "i",
    });
    await shipThrough(exporter(), [toRecord(entry, 0)]);
    const log = seen[0]!.body[0]!.logs[0]!;
    expect(log.timestamp).toBe(toEpochMs(ts(nanos)));
    expect(Number.isInteger(log.timestamp)).toBe(true);
    expect(log.message).toBe(message);
    expect(log.attributes).toEqual({
      level: "ERROR",
      "kestra.timestamp": nanos,
      tenantId: "main",
      namespace: "company.team",
      flowId: "etl",
      taskId: "extract",
      executionId: "exec0",
      taskRunId: "run0",
      attemptNumber: 1,
      triggerId: "t1",
      thread: "worker-1",
      executionKind: "PLAYGROUND",
      retries: 2,
      ok: true,
      tags: '["a","b"]', // New Relic stores no arrays
      meta: '{"k":"v"}',
      "kestra.accountId": 42, // New Relic drops accountId, eventType and instrumentation.*
      "kestra.eventType": "X",
      "kestra.instrumentation.name": "i",
    });
  });

  it("keeps a message New Relic stores whole (4,094 characters + a 128,000-byte blob) unchanged", async () => {
    const seen = logApi(() => [202, "{}"]);
    const message = "a".repeat(4094) + "é".repeat(64_000); // 128,000 bytes after the first 4,094 characters
    const { outcome } = await shipThrough(exporter(), [toRecord(kestraEntry(0, { message }), 0)]);
    expect(outcome.truncated).toBe(0);
    expect(seen[0]!.body[0]!.logs[0]!.message).toBe(message);
    expect(seen[0]!.body[0]!.logs[0]!.attributes).not.toHaveProperty("logshipper.truncated");
  });

  it("cuts what New Relic would drop (past 4,094 characters + 128,000 bytes), marks and counts it", async () => {
    const seen = logApi(() => [202, "{}"]);
    const message = "😀".repeat(2047) + "x" + "日".repeat(60_000); // 4,095 code units, then 180,000 bytes
    const { outcome } = await shipThrough(exporter(), [toRecord(kestraEntry(0, { message }), 0)]);
    expect(outcome).toMatchObject({ status: "ok", shipped: 1, truncated: 1 });
    const log = seen[0]!.body[0]!.logs[0]!;
    expect(message.startsWith(log.message)).toBe(true);
    // the first 4,094 code units end inside no surrogate pair; the rest holds at most 128,000 bytes
    expect(Buffer.byteLength(log.message.slice(4094))).toBeLessThanOrEqual(NEW_RELIC_LIMITS.blobBytes);
    expect(Buffer.byteLength(log.message.slice(4094))).toBeGreaterThan(NEW_RELIC_LIMITS.blobBytes - 3);
    expect(log.attributes["logshipper.truncated"]).toBe(true);
  });

  it("folds extra fields into kestra.extra when an event would pass 255 attributes", async () => {
    const seen = logApi(() => [202, "{}"]);
    const extras = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, i]));
    await shipThrough(exporter(), [toRecord(kestraEntry(0, extras), 0)]);
    const attrs = seen[0]!.body[0]!.logs[0]!.attributes;
    expect(Object.keys(attrs).length + 3).toBeLessThanOrEqual(NEW_RELIC_LIMITS.maxAttributes);
    expect(JSON.parse(attrs["kestra.extra"] as string)).toEqual(extras);
    expect(attrs).toMatchObject({ namespace: "company.team", flowId: "etl", level: "INFO" });
  });
});

describe("New Relic exporter: limits", () => {
  it("keeps every POST at most 10^6 bytes (uncompressed, so compressed too) and delivers each entry once", async () => {
    const seen = logApi(() => [202, "{}"]);
    const records = kestraRecords(60, (i) => ({ message: `${i} ${"z".repeat(60_000)}` }));
    const { outcome } = await shipThrough(exporter(), records);
    expect(outcome.shipped).toBe(60);
    expect(seen.length).toBeGreaterThan(3);
    for (const s of seen) expect(s.bytes).toBeLessThanOrEqual(1_000_000);
    const numbers = seen.flatMap((s) => s.body[0]!.logs.map((l) => Number(l.message.split(" ")[0])));
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it("sends chunk entries per request", async () => {
    const seen = logApi(() => [202, "{}"]);
    await shipThrough(exporter({}, 100), kestraRecords(250));
    expect(seen.map((s) => s.body[0]!.logs.length)).toEqual([100, 100, 50]);
  });

  it("dead-letters entries older than 48 hours instead of sending them", async () => {
    const seen = logApi(() => [202, "{}"]);
    const records = [toRecord(kestraEntry(0, {}, 49 * 60), 0), toRecord(kestraEntry(1), 1)];
    const { outcome, deadLetters } = await shipThrough(exporter(), records);
    expect(outcome).toMatchObject({ shipped: 1, rejected: 1 });
    expect(deadLetters[0]!.reason).toMatch(/48 hours/);
    expect(seen[0]!.body[0]!.logs).toHaveLength(1);
  });
});

describe("New Relic exporter: errors and retries", () => {
  it("waits for Retry-After (seconds) on 429, then delivers", async () => {
    const times: number[] = [];
    const seen = logApi((_l, n) => {
      times.push(Date.now());
      return n === 1 ? [429, "", { "Retry-After": "1" }] : [202, "{}"];
    });
    const { outcome } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, retries: 1 });
    expect(seen).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("reports Retry-After on the DeliveryError", async () => {
    logApi(() => [429, "", { "Retry-After": "30" }]);
    const e = exporter();
    const err = await sendAlone(e, toRecord(kestraEntry(0), 0));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 30_000 });
  });

  it.each([408, 500, 502, 503, 504])("retries HTTP %i", async (status) => {
    const seen = logApi((_l, n) => (n === 1 ? [status, "error"] : [202, "{}"]));
    const { outcome } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, retries: 1 });
    expect(seen).toHaveLength(2);
  });

  it("splits on 413 and delivers every entry once", async () => {
    const seen = logApi((logs) => (logs.length > 3 ? [413, "Payload Too Large"] : [202, "{}"]));
    const { outcome, deadLetters } = await shipThrough(exporter(), kestraRecords(10));
    expect(outcome).toMatchObject({ status: "ok", shipped: 10, rejected: 0 });
    expect(deadLetters).toEqual([]);
    const delivered = seen
      .filter((s) => s.body[0]!.logs.length <= 3)
      .flatMap((s) => s.body[0]!.logs.map((l) => l.message));
    expect(delivered).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i}`));
  });

  it.each([400, 401, 403, 404])(
    "fails on HTTP %i without retrying, moving the offset or dead-lettering",
    async (status) => {
      const seen = logApi(() => [status, `{"error":"rejected ${KEY}"}`]);
      const { outcome, stored, deadLetters } = await shipThrough(exporter(), kestraRecords(2));
      expect(outcome.status).toBe("failed");
      expect(seen).toHaveLength(1);
      expect(stored).toBeUndefined();
      expect(deadLetters).toEqual([]);
      const message = (outcome.error as Error).message;
      expect(message).toContain(`HTTP ${status}`);
      expect(message).toContain("exporter nr (New Relic)");
      expect(message).not.toContain(KEY);
    },
  );
});

describe("New Relic exporter through runApply", () => {
  it("ships a Kestra flow's logs from a file to the EU endpoint", async () => {
    const dir = tmp.dir;
    const entries = Array.from({ length: 120 }, (_, i) =>
      kestraEntry(i, { level: i % 3 === 0 ? "DEBUG" : "INFO", message: `ligne ${i}\nsuite` }),
    );
    writeJsonl(join(dir, "logs.jsonl"), entries);
    const flow = [
      "id: nr_shipper",
      "namespace: company.team",
      "tasks:",
      "  - id: ship",
      "    type: io.kestra.plugin.ee.core.log.LogShipper",
      "    logLevelFilter: INFO",
      "    logExporters:",
      "      - id: newRelic",
      "        type: io.kestra.plugin.ee.newrelic.LogExporter",
      "        basePath: https://log-api.eu.newrelic.test",
      "        apiKey: \"{{ secret('NR_KEY') }}\"",
      "        chunk: 50",
    ].join("\n");
    const config = loadConfigText(join(dir, "flow.yaml"), flow, dir, {
      strictVars: true,
      source: { type: "file", path: join(dir, "*.jsonl") },
    });
    const seen: NrBody[] = [];
    nock("https://log-api.eu.newrelic.test")
      .persist()
      .post("/log/v1")
      .reply((_uri, body) => {
        seen.push(body as NrBody);
        return [202, "{}"];
      });
    const { report, state } = await applyIn(dir, config, { env: secretEnv({ NR_KEY: KEY }) });
    const kept = entries.filter((e) => e.level === "INFO");
    expect(report.shippers[0]!.exporters[0]).toMatchObject({
      status: "ok",
      shipped: kept.length,
      requests: 2,
    });
    // the two requests are in flight together (concurrency 4), so they may arrive in either order
    expect(seen.flatMap((b) => b[0]!.logs.map((l) => l.message)).sort()).toEqual(
      kept.map((e) => e.message).sort(),
    );
    const offsets = await state.list();
    expect(offsets[0]!.record.shipped).toBe(kept.length);
  });
});
