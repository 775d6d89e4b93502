import { gzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { S3Source as S3SourceConfig } from "../../generated/config";
import { cursorAt, type Cursor } from "../../src/core/cursor";
import type { LogRecord } from "../../src/core/log-record";
import { levelRank } from "../../src/core/levels";
import { S3ArchiveSource, createS3Source } from "../../src/sources/s3-source";
import type { InvalidLine, ReadRange } from "../../src/sources/source";
import { motoOptions, uniqueName } from "../support/aws";
import { createBucket, motoS3 } from "../support/archives";
import { entry } from "../support/fixtures";

const FAR = "2099-01-01T00:00:00.000000000Z";

function range(after: Cursor = cursorAt("1970-01-01T00:00:00.000000000Z"), to = FAR): ReadRange {
  return { after, to, filter: { minLevelRank: levelRank("TRACE") } };
}

async function source(bucket: string, over: Partial<S3SourceConfig> = {}): Promise<S3ArchiveSource> {
  const { endpoint } = motoOptions();
  return createS3Source(
    {
      type: "s3",
      bucket,
      region: "us-east-1",
      endpointOverride: endpoint,
      accessKeyId: "t",
      secretKeyId: "t",
      ...over,
    },
    { baseDir: ".", env: {} },
    { backoff: { baseMs: 1, maxMs: 2 }, maxAttempts: 2 },
  );
}

async function readAll(
  src: S3ArchiveSource,
  r: ReadRange = range(),
  batchSize = 1000,
): Promise<{ records: LogRecord[]; invalid: number; lines: InvalidLine[] }> {
  const records: LogRecord[] = [];
  const lines: InvalidLine[] = [];
  let invalid = 0;
  for await (const b of src.read(r, { batchSize, onInvalid: (l) => lines.push(l) })) {
    records.push(...b.records);
    invalid += b.invalid;
  }
  return { records, invalid, lines };
}

const ms = (i: number): string => new Date(Date.UTC(2026, 10, 24, 10) + i * 1000).toISOString();
const kestraLine = (i: number, over: Record<string, unknown> = {}): string =>
  JSON.stringify(entry(ms(i), { seq: i, message: `m${i}`, ...over }));

/** Every read resumed after each record of a full read gives exactly the records after it. */
async function expectResumable(src: S3ArchiveSource, all: LogRecord[]): Promise<void> {
  for (let k = 0; k < all.length; k++) {
    const at = all[k] as LogRecord;
    const rest = await readAll(src, range({ ts: at.pos, key: at.key }), 3);
    expect([k, rest.records.map((r) => r.key)]).toEqual([k, all.slice(k + 1).map((r) => r.key)]);
  }
}

describe("s3 archive source (moto)", () => {
  let s3: S3Client;
  beforeAll(() => {
    s3 = motoS3();
  });
  afterAll(() => s3.destroy());

  const put = (Bucket: string, Key: string, Body: string | Buffer): Promise<unknown> =>
    s3.send(new PutObjectCommand({ Bucket, Key, Body }));

  it("reads JSON-lines objects (plain and gzip) in key order, each sorted by time, in ascending positions", async () => {
    const bucket = uniqueName("src");
    await createBucket(s3, bucket);
    await put(bucket, "logs/a.json", [kestraLine(3), kestraLine(1), kestraLine(2)].join("\n") + "\n");
    await put(bucket, "logs/b.json.gz", gzipSync([kestraLine(5), kestraLine(4)].join("\n")));
    await put(bucket, "other/c.json", kestraLine(9) + "\n");
    const src = await source(bucket, { prefix: "logs/" });
    const { records, invalid } = await readAll(src);
    expect(invalid).toBe(0);
    expect(records.map((r) => r.entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records.map((r) => r.raw)).toEqual([1, 2, 3, 4, 5].map((i) => kestraLine(i)));
    for (let i = 1; i < records.length; i++) {
      const [a, b] = [records[i - 1] as LogRecord, records[i] as LogRecord];
      expect(a.pos < b.pos || (a.pos === b.pos && a.key < b.key)).toBe(true);
    }
    await expectResumable(src, records);
    expect(await src.check("s")).toEqual([]);
    await src.close();
  });

  it("reads CloudWatch Logs export objects: `<timestamp> <message>` lines, unsorted, at positions never below the objects before", async () => {
    const bucket = uniqueName("src");
    await createBucket(s3, bucket);
    const task = "exportedlogs/0b1e8c47-task";
    await put(bucket, `${task}/aws-logs-write-test`, "Permission Check Successful");
    // stream A ends later than stream B starts: B's early lines keep the position of A's last line
    await put(
      bucket,
      `${task}/stream-a/000000.gz`,
      gzipSync(
        [`${ms(20)} ${kestraLine(20)}`, `${ms(10)} plain ERROR text`, `${ms(15)} ${kestraLine(15)}`].join(
          "\n",
        ) + "\n",
      ),
    );
    await put(
      bucket,
      `${task}/stream-b/000000.gz`,
      gzipSync([`${ms(30)} late`, `${ms(5)} early`].join("\n") + "\n"),
    );
    const src = await source(bucket, { prefix: "exportedlogs/" });
    const { records, invalid } = await readAll(src);
    expect(invalid).toBe(0);
    expect(records.map((r) => r.entry.message)).toEqual(["plain ERROR text", "m15", "m20", "early", "late"]);
    const plain = records[0] as LogRecord;
    expect(plain.level).toBe("ERROR");
    expect(plain.entry).toMatchObject({
      namespace: "exportedlogs",
      flowId: "stream-a",
      logStream: "stream-a",
    });
    expect(records[1]?.entry).toMatchObject({ namespace: "company.team", seq: 15 });
    // `early` (05 s) is read after stream A, so it keeps A's last position (20 s); its own timestamp is kept
    expect(records[3]?.pos).toBe(records[2]?.pos);
    expect(records[3]?.ts < (records[3]?.pos ?? "")).toBe(true);
    await expectResumable(src, records);
    await src.close();
  });

  it("reads an object larger than maxObjectBytes as a stream in its own order, resumably", async () => {
    const bucket = uniqueName("src");
    await createBucket(s3, bucket);
    const lines = [4, 1, 6, 2, 8, 3].map((i) => kestraLine(i, { message: "y".repeat(300) }));
    await put(bucket, "big.json", lines.join("\n") + "\n");
    const { endpoint } = motoOptions();
    const { S3Client: Client } = await import("@aws-sdk/client-s3");
    const sdk = await import("@aws-sdk/client-s3");
    const src = new S3ArchiveSource(
      { type: "s3", bucket, region: "us-east-1", maxObjectBytes: 1000 },
      sdk,
      new Client({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "t", secretAccessKey: "t" },
        forcePathStyle: true,
      }),
    );
    const { records } = await readAll(src);
    // file order, each at the highest timestamp so far
    expect(records.map((r) => r.entry.seq)).toEqual([4, 1, 6, 2, 8, 3]);
    expect(records.map((r) => r.pos.slice(17, 19))).toEqual(["04", "04", "06", "06", "08", "08"]);
    await expectResumable(src, records);
    await src.close();
  });

  it("counts invalid lines and Ion objects, filters by level and namespace, and stops at the range's end", async () => {
    const bucket = uniqueName("src");
    await createBucket(s3, bucket);
    await put(
      bucket,
      "a.json",
      [
        kestraLine(1),
        "not json",
        kestraLine(2, { level: "DEBUG" }),
        kestraLine(3, { namespace: "other" }),
      ].join("\n"),
    );
    await put(bucket, "b.ion", "{a:1}");
    await put(bucket, "c.json", [kestraLine(50), kestraLine(4)].join("\n"));
    const src = await source(bucket);
    const r: ReadRange = {
      after: cursorAt(ms(0).replace("Z", "000000Z")),
      to: FAR,
      filter: { minLevelRank: levelRank("INFO"), namespace: "company" },
    };
    const all = await readAll(src, r);
    expect(all.records.map((x) => x.entry.seq)).toEqual([1, 4, 50]);
    expect(all.invalid).toBe(2);
    expect(all.lines.map((l) => l.location)).toEqual([
      `s3://${bucket}/a.json@${kestraLine(1).length + 1}`,
      `s3://${bucket}/b.ion@0`,
    ]);
    // the range ends at 10 s: c.json's line at 50 s ends the read
    const upTo = await readAll(src, { ...r, to: ms(10).replace("Z", "000000Z") });
    expect(upTo.records.map((x) => x.entry.seq)).toEqual([1, 4]);
    await src.close();
  });

  it("reports a missing bucket or an empty prefix as drift, and a missing bucket fails the read", async () => {
    const src = await source(uniqueName("nobucket"));
    expect((await src.check("s"))[0]).toMatchObject({
      kind: "source-error",
      message: expect.stringMatching(/NoSuchBucket/),
    });
    await expect(readAll(src)).rejects.toThrow(/NoSuchBucket/);
    const bucket = uniqueName("src");
    await createBucket(s3, bucket);
    const empty = await source(bucket, { prefix: "nothing/" });
    expect((await empty.check("s"))[0]).toMatchObject({ kind: "source-missing" });
    await src.close();
    await empty.close();
  });
});
