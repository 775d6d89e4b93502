import nock from "nock";
import type { ElasticsearchExporter as ElasticsearchConfig } from "../../generated/config";
import { ConfigError } from "../../src/config/errors";
import { DeliveryError } from "../../src/exporters/errors";
import { isRejection, type Encoded } from "../../src/exporters/exporter";
import {
  documentId,
  ElasticsearchExporter,
  MAX_BULK_BYTES,
  createElasticsearchExporter,
} from "../../src/exporters/elasticsearch";
import type { ExporterContext } from "../../src/exporters/registry";
import { redact } from "../../src/secrets/redaction";
import {
  applyOnce,
  capture,
  deadLetters,
  entry,
  isoAgo,
  ndjson,
  record,
  secretEnv,
  sendAlone,
  ship,
  useNockContract,
  type NockReply,
} from "../support/exporter-harness";
import { freePort } from "../support/moto";

const ES = "http://es1.test:9200";
const ES2 = "http://es2.test:9200";

function config(over: Partial<ElasticsearchConfig> = {}): ElasticsearchConfig {
  return {
    id: "out",
    type: "elasticsearch",
    connection: { hosts: [ES] },
    indexName: "kestra-logs",
    ...over,
  } as ElasticsearchConfig;
}

function exporter(over: Partial<ElasticsearchConfig> = {}, chunk = 1000): ElasticsearchExporter {
  return new ElasticsearchExporter("out", config(over), {
    chunk,
    concurrency: 4,
    shipperId: "s",
    destination: "Elasticsearch",
  });
}

function ok(count: number): string {
  return JSON.stringify({
    errors: false,
    items: Array.from({ length: count }, () => ({ create: { status: 201 } })),
  });
}

/**
 * Captures each bulk request (headers, the decompressed NDJSON lines, the path) and answers with `answer`, given
 * the lines and the number of documents.
 */
function bulk(base: string, answer: (lines: unknown[], n: number) => NockReply, times = 1) {
  return capture(
    nock(base).post(/_bulk/).times(times),
    (req) => answer(req.body, req.body.length / 2),
    ndjson,
  );
}

const dir = useNockContract();

