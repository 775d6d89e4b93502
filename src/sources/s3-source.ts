import type { S3Client } from "@aws-sdk/client-s3";
import type { S3Source as S3SourceConfig } from "../../generated/config";
import type { Drift } from "../../generated/report";
import { describeError } from "../core/errors";
import type { LogRecord } from "../core/log-record";
import { redact } from "../secrets/redaction";
import { renderSecretsIfAny } from "../secrets/render-secrets";
import { s3ClientConfig } from "../shipping/aws-client";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "../shipping/backoff";
import { ObjectRead, parseArchiveKey, type ObjectStoreReader } from "./archive-object";
import { awsCall, type AwsCallPolicy } from "./aws-call";
import { SourceError } from "./errors";
import { DEFAULT_MAX_LINE_BYTES } from "./file-source";
import type { SourceContext } from "./registry";
import type { ReadOptions, ReadRange, Source, SourceBatch } from "./source";

export { archiveKey } from "./archive-object";

type Sdk = typeof import("@aws-sdk/client-s3");
type ListPage = import("@aws-sdk/client-s3").ListObjectsV2CommandOutput;

/** Largest object (decompressed) sorted in memory: the memory bound of a read, besides one batch. */
export const DEFAULT_MAX_OBJECT_BYTES = 32 * 1024 * 1024;
/** The object CloudWatch Logs' CreateExportTask writes to check its permission ("Permission Check Successful"). */
const WRITE_TEST = "aws-logs-write-test";
/** Options that the config does not carry (tests tune them). */
export interface S3SourceOptions {
  readonly backoff?: BackoffPolicy;
  readonly maxAttempts?: number;
}

/**
 * Log archives in S3: JSON-lines objects (plain or gzip, told by their first bytes) under a bucket and prefix, in
 * Kestra's log model as the s3/gcs/azure-blob exporters write them, or CloudWatch Logs export lines
 * (`<timestamp> <message>`, mapped like the cloudwatch source's events, with the object's folder as the log
 * stream).
 *
 * Objects are read one at a time, in key order (S3's listing order). An object is not assumed to be in time order
 * (CloudWatch's exports are not): each is sorted by timestamp in memory, so at most one object of up to
 * `maxObjectBytes` (default 32 MiB, decompressed) is held at once, besides the batch being shipped. A larger object
 * is read as a stream in its own order instead, each line at the position of the latest timestamp before it.
 *
 * Position: a record's timestamp, but never lower than the highest position of the objects before its own (so
 * that a read is in ascending order across objects whatever their time ranges), and the key
 * {@link archiveKey}. A resumed read starts at the cursor's object and goes on with the objects listed after it.
 * The source is meant for archives that are complete: an object that lands later with a key before the cursor's
 * object is not read.
 */
export class S3ArchiveSource implements Source, ObjectStoreReader {
  private readonly policy: AwsCallPolicy;
  private readonly prefix: string;
  readonly maxObjectBytes: number;
  readonly maxLineBytes: number;

  constructor(
    private readonly config: S3SourceConfig,
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    options: S3SourceOptions = {},
  ) {
    this.prefix = config.prefix ?? "";
    this.maxObjectBytes = config.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.maxLineBytes = config.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.policy = {
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      maxAttempts: Math.max(1, options.maxAttempts ?? 8),
      notFound: new Set(["NoSuchKey", "NoSuchBucket", "NotFound"]),
      permission: (what) => (what.startsWith("ListObjectsV2") ? "s3:ListBucket" : "s3:GetObject"),
    };
  }

  describe(): string {
    return `s3 s3://${this.config.bucket}/${this.prefix}`;
  }

  async check(shipper: string): Promise<Drift[]> {
    try {
      const page = await this.list({ MaxKeys: 1 });
      if ((page.Contents ?? []).length > 0) return [];
      return [
        {
          kind: "source-missing",
          shipper,
          message: `${shipper}: no object under ${this.describe().slice(3)}`,
        },
      ];
    } catch (err) {
      return [{ kind: "source-error", shipper, message: `${shipper}: ${redact(describeError(err))}` }];
    }
  }

