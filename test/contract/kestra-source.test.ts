import { readFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import { loadConfigText } from "../../src/config/load";
import type { LogEntry, LogRecord, RecordFilter } from "../../src/core/log-record";
import { fromEpochMs, normalizeTimestamp } from "../../src/core/timestamp";
import { runPlan } from "../../src/reconcile/reconciler";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { redact } from "../../src/secrets/redaction";
import { CachingSecretResolver } from "../../src/secrets/secret-resolver";
import { SourceError, SourceIncompleteError } from "../../src/sources/errors";
import {
  createKestraSource,
  KestraApiSource,
  type KestraSourceOptions,
} from "../../src/sources/kestra-source";
import type { ReadRange } from "../../src/sources/source";
import { FileStateStore } from "../../src/state/file-state-store";
import { entryAt, FakeKestra, type FakeKestraOptions } from "./fake-kestra";
import { applyIn, useNockContract } from "../support/exporter-harness";

const BASE = "http://kestra.test:8080";
const FAST: KestraSourceOptions = { backoff: { baseMs: 1, maxMs: 5 } };
const ALL: RecordFilter = { minLevelRank: 0 };
const MIN = 60_000;

const tmp = useNockContract();

const now = Date.parse("2026-11-25T12:00:00.000Z");
const iso = (ms: number, micros = "") => `${new Date(ms).toISOString().slice(0, 23)}${micros}Z`;

function fake(options: FakeKestraOptions = {}): FakeKestra {
  const f = new FakeKestra(BASE, options);
  f.install();
  return f;
}

function source(tenant: string | null = "main", pageSize = 5, options: KestraSourceOptions = {}) {
  return new KestraApiSource(BASE, tenant ?? undefined, "Bearer tok", pageSize, { ...FAST, ...options });
}

function range(fromMs: number, toMs: number, filter: RecordFilter = ALL, key = ""): ReadRange {
  return { after: { ts: fromEpochMs(fromMs), key }, to: fromEpochMs(toMs), filter };
}

async function readAll(src: KestraApiSource, r: ReadRange, batchSize = 7): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const b of src.read(r, { batchSize })) {
    expect(b.records.length).toBeLessThanOrEqual(batchSize);
    out.push(...b.records);
  }
  await src.close();
  return out;
}

/** The (timestamp, key)-sorted messages a correct read returns. */
function messages(records: LogRecord[]): string[] {
  return records.map((r) => r.entry.message);
}

function assertOrderedOnce(records: LogRecord[], expected: LogEntry[]): void {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    expect(a.pos < b.pos || (a.pos === b.pos && a.key < b.key)).toBe(true);
  }
  expect(messages(records).sort()).toEqual(expected.map((e) => e.message).sort());
}

/** 60 logs over 10 minutes, with groups of equal timestamps (up to 8) and sub-millisecond precision. */
function sampleLogs(): LogEntry[] {
  const logs: LogEntry[] = [];
  let n = 0;
  for (let s = 0; s < 12; s++) {
    const ms = now - 20 * MIN + s * 50_000;
    const group = (s % 4) * 2 + 1;
    for (let g = 0; g < group; g++) logs.push(entryAt(iso(ms, "123"), n++));
    logs.push(entryAt(iso(ms + 1, "000"), n++, { level: s % 3 === 0 ? "DEBUG" : "WARN" }));
  }
  return logs;
}