describe("Elasticsearch _bulk: request shape", () => {
  it("sends gzipped NDJSON create actions with deterministic ids, auth and extra headers", async () => {
    const e = exporter({
      connection: {
        hosts: [`${ES}/`],
        apiKey: "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
        headers: ["X-Opaque-Id: log-shipper", "X-Found-Cluster:  abc "],
        pathPrefix: "/proxy/",
      },
    });
    const seen = bulk(ES, (_l, n) => [200, ok(n)]);
    const entries = [
      entry({ message: "line one\nline two\n\tindented", timestamp: "2026-11-24T10:00:00.123456789Z" }),
      entry({
        message: "Größe: 10 µs — 日本語 ✓ 🚀",
        level: "WARN",
        timestamp: "2026-11-24T10:00:00.123456789Z",
      }),
      entry({ message: "plain", timestamp: "2026-11-24T11:00:00+02:00", extra: { nested: [1, 2] } }),
    ];
    const records = entries.map((x, i) => record(x, `logs/a.jsonl@${String(i * 100).padStart(15, "0")}`));
    const encoded = records.map((r) => e.encode(r) as Encoded<string>);
    await expect(e.send(encoded, { attempt: 1 })).resolves.toEqual({});
    await e.close();

    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.path).toBe("/proxy/_bulk?filter_path=errors,items.*.status,items.*.error");
    expect(req.headers["content-type"]).toBe("application/x-ndjson");
    expect(req.headers["content-encoding"]).toBe("gzip");
    expect(req.headers.authorization).toBe(
      "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
    );
    expect(req.headers["x-opaque-id"]).toBe("log-shipper");
    expect(req.headers["x-found-cluster"]).toBe("abc");

    expect(req.body).toHaveLength(6);
    const actions = [req.body[0], req.body[2], req.body[4]] as Array<{
      create: { _index: string; _id: string };
    }>;
    for (const [i, a] of actions.entries()) {
      expect(Object.keys(a)).toEqual(["create"]);
      expect(a.create._index).toBe("kestra-logs");
      expect(a.create._id).toBe(documentId(records[i]!));
    }
    // same timestamp, different records: different ids (Kestra's timestamp-only id would collapse them)
    expect(actions[0]!.create._id).not.toBe(actions[1]!.create._id);
    // the document is the entry, every field kept, plus @timestamp at full precision
    expect(req.body[1]).toEqual({ "@timestamp": "2026-11-24T10:00:00.123456789Z", ...entries[0] });
    expect(req.body[3]).toEqual({ "@timestamp": "2026-11-24T10:00:00.123456789Z", ...entries[1] });
    expect(req.body[5]).toEqual({ "@timestamp": "2026-11-24T09:00:00.000000000Z", ...entries[2] });
    expect((req.body[1] as { message: string }).message).toBe("line one\nline two\n\tindented");
    expect((req.body[3] as { message: string }).message).toBe("Größe: 10 µs — 日本語 ✓ 🚀");
  });

  it("counts bytes exactly as sent (UTF-8, action and document lines with their newlines)", () => {
    const e = exporter({ indexName: "kestra-logs-ü" });
    const records = [
      record(entry({ message: "日本語 🚀" })),
      record(entry({ message: "plain" }), 'weird "key" \\ with escapes'),
      record(entry({ message: "long key" }), `logs/${"d/".repeat(150)}a.jsonl@000000000000000`),
      { ...record(entry({ message: "no raw" })), raw: undefined },
    ];
    const enc = records.map((r) => e.encode(r) as Encoded<string>);
    for (const x of enc) {
      const body = e.body([x]);
      expect(body.length).toBe(x.bytes);
      const [action, doc] = ndjson(body.toString("utf8")) as [
        { create: { _id: string } },
        { message: string },
      ];
      expect(action.create._id).toBe(documentId(x.record));
      expect(doc.message).toBe(x.record.entry.message);
    }
    expect(e.body(enc).length).toBe(enc.reduce((n, x) => n + x.bytes, 0));
    expect(e.limits).toEqual({ maxEntries: 1000, maxBytes: MAX_BULK_BYTES });
  });

  it("re-serializes when the record has no raw text or already has an @timestamp field", () => {
    const e = exporter();
    const withStamp = entry({ "@timestamp": "bogus" });
    const [, docA] = ndjson(e.body([e.encode(record(withStamp)) as Encoded<string>]).toString()) as [
      unknown,
      Record<string, unknown>,
    ];
    expect(docA["@timestamp"]).toBe("2026-11-24T10:00:00.123456789Z");
    expect(docA.message).toBe(withStamp.message);
    const plain = entry();
    const r = { ...record(plain), raw: undefined };
    const [, docB] = ndjson(e.body([e.encode(r) as Encoded<string>]).toString());
    expect(docB).toEqual({ "@timestamp": "2026-11-24T10:00:00.123456789Z", ...plain });
  });

  it("gives a record the same id every time it is read, and a different id to a different record", () => {
    const e1 = entry();
    const a = record(e1, "logs/a.jsonl@000000000000000");
    const again = record(JSON.parse(JSON.stringify(e1)) as typeof e1, "logs/a.jsonl@000000000000000");
    const tie = record(entry({ message: "same timestamp" }), "logs/a.jsonl@000000000000400");
    expect(documentId(a)).toBe(documentId(again));
    expect(documentId(a)).toBe("2026-11-24T10:00:00.123456789Z|logs/a.jsonl@000000000000000");
    expect(documentId(a)).not.toBe(documentId(tie));
    // a key that needs escaping (or is long) is replaced by a digest of key and text
    const odd = record(e1, 'C:\\logs\\"a".jsonl@0');
    expect(documentId(odd)).toMatch(/^2026-11-24T10:00:00\.123456789Z#[A-Za-z0-9_-]{22}$/);
    expect(documentId(odd)).toBe(documentId(record(e1, 'C:\\logs\\"a".jsonl@0')));
    expect(documentId(odd)).not.toBe(documentId(record(entry({ message: "x" }), 'C:\\logs\\"a".jsonl@0')));
  });

  it("uses basic auth and rejects contradictory or malformed connection settings", async () => {
    const e = exporter({
      connection: { hosts: [ES], basicAuth: { username: "elastic", password: "changeme" } },
    });
    const seen = bulk(ES, (_l, n) => [200, ok(n)]);
    await e.send([e.encode(record(entry())) as Encoded<string>], { attempt: 1 });
    await e.close();
    expect(seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from("elastic:changeme").toString("base64")}`,
    );
    // the header's base64 is a credential as much as the password: an echo of it is redacted
    expect(redact(`proxy said: ${String(seen[0]!.headers.authorization)}`)).toBe(
      "proxy said: Basic (secret)",
    );

    expect(() =>
      exporter({ connection: { hosts: [ES], apiKey: "k", basicAuth: { username: "u" } } }),
    ).toThrow(ConfigError);
    expect(() => exporter({ connection: { hosts: [ES], headers: ["no colon here"] } })).toThrow(
      /Name: value/,
    );
  });

  it("answers to the OpenSearch type names as OpenSearch", async () => {
    const context = {
      resolved: { id: "out", typeName: "io.kestra.plugin.ee.opensearch.LogExporter", chunk: 500 },
      config: config({ type: "io.kestra.plugin.ee.opensearch.LogExporter" }),
      shipperId: "s",
    } as unknown as ExporterContext<ElasticsearchConfig>;
    const e = await createElasticsearchExporter(context);
    expect(e.destination).toBe("OpenSearch");
    expect(e.limits.maxEntries).toBe(500);
    expect(e.defaultConcurrency).toBe(4);
    await e.close?.();
  });
});

describe("Elasticsearch _bulk: limits and whole-request errors", () => {
  it("splits batches at `chunk` entries", async () => {
    const seen = bulk(ES, (_l, n) => [200, ok(n)], 3);
    const records = Array.from({ length: 5 }, (_, i) =>
      record(entry({ message: `m${i}` }), `logs/a.jsonl@${String(i).padStart(15, "0")}`),
    );
    const { outcome } = await ship(exporter({}, 2), records, dir.dir);
    expect(outcome.status).toBe("ok");
    expect(seen.map((s) => s.body.length / 2)).toEqual([2, 2, 1]);
    expect(outcome.shipped).toBe(5);
  });

  it("splits batches so that no uncompressed body exceeds 10 MB", async () => {
    const seen = bulk(ES, (_l, n) => [200, ok(n)], 2);
    const big = "x".repeat(3_000_000);
    const records = Array.from({ length: 4 }, (_, i) =>
      record(entry({ message: `${i}${big}` }), `logs/a.jsonl@${String(i).padStart(15, "0")}`),
    );
    const { outcome } = await ship(exporter(), records, dir.dir);
    expect(outcome.status).toBe("ok");
    expect(seen.map((s) => s.body.length / 2)).toEqual([3, 1]);
  });

  it("retries 429 honouring Retry-After, and 5xx", async () => {
    const e = exporter();
    nock(ES)
      .post(/_bulk/)
      .reply(
        429,
        { error: { type: "es_rejected_execution_exception", reason: "queue full" } },
        {
          "Retry-After": "7",
        },
      );
    const err = await sendAlone(e, record(entry()));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
    expect((err as Error).message).toContain("queue full");

    nock(ES).post(/_bulk/).reply(429, "", { "Retry-After": "0" });
    nock(ES).post(/_bulk/).reply(503, { error: "unavailable" });
    const seen = bulk(ES, (_l, n) => [200, ok(n)]);
    const { outcome } = await ship(exporter(), [record(entry())], dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 1, requests: 3, retries: 2 });
    expect(seen).toHaveLength(1);
  });

  it("splits a batch refused with 413 and sends the halves", async () => {
    nock(ES).post(/_bulk/).reply(413, { Message: "Request size exceeded 10485760 bytes" });
    const seen = bulk(ES, (_l, n) => [200, ok(n)], 2);
    const records = Array.from({ length: 4 }, (_, i) =>
      record(entry({ message: `m${i}` }), `logs/a.jsonl@${String(i).padStart(15, "0")}`),
    );
    const { outcome } = await ship(exporter(), records, dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, rejected: 0 });
    expect(seen.map((s) => s.body.length / 2)).toEqual([2, 2]);
  });

  it.each([400, 401, 403, 404])("fails on %i without moving the offset or dead-lettering", async (status) => {
    const ts = isoAgo(60_000);
    nock(ES)
      .post(/_bulk/)
      .reply(status, { error: { type: "security_exception", reason: "nope" }, status });
    const { report, state, deadLetter } = await applyOnce(
      dir.dir,
      [entry({ timestamp: ts }), entry({ timestamp: ts, message: "b" })],
      `- { id: out, type: elasticsearch, indexName: kestra-logs, connection: { hosts: ["${ES}"] } }`,
    );
    const out = report.shippers[0]!.exporters[0]!;
    expect(out.status).toBe("failed");
    expect(out.error).toContain(`HTTP ${status}`);
    expect(out.error).toContain("not retryable");
    expect(out.shipped).toBe(0);
    expect(await state.list("s")).toEqual([]);
    expect(await deadLetters(deadLetter)).toEqual([]);
    expect(nock.isDone()).toBe(true);
  });

  it("fails over to the next host on connection errors and round-robins between hosts", async () => {
    // a real refused connection: nothing listens on this loopback port
    const dead = `http://127.0.0.1:${await freePort()}`;
    const e = exporter({ connection: { hosts: [dead, ES2] } });
    const second = bulk(ES2, (_l, n) => [200, ok(n)], 2);
    const one = [e.encode(record(entry())) as Encoded<string>];
    await expect(e.send(one, { attempt: 1 })).resolves.toEqual({});
    expect(second).toHaveLength(1);
    // the dead node is now skipped for a while: the next request goes to es2 again
    await expect(e.send(one, { attempt: 1 })).resolves.toEqual({});
    expect(second).toHaveLength(2);
    await e.close();

    const rr = exporter({ connection: { hosts: [ES, ES2] } });
    const a = bulk(ES, (_l, n) => [200, ok(n)], 2);
    const b = bulk(ES2, (_l, n) => [200, ok(n)], 2);
    for (let i = 0; i < 4; i++) await rr.send(one, { attempt: 1 });
    await rr.close();
    expect([a.length, b.length]).toEqual([2, 2]);
  });
});

