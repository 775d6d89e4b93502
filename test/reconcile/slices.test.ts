import fc from "fast-check";
import { compareCursor, cursorAt, isAfter, type Cursor } from "../../src/core/cursor";
import { fromEpochMs, justAfter, justBefore } from "../../src/core/timestamp";
import {
  contiguousPrefix,
  countSlices,
  fixedBuckets,
  isPast,
  numberSlices,
  progressKey,
  sliceReadRange,
  type SlicePlan,
  type SliceProgress,
  type SliceSpec,
} from "../../src/reconcile/slices";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const at = (ms: number): string => fromEpochMs(T0 + ms);

/** A plan over (0, span] ms with `buckets` equal buckets, some split in two (by log groups). */
function makePlan(
  buckets: number,
  split: readonly boolean[],
  starts: readonly Cursor[],
  span = 100_000,
): SlicePlan {
  const drafts = fixedBuckets(at(0), at(span), buckets, null).flatMap((d, i) =>
    split[i] === true
      ? [
          { ...d, groups: ["g1"] },
          { ...d, groups: ["g2"] },
        ]
      : [d],
  );
  return {
    shipper: "app",
    offsetKey: "k",
    runId: "r1",
    createdAt: "",
    owner: "o",
    leaseToken: 1,
    to: at(span),
    exporters: starts.map((start, i) => ({ id: `e${i}`, configHash: "h", start })),
    slices: numberSlices(drafts, at(0), at(span)),
    maxConcurrency: 4,
  };
}

function done(shipped: number): SliceProgress {
  return { done: true, shipped, rejected: 0, uncertain: 0, updatedAt: "" };
}

describe("timestamps", () => {
  it("justAfter and justBefore move by one nanosecond, across seconds and days", () => {
    expect(justAfter("2026-11-25T23:59:59.999999999Z")).toBe("2026-11-26T00:00:00.000000000Z");
    expect(justBefore("2026-11-26T00:00:00.000000000Z")).toBe("2026-11-25T23:59:59.999999999Z");
    expect(justBefore("1970-01-01T00:00:00.000000000Z")).toBe("1969-12-31T23:59:59.999999999Z");
    expect(justAfter("2026-11-25T10:00:00.123456789Z")).toBe("2026-11-25T10:00:00.123456790Z");
  });
});

describe("fixed buckets", () => {
  it("cover (from, to] exactly: contiguous, first at from, last at to + 1 ns, each instant in one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.integer({ min: 0, max: 1 << 30 }), { maxLength: 20 }),
        (fromMs, spanMs, n, probes) => {
          const from = at(fromMs);
          const to = justBefore(at(fromMs + spanMs)); // sub-millisecond end
          const b = fixedBuckets(from, to, n, 1000);
          expect(b.length).toBeGreaterThanOrEqual(1);
          expect(b.length).toBeLessThanOrEqual(n);
          expect(b[0]?.from).toBe(from);
          expect(b[b.length - 1]?.until).toBe(justAfter(to));
          b.forEach((x, i) => {
            expect(x.until > x.from).toBe(true);
            if (i > 0) expect(x.from).toBe(b[i - 1]?.until);
          });
          expect(numberSlices(b, from, to).map((s) => s.bucket)).toEqual(b.map((_, i) => i));
          for (const p of probes) {
            const t = at(fromMs + (p % spanMs));
            expect(b.filter((x) => x.from <= t && t < x.until)).toHaveLength(1);
          }
        },
      ),
    );
  });

  it("refuses drafts that leave a gap or end elsewhere", () => {
    expect(() =>
      numberSlices(
        [
          { from: at(0), until: at(5), estimate: null },
          { from: at(6), until: justAfter(at(10)), estimate: null },
        ],
        at(0),
        at(10),
      ),
    ).toThrow(/does not continue/);
    expect(() => numberSlices([{ from: at(0), until: at(10), estimate: null }], at(0), at(10))).toThrow(
      /ends at/,
    );
  });
});

describe("read ranges", () => {
  it("every record after an exporter's start falls in exactly one slice's range", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom("a", "b", "k1", "z")), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.constantFrom("", "b"),
        (n, startMs, recs, startKey) => {
          const start: Cursor = { ts: at(startMs), key: startKey };
          const plan = makePlan(n, [], [start]);
          // records on bucket bounds too: snap some to a slice's from
          const records = recs.map(([ms, key], i) => ({
            ts: i % 3 === 0 ? (plan.slices[ms % plan.slices.length] as SliceSpec).from : at(ms),
            key,
          }));
          const ranges = plan.slices.map((s) => sliceReadRange(plan, s, [start]));
          for (const r of records) {
            const inside = ranges.filter(
              (x) => x !== undefined && isAfter(r.ts, r.key, x.after) && r.ts <= x.to,
            );
            expect(inside).toHaveLength(isAfter(r.ts, r.key, start) ? 1 : 0);
          }
          plan.slices.forEach((s, i) => expect(ranges[i] === undefined).toBe(isPast(s, start)));
        },
      ),
    );
  });
});

