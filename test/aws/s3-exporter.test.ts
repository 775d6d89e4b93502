import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { S3Exporter as S3Config } from "../../generated/config";
import { DeliveryError } from "../../src/exporters/errors";
import { createS3Exporter } from "../../src/exporters/s3";
import { motoOptions, uniqueName } from "../support/aws";
import {
  ARCHIVE_NAME,
  archiveContext,
  createBucket,
  motoS3,
  numberedRecords,
  objects,
  seqsOf,
} from "../support/archives";
import { sendAlone, ship, tempDir } from "../support/exporter-harness";

function s3Config(bucket: string, over: Partial<S3Config> = {}): S3Config {
  const { endpoint } = motoOptions();
  return {
    id: "arc",
    type: "io.kestra.plugin.ee.aws.s3.LogExporter",
    bucket,
    region: "us-east-1",
    endpointOverride: endpoint,
    accessKeyId: "test",
    secretKeyId: "test",
    ...over,
  };
}

describe("S3 archive exporter (moto)", () => {
  let s3: S3Client;
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeAll(() => {
    s3 = motoS3();
  });
  afterAll(() => s3.destroy());
  beforeEach(async () => {
    work = await tempDir();
  });
  afterEach(() => work.cleanup());

  it("writes one JSON-lines object per maxLinesPerFile records, named as Kestra names files, and commits the offset", async () => {
    const bucket = uniqueName("arch");
    await createBucket(s3, bucket);
    const records = numberedRecords(250);
    const exporter = await createS3Exporter(archiveContext(s3Config(bucket, { maxLinesPerFile: 100 })));
    const { outcome, state, ref } = await ship(exporter, records, work.dir);
    expect(outcome.status).toBe("ok");
    expect(outcome.shipped).toBe(250);
    const objs = await objects(s3, bucket);
    expect(objs.map((o) => o.key).every((k) => ARCHIVE_NAME.test(k))).toBe(true);
    // names start with the first record's time, so the listing is in time order
    expect(objs.map((o) => o.key.slice(16, 39))).toEqual([
      "2026-11-24T10:00:00.000",
      "2026-11-24T10:00:00.100",
      "2026-11-24T10:00:00.200",
    ]);
    expect(objs.map((o) => o.text.split("\n").length - 1)).toEqual([100, 100, 50]);
    // each line is the record exactly as read
    expect(objs.map((o) => o.text).join("")).toBe(records.map((r) => `${r.raw}\n`).join(""));
    expect((await state.get(ref))?.cursor).toEqual({ ts: records[249]?.pos, key: records[249]?.key });
  });

  it("re-sending after a crash overwrites the objects instead of duplicating records", async () => {
    const bucket = uniqueName("arch");
    await createBucket(s3, bucket);
    const config = s3Config(bucket, { maxLinesPerFile: 100 });
    // first run: 150 records uploaded (two objects), then the offset is lost (a crash before the commit)
    await ship(await createS3Exporter(archiveContext(config)), numberedRecords(150), work.dir);
    const before = (await objects(s3, bucket)).map((o) => o.key);
    // second run from the same offset, with more records by now
    const second = await tempDir();
    try {
      await ship(await createS3Exporter(archiveContext(config)), numberedRecords(250), second.dir);
    } finally {
      await second.cleanup();
    }
    const objs = await objects(s3, bucket);
    expect(objs).toHaveLength(3);
    expect(objs.map((o) => o.key).slice(0, 2)).toEqual(before);
    expect(seqsOf(objs)).toEqual([...Array(250).keys()]);
  });

  it("gzips Ion text as .ion.gz when asked", async () => {
    const bucket = uniqueName("arch");
    await createBucket(s3, bucket);
    const exporter = await createS3Exporter(archiveContext(s3Config(bucket, { format: "ION", gzip: true })));
    await ship(exporter, numberedRecords(3), work.dir);
    const objs = await objects(s3, bucket);
    expect(objs.map((o) => o.key)).toEqual([expect.stringMatching(/\.ion\.gz$/)]);
    const lines = objs[0]?.text.trim().split("\n") ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\{tenantId:"main",namespace:"company\.team",.*timestamp:2026-11-24T10:00:00\.000Z,/,
    );
  });

  it("uploads a large object in parts (multipart) and acknowledges it once S3 completed it", async () => {
    const bucket = uniqueName("arch");
    await createBucket(s3, bucket);
    const MiB = 1024 * 1024;
    const exporter = await createS3Exporter(
      archiveContext(s3Config(bucket, { maxLinesPerFile: 100_000, maxBytesPerFile: 64 * MiB })),
      { multipartThreshold: 5 * MiB, partBytes: 5 * MiB },
    );
    // ~12 MiB: three parts of 5, 5 and ~2 MiB
    const big = "x".repeat(1000);
    const records = numberedRecords(12_000).map((r) => ({
      ...r,
      raw: r.raw?.replace('"message":"', `"message":"${big}`),
    }));
    const { outcome } = await ship(exporter, records, work.dir);
    expect(outcome.status).toBe("ok");
    const objs = await objects(s3, bucket);
    expect(objs).toHaveLength(1);
    expect(Buffer.byteLength(objs[0]?.text ?? "")).toBeGreaterThan(11 * MiB);
    expect(seqsOf(objs)).toEqual([...Array(12_000).keys()]);
    // a multipart object's ETag is the hash of its parts' hashes, followed by the number of parts
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: objs[0]?.key }));
    expect(head.ETag).toMatch(/-3"$/);
  });

  it("a missing bucket fails the exporter, not retryable, and says so", async () => {
    const exporter = await createS3Exporter(archiveContext(s3Config(uniqueName("missing"))));
    const err = await sendAlone(exporter, numberedRecords(1)[0] as never);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).status).toBe(404);
    expect((err as DeliveryError).message).toMatch(
      /NoSuchBucket.*does not exist; log-shipper never creates buckets/,
    );
  });
});