describe("Kestra API source: paging and order", () => {
  test("sends the documented filters, sort, paging and auth, and reads every page", async () => {
    const f = fake({ authorization: "Bearer tok" });
    f.logs = [
      ...sampleLogs(),
      entryAt(iso(now - 5 * MIN), 900, { namespace: "company.team.etl", level: "ERROR" }),
      entryAt(iso(now - 5 * MIN), 901, { namespace: "company.teamx", level: "ERROR" }),
      entryAt(iso(now - 5 * MIN), 902, { namespace: "other", level: "ERROR" }),
    ];
    const filter: RecordFilter = { minLevelRank: 30, namespace: "company.team" };
    const records = await readAll(source(), range(now - 60 * MIN, now, filter));
    const expected = f.logs.filter(
      (e) =>
        ["WARN", "ERROR"].includes(e.level) &&
        (e.namespace === "company.team" || e.namespace.startsWith("company.team.")),
    );
    assertOrderedOnce(records, expected);
    const q = f.requests[0]!.query;
    expect(f.requests[0]!.path).toBe("/api/v1/main/logs/search");
    expect(f.requests[0]!.authorization).toBe("Bearer tok");
    expect(q.get("filters[namespace][PREFIX]")).toBe("company.team");
    expect(q.get("filters[level][EQUALS]")).toBe("WARN");
    expect(q.get("filters[startDate][GREATER_THAN_OR_EQUAL_TO]")).toBe(
      new Date(now - 60 * MIN - 1).toISOString(),
    );
    expect(q.get("filters[endDate][LESS_THAN_OR_EQUAL_TO]")).toBe(new Date(now + 1).toISOString());
    expect(q.get("minLevel")).toBe("WARN");
    expect(q.get("namespace")).toBe("company.team");
    expect(q.get("sort")).toBe("timestamp:asc");
    expect(q.get("size")).toBe("5");
    expect(f.requests.map((r) => r.query.get("page"))).toEqual(
      Array.from({ length: Math.ceil(expected.length / 5) }, (_, i) => String(i + 1)),
    );
  });

  test("equal timestamps across page boundaries: each record once, ordered by (timestamp, key)", async () => {
    const f = fake();
    const ms = now - 10 * MIN;
    f.logs = Array.from({ length: 23 }, (_, i) => entryAt(iso(ms, "500"), i));
    f.logs.push(entryAt(iso(ms - 1), 100), entryAt(iso(ms + 1), 101));
    const records = await readAll(source("main", 3), range(now - 60 * MIN, now));
    assertOrderedOnce(records, f.logs);
    // without an id, the key is a stable hash of the entry
    expect(records[0]!.key).toMatch(/^h:[0-9a-f]{16}$/);
  });

  test("the entry id is the tiebreak key when the server returns it", async () => {
    const f = fake();
    const ms = now - 10 * MIN;
    f.logs = Array.from({ length: 9 }, (_, i) =>
      entryAt(iso(ms), i, { id: `id-${String(9 - i).padStart(2, "0")}` }),
    );
    const records = await readAll(source("main", 4), range(now - 60 * MIN, now));
    expect(records.map((r) => r.key)).toEqual(f.logs.map((e) => e.id).sort());
  });

  test("a server that ignores sort (newest first) gives the same records in the same order", async () => {
    const logs = sampleLogs();
    const asc = fake();
    asc.logs = logs;
    const a = await readAll(source("main", 4), range(now - 60 * MIN, now));
    nock.cleanAll();
    const desc = fake({ ignoreSort: true });
    desc.logs = logs;
    const d = await readAll(source("main", 4), range(now - 60 * MIN, now));
    assertOrderedOnce(d, logs);
    expect(messages(d)).toEqual(messages(a));
  });

  test("CURSOR-type responses (2.0 log stores) are followed with nextCursor", async () => {
    const f = fake({ cursor: true });
    f.logs = sampleLogs();
    const records = await readAll(source("main", 4), range(now - 60 * MIN, now));
    assertOrderedOnce(records, f.logs);
    expect(f.requests.some((r) => r.query.has("cursor"))).toBe(true);
    expect(f.requests.filter((r) => r.query.has("cursor")).every((r) => !r.query.has("page"))).toBe(true);
  });

  test("a database that orders equal timestamps differently on every page query loses nothing", async () => {
    const f = fake({ shuffleTies: true });
    const ms = now - 10 * MIN;
    f.logs = Array.from({ length: 30 }, (_, i) => entryAt(iso(ms), i));
    const records = await readAll(source("main", 4), range(now - 60 * MIN, now));
    assertOrderedOnce(records, f.logs);
  });

  test("pages that shift while they are read (a late log inserted mid-read) lose and repeat nothing", async () => {
    const f = fake();
    const ms = now - 30 * MIN;
    f.logs = Array.from({ length: 20 }, (_, i) => entryAt(iso(ms + i * 1000), i));
    const late = entryAt(iso(ms + 500), 99);
    f.beforeResponse = (n) => {
      if (n === 2) f.logs.unshift(late); // shifts every later page by one
    };
    const records = await readAll(source("main", 4), range(now - 60 * MIN, now));
    assertOrderedOnce(records, [...f.logs]);
    expect(messages(records)).toContain("message 99");
  });

  test("a resumed read starts strictly after the cursor, inside a group of equal timestamps", async () => {
    const f = fake();
    const ms = now - 10 * MIN;
    f.logs = Array.from({ length: 10 }, (_, i) => entryAt(iso(ms, "250"), i));
    f.logs.push(entryAt(iso(ms + 2000), 50));
    const all = await readAll(source(), range(now - 60 * MIN, now));
    const cursor = all[4]!;
    const rest = await readAll(source(), {
      after: { ts: cursor.pos, key: cursor.key },
      to: fromEpochMs(now),
      filter: ALL,
    });
    expect(messages(rest)).toEqual(messages(all.slice(5)));
  });

  test("memory stays bounded: windows narrow to maxWindowRecords, and an overfull millisecond is read in passes", async () => {
    const f = fake();
    const base = now - 50 * MIN;
    f.logs = Array.from({ length: 80 }, (_, i) => entryAt(iso(base + i * 20_000), i));
    const dense = now - 40 * MIN + 7;
    for (let i = 0; i < 27; i++) f.logs.push(entryAt(iso(dense, String(i % 5).padStart(3, "0")), 200 + i));
    const src = source("main", 5, { maxWindowRecords: 10 });
    const records = await readAll(src, range(now - 60 * MIN, now), 4);
    assertOrderedOnce(records, f.logs);
    // what each request's window held (the logs between its dates): a window of more than 10 records is never
    // paged through (at most 10 records + a page of it are read before it is narrowed), except one millisecond
    const held = (q: URLSearchParams) => {
      const from = q.get("filters[startDate][GREATER_THAN_OR_EQUAL_TO]")!;
      const to = q.get("filters[endDate][LESS_THAN_OR_EQUAL_TO]")!;
      const ts = (t: string) => normalizeTimestamp(t) as string;
      return f.logs.filter((e) => ts(e.timestamp) >= ts(from) && ts(e.timestamp) <= ts(to)).length;
    };
    const windows = new Map<string, { held: number; span: number; pages: number; requests: number }>();
    for (const r of f.requests) {
      const from = r.query.get("filters[startDate][GREATER_THAN_OR_EQUAL_TO]")!;
      const to = r.query.get("filters[endDate][LESS_THAN_OR_EQUAL_TO]")!;
      const w = windows.get(`${from}/${to}`) ?? {
        held: held(r.query),
        span: Date.parse(to) - Date.parse(from),
        pages: 0,
        requests: 0,
      };
      w.pages = Math.max(w.pages, Number(r.query.get("page")));
      w.requests++;
      windows.set(`${from}/${to}`, w);
      expect(Number(r.query.get("size"))).toBeLessThanOrEqual(10);
    }
    const big = [...windows.values()].filter((w) => w.held > 10 && w.span > 2);
    expect(big.length).toBeGreaterThan(0); // the first window (the whole range) held them all
    for (const w of big) expect(w.pages * 5).toBeLessThanOrEqual(10 + 5);
    // the overfull millisecond (27 records, widened by 1 ms on each side) was read in bounded passes
    const overfull = [...windows.values()].filter((w) => w.span === 2 && w.held === 27);
    // (3 selection passes of at most 10 records, each paging through the 27: 6 pages of 5)
    expect(overfull.map((w) => w.requests).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3 * 6);
  });
});

