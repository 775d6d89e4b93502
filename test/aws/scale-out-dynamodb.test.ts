import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadedConfig } from "../../src/config/model";
import { fromEpochMs } from "../../src/core/timestamp";
import type { ApplyContext } from "../../src/reconcile/apply";
import { runApply } from "../../src/reconcile/reconciler";
import { planRun, runSliced, shipSlice, type RunHandle } from "../../src/reconcile/scale-out";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { config, entries, tempDir, writeJsonl } from "../support/fixtures";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const NOW = new Date("2026-11-25T12:00:00.000Z");

function seqs(file: string): number[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => Number((JSON.parse(l) as { message: string }).message.slice(1)))
    .sort((a, b) => a - b);
}

describe("runSliced with the DynamoDB state (moto)", () => {
  let dir: string;
  let cleanup: () => void;
  let state: DynamoDbStateStore;
  let cfg: LoadedConfig;
  beforeAll(async () => {
    state = new DynamoDbStateStore({ ...motoOptions(), table: uniqueName("scaleout") });
    await state.init();
  });
  afterAll(() => state.close());
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    cfg = config(dir, {
      shippers: [
        {
          id: uniqueName("app"),
          source: { type: "file", path: "logs/*.jsonl" },
          batchSize: 50,
          logExporters: [
            { id: "a", type: "file", path: "out/a.jsonl", chunk: 40 },
            { id: "b", type: "file", path: "out/b.jsonl", chunk: 70 },
          ],
        },
      ],
    });
    writeJsonl(
      join(dir, "logs/a.jsonl"),
      entries(600, T0, { tieEvery: 2 }).map((e, i) => ({
        ...e,
        timestamp: new Date(T0 + Math.floor(i / 2) * 12_000).toISOString(),
      })),
    );
  });
  afterEach(() => cleanup());

  const ctx = (over: Partial<ApplyContext> = {}): ApplyContext => ({
    state,
    secrets: new EnvSecretResolver({}),
    deadLetter: new FileDeadLetter(join(dir, "dlq")),
    now: NOW,
    owner: "test",
    backoff: { baseMs: 1, maxMs: 5 },
    ...over,
  });
  const all = Array.from({ length: 600 }, (_, i) => i);

  it("ships every record exactly once, resumes after a crash, and leaves the watermark at to + 1 ns", async () => {
    const shipper = cfg.shippers[0]!;
    const settings = { sliceTarget: 100, minRecordsToSlice: 0 };
    const first = ctx({ owner: "one", leaseTtlMs: 1_000 });
    const planned = await planRun(shipper, first, settings);
    expect(planned.pending.length).toBeGreaterThan(5);
    // two slices shipped out of order, then the planner "dies" (its lease expires)
    for (const s of [planned.pending[3]!, planned.pending[1]!])
      expect((await shipSlice(shipper, planned.handle as RunHandle, s.id, first)).done).toBe(true);
    await new Promise((r) => setTimeout(r, 1_100));
    const run = await runSliced(shipper, ctx({ owner: "two" }), settings, undefined, 3);
    expect(run.status).toBe("ok");
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
    for (const exporter of ["a", "b"]) {
      const offset = await state.get({ shipper: shipper.id, offsetKey: shipper.offsetKey, exporter });
      // the last record, where a serial run leaves the offset (records at 12 s steps, two per timestamp)
      expect(offset?.cursor.ts).toBe(fromEpochMs(T0 + 299 * 12_000));
      expect(offset?.cursor.key).toMatch(/^logs\/a\.jsonl@/);
      expect(offset?.shipped).toBe(600);
    }
    expect(await state.getSlicePlan(shipper.id, shipper.offsetKey)).toBeUndefined();
    expect(await state.listSliceProgress(shipper.id, planned.plan!.runId)).toEqual([]);
    const again = await runApply(cfg, ctx());
    expect(again.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([0, 0]);
  });
});
