import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import type { GcpLoggingExporter as GcpConfig } from "../../generated/config";
import { ConfigError } from "../../src/config/errors";
import { DeliveryError } from "../../src/exporters/errors";
import { isRejection, type Encoded } from "../../src/exporters/exporter";
import {
  createGcpLoggingExporter,
  GcpLoggingExporter,
  MAX_ENTRY_BYTES,
  MAX_REQUEST_BYTES,
  parseServiceAccountKey,
  partialErrors,
  type ServiceAccountKey,
} from "../../src/exporters/gcp-logging";
import { recordDigest } from "../../src/exporters/http-support";
import { TRUNCATION_MARK } from "../../src/exporters/text-limits";
import type { ExporterContext } from "../../src/exporters/registry";
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
  type NockReply,
} from "../support/exporter-harness";

const API = "https://logging.googleapis.test";
const OAUTH = "https://oauth2.googleapis.test";

// a throwaway key pair, generated for this test run only
const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

const KEY = {
  type: "service_account",
  project_id: "kestra-demo-123",
  private_key_id: "0123456789abcdef0123456789abcdef01234567",
  private_key: privateKey,
  client_email: "log-shipper@kestra-demo-123.iam.gserviceaccount.com",
  client_id: "100000000000000000001",
  token_uri: `${OAUTH}/token`,
};
const KEY_JSON = JSON.stringify(KEY);

function config(over: Partial<GcpConfig> = {}): GcpConfig {
  return { id: "out", type: "gcp-logging", endpoint: API, serviceAccount: KEY_JSON, ...over } as GcpConfig;
}

function exporter(over: Partial<GcpConfig> = {}, chunk = 1000, clock?: () => number): GcpLoggingExporter {
  return new GcpLoggingExporter("out", config(over), KEY as ServiceAccountKey, {
    chunk,
    concurrency: 4,
    shipperId: "s",
    clock,
  });
}

interface Jwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  valid: boolean;
}

function decodeJwt(jwt: string): Jwt {
  const [h, c, sig] = jwt.split(".") as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(c, "base64url").toString()) as Record<string, unknown>,
    valid: verify(
      "RSA-SHA256",
      Buffer.from(`${h}.${c}`),
      createPublicKey(publicKey),
      Buffer.from(sig, "base64url"),
    ),
  };
}

/** Token endpoint: answers `tokens` in turn, recording each request's form. */
function tokenEndpoint(tokens: string[]): Array<{ grant_type: string; assertion: Jwt }> {
  const seen: Array<{ grant_type: string; assertion: Jwt }> = [];
  let n = 0;
  nock(OAUTH)
    .post("/token")
    .times(tokens.length)
    .reply((_uri, body) => {
      const form = new URLSearchParams(String(body));
      seen.push({
        grant_type: form.get("grant_type") ?? "",
        assertion: decodeJwt(form.get("assertion") ?? ".."),
      });
      return [200, { access_token: tokens[n++], expires_in: 3599, token_type: "Bearer" }];
    });
  return seen;
}

interface WriteRequest {
  logName: string;
  resource: unknown;
  partialSuccess: boolean;
  entries: Array<{
    timestamp: string;
    severity: string;
    insertId: string;
    labels: Record<string, string>;
    jsonPayload: Record<string, unknown>;
  }>;
}

/** The write endpoint: records each request and answers with `answer` (an empty JSON object by default). */
function writes(answer: (req: WriteRequest) => NockReply, times = 1) {
  return capture<WriteRequest>(nock(API).post("/v2/entries:write").times(times), (req) => {
    const [status, reply, headers] = answer(req.body);
    return [status, reply ?? {}, headers];
  });
}

function partialFailure(
  status: number,
  errors: Record<string, { code: number; message: string }>,
): nock.Body {
  const name = status === 403 ? "PERMISSION_DENIED" : "INVALID_ARGUMENT";
  return {
    error: {
      code: status,
      message: Object.values(errors)[0]?.message ?? "",
      status: name,
      details: [
        {
          "@type": "type.googleapis.com/google.logging.v2.WriteLogEntriesPartialErrors",
          logEntryErrors: errors,
        },
      ],
    },
  };
}

const dir = useNockContract();