describe("Elasticsearch _bulk: per-item results", () => {
  it("resends only 429 items, counts 409 as delivered and dead-letters 400 items", async () => {
    const records = Array.from({ length: 4 }, (_, i) =>
      record(entry({ message: `m${i}` }), `logs/a.jsonl@${String(i).padStart(15, "0")}`),
    );
    const first = bulk(ES, () => [
      200,
      JSON.stringify({
        errors: true,
        items: [
          { create: { status: 201 } },
          { create: { status: 429, error: { type: "es_rejected_execution_exception", reason: "rejected" } } },
          {
            create: {
              status: 409,
              error: { type: "version_conflict_engine_exception", reason: "document already exists" },
            },
          },
          {
            create: {
              status: 400,
              error: {
                type: "mapper_parsing_exception",
                reason: "failed to parse field [attemptNumber]",
                caused_by: { type: "illegal_argument_exception", reason: "For input string" },
              },
            },
          },
        ],
      }),
    ]);
    const second = bulk(ES, (_l, n) => [200, ok(n)]);
    const { outcome, state, deadLetter } = await ship(exporter(), records, dir.dir);

    expect(first[0]!.body).toHaveLength(8);
    expect(second[0]!.body).toHaveLength(2);
    expect((second[0]!.body[0] as { create: { _id: string } }).create._id).toBe(documentId(records[1]!));
    expect(outcome).toMatchObject({ status: "ok", shipped: 3, rejected: 1, requests: 2 });
    const dead = await deadLetters(deadLetter);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.entry.message).toBe("m3");
    expect(dead[0]!.reason).toContain(
      "HTTP 400 mapper_parsing_exception: failed to parse field [attemptNumber]",
    );
    expect(dead[0]!.reason).toContain("illegal_argument_exception");
    const [offset] = await state.list("s");
    expect(offset!.record.cursor.key).toBe(records[3]!.key);
    expect(offset!.record).toMatchObject({ shipped: 3, rejected: 1 });
  });

  it("treats a re-sent batch as delivered (every item 409 on create)", async () => {
    const records = [record(entry()), record(entry({ message: "b" }), "logs/a.jsonl@000000000000100")];
    const first = bulk(ES, (_l, n) => [200, ok(n)]);
    const again = bulk(ES, (lines) => [
      200,
      JSON.stringify({
        errors: true,
        items: lines
          .filter((_, i) => i % 2 === 0)
          .map(() => ({ create: { status: 409, error: { type: "version_conflict_engine_exception" } } })),
      }),
    ]);
    const e = exporter();
    const enc = records.map((r) => e.encode(r) as Encoded<string>);
    await e.send(enc, { attempt: 1 });
    // read again after a crash: same ids, every item already exists
    const enc2 = records.map((r) => e.encode(record(r.entry, r.key)) as Encoded<string>);
    await expect(e.send(enc2, { attempt: 1 })).resolves.toEqual({});
    await e.close();
    expect(again[0]!.body.filter((_, i) => i % 2 === 0)).toEqual(
      first[0]!.body.filter((_, i) => i % 2 === 0),
    );
  });

  it("fails the exporter when items are refused for lack of privileges or a missing index", async () => {
    const e = exporter();
    bulk(ES, () => [
      200,
      JSON.stringify({
        errors: true,
        items: [
          {
            create: {
              status: 404,
              error: { type: "index_not_found_exception", reason: "no such index [kestra-logs]" },
            },
          },
        ],
      }),
    ]);
    const err = await sendAlone(e, record(entry()));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 404, retryable: false });
    expect((err as Error).message).toContain("index_not_found_exception");
  });

  it("refuses a malformed bulk response instead of guessing", async () => {
    const e = exporter();
    bulk(ES, () => [200, JSON.stringify({ errors: true, items: [] })]);
    const err = await sendAlone(e, record(entry()));
    expect(err).toMatchObject({ retryable: false });
    expect(isRejection(e.encode(record(entry())))).toBe(false);
  });
});

