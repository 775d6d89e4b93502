import { createHash, createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { toEpochNanosString } from "../../src/core/timestamp";
import { HuaweiLtsExporter } from "../../src/exporters/huawei-lts";
import {
  kestraEntry,
  kestraFlowWith,
  kestraRecords,
  shipThrough,
  toRecord,
  ts,
} from "../support/http-exporters";
import {
  applyIn,
  capture,
  secretEnv,
  useNockContract,
  type Captured,
  type NockReply,
} from "../support/exporter-harness";

const REGION = "eu-west-101";
const IAM = `https://iam.${REGION}.myhuaweicloud.com`;
const PROJECT = "0123456789abcdef0123456789abcdef";
const GROUP = "11111111-2222-3333-4444-555555555555";
const STREAM = "66666666-7777-8888-9999-000000000000";
const PATH = `/v2/${PROJECT}/lts/groups/${GROUP}/streams/${STREAM}/tenant/contents/high-accuracy`;
const AK = "HPUAEXAMPLEACCESSKEY";
const SK = "huawei-secret-access-key-0123456789";

/** The body as LTS receives it, with its text (log_time_ns is an int64 that a double cannot hold). */
interface LtsBody {
  readonly text: string;
  readonly contents: Array<{ log_time_ns: number; log: string }>;
  readonly labels: Record<string, string>;
}
const parseBody = (text: string): LtsBody => ({ text, ...(JSON.parse(text) as Omit<LtsBody, "text">) });

function exporter(overrides: Record<string, unknown> = {}, chunk = 1000): HuaweiLtsExporter {
  return new HuaweiLtsExporter(
    "lts",
    {
      id: "lts",
      type: "huawei-lts",
      region: REGION,
      projectId: PROJECT,
      logGroupId: GROUP,
      logStreamId: STREAM,
      accessKeyId: AK,
      secretAccessKey: SK,
      endpointOverride: serverUrl,
      ...overrides,
    } as never,
    chunk,
    4,
  );
}

/**
 * Checks a request's SDK-HMAC-SHA256 signature as API Gateway does, with its own implementation of the signing
 * guide (the signer's code is not used): the signed headers it lists, the path ending in `/`, the body's hash.
 * Returns the access key that signed it, or undefined when the signature does not verify with `secrets[ak]`.
 */
function verify(req: Seen, secrets: Record<string, string>): string | undefined {
  const auth = String(req.headers.authorization ?? "");
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return undefined;
  const [, ak, signed, signature] = m as unknown as [string, string, string, string];
  const secret = secrets[ak];
  if (secret === undefined) return undefined;
  const names = signed.split(";");
  if (!names.includes("host") || !names.includes("x-sdk-date")) return undefined;
  const headers = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim()}\n`).join("");
  const [path, query = ""] = req.path.split("?");
  const canonical = [
    "POST",
    path!.endsWith("/") ? path : `${path}/`,
    query,
    headers,
    signed,
    createHash("sha256").update(req.body.text).digest("hex"),
  ].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${String(req.headers["x-sdk-date"])}\n${createHash("sha256").update(canonical).digest("hex")}`;
  return createHmac("sha256", secret).update(toSign).digest("hex") === signature ? ak : undefined;
}

/** What the local LTS saw of one request: its headers, path and raw body. */
type Seen = Captured<LtsBody>;

