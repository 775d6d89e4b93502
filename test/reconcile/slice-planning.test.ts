import { cursorAt, isAfter } from "../../src/core/cursor";
import { fromEpochMs, justAfter } from "../../src/core/timestamp";
import { draftSlices } from "../../src/reconcile/slice-planning";
import { numberSlices } from "../../src/reconcile/slices";
import type { ReadRange, Source } from "../../src/sources/source";

const T0 = Date.parse("2026-11-25T00:00:00.000Z");
const HOUR = 3_600_000;
const settings = {
  sliceTarget: 1000,
  maxSlices: 100,
  maxConcurrency: 4,
  minRecordsToSlice: 0,
  sliceSpanMs: HOUR,
};

/** A source over sorted in-memory positions that counts exactly, like Kestra's `total`; it records its calls. */
function countingSource(positions: string[]): Source & { calls: number } {
  const src = {
    calls: 0,
    describe: () => "memory",
    read: () => {
      throw new Error("not read while planning");
    },
    check: async () => [],
    async count(ranges: readonly ReadRange[]) {
      src.calls++;
      return ranges.map((r) => positions.filter((p) => isAfter(p, "k", r.after) && p <= r.to).length);
    },
  };
  return src;
}

describe("planning slices", () => {
  it("splits a backlog bunched in time into slices of at most sliceTarget records, by counts", async () => {
    // a day of range, 20 000 records within 40 minutes of it, and a few stragglers
    const positions = [
      ...Array.from({ length: 20_000 }, (_, i) => fromEpochMs(T0 + 10 * HOUR + Math.floor(i * 0.12))),
      fromEpochMs(T0 + 60_000),
      fromEpochMs(T0 + 20 * HOUR),
    ].sort();
    const source = countingSource(positions);
    const range: ReadRange = {
      after: cursorAt(fromEpochMs(T0)),
      to: fromEpochMs(T0 + 24 * HOUR),
      filter: {} as never,
    };
    const drafts = (await draftSlices(source, range, settings, true))!;
    const slices = numberSlices(drafts, range.after.ts, range.to);
    expect(slices.length).toBeGreaterThanOrEqual(20);
    expect(slices.length).toBeLessThanOrEqual(45);
    const actual = slices.map((s) => positions.filter((p) => p >= s.from && p < s.until).length);
    expect(actual.reduce((a, b) => a + b, 0)).toBe(positions.length);
    expect(Math.max(...actual)).toBeLessThanOrEqual(1000);
    expect(slices.map((s) => s.estimate)).toEqual(actual);
    expect(source.calls).toBeLessThanOrEqual(41);
    expect(drafts[drafts.length - 1]?.until).toBe(justAfter(range.to));
  });

  it("keeps a small counted backlog serial", async () => {
    const source = countingSource([fromEpochMs(T0 + 1000), fromEpochMs(T0 + 2000)]);
    const range: ReadRange = {
      after: cursorAt(fromEpochMs(T0)),
      to: fromEpochMs(T0 + HOUR),
      filter: {} as never,
    };
    expect(await draftSlices(source, range, { ...settings, minRecordsToSlice: 3 }, true)).toBeUndefined();
    expect(source.calls).toBe(1);
  });

  it("uses time spans, without counting, where counting would spend the source's budget (CloudWatch)", async () => {
    const source = countingSource([]);
    const range: ReadRange = {
      after: cursorAt(fromEpochMs(T0)),
      to: fromEpochMs(T0 + 10 * HOUR),
      filter: {} as never,
    };
    const drafts = (await draftSlices(source, range, settings, false))!;
    expect(drafts).toHaveLength(10);
    expect(drafts.every((d) => d.estimate === null)).toBe(true);
    expect(source.calls).toBe(0);
    // shorter than two spans: serial
    const short = { ...range, to: fromEpochMs(T0 + HOUR + 1) };
    expect(await draftSlices(source, short, settings, false)).toBeUndefined();
  });

  it("takes a source's own slices, and stays serial when they are too few or too small", async () => {
    const range: ReadRange = {
      after: cursorAt(fromEpochMs(T0)),
      to: fromEpochMs(T0 + HOUR),
      filter: {} as never,
    };
    const mid = fromEpochMs(T0 + HOUR / 2);
    const own = [
      { from: range.after.ts, until: mid, estimate: 10, hint: { offset: 0 } },
      { from: mid, until: justAfter(range.to), estimate: 10, hint: { offset: 99 } },
    ];
    const source: Source = { ...countingSource([]), planSlices: async () => own };
    expect(await draftSlices(source, range, settings, true)).toEqual(own);
    expect(await draftSlices(source, range, { ...settings, minRecordsToSlice: 21 }, true)).toBeUndefined();
  });
});