describe("Kestra API source: errors", () => {
  test("401 is a clear, non-retryable auth error", async () => {
    const f = fake({ authorization: "Bearer right" });
    f.logs = sampleLogs();
    const err = await readAll(source(), range(now - 60 * MIN, now)).then(
      () => undefined,
      (e: unknown) => e as SourceError,
    );
    expect(err).toBeInstanceOf(SourceError);
    expect(err?.kind).toBe("auth");
    expect(err?.message).toContain("HTTP 401");
    expect(err?.message).toContain("KESTRA_API_TOKEN");
    expect(f.requests).toHaveLength(1);
  });

  test("403 says the account needs permission; check() reports source-error drift", async () => {
    const f = fake();
    f.script.push({ status: 403, body: { message: "Forbidden" } });
    const drift = await source().check("s1");
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ kind: "source-error", shipper: "s1" });
    expect(drift[0]!.message).toContain("permission to read logs");
    expect(f.requests).toHaveLength(1);
  });

  test("404 on a tenant: tenant not found or an old server, try without tenant; check() says source-missing", async () => {
    nock(BASE).get("/api/v1/nope/logs/search").query(true).times(2).reply(404, { message: "Not Found" });
    const src = source("nope");
    const drift = await src.check("s1");
    expect(drift[0]).toMatchObject({ kind: "source-missing" });
    expect(drift[0]!.message).toContain('tenant "nope" not found');
    expect(drift[0]!.message).toContain("try without `tenant`");
    const err = await readAll(src, range(now - 60 * MIN, now)).catch((e: unknown) => e as SourceError);
    expect((err as SourceError).kind).toBe("not-found");
  });

  test("without a tenant the legacy path is used", async () => {
    const f = fake({ prefix: "/api/v1" });
    f.logs = sampleLogs();
    const records = await readAll(source(null), range(now - 60 * MIN, now));
    expect(records).toHaveLength(f.logs.length);
    expect(f.requests[0]!.path).toBe("/api/v1/logs/search");
  });

  test("429 with Retry-After and 5xx are retried with backoff", async () => {
    const f = fake();
    f.logs = sampleLogs();
    f.script.push(
      { status: 429, body: { message: "slow down" }, headers: { "retry-after": "0" } },
      { status: 503, body: "unavailable" },
      { status: 500, body: { message: "boom" } },
    );
    const records = await readAll(source("main", 100), range(now - 60 * MIN, now));
    assertOrderedOnce(records, f.logs);
    expect(f.requests).toHaveLength(4);
  });

  test("a server that stays down fails after the attempts, naming the status and the unread window", async () => {
    nock(BASE).get("/api/v1/main/logs/search").query(true).times(3).reply(502, "bad gateway");
    const err = await readAll(source("main", 5, { maxAttempts: 3 }), range(now - 60 * MIN, now)).catch(
      (e: unknown) => e as SourceError,
    );
    // the window could not be read: source-incomplete, caused by the unavailable server
    expect(err).toBeInstanceOf(SourceIncompleteError);
    expect(((err as SourceError).cause as SourceError).kind).toBe("unavailable");
    expect((err as SourceError).message).toContain(`the window ${new Date(now - 60 * MIN).toISOString()}`);
    expect((err as SourceError).message).toContain("HTTP 502");
    expect((err as SourceError).message).toContain("gave up after 3 attempts");
    expect(nock.isDone()).toBe(true);
  });

  test("a non-JSON answer (a login page, a proxy) is reported as not a Kestra server", async () => {
    nock(BASE).get("/api/v1/main/logs/search").query(true).reply(200, "<html>login</html>");
    const err = await readAll(source(), range(now - 60 * MIN, now)).catch((e: unknown) => e as SourceError);
    expect((err as SourceError).message).toContain("is the url a Kestra server?");
  });
});