let server: Server | undefined;
let serverUrl = "";
let handler: (req: Seen) => NockReply = () => [500, "no handler"];
beforeAll(async () => {
  // a real local server, not nock: the signature covers the exact body bytes, which nock would re-serialise
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: LtsBody;
      try {
        body = parseBody(text);
      } catch {
        body = { text, contents: [], labels: {} };
      }
      const [status, reply, headers] = handler({
        headers: req.headers,
        body,
        bytes: text.length,
        path: req.url ?? "",
      });
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(reply ?? "");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * The local LTS: answers each request whose signature verifies with `answer`, any other with 401 as API Gateway
 * would, and records them all. Point an exporter at it with `endpointOverride: serverUrl`.
 */
function lts(
  answer: (body: LtsBody, n: number) => NockReply = () => [200, SUCCESS],
  secrets: Record<string, string> = { [AK]: SK },
): Seen[] {
  const seen: Seen[] = [];
  handler = (req) => {
    seen.push(req);
    if (req.path !== PATH) return [404, '{"error_msg":"no such path"}'];
    return verify(req, secrets) !== undefined
      ? answer(req.body, seen.length)
      : [401, '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}'];
  };
  return seen;
}

const SUCCESS = '{"errorCode":"SVCSTG.ALS.200.200","errorMessage":"Report success.","result":null}';

const tmp = useNockContract();

describe("Huawei Cloud LTS exporter: request shape and signing", () => {
  it("POSTs the high-accuracy body to port 8102, signed with AK/SK, and the signature verifies", async () => {
    const seen = lts();
    const records = kestraRecords(3);
    const { outcome } = await shipThrough(exporter({ labels: { env: "prod" } }), records);
    expect(outcome).toMatchObject({ status: "ok", shipped: 3 });
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(verify(req, { [AK]: SK })).toBe(AK);
    expect(req.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(req.headers["x-project-id"]).toBe(PROJECT);
    expect(req.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req.body.labels).toEqual({ env: "prod" });
    expect(req.body.contents.map((c) => (JSON.parse(c.log) as { message: string }).message)).toEqual([
      "message 0",
      "message 1",
      "message 2",
    ]);
  });

  it("without endpointOverride, posts to lts-access.{region}.myhuaweicloud.com on port 8102", async () => {
    const seen: string[] = [];
    nock(`https://lts-access.${REGION}.myhuaweicloud.com:8102`)
      .post(PATH)
      .reply(function () {
        seen.push(String(this.req.headers.authorization));
        return [200, SUCCESS];
      });
    const { outcome } = await shipThrough(exporter({ endpointOverride: undefined }), kestraRecords(1));
    expect(outcome).toMatchObject({ status: "ok", shipped: 1 });
    expect(seen[0]).toMatch(/^SDK-HMAC-SHA256 Access=HPUAEXAMPLEACCESSKEY, SignedHeaders=/);
  });

  it("keeps each log's nanosecond timestamp exactly (an int64, written as digits)", async () => {
    const seen = lts();
    const stamp = `${new Date(Date.now() - 60_000).toISOString().slice(0, 19)}.123456789Z`;
    await shipThrough(exporter(), [toRecord(kestraEntry(0, { timestamp: stamp }), 0)]);
    const nanos = toEpochNanosString(ts(stamp));
    expect(nanos).toMatch(/^\d{10}123456789$/);
    expect(seen[0]!.body.text).toContain(`"log_time_ns":${nanos},`);
  });

  it("a request signed with a wrong secret is refused (the check can fail)", async () => {
    lts(() => [200, SUCCESS], { [AK]: "another-secret" });
    const { outcome } = await shipThrough(exporter(), kestraRecords(1));
    expect(outcome.status).toBe("failed");
    expect((outcome.error as Error).message).toMatch(/HTTP 401.*not retryable/);
  });

  it("sends and signs the security token of static temporary credentials", async () => {
    const seen = lts();
    await shipThrough(exporter({ securityToken: "static-security-token" }), kestraRecords(1));
    expect(seen[0]!.headers["x-security-token"]).toBe("static-security-token");
    expect(String(seen[0]!.headers.authorization)).toContain("x-security-token");
  });

  it("sends chunk logs per request", async () => {
    const seen = lts();
    await shipThrough(exporter({}, 40), kestraRecords(100));
    expect(seen.map((s) => s.body.contents.length)).toEqual([40, 40, 20]);
  });

  it("cuts a log larger than LTS's 1 MB, keeping its JSON valid, and counts it", async () => {
    const seen = lts();
    const { outcome } = await shipThrough(exporter(), [
      toRecord(kestraEntry(0, { message: "日".repeat(400_000) }), 0),
    ]);
    expect(outcome).toMatchObject({ status: "ok", shipped: 1, truncated: 1 });
    const log = seen[0]!.body.contents[0]!.log;
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(1_000_000);
    expect(JSON.parse(log)).toMatchObject({ logshipperTruncated: true, namespace: "company.team" });
  });

  it("dead-letters logs older than 24 hours instead of sending them", async () => {
    const seen = lts();
    const records = [toRecord(kestraEntry(0, {}, 25 * 60), 0), toRecord(kestraEntry(1), 1)];
    const { outcome, deadLetters } = await shipThrough(exporter(), records);
    expect(outcome).toMatchObject({ shipped: 1, rejected: 1 });
    expect(deadLetters[0]!.reason).toMatch(/24 hours/);
    expect(seen[0]!.body.contents).toHaveLength(1);
  });
});

describe("Huawei Cloud LTS exporter: temporary credentials from IAM", () => {
  const TEMP = { access: "TEMPACCESSKEY", secret: "temp-secret", securitytoken: "temp-security-token" };

  function iamSecurityTokens(expiresInMs = 3_600_000, keys = [TEMP]) {
    return capture<Record<string, unknown>>(
      nock(IAM).persist().post("/v3.0/OS-CREDENTIAL/securitytokens"),
      (_req, n) => [
        201,
        JSON.stringify({
          credential: {
            ...keys[Math.min(n, keys.length) - 1],
            expires_at: new Date(Date.now() + expiresInMs).toISOString(),
          },
        }),
      ],
    );
  }

  it("TOKEN: exchanges the IAM token for temporary AK/SK and signs with them and the security token", async () => {
    const iam = iamSecurityTokens();
    const seen = lts(() => [200, SUCCESS], { [TEMP.access]: TEMP.secret });
    const { outcome } = await shipThrough(
      exporter({
        accessKeyId: undefined,
        secretAccessKey: undefined,
        temporaryCredentials: { authMethod: "TOKEN", token: "iam-user-token", durationSeconds: 1800 },
      }),
      kestraRecords(2),
    );
    expect(outcome).toMatchObject({ status: "ok", shipped: 2 });
    expect(iam).toHaveLength(1);
    expect(iam[0]!.headers["x-auth-token"]).toBe("iam-user-token");
    expect(iam[0]!.body).toEqual({
      auth: { identity: { methods: ["token"], token: { duration_seconds: 1800 } } },
    });
    expect(verify(seen[0]!, { [TEMP.access]: TEMP.secret })).toBe(TEMP.access);
    expect(seen[0]!.headers["x-security-token"]).toBe(TEMP.securitytoken);
  });

  it("PASSWORD: logs in for an IAM token (X-Subject-Token), then exchanges it", async () => {
    const login = capture<Record<string, unknown>>(nock(IAM).post("/v3/auth/tokens"), () => [
      201,
      '{"token":{}}',
      { "X-Subject-Token": "subject-token-from-login" },
    ]);
    const iam = iamSecurityTokens();
    lts(() => [200, SUCCESS], { [TEMP.access]: TEMP.secret });
    const { outcome } = await shipThrough(
      exporter({
        accessKeyId: undefined,
        secretAccessKey: undefined,
        temporaryCredentials: {
          authMethod: "PASSWORD",
          username: "shipper",
          password: "iam-password",
          domainName: "my-account",
        },
      }),
      kestraRecords(1),
    );
    expect(outcome.status).toBe("ok");
    expect(login[0]!.body).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "shipper", password: "iam-password", domain: { name: "my-account" } } },
        },
        scope: { project: { name: REGION } },
      },
    });
    expect(iam[0]!.headers["x-auth-token"]).toBe("subject-token-from-login");
  });

  it("fetches new temporary credentials when LTS answers 401 with the current ones, then delivers", async () => {
    const next = { access: "TEMPACCESSKEY2", secret: "temp-secret-2", securitytoken: "temp-token-2" };
    const iam = iamSecurityTokens(3_600_000, [TEMP, next]);
    // the first credentials have been revoked: only the second verify
    const seen = lts(() => [200, SUCCESS], { [next.access]: next.secret });
    const { outcome } = await shipThrough(
      exporter({ accessKeyId: undefined, secretAccessKey: undefined, temporaryCredentials: { token: "t" } }),
      kestraRecords(1),
    );
    expect(outcome).toMatchObject({ status: "ok", shipped: 1 });
    expect(iam).toHaveLength(2);
    expect(seen).toHaveLength(2);
  });

  it("a refused IAM exchange fails the exporter before anything is sent", async () => {
    nock(IAM).post("/v3.0/OS-CREDENTIAL/securitytokens").reply(401, '{"error":{"message":"token expired"}}');
    const seen = lts();
    const e = exporter({
      accessKeyId: undefined,
      secretAccessKey: undefined,
      temporaryCredentials: { token: "t" },
    });
    await expect(e.open()).rejects.toThrow(/HTTP 401.*temporary credentials request failed.*token expired/);
    await e.close();
    expect(seen).toEqual([]);
  });

  it("needs either AK/SK or temporary credentials with what their method needs", () => {
    expect(() => exporter({ accessKeyId: undefined })).toThrow(
      /accessKeyId and secretAccessKey are required/,
    );
    expect(() =>
      exporter({ temporaryCredentials: { authMethod: "PASSWORD", username: "u", password: "p" } }),
    ).toThrow(/temporaryCredentials.domainName.*is required with authMethod PASSWORD/s);
    expect(() => exporter({ logStreamId: "../../other" })).toThrow(/logStreamId/);
  });
});

