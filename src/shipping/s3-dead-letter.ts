import { randomBytes } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { lazyS3Client, type AwsClientOptions, type LazyAwsClient } from "../core/aws-client-options";
import { deadLetterLine, type DeadLetter, type Rejected } from "./dead-letter";

/** The folder under which every shipper's rejected records are written. IAM grants `s3:PutObject` on it. */
export const DEAD_LETTER_PREFIX = "dead-letter";

/** Where dead-letter objects go, and how to reach S3. */
export interface S3DeadLetterOptions extends AwsClientOptions {
  readonly bucket: string;
  /** An SDK client to use instead of creating one. */
  readonly client?: S3Client;
}

type Sdk = typeof import("@aws-sdk/client-s3");

/**
 * Rejected records in S3: one JSON-lines object per write, at
 * `dead-letter/<shipper>/<exporter>/<time>-<random>.jsonl`, where `<time>` is the write time in ISO 8601 basic
 * format (`20261125T120000.123Z`: sortable, and no `:` in keys). S3 objects cannot be appended to, so each batch
 * with rejected records becomes its own object; the write completes before the offset that passes them commits.
 */
export class S3DeadLetter implements DeadLetter {
  readonly bucket: string;
  private readonly s3: LazyAwsClient<Sdk, S3Client>;

  constructor(options: S3DeadLetterOptions) {
    this.bucket = options.bucket;
    this.s3 = lazyS3Client(options);
  }

  describe(shipper: string, exporter: string): string {
    return `s3://${this.bucket}/${this.prefixOf(shipper, exporter)}`;
  }

  async write(shipper: string, exporter: string, items: readonly Rejected[]): Promise<void> {
    if (items.length === 0) return;
    const now = new Date();
    const at = now.toISOString();
    const stamp = at.replace(/[-:]/g, "");
    const key = `${this.prefixOf(shipper, exporter)}${stamp}-${randomBytes(6).toString("hex")}.jsonl`;
    const { sdk, client } = await this.s3.get();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: items.map((i) => deadLetterLine(shipper, exporter, i, at)).join(""),
        ContentType: "application/x-ndjson",
      }),
    );
  }

  /** Releases the SDK client. */
  close(): Promise<void> {
    return this.s3.destroy();
  }

  private prefixOf(shipper: string, exporter: string): string {
    return `${DEAD_LETTER_PREFIX}/${shipper}/${exporter}/`;
  }
}
