import nock from "nock";
import type { AzureMonitorExporter as AzureConfig } from "../../generated/config";
import {
  API_VERSION,
  AzureMonitorExporter,
  MAX_FIELD_BYTES,
  MAX_REQUEST_BYTES,
  timeGenerated,
} from "../../src/exporters/azure-monitor";
import { DeliveryError } from "../../src/exporters/errors";
import type { Encoded } from "../../src/exporters/exporter";
import { TRUNCATION_MARK } from "../../src/exporters/text-limits";
import {
  applyOnce,
  capture,
  deadLetters,
  entry,
  isoAgo,
  record,
  secretEnv,
  sendAlone,
  ship,
  useNockContract,
  type Captured,
  type NockReply,
} from "../support/exporter-harness";

const DCE = "https://my-dce-5kyl.eastus-1.ingest.monitor.azure.test";
const LOGIN = "https://login.microsoftonline.test";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const RULE = "dcr-00000000000000000000000000000000";
const STREAM = "Custom-KestraLogs";
const SECRET = "azure-client-secret-value~1";
const PATH = `/dataCollectionRules/${RULE}/streams/${STREAM}`;
/** The exporter in a shipper's YAML, its client secret the Kestra secret S. */
const EXPORTER_YAML = `- { id: out, type: azure-monitor, endpoint: "${DCE}", authorityHost: "${LOGIN}", tenantId: ${TENANT}, clientId: c, clientSecret: "{{ secret('S') }}", ruleId: ${RULE}, streamName: ${STREAM} }`;

function config(over: Partial<AzureConfig> = {}): AzureConfig {
  return {
    id: "out",
    type: "azure-monitor",
    endpoint: DCE,
    tenantId: TENANT,
    clientId: "11111111-2222-3333-4444-555555555555",
    clientSecret: SECRET,
    ruleId: RULE,
    streamName: STREAM,
    authorityHost: LOGIN,
    ...over,
  } as AzureConfig;
}

function exporter(over: Partial<AzureConfig> = {}, chunk = 1000, clock?: () => number): AzureMonitorExporter {
  return new AzureMonitorExporter("out", config(over), { chunk, concurrency: 4, shipperId: "s", clock });
}

/** Token endpoint: answers `tokens` in turn, recording each form body. */
function tokenEndpoint(tokens: string[], expiresIn = 3599): Array<Record<string, string>> {
  const forms: Array<Record<string, string>> = [];
  let n = 0;
  nock(LOGIN)
    .post(`/${TENANT}/oauth2/v2.0/token`)
    .times(tokens.length)
    .reply((_uri, body) => {
      forms.push(Object.fromEntries(new URLSearchParams(String(body))));
      return [
        200,
        { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: tokens[n++] },
      ];
    });
  return forms;
}

/** An ingestion request: headers, the decompressed JSON rows, their size and the path. */
type Seen = Captured<Array<Record<string, unknown>>>;

/** Ingestion endpoint: records each request and answers with `answer`. */
function ingest(answer: (seen: Seen) => NockReply, times = 1): Seen[] {
  return capture(nock(DCE).post(PATH).query(true).times(times), answer);
}

const dir = useNockContract();

