import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { motoOptions, uniqueName } from "../support/aws";
import { createBucket, motoS3, objects, seqsOf } from "../support/archives";
import { applyIn } from "../support/exporter-harness";
import { config, entries, tempDir, writeJsonl } from "../support/fixtures";

// Ship with an archive exporter to S3 (moto), then read the archive back with the s3 source into a second
// destination (the file exporter): every record arrives once, across several runs and a re-send.

describe("archive round trip (moto)", () => {
  let s3: S3Client;
  beforeAll(() => {
    s3 = motoS3();
  });
  afterAll(() => s3.destroy());

  it("file → s3 exporter → s3 source → file exporter delivers every record once", async () => {
    const { dir, cleanup } = tempDir("logshipper-roundtrip-");
    try {
      const bucket = uniqueName("roundtrip");
      await createBucket(s3, bucket);
      const { endpoint } = motoOptions();
      const aws = { region: "us-east-1", endpointOverride: endpoint, accessKeyId: "t", secretKeyId: "t" };
      const N = 2_500;
      // ties every third record, recent enough for the default lookback
      const all = entries(N, Date.now() - 3_600_000, { tieEvery: 3 });
      writeJsonl(join(dir, "logs/a.jsonl"), all.slice(0, 1_700));
      const ship = config(dir, {
        shippers: [
          {
            id: "to-archive",
            source: { type: "file", path: "logs/*.jsonl" },
            logLevelFilter: "TRACE",
            logExporters: [
              {
                id: "arc",
                type: "io.kestra.plugin.ee.aws.s3.LogExporter",
                bucket,
                ...aws,
                maxLinesPerFile: 400,
                gzip: true,
              },
            ],
          },
        ],
      });
      const back = config(dir, {
        shippers: [
          {
            id: "from-archive",
            source: { type: "s3", bucket, prefix: "kestra-log-file", ...aws },
            logLevelFilter: "TRACE",
            batchSize: 300,
            logExporters: [{ id: "out", type: "file", path: "out/all.jsonl", chunk: 250 }],
          },
        ],
      });
      const first = await applyIn(dir, ship);
      expect(first.report.shippers[0]?.exporters[0]).toMatchObject({ shipped: 1_700, rejected: 0 });
      const read1 = await applyIn(join(dir, "r"), back);
      expect(read1.report.shippers[0]?.exporters[0]).toMatchObject({ shipped: 1_700 });
      // more logs arrive; the archive grows; the reader goes on from its offset
      writeJsonl(join(dir, "logs/a.jsonl"), all);
      await applyIn(dir, ship, { state: first.state });
      const read2 = await applyIn(join(dir, "r"), back, { state: read1.state });
      expect(read2.report.shippers[0]?.exporters[0]).toMatchObject({ shipped: N - 1_700 });
      const archived = await objects(s3, bucket);
      expect(archived.length).toBe(Math.ceil(1_700 / 400) + Math.ceil((N - 1_700) / 400));
      expect(seqsOf(archived)).toEqual([...Array(N).keys()]);
      const out = readFileSync(join(dir, "out/all.jsonl"), "utf8").trim().split("\n");
      expect(out.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([...Array(N).keys()]);
      // the lines come back byte for byte as the file source read them
      expect(out).toEqual(all.map((e) => JSON.stringify(e)));
      // a third pass finds nothing new
      const read3 = await applyIn(join(dir, "r"), back, { state: read1.state });
      expect(read3.report.shippers[0]?.exporters[0]).toMatchObject({ shipped: 0 });
    } finally {
      cleanup();
    }
  });
});
