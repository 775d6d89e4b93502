import nock from "nock";
import { GraylogExporter } from "../../src/exporters/graylog";
import { kestraEntry, kestraFlowWith, kestraRecords, shipThrough, toRecord } from "../support/http-exporters";
import {
  applyIn,
  capture,
  useNockContract,
  type Captured,
  type NockReply,
} from "../support/exporter-harness";

const BASE = "http://graylog.test:12201";

type Gelf = Record<string, unknown> & { short_message: string; timestamp: number; level: number };

/** A GELF HTTP body: one message, or newline-delimited messages (bulk receiving). */
const parseBody = (text: string): Gelf[] =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Gelf);

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000): GraylogExporter {
  return new GraylogExporter(
    "gl",
    { id: "gl", type: "graylog", endpoint: `${BASE}/gelf`, ...overrides } as never,
    chunk,
    4,
  );
}

/** Answers every GELF POST with `answer` (given its messages) and records what it saw. */
function input(answer: (messages: Gelf[], n: number) => NockReply = () => [202, ""]) {
  return capture<Gelf[]>(nock(BASE).persist().post("/gelf"), (req, n) => answer(req.body, n), parseBody);
}

const all = (seen: Array<Captured<Gelf[]>>): Gelf[] => seen.flatMap((s) => s.body);

const tmp = useNockContract();

describe("Graylog GELF HTTP exporter: message shape", () => {
  it("sends one gzipped GELF 1.1 message per request by default (what every GELF HTTP input accepts)", async () => {
    const seen = input();
    const { outcome } = await shipThrough(exporter(), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, requests: 3 });
    expect(seen.map((s) => s.body.length)).toEqual([1, 1, 1]);
    expect(seen[0]!.headers["content-encoding"]).toBe("gzip");
    const m = seen[0]!.body[0]!;
    expect(m).toMatchObject({ version: "1.1", host: "Kestra", short_message: "message 0", level: 6 });
    expect(m).not.toHaveProperty("full_message");
  });

  it("maps the message, the time, the level and every field as GELF defines them", async () => {
    const seen = input();
    const stamp = "2026-03-04T05:06:07.123456789Z";
    const entry = kestraEntry(0, {
      timestamp: stamp,
      level: "WARN",
      message: "first line\nsecond line\r\nthird",
      id: "kestra-log-id",
      ok: true,
      nested: { a: [1] },
      "bad key!": "x",
    });
    await shipThrough(exporter({ graylogHost: "kestra-prod" }), [toRecord(entry, 0)]);
    const m = seen[0]!.body[0]!;
    expect(m.host).toBe("kestra-prod");
    expect(m.short_message).toBe("first line");
    expect(m.full_message).toBe("first line\nsecond line\r\nthird");
    expect(m.timestamp).toBe(1772600767.123456);
    expect(m.level).toBe(4); // syslog warning
    expect(m._level).toBe("WARN");
    expect(m._kestra_timestamp).toBe(stamp);
    expect(m).toMatchObject({
      _namespace: "company.team",
      _flowId: "etl",
      _taskId: "extract",
      _executionId: "exec0",
      _attemptNumber: 1,
      _thread: "worker-1",
      _kestra_id: "kestra-log-id", // `_id` is reserved by Graylog
      _ok: "true",
      _nested: '{"a":[1]}',
      _bad_key_: "x",
    });
    expect(m).not.toHaveProperty("_id");
    expect(m).not.toHaveProperty("_triggerId"); // null fields are left out
    for (const key of Object.keys(m)) {
      if (!["version", "host", "short_message", "full_message", "timestamp", "level"].includes(key))
        expect(key).toMatch(/^_[\w.-]+$/);
    }
  });

  it("maps every Kestra level to a syslog severity", async () => {
    const seen = input();
    const levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"];
    await shipThrough(
      exporter({ bulk: true }),
      kestraRecords(5, (i) => ({ level: levels[i] })),
    );
    expect(all(seen).map((m) => m.level)).toEqual([7, 7, 6, 4, 3]);
  });
});

