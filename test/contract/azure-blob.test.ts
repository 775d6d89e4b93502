import { createHmac } from "node:crypto";
import nock from "nock";
import type { AzureBlobExporter as AzureConfig } from "../../generated/config";
import { createAzureBlobExporter, type AzureUploadOptions } from "../../src/exporters/azure-blob";
import { DeliveryError } from "../../src/exporters/errors";
import type { Exporter } from "../../src/exporters/exporter";
import { ARCHIVE_NAME, archiveContext, numberedRecords, seqsOf } from "../support/archives";
import {
  blobs,
  createContainer,
  DEV_ACCOUNT,
  DEV_KEY,
  devRequest,
  startAzurite,
  type Azurite,
} from "../support/azurite";
import { capture, sendAlone, ship, useNockContract } from "../support/exporter-harness";

function azure(over: Partial<AzureConfig>, options: AzureUploadOptions = {}): Promise<Exporter> {
  const config = {
    id: "arc",
    type: "io.kestra.plugin.ee.azure.storage.LogExporter",
    containerName: "logs",
    ...over,
  } as AzureConfig;
  return createAzureBlobExporter(archiveContext(config), options);
}

/** An account SAS of the development account (blob service; container and object; read, write, create). */
function accountSas(): string {
  const sv = "2021-12-02";
  const se = new Date(Date.now() + 3_600_000).toISOString().slice(0, 19) + "Z";
  const toSign = [DEV_ACCOUNT, "rwc", "b", "co", "", se, "", "https,http", sv, "", ""].join("\n");
  const sig = createHmac("sha256", Buffer.from(DEV_KEY, "base64")).update(toSign, "utf8").digest("base64");
  return new URLSearchParams({ sv, ss: "b", srt: "co", sp: "rwc", se, spr: "https,http", sig }).toString();
}

// one nock setup for the file: no network but 127.0.0.1 (Azurite), for both groups of tests
const t = useNockContract();