describe("Azure Monitor: token", () => {
  it("gets a client-credentials token, caches it, and fetches a new one once it is about to expire", async () => {
    let now = Date.parse("2026-11-24T10:00:00Z");
    const e = exporter({}, 1000, () => now);
    const forms = tokenEndpoint(["token-1", "token-2"]);
    const seen = ingest(() => [204], 3);
    await e.open();
    const one = [e.encode(record(entry())) as Encoded<string>];
    await e.send(one, { attempt: 1 });
    now += 50 * 60_000; // 50 min: still more than 5 min left
    await e.send(one, { attempt: 1 });
    now += 6 * 60_000; // 56 min: within 5 min of expiry
    await e.send(one, { attempt: 1 });
    await e.close();

    expect(forms).toHaveLength(2);
    expect(forms[0]).toEqual({
      grant_type: "client_credentials",
      client_id: "11111111-2222-3333-4444-555555555555",
      client_secret: SECRET,
      scope: "https://monitor.azure.com//.default",
    });
    expect(seen.map((s) => s.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("fetches a fresh token once on 401, then fails without retrying", async () => {
    const e = exporter();
    tokenEndpoint(["stale", "fresh"]);
    nock(DCE)
      .post(PATH)
      .query(true)
      .reply(401, { error: { code: "InvalidToken", message: "token expired" } });
    const seen = ingest(() => [204]);
    const one = [e.encode(record(entry())) as Encoded<string>];
    await expect(e.send(one, { attempt: 1 })).resolves.toEqual({});
    expect(seen[0]!.headers.authorization).toBe("Bearer fresh");

    tokenEndpoint(["other"]);
    nock(DCE)
      .post(PATH)
      .query(true)
      .twice()
      .reply(401, { error: { code: "InvalidAudience", message: "wrong audience" } });
    // the cached token "fresh" is refused, so is the next one: not retryable
    const err = await e.send(one, { attempt: 1 }).catch((x: unknown) => x);
    await e.close();
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 401, retryable: false });
    expect((err as Error).message).toContain("wrong audience");
    expect(nock.isDone()).toBe(true);
  });

  it("fails the exporter when Entra refuses the credentials, without printing the secret", async () => {
    const ts = isoAgo(60_000);
    nock(LOGIN)
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .reply(401, {
        error: "invalid_client",
        error_description: `AADSTS7000215: Invalid client secret provided. (echo: ${SECRET})`,
      });
    const { report, state, deadLetter } = await applyOnce(
      dir.dir,
      [entry({ timestamp: ts })],
      `- id: out
  type: io.kestra.plugin.ee.azure.monitor.LogExporter
  endpoint: ${DCE}
  authorityHost: ${LOGIN}
  tenantId: ${TENANT}
  clientId: 11111111-2222-3333-4444-555555555555
  clientSecret: "{{ secret('AZURE_SECRET') }}"
  ruleId: ${RULE}
  streamName: ${STREAM}`,
      { env: secretEnv({ AZURE_SECRET: SECRET }) },
    );
    const out = report.shippers[0]!.exporters[0]!;
    expect(out.status).toBe("failed");
    expect(out.error).toContain("AADSTS7000215");
    expect(out.error).toContain("HTTP 401");
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(await state.list("s")).toEqual([]);
    expect(await deadLetters(deadLetter)).toEqual([]);
  });
});

describe("Azure Monitor: request shape", () => {
  it("posts a gzipped JSON array of the entries with TimeGenerated to the DCR stream", async () => {
    tokenEndpoint(["tok"]);
    const seen = ingest(() => [204]);
    const entries = [
      entry({ message: "multi\nline\r\nmessage", timestamp: "2026-11-24T10:00:00.123456789Z" }),
      entry({ message: "Größe ✓ 日本語 🚀", level: "ERROR", timestamp: "2026-11-24T10:00:00.1Z" }),
      entry({ message: "offset", timestamp: "2026-11-24T12:00:00.5+02:00", executionKind: "NORMAL" }),
    ];
    const e = exporter();
    const enc = entries.map((x, i) => e.encode(record(x, `k${i}`)) as Encoded<string>);
    await e.send(enc, { attempt: 1 });
    await e.close();

    const req = seen[0]!;
    expect(req.path).toBe(`${PATH}?api-version=${API_VERSION}`);
    expect(req.headers.authorization).toBe("Bearer tok");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["content-encoding"]).toBe("gzip");
    expect(req.headers["x-ms-client-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.body).toEqual([
      { TimeGenerated: "2026-11-24T10:00:00.1234567Z", ...entries[0] },
      { TimeGenerated: "2026-11-24T10:00:00.1000000Z", ...entries[1] },
      { TimeGenerated: "2026-11-24T10:00:00.5000000Z", ...entries[2] },
    ]);
    // the verbatim timestamp keeps the full precision
    expect(req.body[0]!.timestamp).toBe("2026-11-24T10:00:00.123456789Z");
    expect(req.body[1]!.message).toBe("Größe ✓ 日本語 🚀");
    expect(req.body[0]!.message).toBe("multi\nline\r\nmessage");
  });

  it("counts bytes as the API does and keeps every request at or under 1,000,000 bytes of JSON", async () => {
    const e = exporter();
    const enc = e.encode(record(entry({ message: "é" }))) as Encoded<string>;
    expect(enc.bytes).toBe(Buffer.byteLength(enc.payload));
    expect(e.limits).toEqual({
      maxEntries: 1000,
      maxBytes: MAX_REQUEST_BYTES,
      requestOverheadBytes: 2,
      entryOverheadBytes: 1,
    });
    await e.close();

    tokenEndpoint(["tok"]);
    const seen = ingest(() => [204], 10);
    const records = Array.from({ length: 40 }, (_, i) =>
      record(
        entry({ message: `${i} ${"é".repeat(30_000)}`, timestamp: isoAgo(60_000) }),
        `k${String(i).padStart(3, "0")}`,
      ),
    );
    const { outcome } = await ship(exporter(), records, dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 40 });
    expect(seen.length).toBeGreaterThan(1);
    for (const s of seen) expect(s.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(seen.reduce((n, s) => n + s.body.length, 0)).toBe(40);
    // full requests: adding the next row would have crossed the limit
    expect(seen[0]!.bytes + 60_000).toBeGreaterThan(MAX_REQUEST_BYTES);
  });

  it("cuts a message over 64 KB at a character boundary and marks the record truncated", () => {
    const e = exporter();
    const long = `${"日".repeat(30_000)}tail`; // 90,004 bytes of UTF-8
    const enc = e.encode(record(entry({ message: long }))) as Encoded<string>;
    const row = JSON.parse(enc.payload) as { message: string; truncated?: boolean; TimeGenerated: string };
    expect(enc.truncated).toBe(true);
    expect(row.truncated).toBe(true);
    expect(Buffer.byteLength(row.message)).toBeLessThanOrEqual(MAX_FIELD_BYTES);
    expect(row.message.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(row.message.startsWith("日日日")).toBe(true);
    expect(row.message).not.toContain("\uFFFD");
    expect(row.TimeGenerated).toBe(timeGenerated(record(entry()).ts));

    const small = e.encode(record(entry({ message: "x".repeat(60_000) }))) as Encoded<string>;
    expect(small.truncated).toBeUndefined();
    void e.close();
  });
});

describe("Azure Monitor: errors", () => {
  it("retries 429 after Retry-After, and 5xx", async () => {
    tokenEndpoint(["tok"]);
    const e = exporter();
    nock(DCE)
      .post(PATH)
      .query(true)
      .reply(429, { error: { code: "TooManyRequests" } }, { "Retry-After": "12" });
    const err = await sendAlone(e, record(entry()));
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 12_000 });

    tokenEndpoint(["tok"]);
    nock(DCE).post(PATH).query(true).reply(429, "", { "Retry-After": "0" });
    nock(DCE)
      .post(PATH)
      .query(true)
      .reply(500, { error: { code: "InternalServerError" } });
    nock(DCE).post(PATH).query(true).reply(503, "");
    const seen = ingest(() => [204]);
    const { outcome } = await ship(exporter(), [record(entry({ timestamp: isoAgo(1000) }))], dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 1, requests: 4, retries: 3 });
    expect(seen).toHaveLength(1);
  });

  it("splits a batch refused with 413", async () => {
    tokenEndpoint(["tok"]);
    nock(DCE)
      .post(PATH)
      .query(true)
      .reply(413, {
        error: {
          code: "ContentLengthLimitExceeded",
          message: "Maximum allowed content length: 1048576 bytes (1 MB).",
        },
      });
    const seen = ingest(() => [204], 2);
    const records = Array.from({ length: 6 }, (_, i) =>
      record(entry({ timestamp: isoAgo(1000), message: `m${i}` }), `k${i}`),
    );
    const { outcome } = await ship(exporter(), records, dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 6, rejected: 0 });
    expect(seen.map((s) => s.body.length)).toEqual([3, 3]);
  });

  it.each([400, 403, 404])("fails on %i without moving the offset or dead-lettering", async (status) => {
    tokenEndpoint(["tok"]);
    nock(DCE)
      .post(PATH)
      .query(true)
      .reply(status, { error: { code: "Problem", message: `the ${status} message` } });
    const { report, state, deadLetter } = await applyOnce(
      dir.dir,
      [entry({ timestamp: isoAgo(60_000) })],
      EXPORTER_YAML,
      { env: secretEnv({ S: SECRET }) },
    );
    const out = report.shippers[0]!.exporters[0]!;
    expect(out.status).toBe("failed");
    expect(out.error).toContain(`HTTP ${status}`);
    expect(out.error).toContain(`the ${status} message`);
    expect(await state.list("s")).toEqual([]);
    expect(await deadLetters(deadLetter)).toEqual([]);
  });
});

describe("Azure Monitor through runApply", () => {
  it("ships recent records, dead-letters those Azure would re-date, and commits the offset", async () => {
    tokenEndpoint(["tok"]);
    const seen = ingest(() => [204]);
    const now = new Date();
    const lines = [
      entry({ timestamp: new Date(now.getTime() - 3 * 86_400_000).toISOString(), message: "three days old" }),
      entry({ timestamp: isoAgo(60_000, "000000042"), message: "recent\nmulti-line é" }),
    ];
    const { report, state, deadLetter } = await applyOnce(dir.dir, lines, EXPORTER_YAML, {
      env: secretEnv({ S: SECRET }),
      now,
    });
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 1, rejected: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toHaveLength(1);
    expect(seen[0]!.body[0]!.message).toBe("recent\nmulti-line é");
    expect(String(seen[0]!.body[0]!.TimeGenerated)).toMatch(/\.0000000Z$/);
    const dead = await deadLetters(deadLetter);
    expect(dead.map((d) => d.entry.message)).toEqual(["three days old"]);
    expect(dead[0]!.reason).toContain("TimeGenerated");
    const [offset] = await state.list("s");
    expect(offset!.record).toMatchObject({ shipped: 1, rejected: 1 });
  });
});