describe("Graylog GELF HTTP exporter: bulk receiving and limits", () => {
  it("with bulk, sends chunk newline-delimited messages per request, each one line of JSON", async () => {
    const seen = input();
    await shipThrough(
      exporter({ bulk: true }, 40),
      kestraRecords(100, (i) => ({ message: `multi\nline ${i}` })),
    );
    expect(seen.map((s) => s.body.length)).toEqual([40, 40, 20]);
    expect(all(seen).map((m) => m.full_message)).toEqual(
      Array.from({ length: 100 }, (_, i) => `multi\nline ${i}`),
    );
  });

  it("keeps a bulk request within the input's 65,536-byte HTTP chunk size, or maxRequestBytes", async () => {
    const seen = input();
    await shipThrough(
      exporter({ bulk: true }),
      kestraRecords(50, (i) => ({ message: `${i} ${"y".repeat(5000)}` })),
    );
    expect(all(seen)).toHaveLength(50);
    for (const s of seen) expect(s.bytes).toBeLessThanOrEqual(65_536);
    nock.cleanAll();
    const bigger = input();
    await shipThrough(
      exporter({ bulk: true, maxRequestBytes: 200_000 }),
      kestraRecords(50, (i) => ({ message: `${i} ${"y".repeat(5000)}` })),
    );
    expect(bigger.length).toBeLessThan(seen.length);
    for (const s of bigger) expect(s.bytes).toBeLessThanOrEqual(200_000);
  });

  it("cuts a message that alone would pass the input's limit, marks and counts it", async () => {
    const seen = input();
    const message = `head\n${"é".repeat(50_000)}`;
    const { outcome } = await shipThrough(exporter(), [toRecord(kestraEntry(0, { message }), 0)]);
    expect(outcome).toMatchObject({ status: "ok", shipped: 1, truncated: 1, rejected: 0 });
    const m = seen[0]!.body[0]!;
    expect(seen[0]!.bytes).toBeLessThanOrEqual(65_536);
    expect(message.startsWith(m.full_message as string)).toBe(true);
    expect(m._logshipper_truncated).toBe(true);
    expect(m.short_message).toBe("head");
  });
});

describe("Graylog GELF HTTP exporter: errors", () => {
  it.each([429, 500, 502, 503])("retries HTTP %i", async (status) => {
    const seen = input((_m, n) => (n === 1 ? [status, "busy"] : [202, ""]));
    const { outcome } = await shipThrough(exporter({ bulk: true }), kestraRecords(3));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, retries: 1 });
    expect(seen).toHaveLength(2);
  });

  it.each([400, 401, 403, 404])("fails on HTTP %i without retrying or moving the offset", async (status) => {
    const seen = input(() => [status, "refused"]);
    const { outcome, stored, deadLetters } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome.status).toBe("failed");
    expect(seen).toHaveLength(1);
    expect(stored).toBeUndefined();
    expect(deadLetters).toEqual([]);
    expect((outcome.error as Error).message).toContain(`exporter gl (Graylog): HTTP ${status}`);
  });

  it("splits a bulk request answered 413 (a smaller Max. HTTP chunk size) and delivers each message once", async () => {
    const seen = input((messages) => (messages.length > 3 ? [413, ""] : [202, ""]));
    const { outcome } = await shipThrough(exporter({ bulk: true }), kestraRecords(10));
    expect(outcome).toMatchObject({ status: "ok", shipped: 10 });
    expect(all(seen.filter((s) => s.body.length <= 3)).map((m) => m.short_message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `message ${i}`),
    );
  });
});

describe("Graylog GELF HTTP exporter through runApply", () => {
  it("ships a Kestra flow's logs with the Kestra type name", async () => {
    const { config, entries } = kestraFlowWith(
      tmp.dir,
      [
        "- id: graylog",
        "  type: io.kestra.plugin.ee.graylog.LogExporter",
        `  endpoint: ${BASE}/gelf`,
        "  graylogHost: kestra-ee",
        "  chunk: 5",
        "  bulk: true",
      ],
      12,
    );
    const seen = input();
    const { report } = await applyIn(tmp.dir, config);
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 12, requests: 3 });
    // the requests run concurrently: compare what arrived, in any order
    expect(
      all(seen)
        .map((m) => `${m.host} ${m.short_message}`)
        .sort(),
    ).toEqual(entries.map((e) => `kestra-ee ${e.message}`).sort());
  });
});