/** Runs apply on one log line a minute old, the exporter's key given as the Kestra secret GCP_SA. */
function applyOneLine(): ReturnType<typeof applyOnce> {
  return applyOnce(
    dir.dir,
    [entry({ timestamp: isoAgo(60_000) })],
    `- { id: out, type: gcp-logging, endpoint: "${API}", serviceAccount: "{{ secret('GCP_SA') }}" }`,
    { env: secretEnv({ GCP_SA: KEY_JSON }) },
  );
}

describe("Cloud Logging: service-account token", () => {
  it("signs an RS256 JWT with the key, exchanges it at token_uri and caches the token until near expiry", async () => {
    let now = Date.parse("2026-11-24T10:00:00Z");
    const e = exporter({}, 1000, () => now);
    const tokens = tokenEndpoint(["ya29.first", "ya29.second"]);
    const seen = writes(() => [200], 3);
    await e.open();
    const one = [e.encode(record(entry())) as Encoded<string>];
    await e.send(one, { attempt: 1 });
    now += 54 * 60_000;
    await e.send(one, { attempt: 1 });
    now += 2 * 60_000; // 56 min: less than 5 min left
    await e.send(one, { attempt: 1 });
    await e.close();

    expect(tokens).toHaveLength(2);
    const t = tokens[0]!;
    expect(t.grant_type).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(t.assertion.valid).toBe(true);
    expect(t.assertion.header).toEqual({ alg: "RS256", typ: "JWT", kid: KEY.private_key_id });
    const iat = Date.parse("2026-11-24T10:00:00Z") / 1000;
    expect(t.assertion.claims).toEqual({
      iss: KEY.client_email,
      scope: "https://www.googleapis.com/auth/cloud-platform",
      aud: `${OAUTH}/token`,
      iat,
      exp: iat + 3600,
    });
    expect(seen.map((s) => s.headers.authorization)).toEqual([
      "Bearer ya29.first",
      "Bearer ya29.first",
      "Bearer ya29.second",
    ]);
  });

  it("refreshes the token once on 401, then fails", async () => {
    const e = exporter({ scopes: ["https://www.googleapis.com/auth/logging.write"] });
    const tokens = tokenEndpoint(["old", "new"]);
    nock(API)
      .post("/v2/entries:write")
      .reply(401, {
        error: {
          code: 401,
          message: "Request had invalid authentication credentials.",
          status: "UNAUTHENTICATED",
        },
      });
    const seen = writes(() => [200]);
    const one = [e.encode(record(entry())) as Encoded<string>];
    await expect(e.send(one, { attempt: 1 })).resolves.toEqual({});
    expect(seen[0]!.headers.authorization).toBe("Bearer new");
    expect(tokens[1]!.assertion.claims.scope).toBe("https://www.googleapis.com/auth/logging.write");

    tokenEndpoint(["newer"]);
    nock(API)
      .post("/v2/entries:write")
      .twice()
      .reply(401, { error: { code: 401, message: "still invalid" } });
    const err = await e.send(one, { attempt: 1 }).catch((x: unknown) => x);
    await e.close();
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 401, retryable: false });
    expect(nock.isDone()).toBe(true);
  });

  it("fails the exporter when the token endpoint refuses the JWT, without printing the key", async () => {
    nock(OAUTH)
      .post("/token")
      .reply(400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
    const { report, state } = await applyOneLine();
    const out = report.shippers[0]!.exporters[0]!;
    expect(out.status).toBe("failed");
    expect(out.error).toContain("invalid_grant: Invalid JWT Signature.");
    expect(JSON.stringify(report)).not.toContain("PRIVATE KEY");
    expect(await state.list("s")).toEqual([]);
  });

  it("reads the key from GOOGLE_APPLICATION_CREDENTIALS and refuses keys it cannot use", async () => {
    const file = join(dir.dir, "key.json");
    await writeFile(file, KEY_JSON);
    const base = { resolved: { id: "out", chunk: 10 }, shipperId: "s", warn: () => undefined };
    const e = await createGcpLoggingExporter({
      ...base,
      config: config({ serviceAccount: undefined }),
      env: { GOOGLE_APPLICATION_CREDENTIALS: file },
    } as unknown as ExporterContext<GcpConfig>);
    expect(e.limits.maxEntries).toBe(10);
    await e.close?.();

    await expect(
      createGcpLoggingExporter({
        ...base,
        config: config({ serviceAccount: undefined }),
        env: {},
      } as unknown as ExporterContext<GcpConfig>),
    ).rejects.toThrow(ConfigError);
    expect(parseServiceAccountKey("{")).toContain("not JSON");
    expect(parseServiceAccountKey(JSON.stringify({ type: "authorized_user" }))).toContain(
      "only service_account",
    );
    expect(() => exporter({ logName: "bad name!" })).toThrow(/logName/);
    expect(
      () =>
        new GcpLoggingExporter("out", config(), { ...KEY, private_key: "garbage" } as ServiceAccountKey, {
          chunk: 1,
          concurrency: 1,
          shipperId: "s",
        }),
    ).toThrow(/private_key/);
  });
});

