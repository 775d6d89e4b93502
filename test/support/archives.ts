import { gunzipSync } from "node:zlib";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { LogExporter } from "../../generated/config";
import type { LogRecord } from "../../src/core/log-record";
import type { ExporterContext } from "../../src/exporters/registry";
import { record } from "./exporter-harness";
import { entries } from "./fixtures";
import { motoOptions } from "./aws";
import type { LogEntry } from "../../src/core/log-record";

/** The context an archive exporter's factory gets, for exporter `id` of shipper `s`. */
export function archiveContext<C extends LogExporter>(config: C, id = "arc"): ExporterContext<C> {
  return {
    resolved: { id, chunk: 1000, type: config.type },
    config,
    baseDir: ".",
    shipperId: "s",
    env: {},
    warn: () => undefined,
  } as unknown as ExporterContext<C>;
}

/** `n` records as a file source makes them (keys `logs/a.jsonl@<n>`), one millisecond apart, each with `seq`. */
export function numberedRecords(n: number, startMs = Date.UTC(2026, 10, 24, 10), from = 0): LogRecord[] {
  return entries(n + from, startMs)
    .slice(from)
    .map((e) => record(e as unknown as LogEntry, `logs/a.jsonl@${String(e.seq).padStart(15, "0")}`));
}

/** An S3 client on the global setup's moto_server. */
export function motoS3(): S3Client {
  const { endpoint, region, credentials } = motoOptions();
  return new S3Client({ endpoint, region, credentials, forcePathStyle: true });
}

/** Creates a bucket on moto. */
export async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Every object under `prefix`: key and body (gunzipped when it is gzip). */
export async function objects(
  s3: S3Client,
  bucket: string,
  prefix = "",
): Promise<Array<{ key: string; text: string }>> {
  const out: Array<{ key: string; text: string }> = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key }));
      const bytes = Buffer.from(
        await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
      const text =
        bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
      out.push({ key: o.Key as string, text });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return out;
}

/** The `seq` of every JSON line of some objects, in order. */
export function seqsOf(objs: ReadonlyArray<{ text: string }>): number[] {
  return objs.flatMap((o) =>
    o.text
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { seq: number }).seq),
  );
}

/** Object names the archive writer makes: `<prefix>-<localDateTime>-<16 hex>.<ext>`. */
export const ARCHIVE_NAME =
  /^kestra-log-file-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-[0-9a-f]{16}\.(json|ion)(\.gz)?$/;
