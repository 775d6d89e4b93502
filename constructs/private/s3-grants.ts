import type { S3Exporter, Shipper } from "../../generated/config";
import { canonicalExporterType } from "../../src/config/exporter-types";
import { DEFAULT_LOG_FILE_PREFIX } from "../../src/exporters/log-file-format";
import type { PolicyStatement } from "./policy";

/**
 * The S3 grants of a shipper's archive parts, each to its own bucket and prefix only: an `s3` exporter writes
 * `<logFilePrefix>…` objects (`PutObject`, which also covers the multipart calls, and `AbortMultipartUpload` for an
 * upload it gives up), an `s3` source lists the prefix and reads its objects. Nothing when the shipper has neither.
 */
export function s3Statements(config: Shipper, partition: string): PolicyStatement[] {
  const bucketArn = (bucket: string): string => `arn:${partition}:s3:::${bucket}`;
  const writes: string[] = [];
  for (const exporter of config.logExporters) {
    if (canonicalExporterType(exporter.type) !== "s3") continue;
    const s3 = exporter as S3Exporter;
    writes.push(`${bucketArn(s3.bucket)}/${s3.logFilePrefix ?? DEFAULT_LOG_FILE_PREFIX}*`);
  }
  const statements: PolicyStatement[] = [];
  if (writes.length > 0) {
    statements.push({
      Sid: "S3Exporters",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
      Resource: [...new Set(writes)],
    });
  }
  if (config.source.type === "s3") {
    const { bucket, prefix = "" } = config.source;
    statements.push(
      {
        Sid: "S3SourceList",
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: [bucketArn(bucket)],
        Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } },
      },
      {
        Sid: "S3SourceRead",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: [`${bucketArn(bucket)}/${prefix}*`],
      },
    );
  }
  return statements;
}
