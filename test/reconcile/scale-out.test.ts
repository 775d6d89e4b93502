import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadedConfig } from "../../src/config/model";
import { cursorAt } from "../../src/core/cursor";
import { fromEpochMs, justAfter } from "../../src/core/timestamp";
import { type ApplyContext } from "../../src/reconcile/apply";
import { runApply } from "../../src/reconcile/reconciler";
import { runSliced, shipSlice } from "../../src/reconcile/scale-out";
import { EnvSecretResolver } from "../../src/secrets/env-secret-resolver";
import { FileDeadLetter } from "../../src/shipping/dead-letter";
import { FileStateStore } from "../../src/state/file-state-store";
import { config, entries, tempDir, writeJsonl } from "../support/fixtures";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const NOW = new Date("2026-11-25T12:00:00.000Z");

function lines(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function seqs(file: string): number[] {
  return lines(file)
    .map((l) => Number((l as { seq?: number }).seq ?? /m(\d+)/.exec(String(l.message))?.[1]))
    .sort((a, b) => a - b);
}

describe("runSliced on a file source with two file exporters", () => {
  let dir: string;
  let cleanup: () => void;
  let state: FileStateStore;
  let cfg: LoadedConfig;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    state = new FileStateStore(join(dir, "state"));
    cfg = config(dir, {
      shippers: [
        {
          id: "app",
          source: { type: "file", path: "logs/*.jsonl" },
          batchSize: 50,
          lookbackPeriod: "P1D",
          logExporters: [
            { id: "a", type: "file", path: "out/a.jsonl", chunk: 40 },
            { id: "b", type: "file", path: "out/b.jsonl", chunk: 70 },
          ],
        },
      ],
    });
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

  it("ships every record exactly once and leaves the watermark where a serial run resumes", async () => {
    // 1200 records over ~60 minutes, ties every 3rd
    writeJsonl(
      join(dir, "logs/a.jsonl"),
      entries(1200, T0, { tieEvery: 3 }).map((e, i) => ({
        ...e,
        timestamp: new Date(T0 + Math.floor(i / 3) * 9000).toISOString(),
      })),
    );
    const shipper = cfg.shippers[0]!;
    const ran: string[] = [];
    const run = await runSliced(
      shipper,
      ctx(),
      { sliceTarget: 100, minRecordsToSlice: 0 },
      (id, handle) => {
        ran.push(id);
        return shipSlice(shipper, handle, id, ctx());
      },
      3,
    );
    expect(ran.length).toBe(12);
    expect(run.status).toBe("ok");
    const all = Array.from({ length: 1200 }, (_, i) => i);
    expect(seqs(join(dir, "out/a.jsonl"))).toEqual(all);
    expect(seqs(join(dir, "out/b.jsonl"))).toEqual(all);
    expect(run.exporters.map((e) => e.outcome?.shipped)).toEqual([1200, 1200]);
    const to = fromEpochMs(NOW.getTime());
    for (const id of ["a", "b"]) {
      const offset = await state.get({ shipper: "app", offsetKey: shipper.offsetKey, exporter: id });
      expect(offset?.cursor).toEqual(cursorAt(justAfter(to)));
      expect(offset?.shipped).toBe(1200);
    }
    expect(await state.getSlicePlan("app", shipper.offsetKey)).toBeUndefined();
    // a serial run afterwards ships nothing
    const again = await runApply(cfg, ctx());
    expect(again.report.shippers[0]?.exporters.map((e) => e.shipped)).toEqual([0, 0]);
  });
});