describe("Cloud Logging: request shape", () => {
  it("writes entries with nanosecond timestamps, severities, labels, insertIds and the entry as jsonPayload", async () => {
    tokenEndpoint(["tok"]);
    const seen = writes(() => [200]);
    const e = exporter({ logName: "kestra/flows" });
    const levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"];
    const entries = levels.map((level, i) =>
      entry({
        level,
        timestamp: `2026-11-24T10:00:0${i}.12345678${i}Z`,
        message: i === 1 ? "multi\nline\n\tstack" : i === 2 ? "Größe ✓ 日本語 🚀" : `m${i}`,
        ...(i === 4 ? { executionId: null, taskId: null } : {}),
      }),
    );
    const records = entries.map((x, i) => record(x, `logs/a.jsonl@${String(i).padStart(15, "0")}`));
    await e.send(
      records.map((r) => e.encode(r) as Encoded<string>),
      { attempt: 1 },
    );
    await e.close();

    const req = seen[0]!;
    expect(req.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(req.body.logName).toBe("projects/kestra-demo-123/logs/kestra%2Fflows");
    expect(req.body.resource).toEqual({ type: "global" });
    expect(req.body.partialSuccess).toBe(true);
    expect(req.body.entries.map((x) => x.severity)).toEqual(["DEBUG", "DEBUG", "INFO", "WARNING", "ERROR"]);
    expect(req.body.entries.map((x) => x.timestamp)).toEqual(entries.map((x) => x.timestamp));
    expect(req.body.entries[0]).toEqual({
      timestamp: "2026-11-24T10:00:00.123456780Z",
      severity: "DEBUG",
      insertId: recordDigest(records[0]!),
      labels: {
        namespace: "company.team",
        flowId: "daily_report",
        taskId: "extract",
        executionId: "4wjtkzwVGBM9yKnjo1JFjD",
      },
      jsonPayload: entries[0],
    });
    expect(req.body.entries[4]!.labels).toEqual({ namespace: "company.team", flowId: "daily_report" });
    expect(req.body.entries[1]!.jsonPayload.message).toBe("multi\nline\n\tstack");
    expect(req.body.entries[2]!.jsonPayload.message).toBe("Größe ✓ 日本語 🚀");
    expect(new Set(req.body.entries.map((x) => x.insertId)).size).toBe(5);
  });

  it("keeps insertIds stable across re-sends and distinct for records sharing a timestamp", () => {
    const e = exporter();
    const a = e.encode(record(entry(), "k1")) as Encoded<string>;
    const again = e.encode(record(entry(), "k1")) as Encoded<string>;
    const tie = e.encode(record(entry({ message: "other" }), "k2")) as Encoded<string>;
    const id = (x: Encoded<string>): string => (JSON.parse(x.payload) as { insertId: string }).insertId;
    expect(id(a)).toBe(id(again));
    expect(id(a)).not.toBe(id(tie));
    void e.close();
  });

  it("cuts a message that would make the entry larger than ~256 KiB, and counts bytes as sent", () => {
    const e = exporter();
    const normal = e.encode(record(entry())) as Encoded<string>;
    expect(normal.bytes).toBe(Buffer.byteLength(normal.payload));
    expect(e.limits.maxBytes).toBe(MAX_REQUEST_BYTES);
    expect(e.limits.requestOverheadBytes).toBe(
      Buffer.byteLength(
        '{"logName":"projects/kestra-demo-123/logs/kestra","resource":{"type":"global"},"partialSuccess":true,"entries":[]}',
      ),
    );

    const huge = e.encode(
      record(entry({ message: `${"ü".repeat(200_000)}\n${"x".repeat(10)}` })),
    ) as Encoded<string>;
    expect(huge.truncated).toBe(true);
    expect(huge.bytes).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    const payload = (JSON.parse(huge.payload) as { jsonPayload: { message: string; truncated: boolean } })
      .jsonPayload;
    expect(payload.truncated).toBe(true);
    expect(payload.message.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(payload.message).not.toContain("\uFFFD");

    const unfixable = e.encode(record(entry({ message: "short", blob: "y".repeat(300_000) })));
    expect(isRejection(unfixable)).toBe(true);
    void e.close();
  });

  it("splits batches at 10 MB", async () => {
    tokenEndpoint(["tok"]);
    const seen = writes(() => [200], 2);
    const records = Array.from({ length: 45 }, (_, i) =>
      record(
        entry({ message: `${i}${"z".repeat(240_000)}`, timestamp: isoAgo(1000) }),
        `k${String(i).padStart(3, "0")}`,
      ),
    );
    const { outcome } = await ship(exporter({}, 100), records, dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 45 });
    for (const s of seen) expect(s.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(seen.map((s) => s.body.entries.length)).toEqual([41, 4]);
  });

  it("splits batches at chunk entries", async () => {
    tokenEndpoint(["tok"]);
    const seen = writes(() => [200], 3);
    const records = Array.from({ length: 5 }, (_, i) => record(entry({ timestamp: isoAgo(1000) }), `k${i}`));
    const { outcome } = await ship(exporter({}, 2), records, dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 5, requests: 3 });
    expect(seen.map((s) => s.body.entries.length)).toEqual([2, 2, 1]);
  });
});

describe("Cloud Logging: errors", () => {
  it("dead-letters the entries named in WriteLogEntriesPartialErrors and counts the others delivered", async () => {
    tokenEndpoint(["tok"]);
    const seen = writes(() => [
      400,
      partialFailure(400, {
        "1": { code: 3, message: "Log entry with size 293.1K exceeds maximum size of 256.0K" },
        "3": { code: 3, message: "Invalid label value" },
      }),
    ]);
    const records = Array.from({ length: 4 }, (_, i) =>
      record(entry({ timestamp: isoAgo(1000), message: `m${i}` }), `k${i}`),
    );
    const { outcome, state, deadLetter } = await ship(exporter(), records, dir.dir);
    expect(seen).toHaveLength(1);
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, rejected: 2, requests: 1 });
    const dead = await deadLetters(deadLetter);
    expect(dead.map((d) => d.entry.message)).toEqual(["m1", "m3"]);
    expect(dead[0]!.reason).toContain(
      "INVALID_ARGUMENT: Log entry with size 293.1K exceeds maximum size of 256.0K",
    );
    const [offset] = await state.list("s");
    expect(offset!.record).toMatchObject({ shipped: 2, rejected: 2 });
  });

  it("fails instead of dead-lettering when the per-entry errors are about permissions", async () => {
    tokenEndpoint(["tok"]);
    writes(() => [
      403,
      partialFailure(403, {
        "0": {
          code: 7,
          message: "Permission 'logging.logEntries.create' denied on resource (or it may not exist).",
        },
      }),
    ]);
    const { outcome, state, deadLetter } = await ship(
      exporter(),
      [record(entry({ timestamp: isoAgo(1000) }))],
      dir.dir,
    );
    expect(outcome.status).toBe("failed");
    expect(String(outcome.error)).toContain("PERMISSION_DENIED");
    expect(await deadLetters(deadLetter)).toEqual([]);
    expect(await state.list("s")).toEqual([]);
  });

  it("parses the documented error shape and nothing else", () => {
    expect(partialErrors(JSON.stringify(partialFailure(400, { "2": { code: 3, message: "x" } })))).toEqual(
      new Map([[2, { code: 3, message: "x" }]]),
    );
    expect(
      partialErrors('{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}'),
    ).toBeUndefined();
    expect(partialErrors("<html>")).toBeUndefined();
  });

  it("retries 429, 500 and 503 (honouring Retry-After) and splits on 413", async () => {
    tokenEndpoint(["tok"]);
    nock(API)
      .post("/v2/entries:write")
      .reply(429, { error: { code: 429, status: "RESOURCE_EXHAUSTED" } }, { "Retry-After": "0" });
    nock(API)
      .post("/v2/entries:write")
      .reply(500, { error: { code: 500, status: "INTERNAL" } });
    nock(API)
      .post("/v2/entries:write")
      .reply(503, { error: { code: 503, status: "UNAVAILABLE" } });
    nock(API).post("/v2/entries:write").reply(413, "Request Entity Too Large");
    const seen = writes(() => [200], 2);
    const records = Array.from({ length: 4 }, (_, i) => record(entry({ timestamp: isoAgo(1000) }), `k${i}`));
    const { outcome } = await ship(exporter(), records, dir.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, requests: 6 });
    expect(seen.map((s) => s.body.entries.length)).toEqual([2, 2]);

    tokenEndpoint(["tok"]);
    const e = exporter();
    nock(API)
      .post("/v2/entries:write")
      .reply(429, { error: { code: 429 } }, { "Retry-After": "30" });
    const err = await sendAlone(e, record(entry()));
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 30_000 });
  });

  it.each([400, 403])(
    "fails on %i without partial errors, without moving the offset or dead-lettering",
    async (status) => {
      tokenEndpoint(["tok"]);
      nock(API)
        .post("/v2/entries:write")
        .reply(status, { error: { code: status, message: `problem ${status}`, status: "X" } });
      const { report, state, deadLetter } = await applyOneLine();
      const out = report.shippers[0]!.exporters[0]!;
      expect(out.status).toBe("failed");
      expect(out.error).toContain(`problem ${status}`);
      expect(await state.list("s")).toEqual([]);
      expect(await deadLetters(deadLetter)).toEqual([]);
    },
  );
});