  /** Counting would read the whole archive: plan shows the pending work as unknown. */
  async count(ranges: readonly ReadRange[]): Promise<Array<number | null>> {
    return ranges.map((r) => (r.after.ts >= r.to ? 0 : null));
  }

  async *read(range: ReadRange, options: ReadOptions): AsyncGenerator<SourceBatch> {
    const cursor = parseArchiveKey(range.after.key);
    const state = { base: cursor?.base ?? "", invalid: 0, ended: false };
    let batch: LogRecord[] = [];
    for await (const key of this.objectKeys(cursor?.object)) {
      if (options.signal?.aborted) return;
      const reader = new ObjectRead(this, key, state.base, range, options, () => state.invalid++);
      for await (const record of reader.records()) {
        batch.push(record);
        if (batch.length >= options.batchSize) {
          yield { records: batch, invalid: state.invalid };
          batch = [];
          state.invalid = 0;
        }
      }
      state.base = reader.end;
      if (reader.pastEnd) break;
    }
    if (batch.length > 0 || state.invalid > 0) yield { records: batch, invalid: state.invalid };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /** The object's body as a stream, or `undefined` when it no longer exists. */
  async body(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    try {
      const res = await this.call(
        () => this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key })),
        `GetObject ${key}`,
      );
      return res.Body as AsyncIterable<Uint8Array> | undefined;
    } catch (err) {
      if (err instanceof SourceError && err.kind === "not-found" && !/NoSuchBucket/.test(err.message))
        return undefined;
      throw err;
    }
  }

  /** `s3://bucket`, where invalid lines are. */
  get location(): string {
    return `s3://${this.config.bucket}`;
  }

  /** The keys to read: the cursor's object first (when there is one), then every key listed after it. */
  private async *objectKeys(from: string | undefined): AsyncGenerator<string> {
    let previous: string | undefined;
    if (from !== undefined && from.startsWith(this.prefix)) {
      yield from;
      previous = from;
    }
    let token: string | undefined;
    do {
      const page = await this.list(
        token !== undefined ? { ContinuationToken: token } : from !== undefined ? { StartAfter: from } : {},
      );
      for (const o of page.Contents ?? []) {
        const key = o.Key;
        if (key === undefined || key === WRITE_TEST || key.endsWith(`/${WRITE_TEST}`)) continue;
        if (previous !== undefined && !(key > previous)) {
          throw new SourceError(
            "invalid-response",
            `${this.describe()}: object ${JSON.stringify(key)} is listed after ${JSON.stringify(previous)}, which sorts after it here; object keys with characters beyond U+FFFF cannot be ordered (rename them or narrow the prefix)`,
          );
        }
        previous = key;
        yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  /** One page of the keys under the prefix. */
  private list(page: {
    MaxKeys?: number;
    ContinuationToken?: string;
    StartAfter?: string;
  }): Promise<ListPage> {
    return this.call(
      () =>
        this.client.send(
          new this.sdk.ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.prefix, ...page }),
        ),
      "ListObjectsV2",
    );
  }

  private call<T>(fn: () => Promise<T>, what: string): Promise<T> {
    return awsCall(fn, this.describe(), what, this.policy);
  }
}

/** Creates the S3 archive source (the AWS SDK is loaded here, on first use). */
export async function createS3Source(
  config: S3SourceConfig,
  context: SourceContext,
  options: S3SourceOptions = {},
): Promise<S3ArchiveSource> {
  const resolved = await renderSecretsIfAny(config, context.secrets, "the s3 source's config");
  const clientConfig = s3ClientConfig(resolved, context.env, "the s3 source");
  const sdk = await import("@aws-sdk/client-s3");
  return new S3ArchiveSource(resolved, sdk, new sdk.S3Client(clientConfig), options);
}
