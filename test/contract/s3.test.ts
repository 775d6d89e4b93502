import nock from "nock";
import type { S3Exporter as S3Config } from "../../generated/config";
import { DeliveryError } from "../../src/exporters/errors";
import type { Exporter } from "../../src/exporters/exporter";
import { createS3Exporter } from "../../src/exporters/s3";
import { archiveContext, numberedRecords } from "../support/archives";
import { capture, ship, useNockContract } from "../support/exporter-harness";

// S3's error answers, which moto does not give: the documented XML error bodies with their statuses.
const S3 = "http://s3.contract.test";

function s3(): Promise<Exporter> {
  const config: S3Config = {
    id: "arc",
    type: "s3",
    bucket: "archive",
    region: "eu-west-1",
    endpointOverride: S3,
    accessKeyId: "AKIAEXAMPLE",
    secretKeyId: "s3-secret-key-value",
  };
  return createS3Exporter(archiveContext(config));
}

const error = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>`;

describe("S3 archive exporter (contract: S3's error answers)", () => {
  const t = useNockContract();

  it("retries 503 SlowDown, 500 InternalError and 400 RequestTimeout, then acknowledges the object under one name", async () => {
    const seen = capture<string>(
      nock(S3)
        .put(/^\/archive\/kestra-log-file-/)
        .times(4),
      (_req, n) =>
        n === 1
          ? [503, error("SlowDown", "Please reduce your request rate.")]
          : n === 2
            ? [500, error("InternalError", "We encountered an internal error. Please try again.")]
            : n === 3
              ? [
                  400,
                  error(
                    "RequestTimeout",
                    "Your socket connection to the server was not read from or written to within the timeout period.",
                  ),
                ]
              : [200, "", { etag: '"9b2cf535f27731c974343645a3985328"' }],
      (text) => text,
    );
    const { outcome } = await ship(await s3(), numberedRecords(4), t.dir);
    expect(outcome).toMatchObject({ status: "ok", shipped: 4, retries: 3 });
    expect(new Set(seen.map((r) => r.path)).size).toBe(1);
    expect(seen[3]?.body.split("\n").length).toBe(5);
    expect(String(seen[0]?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\//);
  });

  it("403 AccessDenied is not retried: the exporter fails, names the permission, and never shows the secret", async () => {
    nock(S3)
      .put(/^\/archive\//)
      .reply(403, error("AccessDenied", "Access Denied"));
    const { outcome, state, ref } = await ship(await s3(), numberedRecords(3), t.dir);
    expect(outcome.status).toBe("failed");
    const err = outcome.error as DeliveryError;
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: 403, retryable: false });
    expect(err.message).toMatch(
      /HTTP 403: AccessDenied: Access Denied \(writing s3:\/\/archive\/kestra-log-file-.*needs s3:PutObject\)/,
    );
    expect(err.message).not.toContain("s3-secret-key-value");
    expect(await state.get(ref)).toBeUndefined();
  });

  it("400 EntityTooLarge and other 4xx are not retried", async () => {
    nock(S3)
      .put(/^\/archive\//)
      .reply(400, error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size."));
    const { outcome } = await ship(await s3(), numberedRecords(2), t.dir);
    expect(outcome).toMatchObject({ status: "failed", requests: 1 });
    expect((outcome.error as DeliveryError).retryable).toBe(false);
  });
});