describe("Cloud Logging through runApply", () => {
  it("ships a file with the Kestra type name and a project override, and commits the offset", async () => {
    tokenEndpoint(["tok"]);
    const seen = writes(() => [200]);
    const ts = isoAgo(120_000, "000000001");
    const lines = [
      entry({ timestamp: ts, message: "one" }),
      entry({ timestamp: ts, message: "two, same instant" }),
    ];
    const { report, state, deadLetter } = await applyOnce(
      dir.dir,
      lines,
      `- id: out
  type: io.kestra.plugin.ee.gcp.operationalsuite.LogExporter
  projectId: other-project
  endpoint: "${API}"
  serviceAccount: "{{ secret('GCP_SA') }}"`,
      { env: secretEnv({ GCP_SA: KEY_JSON }) },
    );
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 2, requests: 1 });
    const body = seen[0]!.body;
    expect(body.logName).toBe("projects/other-project/logs/kestra");
    expect(body.entries.map((x) => x.jsonPayload.message)).toEqual(["one", "two, same instant"]);
    expect(body.entries.map((x) => x.timestamp)).toEqual([ts, ts]);
    expect(body.entries[0]!.insertId).not.toBe(body.entries[1]!.insertId);
    const [offset] = await state.list("s");
    expect(offset!.record.shipped).toBe(2);
    expect(await deadLetters(deadLetter)).toEqual([]);
  });

  it("dead-letters entries more than a day in the future instead of sending them", async () => {
    tokenEndpoint(["tok"]);
    const seen = writes(() => [200]);
    const now = Date.now();
    const records = [
      record(entry({ timestamp: new Date(now - 1000).toISOString(), message: "now" }), "k1"),
      record(entry({ timestamp: new Date(now + 2 * 86_400_000).toISOString(), message: "future" }), "k2"),
    ];
    const { outcome, deadLetter } = await ship(exporter(), records, dir.dir, { now });
    expect(outcome).toMatchObject({ status: "ok", shipped: 1, rejected: 1 });
    expect(seen[0]!.body.entries.map((x) => x.jsonPayload.message)).toEqual(["now"]);
    const dead = await deadLetters(deadLetter);
    expect(dead.map((d) => d.entry.message)).toEqual(["future"]);
    expect(dead[0]!.reason).toContain("1 day in the future");
  });
});