describe("Elasticsearch through runApply", () => {
  it("ships a file, commits the offset, and ships only new lines on the next run with stable ids", async () => {
    const ts = isoAgo(120_000, "100000001");
    const lines = [
      entry({ timestamp: ts, message: "first" }),
      entry({ timestamp: ts, message: "second, same timestamp" }),
      entry({ timestamp: ts, level: "DEBUG", message: "多行\nmessage" }),
    ];
    const env = secretEnv({ ES_PASSWORD: "s3cr3t-pw" });
    const exporterYaml = `- id: out
  type: io.kestra.plugin.ee.elasticsearch.LogExporter
  indexName: kestra-logs
  chunk: 2
  connection:
    hosts: ["${ES}"]
    basicAuth: { username: elastic, password: "{{ secret('ES_PASSWORD') }}" }`;
    const seen = bulk(ES, (_l, n) => [200, ok(n)], 2);
    const run1 = await applyOnce(dir.dir, lines, exporterYaml, { env });
    expect(run1.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 3, requests: 2 });
    // the two requests are in flight together (concurrency 4): they may arrive in either order
    expect(seen.map((s) => s.body.length / 2).sort()).toEqual([1, 2]);
    expect(seen[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from("elastic:s3cr3t-pw").toString("base64")}`,
    );
    const ids1 = seen.flatMap((s) => s.body.filter((_, i) => i % 2 === 0));
    expect(new Set(ids1.map((a) => JSON.stringify(a))).size).toBe(3);
    const [offset] = await run1.state.list("s");
    expect(offset!.record.shipped).toBe(3);

    // a new line arrives: only it is shipped
    const seen2 = bulk(ES, (_l, n) => [200, ok(n)]);
    const run2 = await applyOnce(
      dir.dir,
      [entry({ timestamp: isoAgo(60_000), message: "fourth" })],
      exporterYaml,
      {
        env,
        append: true,
      },
    );
    expect(run2.report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 1 });
    expect(seen2[0]!.body).toHaveLength(2);
    expect((seen2[0]!.body[1] as { message: string }).message).toBe("fourth");
    expect(JSON.stringify(run2.report)).not.toContain("s3cr3t-pw");
  });
});
