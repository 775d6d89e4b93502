import type { CompletedPart, S3Client } from "@aws-sdk/client-s3";
import type { S3Exporter as S3ExporterConfig } from "../../generated/config";
import { awsErrorInfo, s3ClientConfig } from "../shipping/aws-client";
import { ArchiveExporter, type ArchiveObject, type ObjectStore } from "./archive-writer";
import { DeliveryError } from "./errors";
import type { Exporter } from "./exporter";
import type { ExporterContext } from "./registry";

type Sdk = typeof import("@aws-sdk/client-s3");

/** Objects larger than this go up as a multipart upload (S3's advice is multipart from about 100 MB). */
export const DEFAULT_MULTIPART_THRESHOLD = 64 * 1024 * 1024;
/** Part size of a multipart upload: S3 takes 5 MiB to 5 GiB per part (except the last), 10,000 parts at most. */
export const DEFAULT_PART_BYTES = 16 * 1024 * 1024;
/** Parts uploaded at once inside one multipart upload. */
const PARTS_IN_FLIGHT = 4;

/** Sizes of the S3 upload (tests make them small). */
export interface S3UploadOptions {
  readonly multipartThreshold?: number;
  readonly partBytes?: number;
}

/**
 * Amazon S3 (`PutObject`, or `CreateMultipartUpload` + `UploadPart` + `CompleteMultipartUpload` above the
 * multipart threshold). An object is acknowledged when S3 answered the `PutObject` or the
 * `CompleteMultipartUpload` with success: S3 then has it durably and whole. A multipart upload that fails is
 * aborted (best effort: a bucket lifecycle rule `AbortIncompleteMultipartUpload` cleans up what an abort could not),
 * and the whole object is sent again by the pipeline. Retryable: 5xx (`InternalError`, `SlowDown`,
 * `ServiceUnavailable`), 429, `RequestTimeout`, `RequestTimeTooSkewed`, and network failures; not retryable:
 * `AccessDenied`, `NoSuchBucket`, `InvalidAccessKeyId`, `SignatureDoesNotMatch` and other 4xx.
 */
export class S3Store implements ObjectStore {
  readonly destination = "S3";
  private readonly multipartThreshold: number;
  private readonly partBytes: number;

  constructor(
    private readonly exporterId: string,
    private readonly bucket: string,
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    options: S3UploadOptions = {},
  ) {
    this.partBytes = Math.max(5 * 1024 * 1024, options.partBytes ?? DEFAULT_PART_BYTES);
    this.multipartThreshold = Math.max(
      this.partBytes,
      options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD,
    );
  }

  describe(): string {
    return `s3://${this.bucket}`;
  }

  async put(object: ArchiveObject): Promise<void> {
    try {
      if (object.body.length <= this.multipartThreshold) {
        await this.client.send(
          new this.sdk.PutObjectCommand({
            Bucket: this.bucket,
            Key: object.name,
            Body: object.body,
            ContentLength: object.body.length,
            ContentType: object.contentType,
          }),
        );
      } else {
        await this.multipart(object);
      }
    } catch (err) {
      throw this.error(err, object.name);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async multipart(object: ArchiveObject): Promise<void> {
    const created = await this.client.send(
      new this.sdk.CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: object.name,
        ContentType: object.contentType,
      }),
    );
    const uploadId = created.UploadId;
    if (uploadId === undefined) throw new Error("CreateMultipartUpload returned no UploadId");
    try {
      const count = Math.ceil(object.body.length / this.partBytes);
      const parts: CompletedPart[] = new Array<CompletedPart>(count);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < count) {
          const i = next++;
          const body = object.body.subarray(
            i * this.partBytes,
            Math.min(object.body.length, (i + 1) * this.partBytes),
          );
          const res = await this.client.send(
            new this.sdk.UploadPartCommand({
              Bucket: this.bucket,
              Key: object.name,
              UploadId: uploadId,
              PartNumber: i + 1,
              Body: body,
              ContentLength: body.length,
            }),
          );
          // the part checksums the SDK added (CRC32 by default) go into the completion, as lib-storage does
          parts[i] = {
            PartNumber: i + 1,
            ETag: res.ETag,
            ...(res.ChecksumCRC32 !== undefined ? { ChecksumCRC32: res.ChecksumCRC32 } : {}),
          };
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, count) }, worker));
      await this.client.send(
        new this.sdk.CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: object.name,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (err) {
      await this.client
        .send(
          new this.sdk.AbortMultipartUploadCommand({
            Bucket: this.bucket,
            Key: object.name,
            UploadId: uploadId,
          }),
        )
        .catch(() => undefined);
      throw err;
    }
  }

  private error(err: unknown, key: string): DeliveryError {
    if (err instanceof DeliveryError) return err;
    const info = awsErrorInfo(err);
    const hint =
      info.name === "NoSuchBucket"
        ? ` (bucket ${this.bucket} does not exist; log-shipper never creates buckets)`
        : info.status === 403
          ? ` (writing s3://${this.bucket}/${key} needs s3:PutObject)`
          : "";
    return new DeliveryError(
      {
        exporterId: this.exporterId,
        destination: this.destination,
        status: info.status,
        vendorMessage: `${info.message}${hint}`,
        retryable: info.retryable,
      },
      { cause: err },
    );
  }
}

/** Creates the S3 archive exporter (the AWS SDK is loaded here, on first use). */
export async function createS3Exporter(
  context: ExporterContext<S3ExporterConfig>,
  options: S3UploadOptions = {},
): Promise<Exporter> {
  const config = context.config;
  const id = context.resolved.id;
  const clientConfig = s3ClientConfig(config, context.env, `exporter ${id}`);
  const sdk = await import("@aws-sdk/client-s3");
  const client = new sdk.S3Client(clientConfig);
  const store = new S3Store(id, config.bucket, sdk, client, options);
  return new ArchiveExporter(id, "s3", context.shipperId, config, store);
}