describe("Huawei Cloud LTS exporter: errors", () => {
  it.each([429, 500, 502, 503])("retries HTTP %i", async (status) => {
    const seen = lts((_b, n) => (n === 1 ? [status, '{"errorCode":"SVCSTG.ALS.500.500"}'] : [200, SUCCESS]));
    const { outcome } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome).toMatchObject({ status: "ok", shipped: 2, retries: 1 });
    expect(seen).toHaveLength(2);
  });

  it.each([400, 403, 404])("fails on HTTP %i without retrying or moving the offset", async (status) => {
    const seen = lts(() => [
      status,
      `{"errorCode":"SVCSTG.ALS.403.105","errorMessage":"Project id is invalid. ${SK}"}`,
    ]);
    const { outcome, stored, deadLetters } = await shipThrough(exporter(), kestraRecords(2));
    expect(outcome.status).toBe("failed");
    expect(seen).toHaveLength(1);
    expect(stored).toBeUndefined();
    expect(deadLetters).toEqual([]);
    const message = (outcome.error as Error).message;
    expect(message).toContain(`exporter lts (Huawei Cloud LTS): HTTP ${status}`);
    expect(message).not.toContain(SK);
  });

  it("splits on 413 and delivers every log once", async () => {
    const seen = lts((body) => (body.contents.length > 2 ? [413, ""] : [200, SUCCESS]));
    const { outcome } = await shipThrough(exporter(), kestraRecords(5));
    expect(outcome).toMatchObject({ status: "ok", shipped: 5 });
    const delivered = seen
      .filter((s) => s.body.contents.length <= 2)
      .flatMap((s) => s.body.contents.map((c) => (JSON.parse(c.log) as { message: string }).message));
    expect(delivered).toEqual(Array.from({ length: 5 }, (_, i) => `message ${i}`));
  });
});

describe("Huawei Cloud LTS exporter through runApply", () => {
  it("ships a Kestra flow's logs with the Kestra type name and properties", async () => {
    const { config } = kestraFlowWith(
      tmp.dir,
      [
        "- id: huaweiLts",
        "  type: io.kestra.plugin.ee.huawei.lts.LogExporter",
        `  region: ${REGION}`,
        `  projectId: ${PROJECT}`,
        `  logGroupId: ${GROUP}`,
        `  logStreamId: ${STREAM}`,
        `  endpointOverride: ${serverUrl}`,
        "  accessKeyId: \"{{ secret('HUAWEI_AK') }}\"",
        "  secretAccessKey: \"{{ secret('HUAWEI_SK') }}\"",
        "  chunk: 4",
      ],
      9,
    );
    const seen = lts();
    const { report } = await applyIn(tmp.dir, config, { env: secretEnv({ HUAWEI_AK: AK, HUAWEI_SK: SK }) });
    expect(report.shippers[0]!.exporters[0]).toMatchObject({ status: "ok", shipped: 9, requests: 3 });
    expect(seen.every((s) => verify(s, { [AK]: SK }) === AK)).toBe(true);
  });
});
