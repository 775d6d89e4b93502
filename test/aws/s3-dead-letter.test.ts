import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { openDeadLetter } from "../../src/shipping/open-dead-letter";
import { S3DeadLetter } from "../../src/shipping/s3-dead-letter";
import { motoOptions, uniqueName } from "../support/aws";
import type { LogRecord } from "../../src/core/log-record";

function rejected(raw: string, reason: string): { record: LogRecord; reason: string } {
  return { record: { raw } as unknown as LogRecord, reason };
}

describe("S3DeadLetter (moto)", () => {
  const bucket = uniqueName("dlq");
  let s3: S3Client;

  beforeAll(async () => {
    const { endpoint, region, credentials } = motoOptions();
    s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterAll(() => s3.destroy());

  it("writes one JSON-lines object per write under dead-letter/<shipper>/<exporter>/", async () => {
    const dl = new S3DeadLetter({ ...motoOptions(), bucket });
    expect(dl.describe("billing", "dd")).toBe(`s3://${bucket}/dead-letter/billing/dd/`);
    await dl.write("billing", "dd", [
      rejected('{"message":"a"}', "too old for Datadog"),
      rejected('{"message":"b"}', "entry too large"),
    ]);
    await dl.write("billing", "dd", [rejected('{"message":"c"}', "bad")]);
    await dl.write("billing", "dd", []);
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: "dead-letter/billing/dd/" }),
    );
    const keys = (listed.Contents ?? []).map((o) => o.Key as string).sort();
    expect(keys).toHaveLength(2);
    for (const key of keys)
      expect(key).toMatch(/^dead-letter\/billing\/dd\/\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{12}\.jsonl$/);
    const bodies = await Promise.all(
      keys.map(async (Key) =>
        (await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body?.transformToString(),
      ),
    );
    const lines = bodies
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.shipper, l.exporter, l.reason, l.entry])).toEqual(
      expect.arrayContaining([
        ["billing", "dd", "too old for Datadog", { message: "a" }],
        ["billing", "dd", "entry too large", { message: "b" }],
        ["billing", "dd", "bad", { message: "c" }],
      ]),
    );
    await dl.close();
  });

  it("is what --dead-letter s3://BUCKET opens", async () => {
    const dl = await openDeadLetter(`s3://${bucket}`, {});
    expect(dl).toBeInstanceOf(S3DeadLetter);
    await expect(openDeadLetter("s3://Bad_Bucket/x", {})).rejects.toThrow(/expected s3:\/\/BUCKET/);
  });
});