describe("Azure Blob Storage archive exporter (Azurite)", () => {
  let azurite: Azurite;
  let n = 0;
  const container = (): string => `logs-${++n}-${Date.now()}`;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(() => azurite.stop());
  const sharedKey = (containerName: string): Partial<AzureConfig> => ({
    endpoint: azurite.endpoint,
    containerName,
    sharedKeyAccountName: DEV_ACCOUNT,
    sharedKeyAccountAccessKey: DEV_KEY,
  });

  it("writes one block blob per maxLinesPerFile records with Shared Key auth; a re-send overwrites", async () => {
    const name = container();
    await createContainer(azurite.endpoint, name);
    const records = numberedRecords(250);
    const { outcome } = await ship(await azure({ ...sharedKey(name), maxLinesPerFile: 100 }), records, t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 250 });
    const first = await blobs(azurite.endpoint, name);
    expect(first.map((b) => b.name).every((k) => ARCHIVE_NAME.test(k))).toBe(true);
    expect(first.map((b) => b.text).join("")).toBe(records.map((r) => `${r.raw}\n`).join(""));
    // the offset was lost: the same records go again, the blobs are replaced, nothing is doubled
    const again = await ship(
      await azure({ ...sharedKey(name), maxLinesPerFile: 100 }),
      numberedRecords(300),
      `${t.dir}/2`,
    );
    expect(again.outcome.shipped).toBe(300);
    const second = await blobs(azurite.endpoint, name);
    expect(second.map((b) => b.name).slice(0, 3)).toEqual(first.map((b) => b.name));
    expect(seqsOf(second)).toEqual([...Array(300).keys()]);
  });

  it("authenticates with a connection string or an account SAS too", async () => {
    const name = container();
    await createContainer(azurite.endpoint, name);
    const cs = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${azurite.endpoint};`;
    await ship(
      await azure({ containerName: name, connectionString: cs, logFilePrefix: "cs/kestra-log-file" }),
      numberedRecords(3),
      t.dir,
    );
    const sas = await azure({
      endpoint: azurite.endpoint,
      containerName: name,
      sasToken: `?${accountSas()}`,
      logFilePrefix: "sas/kestra-log-file",
    });
    await ship(sas, numberedRecords(4), `${t.dir}/sas`);
    const all = await blobs(azurite.endpoint, name);
    expect(all.map((b) => [b.name.split("/")[0], b.text.split("\n").length - 1])).toEqual([
      ["cs", 3],
      ["sas", 4],
    ]);
  });

  it("uploads a large blob as blocks (Put Block, Put Block List)", async () => {
    const name = container();
    await createContainer(azurite.endpoint, name);
    const records = numberedRecords(3_000);
    const exporter = await azure(
      { ...sharedKey(name), maxLinesPerFile: 10_000 },
      { blockThreshold: 200_000, blockBytes: 100_000 },
    );
    const { outcome } = await ship(exporter, records, t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 3_000 });
    const [blob] = await blobs(azurite.endpoint, name);
    expect(blob?.text).toBe(records.map((r) => `${r.raw}\n`).join(""));
    const list = await devRequest(
      "GET",
      `${azurite.endpoint}/${name}/${encodeURIComponent(blob?.name ?? "").replace(/%2F/g, "/")}?comp=blocklist`,
    );
    expect([...list.text.matchAll(/<Block>/g)].length).toBeGreaterThan(5);
  });

  it("a wrong key is 403 AuthenticationFailed and a missing container 404 ContainerNotFound, neither retried", async () => {
    const name = container();
    await createContainer(azurite.endpoint, name);
    const wrongKey = Buffer.alloc(64, 7).toString("base64");
    const denied = await sendAlone(
      await azure({ ...sharedKey(name), sharedKeyAccountAccessKey: wrongKey }),
      numberedRecords(1)[0] as never,
    );
    expect(denied).toBeInstanceOf(DeliveryError);
    expect(denied).toMatchObject({
      status: 403,
      retryable: false,
      // Azure answers AuthenticationFailed, Azurite AuthorizationFailure
      vendorMessage: expect.stringMatching(
        /^(AuthenticationFailed|AuthorizationFailure): Server failed to authenticate/,
      ),
    });
    expect((denied as Error).message).not.toContain(wrongKey);
    const missing = await sendAlone(
      await azure(sharedKey("no-such-container")),
      numberedRecords(1)[0] as never,
    );
    expect(missing).toMatchObject({
      status: 404,
      retryable: false,
      vendorMessage: expect.stringMatching(/^ContainerNotFound/),
    });
  });
});

describe("Azure Blob Storage archive exporter (Entra auth and error answers, contract)", () => {
  const BLOB = "https://kestraarchive.blob.core.windows.test";
  const AAD = "https://login.microsoftonline.test";
  const entra: Partial<AzureConfig> = {
    endpoint: `${BLOB}/`,
    authorityHost: AAD,
    tenantId: "tenant-1",
    clientId: "client-1",
    clientSecret: "entra-secret-value",
  };
  function token(): void {
    nock(AAD)
      .post(
        "/tenant-1/oauth2/v2.0/token",
        (body: Record<string, string>) => body.scope === "https://storage.azure.com/.default",
      )
      .reply(200, { access_token: "eyJ.storage-token", expires_in: 3599, token_type: "Bearer" });
  }

  it("sends Put Blob with a bearer token for Azure Storage, retries 503 ServerBusy and 500 OperationTimedOut", async () => {
    token();
    const seen = capture<string>(
      nock(BLOB)
        .put(/^\/logs\/kestra-log-file-/)
        .times(3),
      (_req, i) =>
        i === 1
          ? [
              503,
              '<?xml version="1.0"?><Error><Code>ServerBusy</Code><Message>Ingress is over the account limit.</Message></Error>',
              { "x-ms-error-code": "ServerBusy" },
            ]
          : i === 2
            ? [500, "", { "x-ms-error-code": "OperationTimedOut" }]
            : [201, ""],
      (text) => text,
    );
    const { outcome } = await ship(await azure(entra), numberedRecords(5), t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 5, retries: 2 });
    expect(seen[0]?.headers.authorization).toBe("Bearer eyJ.storage-token");
    expect(seen[0]?.headers["x-ms-blob-type"]).toBe("BlockBlob");
    expect(seen[0]?.headers["x-ms-version"]).toBe("2021-12-02");
    expect(new Set(seen.map((r) => r.path)).size).toBe(1);
  });

  it("413 RequestBodyTooLarge splits the batch; 403 AuthorizationPermissionMismatch stops the exporter", async () => {
    token();
    const seen = capture<string>(
      nock(BLOB)
        .put(/^\/logs\//)
        .times(3),
      (_req, i) => (i === 1 ? [413, "", { "x-ms-error-code": "RequestBodyTooLarge" }] : [201, ""]),
      (text) => text,
    );
    const { outcome } = await ship(await azure(entra), numberedRecords(8), t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 8 });
    expect(seen.slice(1).map((r) => r.body.split("\n").length - 1)).toEqual([4, 4]);
    token();
    nock(BLOB)
      .put(/^\/logs\//)
      .reply(
        403,
        "<Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>",
        {
          "x-ms-error-code": "AuthorizationPermissionMismatch",
        },
      );
    const failed = await ship(await azure(entra), numberedRecords(2), `${t.dir}/2`);
    expect(failed.outcome.status).toBe("failed");
    expect((failed.outcome.error as DeliveryError).message).toMatch(
      /HTTP 403: AuthorizationPermissionMismatch: This request is not authorized.*\(not retryable\)/,
    );
    expect((failed.outcome.error as DeliveryError).message).not.toContain("entra-secret-value");
  });

  it("refuses a config without credentials, naming the properties to set", async () => {
    await expect(azure({ endpoint: `${BLOB}/` })).rejects.toThrow(
      /has no credentials: give tenantId\/clientId\/clientSecret/,
    );
    await expect(azure({ endpoint: `${BLOB}/`, tenantId: "t" })).rejects.toThrow(
      /give tenantId, clientId and clientSecret together/,
    );
  });
});