describe("Kestra API source: count and configuration", () => {
  test("count() reads a small backlog (exact, proved; cursor stores too), else takes the API's total", async () => {
    const f = fake({ pageCap: 4 });
    f.logs = sampleLogs();
    const counts = await source().count([range(now - 60 * MIN, now), range(now + MIN, now)]);
    expect(counts).toEqual([f.logs.length, 0]);
    expect(f.requests.length).toBeGreaterThan(f.logs.length / 4); // read through the capped pages
    nock.cleanAll();
    fake({ cursor: true }).logs = sampleLogs();
    expect(await source().count([range(now - 60 * MIN, now)])).toEqual([sampleLogs().length]);
    nock.cleanAll();
    // a server whose total it never delivers: the count fails as the read would (plan: source-incomplete)
    fake({ phantom: 1 }).logs = sampleLogs();
    await expect(source().count([range(now - 60 * MIN, now)])).rejects.toBeInstanceOf(SourceIncompleteError);
    nock.cleanAll();
    // a backlog above COUNT_BY_READING: one request, the server's total
    const big = fake();
    big.logs = Array.from({ length: 10_001 }, (_, i) => entryAt(iso(now - 30 * MIN + i), i));
    expect(await source().count([range(now - 60 * MIN, now)])).toEqual([10_001]);
    expect(big.requests).toHaveLength(1);
  });

  test("url and credentials fall back to KESTRA_URL and KESTRA_USERNAME/KESTRA_PASSWORD", async () => {
    const basic = `Basic ${Buffer.from("admin@kestra.io:Secr3t!pass").toString("base64")}`;
    const f = fake({ authorization: basic });
    f.logs = sampleLogs();
    const src = await createKestraSource(
      { type: "kestra", tenant: "main" },
      {
        baseDir: ".",
        env: { KESTRA_URL: BASE, KESTRA_USERNAME: "admin@kestra.io", KESTRA_PASSWORD: "Secr3t!pass" },
      },
      FAST,
    );
    expect(await readAll(src, range(now - 60 * MIN, now))).toHaveLength(f.logs.length);
    expect(redact("password Secr3t!pass")).toBe("password (secret)");
  });

  test("{{ secret() }} in auth goes through the secret resolver; KESTRA_API_TOKEN is the bearer fallback", async () => {
    const f = fake({ authorization: "Bearer from-secret-123" });
    f.logs = sampleLogs();
    const secrets = new EnvSecretResolver({
      SECRET_KESTRA_TOKEN: Buffer.from("from-secret-123").toString("base64"),
    });
    const src = await createKestraSource(
      {
        type: "kestra",
        url: BASE,
        tenant: "main",
        auth: { type: "bearer", token: "{{ secret('KESTRA_TOKEN') }}" },
      },
      { baseDir: ".", env: {}, secrets },
      FAST,
    );
    expect(await readAll(src, range(now - 60 * MIN, now))).toHaveLength(f.logs.length);
    nock.cleanAll();
    const g = fake({ authorization: "Bearer env-token-456" });
    g.logs = sampleLogs();
    const fromEnv = await createKestraSource(
      { type: "kestra", url: BASE, tenant: "main" },
      { baseDir: ".", env: { KESTRA_API_TOKEN: "env-token-456" } },
      FAST,
    );
    expect(await readAll(fromEnv, range(now - 60 * MIN, now))).toHaveLength(g.logs.length);
  });

  test("a missing url is a clear config error", async () => {
    await expect(createKestraSource({ type: "kestra" }, { baseDir: ".", env: {} })).rejects.toThrow(
      /needs a url: set source.url, or the KESTRA_URL environment variable/,
    );
  });
});

