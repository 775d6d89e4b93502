import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import type { GcsExporter as GcsConfig } from "../../generated/config";
import { objectName } from "../../src/exporters/archive-writer";
import { DeliveryError } from "../../src/exporters/errors";
import { createGcsExporter, type GcsUploadOptions } from "../../src/exporters/gcs";
import type { Exporter } from "../../src/exporters/exporter";
import { archiveContext, ARCHIVE_NAME, numberedRecords } from "../support/archives";
import { capture, sendAlone, ship, useNockContract } from "../support/exporter-harness";

const API = "https://storage.googleapis.test";
const OAUTH = "https://oauth2.googleapis.test";
const UPLOAD = "/upload/storage/v1/b/kestra-archive/o";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const KEY = JSON.stringify({
  type: "service_account",
  project_id: "kestra-demo-123",
  private_key: privateKey,
  client_email: "log-shipper@kestra-demo-123.iam.gserviceaccount.com",
  token_uri: `${OAUTH}/token`,
});

function gcs(over: Partial<GcsConfig> = {}, options: GcsUploadOptions = {}): Promise<Exporter> {
  const config: GcsConfig = {
    id: "arc",
    type: "io.kestra.plugin.ee.gcp.gcs.LogExporter",
    bucket: "kestra-archive",
    projectId: "kestra-demo-123",
    endpoint: API,
    serviceAccount: KEY,
    ...over,
  };
  return createGcsExporter(archiveContext(config), options);
}

/** Google's token endpoint, answering `times` token requests. */
function tokens(times = 1, values: string[] = ["ya29.token-1"]): void {
  let n = 0;
  nock(OAUTH)
    .post("/token")
    .times(times)
    .reply(() => [
      200,
      { access_token: values[Math.min(n++, values.length - 1)], expires_in: 3599, token_type: "Bearer" },
    ]);
}

/** The object resource Cloud Storage answers an upload with. */
const resource = (name: string): Record<string, unknown> => ({
  kind: "storage#object",
  bucket: "kestra-archive",
  name,
  generation: "1732443600000000",
});

const nameOf = (path: string): string => new URL(`http://x${path}`).searchParams.get("name") ?? "";

