import type { S3Client } from "@aws-sdk/client-s3";
import { lazyS3Client, type AwsClientOptions, type LazyAwsClient } from "../core/aws-client-options";

/** Where the `plan` mode puts a run's slice list for the Distributed Map's `ItemReader`. */
export interface PlanWriter {
  /** Writes `items` as one JSON array at `bucket`/`key`. */
  write(bucket: string, key: string, items: readonly unknown[]): Promise<void>;
}

/** Options of {@link S3PlanWriter}. */
export interface S3PlanWriterOptions extends AwsClientOptions {
  /** An SDK client to use instead of creating one. */
  readonly client?: S3Client;
}

type Sdk = typeof import("@aws-sdk/client-s3");

/** Slice lists in S3 (`s3:PutObject` on the shipper's plan prefix is all it needs). */
export class S3PlanWriter implements PlanWriter {
  private readonly s3: LazyAwsClient<Sdk, S3Client>;

  constructor(options: S3PlanWriterOptions = {}) {
    this.s3 = lazyS3Client(options);
  }

  async write(bucket: string, key: string, items: readonly unknown[]): Promise<void> {
    const { sdk, client } = await this.s3.get();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: JSON.stringify(items),
        ContentType: "application/json",
      }),
    );
  }

  /** Releases the SDK client. */
  close(): Promise<void> {
    return this.s3.destroy();
  }
}
