import { cursorAt } from "../../src/core/cursor";
import type { LogEntry } from "../../src/core/log-record";
import { fromEpochMs, justAfter } from "../../src/core/timestamp";
import { draftSlices } from "../../src/reconcile/slice-planning";
import { numberSlices } from "../../src/reconcile/slices";
import { KestraApiSource } from "../../src/sources/kestra-source";
import type { ReadRange } from "../../src/sources/source";
import { useNockContract } from "../support/exporter-harness";
import { entryAt, FakeKestra } from "./fake-kestra";

const BASE = "http://kestra.test:8080";
const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-24T12:00:00.000Z");

useNockContract();

describe("planning slices of a Kestra backlog from its search totals", () => {
  it("splits by counts into slices of at most sliceTarget records, with one request per counted bound", async () => {
    const fake = new FakeKestra(BASE);
    fake.install();
    // a day of range; 24 000 logs, most of them in one busy hour
    const logs: LogEntry[] = [];
    for (let i = 0; i < 24_000; i++) {
      const ms = i < 20_000 ? T0 + 15 * HOUR + Math.floor(i * 0.18) : T0 + (i - 20_000) * 21_600;
      logs.push(entryAt(new Date(ms).toISOString(), i));
    }
    fake.logs = logs;
    const source = new KestraApiSource(BASE, "main", "Bearer tok", 100, { backoff: { baseMs: 1, maxMs: 5 } });
    const range: ReadRange = {
      after: cursorAt(fromEpochMs(T0)),
      to: fromEpochMs(T0 + 24 * HOUR),
      filter: { minLevelRank: 0 },
    };
    const settings = {
      sliceTarget: 2_000,
      maxSlices: 100,
      maxConcurrency: 8,
      minRecordsToSlice: 0,
      sliceSpanMs: HOUR,
    };
    const drafts = (await draftSlices(source, range, settings, true))!;
    const slices = numberSlices(drafts, range.after.ts, range.to);
    const inSlice = slices.map(
      (s) =>
        logs.filter(
          (l) =>
            fromEpochMs(Date.parse(l.timestamp)) >= s.from && fromEpochMs(Date.parse(l.timestamp)) < s.until,
        ).length,
    );
    expect(inSlice.reduce((a, b) => a + b, 0)).toBe(24_000);
    expect(Math.max(...inSlice)).toBeLessThanOrEqual(2_000);
    expect(slices.map((s) => s.estimate)).toEqual(inSlice);
    expect(slices.length).toBeLessThanOrEqual(30);
    expect(drafts[drafts.length - 1]?.until).toBe(justAfter(range.to));
    // counting asked for totals only (size 1), never read the logs
    expect(fake.requests.every((r) => r.query.get("size") === "1")).toBe(true);
    expect(fake.requests.length).toBeLessThanOrEqual(4 * slices.length);
    await source.close();
  });
});