describe("Google Cloud Storage archive exporter (contract)", () => {
  const t = useNockContract();

  it("uploads each object with uploadType=media and the service account's token; names are Kestra's, made deterministic", async () => {
    tokens();
    const seen = capture<string>(
      nock(API).post(UPLOAD).query(true).times(3),
      (req) => [200, resource(nameOf(req.path))],
      (text) => text,
    );
    const records = numberedRecords(250);
    const { outcome } = await ship(await gcs({ maxLinesPerFile: 100 }), records, t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 250 });
    expect(seen).toHaveLength(3);
    expect(seen.map((r) => new URL(`http://x${r.path}`).searchParams.get("uploadType"))).toEqual([
      "media",
      "media",
      "media",
    ]);
    const names = seen.map((r) => nameOf(r.path));
    expect(names.every((n) => ARCHIVE_NAME.test(n))).toBe(true);
    expect(names[0]).toBe(
      objectName({ prefix: "kestra-log-file", format: "JSON", gzip: false }, "s", "arc", records[0] as never),
    );
    expect(seen[0]?.headers.authorization).toBe("Bearer ya29.token-1");
    expect(seen[0]?.headers["content-type"]).toBe("application/x-ndjson");
    expect(seen.map((r) => r.body).join("")).toBe(records.map((r) => `${r.raw}\n`).join(""));
  });

  it("retries 429 and 503 (with Retry-After), then acknowledges; the same name is sent again", async () => {
    tokens();
    const seen = capture<string>(
      nock(API).post(UPLOAD).query(true).times(3),
      (req, n) =>
        n === 1
          ? [429, { error: { code: 429, message: "The rate of change requests to the object is too high." } }]
          : n === 2
            ? [503, { error: { code: 503, message: "Backend Error" } }, { "retry-after": "0" }]
            : [200, resource(nameOf(req.path))],
      (text) => text,
    );
    const { outcome } = await ship(await gcs(), numberedRecords(5), t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 5, retries: 2 });
    expect(new Set(seen.map((r) => nameOf(r.path))).size).toBe(1);
  });

  it("403 is not retried: the exporter fails, its offset stays, the message names the permission problem", async () => {
    tokens();
    nock(API)
      .post(UPLOAD)
      .query(true)
      .reply(403, {
        error: {
          code: 403,
          message:
            "log-shipper@kestra-demo-123.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object.",
          errors: [{ reason: "forbidden" }],
        },
      });
    const { outcome, state, ref } = await ship(await gcs(), numberedRecords(5), t.dir);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toBeInstanceOf(DeliveryError);
    expect((outcome.error as DeliveryError).retryable).toBe(false);
    expect((outcome.error as DeliveryError).message).toMatch(/HTTP 403: .*storage\.objects\.create/);
    expect(await state.get(ref)).toBeUndefined();
  });

  it("a 401 fetches a new token once and sends again", async () => {
    tokens(2, ["ya29.old", "ya29.new"]);
    const seen = capture<string>(
      nock(API).post(UPLOAD).query(true).times(2),
      (req, n) =>
        n === 1
          ? [401, { error: { code: 401, message: "Invalid Credentials" } }]
          : [200, resource(nameOf(req.path))],
      (text) => text,
    );
    const result = await sendAlone(await gcs(), numberedRecords(1)[0] as never);
    expect(result).toEqual({});
    expect(seen.map((r) => r.headers.authorization)).toEqual(["Bearer ya29.old", "Bearer ya29.new"]);
  });

  it("413 splits the object in two, each named by its own first record", async () => {
    tokens();
    const seen = capture<string>(
      nock(API).post(UPLOAD).query(true).times(3),
      (req, n) => (n === 1 ? [413, "Request Entity Too Large"] : [200, resource(nameOf(req.path))]),
      (text) => text,
    );
    const records = numberedRecords(10);
    const { outcome } = await ship(await gcs(), records, t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 10 });
    const settings = { prefix: "kestra-log-file", format: "JSON" as const, gzip: false };
    expect(seen.slice(1).map((r) => nameOf(r.path))).toEqual([
      objectName(settings, "s", "arc", records[0] as never),
      objectName(settings, "s", "arc", records[5] as never),
    ]);
    expect(seen.slice(1).map((r) => r.body.split("\n").length - 1)).toEqual([5, 5]);
  });

  it("uploads a large object resumably in 256 KiB-aligned chunks and resumes a failed chunk where Cloud Storage says", async () => {
    tokens();
    const KiB = 1024;
    const session = `${API}${UPLOAD}?uploadType=resumable&upload_id=ADPycdu-session`;
    nock(API)
      .post(UPLOAD)
      .query((q) => q.uploadType === "resumable" && typeof q.name === "string")
      .reply(200, "", { location: session });
    const ranges: string[] = [];
    const parts = new Map<number, Buffer>();
    let total = 0;
    nock(API)
      .put(UPLOAD)
      .query(true)
      .times(6)
      .reply(function (_uri, body) {
        const range = String(this.req.headers["content-range"]);
        ranges.push(range);
        const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
        const stored = [...parts.entries()].reduce((end, [s, b]) => Math.max(end, s + b.length), 0);
        if (m === null) return [308, "", stored > 0 ? { range: `bytes=0-${stored - 1}` } : {}];
        total = Number(m[3]);
        // the second chunk fails once with a 503
        if (
          Number(m[1]) === 256 * KiB &&
          ranges.filter((r) => r.startsWith(`bytes ${256 * KiB}-`)).length === 1
        )
          return [503, { error: { code: 503, message: "Service Unavailable" } }];
        parts.set(Number(m[1]), Buffer.from(body as string, "utf8"));
        const end = Number(m[2]) + 1;
        return end === total ? [200, resource("x")] : [308, "", { range: `bytes=0-${end - 1}` }];
      });
    const records = numberedRecords(2_400);
    const { outcome } = await ship(
      await gcs({}, { resumableThreshold: 300 * KiB, chunkBytes: 256 * KiB }),
      records,
      t.dir,
    );
    expect(outcome).toMatchObject({ status: "ok", shipped: 2_400, retries: 0 });
    const sent = Buffer.concat([...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b)).toString(
      "utf8",
    );
    expect(sent === records.map((r) => `${r.raw}\n`).join("")).toBe(true);
    expect(ranges).toEqual([
      `bytes 0-${256 * KiB - 1}/${total}`,
      `bytes ${256 * KiB}-${512 * KiB - 1}/${total}`,
      `bytes */${total}`,
      `bytes ${256 * KiB}-${512 * KiB - 1}/${total}`,
      `bytes ${512 * KiB}-${total - 1}/${total}`,
    ]);
  });
});