describe("a shipper with a kestra source, plan and apply to a file exporter", () => {
  test("native config: plan counts, apply ships each record once, the next apply only the new ones", async () => {
    const f = fake({ authorization: "Bearer tok-789" });
    const t0 = Date.now() - 2 * 3_600_000;
    f.logs = Array.from({ length: 40 }, (_, i) =>
      entryAt(iso(t0 + Math.floor(i / 4) * 60_000, "777"), i, { level: i % 5 === 0 ? "DEBUG" : "INFO" }),
    );
    const config = {
      shippers: [
        {
          id: "kestra-to-file",
          source: {
            type: "kestra",
            url: BASE,
            tenant: "main",
            pageSize: 3,
            auth: { type: "bearer", token: "{{ secret('KESTRA_TOKEN') }}" },
          },
          logExporters: [{ id: "out", type: "file", path: "out/logs.jsonl", chunk: 4 }],
        },
      ],
    };
    const loaded = loadConfigText(join(tmp.dir, "cfg.json"), JSON.stringify(config), tmp.dir, {
      strictVars: true,
    });
    const env = { SECRET_KESTRA_TOKEN: Buffer.from("tok-789").toString("base64") };
    const secrets = new CachingSecretResolver(new EnvSecretResolver(env));
    const state = new FileStateStore(join(tmp.dir, "state"));
    const expected = f.logs.filter((e) => e.level !== "DEBUG");

    const { report: plan } = await runPlan(loaded, { state, now: new Date(), secrets, env });
    expect(plan.drift.map((d) => d.kind)).toEqual(["new-exporter"]);
    expect(plan.shippers[0]!.exporters[0]!.pending).toBe(expected.length);

    const apply = () => applyIn(tmp.dir, loaded, { state, secrets, env });
    const first = await apply();
    expect(first.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: expected.length });
    const second = await apply();
    expect(second.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 0 });

    const later = Array.from({ length: 5 }, (_, i) => entryAt(iso(t0 + 30 * 60_000), 100 + i));
    f.logs.push(...later);
    const third = await apply();
    expect(third.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 5 });

    const lines = (await readFile(join(tmp.dir, "out", "logs.jsonl"), "utf8")).trim().split("\n");
    const shipped = lines.map((l) => (JSON.parse(l) as LogEntry).message);
    expect([...shipped].sort()).toEqual([...expected, ...later].map((e) => e.message).sort());
    const ts = lines.map((l) => normalizeTimestamp((JSON.parse(l) as LogEntry).timestamp) as string);
    expect(ts.slice(0, expected.length)).toEqual([...ts.slice(0, expected.length)].sort());
  });

  test("a Kestra flow reads the Kestra API by default (KESTRA_URL, KESTRA_API_TOKEN)", async () => {
    const f = fake({ authorization: "Bearer flow-token", prefix: "/api/v1" });
    const t0 = Date.now() - 3_600_000;
    f.logs = Array.from({ length: 12 }, (_, i) => entryAt(iso(t0 + i * 1000), i));
    const flow = [
      "id: log_shipper",
      "namespace: system",
      "tasks:",
      "  - id: ship",
      "    type: io.kestra.plugin.ee.core.log.LogShipper",
      "    logExporters:",
      "      - id: out",
      "        type: io.kestra.plugin.ee.core.log.FileLogExporter",
      "        format: JSON",
      "        directory: files",
    ].join("\n");
    const loaded = loadConfigText(join(tmp.dir, "flow.yaml"), flow, tmp.dir, { strictVars: true });
    expect(loaded.shippers[0]!.source).toEqual({ type: "kestra" });
    const env = { KESTRA_URL: BASE, KESTRA_API_TOKEN: "flow-token" };
    const secrets = new EnvSecretResolver({});
    const state = new FileStateStore(join(tmp.dir, "state"));
    const { report: plan } = await runPlan(loaded, { state, now: new Date(), secrets, env });
    expect(plan.shippers[0]!.exporters[0]!.pending).toBe(12);
    expect(f.requests[0]!.path).toBe("/api/v1/logs/search"); // no tenant: the legacy path
    const { report } = await applyIn(tmp.dir, loaded, { state, secrets, env });
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 12 });
  });
});