describe("the watermark over slices finishing in random order", () => {
  const planArb = fc
    .record({
      buckets: fc.integer({ min: 1, max: 12 }),
      split: fc.array(fc.boolean(), { maxLength: 12 }),
      starts: fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ buckets, split, starts }) =>
      makePlan(
        buckets,
        split,
        starts.map((ms) => cursorAt(at(ms))),
      ),
    );

  it("never passes a slice that is not done, and reaches as far as the finished run of buckets goes", () => {
    fc.assert(
      fc.property(
        planArb.chain((plan) =>
          fc.tuple(
            fc.constant(plan),
            fc.shuffledSubarray(
              plan.slices.map((s) => s.id),
              { minLength: 0 },
            ),
          ),
        ),
        ([plan, order]) => {
          const progress = new Map<string, SliceProgress>();
          for (const id of order) {
            for (const e of plan.exporters) progress.set(progressKey(id, e.id), done(1));
            for (const e of plan.exporters) {
              const prefix = contiguousPrefix(plan, progress, e.id);
              const isDone = (s: SliceSpec): boolean =>
                isPast(s, e.start) || progress.get(progressKey(s.id, e.id))?.done === true;
              const end = prefix?.cursor ?? cursorAt(plan.slices[0]?.from as string);
              // safety: every slice behind the watermark is done
              for (const s of plan.slices)
                if (compareCursor(cursorAt(s.until), end) <= 0) expect(isDone(s)).toBe(true);
              // maximality: the bucket just after it has a slice that is not done
              const next = plan.slices.filter(
                (s) => s.bucket === (prefix === undefined ? 0 : prefix.bucket + 1),
              );
              if (next.length > 0) expect(next.every(isDone)).toBe(false);
            }
          }
        },
      ),
    );
  });

  it("counts each slice once over repeated advances, and ends at the last record when all are done", () => {
    fc.assert(
      fc.property(
        planArb.chain((plan) =>
          fc.tuple(
            fc.constant(plan),
            fc.shuffledSubarray(
              plan.slices.map((s) => s.id),
              { minLength: plan.slices.length },
            ),
            fc.array(fc.integer({ min: 0, max: 50 }), {
              minLength: plan.slices.length,
              maxLength: plan.slices.length,
            }),
          ),
        ),
        ([many, order, counts]) => {
          const progress = new Map<string, SliceProgress>();
          const e = many.exporters[0] as SlicePlan["exporters"][number];
          const plan: SlicePlan = { ...many, exporters: [e] };
          let stored: Cursor | undefined;
          let total = 0;
          let expected = 0;
          let lastRecord: Cursor | undefined;
          for (const id of order) {
            const s = plan.slices.find((x) => x.id === id) as SliceSpec;
            const shipped = isPast(s, e.start) ? 0 : (counts[s.index] as number);
            expected += shipped;
            // the slice's last record sits just before its end (a split bucket's halves tie on ts, not on key)
            const cursor = shipped > 0 ? { ts: justBefore(s.until), key: `z${s.index}` } : undefined;
            if (cursor !== undefined && (lastRecord === undefined || compareCursor(cursor, lastRecord) > 0))
              lastRecord = cursor;
            progress.set(progressKey(id, e.id), { ...done(shipped), ...(cursor ? { cursor } : {}) });
            const last = contiguousPrefix(plan, progress, e.id, stored)?.last;
            if (last !== undefined && (stored === undefined || compareCursor(last, stored) > 0)) {
              total += contiguousPrefix(plan, progress, e.id, stored)?.shipped ?? 0;
              stored = last;
            }
          }
          expect(stored).toEqual(lastRecord);
          expect(contiguousPrefix(plan, progress, e.id)?.cursor).toEqual(cursorAt(justAfter(plan.to)));
          expect(total).toBe(expected);
          expect(countSlices(plan, progress)).toEqual({
            done: plan.slices.length,
            running: 0,
            pending: 0,
            failed: 0,
          });
        },
      ),
    );
  });

  it("stops at a failed slice and at the first bucket not wholly done (a split bucket needs both halves)", () => {
    const plan = makePlan(4, [false, true, false, false], [cursorAt(at(0))]);
    expect(plan.slices.map((s) => s.bucket)).toEqual([0, 1, 1, 2, 3]);
    const p = new Map<string, SliceProgress>();
    p.set(progressKey("s0000", "e0"), done(1));
    p.set(progressKey("s0001", "e0"), done(1));
    p.set(progressKey("s0003", "e0"), done(1));
    p.set(progressKey("s0004", "e0"), done(1));
    expect(contiguousPrefix(plan, p, "e0")?.bucket).toBe(0);
    p.set(progressKey("s0002", "e0"), { ...done(1), failed: true });
    expect(contiguousPrefix(plan, p, "e0")?.bucket).toBe(0);
    expect(countSlices(plan, p)).toEqual({ done: 4, running: 0, pending: 0, failed: 1 });
    p.set(progressKey("s0002", "e0"), done(1));
    expect(contiguousPrefix(plan, p, "e0")).toMatchObject({ bucket: 3, shipped: 0, last: undefined });
    p.set(progressKey("s0002", "e0"), { ...done(2), cursor: { ts: plan.slices[2]!.from, key: "a" } });
    p.set(progressKey("s0001", "e0"), { ...done(3), cursor: { ts: plan.slices[1]!.until, key: "" } });
    expect(contiguousPrefix(plan, p, "e0")).toMatchObject({
      bucket: 3,
      shipped: 5,
      last: { ts: plan.slices[1]!.until, key: "" },
    });
    expect(contiguousPrefix(plan, new Map(), "e0")).toBeUndefined();
    expect(contiguousPrefix(plan, p, "nobody")).toBeUndefined();
  });
});
