import { cursorAt } from "../../src/core/cursor";
import type { JsonValue } from "../../src/core/json";
import { LogShipperError } from "../../src/core/errors";
import { fromEpochMs, justAfter } from "../../src/core/timestamp";
import { draftSlices } from "../../src/reconcile/slice-planning";
import { numberSlices } from "../../src/reconcile/slices";
import { groupsToRead, hotGroups, otherThanOf, planGroupSlices } from "../../src/sources/cloudwatch-slices";
import { MAX_PLAN_HINT_BYTES } from "../../src/sources/file-slices";
import type { ReadRange, Source } from "../../src/sources/source";

const T0 = Date.parse("2026-11-25T00:00:00.000Z");
const HOUR = 3_600_000;
const range: ReadRange = {
  after: cursorAt(fromEpochMs(T0)),
  to: fromEpochMs(T0 + 10 * HOUR),
  filter: { minLevelRank: 0 },
};
const target = { sliceTarget: 1000, maxSlices: 100, maxConcurrency: 4, sliceSpanMs: HOUR };
const sizes = (entries: Record<string, number | undefined>) =>
  Object.entries(entries).map(([name, storedBytes]) => ({ name, storedBytes }));

/** What the core plans for a source without `planSlices` (today's CloudWatch buckets). */
async function todaysBuckets(r: ReadRange, settings: typeof target) {
  const source = { describe: () => "x", read: () => [], count: async () => [], check: async () => [] };
  return draftSlices(source as unknown as Source, r, { ...settings, minRecordsToSlice: 0 }, false);
}

describe("CloudWatch hot groups (the sizing rule)", () => {
  it("puts a group above 1/maxConcurrency of the bytes alone; the rest share a slice", () => {
    expect(hotGroups(sizes({ hot: 700, a: 100, b: 100, c: 100 }), 4, 100)).toEqual(["hot"]);
    // 26% is above a quarter, 25% is not
    expect(hotGroups(sizes({ x: 26, y: 25, z: 49 }), 4, 100)).toEqual(["z", "x"]);
    expect(hotGroups(sizes({ x: 25, y: 25, z: 25, w: 25 }), 4, 100)).toBeUndefined();
    // two even groups are both hot
    expect(hotGroups(sizes({ a: 50, b: 50 }), 4, 100)).toEqual(["a", "b"]);
  });

  it("keeps one set (no groups on the slices) for one group, unknown or zero sizes, or concurrency 1", () => {
    expect(hotGroups(sizes({ only: 1000 }), 4, 100)).toBeUndefined();
    expect(hotGroups(sizes({ hot: 1000, a: undefined }), 4, 100)).toBeUndefined();
    expect(hotGroups(sizes({ a: 0, b: 0 }), 4, 100)).toBeUndefined();
    expect(hotGroups(sizes({ hot: 1000, a: 1 }), 1, 100)).toBeUndefined();
  });

  it("returns the smallest hot groups to the shared slice when the sets would exceed maxSets", () => {
    const s = sizes({ h1: 300, h2: 250, h3: 200, r: 10 });
    expect(hotGroups(s, 4, 100)).toEqual(["h1", "h2", "h3"]);
    expect(hotGroups(s, 4, 3)).toEqual(["h1", "h2"]);
    expect(hotGroups(s, 4, 1)).toBeUndefined();
  });
});

describe("CloudWatch planSlices", () => {
  it("is exactly today's buckets for one group and for unknown sizes", async () => {
    const today = await todaysBuckets(range, target);
    expect(today).toHaveLength(10);
    expect(planGroupSlices(range, target, sizes({ only: 5000 }))).toEqual(today);
    expect(planGroupSlices(range, target, sizes({ a: 5000, b: undefined }))).toEqual(today);
    expect(planGroupSlices(range, target, sizes({ a: 0, b: 0 }))).toEqual(today);
    // a range shorter than two spans: one bucket (serial), as today
    const short = { ...range, to: fromEpochMs(T0 + HOUR) };
    expect(await todaysBuckets(short, target)).toBeUndefined();
    expect(planGroupSlices(short, target, sizes({ only: 5 }))).toHaveLength(1);
  });

  it("crosses each time bucket with the group sets, contiguous and within maxSlices", () => {
    const groups = sizes({ hot: 9000, a: 500, b: 500 });
    const drafts = planGroupSlices(range, target, groups);
    expect(drafts).toHaveLength(20);
    const slices = numberSlices(drafts, range.after.ts, range.to);
    expect(new Set(slices.map((s) => s.bucket)).size).toBe(10);
    for (const b of [0, 9]) {
      // the hot group alone, and a shared slice of every other group (also those created after planning)
      expect(slices.filter((s) => s.bucket === b).map((s) => [s.groups, s.hint])).toEqual([
        [["hot"], undefined],
        [undefined, { otherThan: ["hot"] }],
      ]);
    }
    expect(slices[slices.length - 1]?.until).toBe(justAfter(range.to));
    // caps: 7 slices allowed, 2 sets: 3 buckets
    const capped = planGroupSlices(range, { ...target, maxSlices: 7 }, groups);
    expect(capped).toHaveLength(6);
    numberSlices(capped, range.after.ts, range.to);
    // many small groups do not grow the plan: only the hot names are stored, the shared slice names none
    const many = [
      { name: "hot", storedBytes: 1e9 },
      ...Array.from({ length: 300 }, (_, i) => ({
        name: `/aws/lambda/${"f".repeat(40)}-${i}`,
        storedBytes: 1,
      })),
    ];
    expect(planGroupSlices(range, target, many)).toEqual(drafts);
    // the names of the stored plan stay within the plan budget: very long hot names give fewer buckets
    const long = (c: string) => `/aws/${c.repeat(500)}`;
    const longHot = sizes({ [long("p")]: 400, [long("q")]: 300, [long("r")]: 290, small: 10 });
    const fewer = planGroupSlices(range, { ...target, maxSlices: 1000, sliceSpanMs: HOUR / 100 }, longHot);
    expect(fewer.length % 4).toBe(0);
    expect(fewer.length).toBeLessThan(1000); // 250 buckets × 4 without the budget
    expect(fewer.length).toBeGreaterThan(4);
    expect(JSON.stringify(fewer.map((d) => [d.groups, d.hint])).length).toBeLessThanOrEqual(
      MAX_PLAN_HINT_BYTES,
    );
    // a range shorter than two spans stays one bucket without groups (serial), hot group or not
    const short = { ...range, to: fromEpochMs(T0 + HOUR) };
    expect(planGroupSlices(short, target, groups)).toEqual(planGroupSlices(short, target, sizes({ one: 1 })));
    expect(planGroupSlices(short, target, groups)).toHaveLength(1);
    // two buckets' worth of range, but room for one bucket per set only: one bucket, split by groups
    const two = { ...range, to: fromEpochMs(T0 + 2 * HOUR) };
    expect(planGroupSlices(two, { ...target, maxSlices: 3 }, groups).map((d) => d.groups)).toEqual([
      ["hot"],
      undefined,
    ]);
  });
});

describe("CloudWatch groupsToRead", () => {
  const found = ["/app/a", "/app/b", "/app/c"];
  it("reads every found group without a hint, and only the named ones (that exist) with one", () => {
    expect(groupsToRead(found, undefined, { logGroupNamePrefix: "/app/" }, "cw")).toEqual(found);
    expect(groupsToRead(found, ["/app/c", "/app/a"], { logGroupNamePrefix: "/app/" }, "cw")).toEqual([
      "/app/a",
      "/app/c",
    ]);
    // a shared slice: every found group but the hot ones, so a group created after planning is read too
    expect(groupsToRead(found, undefined, { logGroupNamePrefix: "/app/" }, "cw", ["/app/b"])).toEqual([
      "/app/a",
      "/app/c",
    ]);
    // configured but deleted since planning: skipped, as a serial read skips it
    expect(groupsToRead(found, ["/app/gone"], { logGroupNamePrefix: "/app/" }, "cw")).toEqual([]);
  });

  it("refuses a hint that is not a CloudWatch one, with a typed error", () => {
    expect(otherThanOf(undefined, "cw")).toBeUndefined();
    expect(otherThanOf({ otherThan: ["/app/a"] }, "cw")).toEqual(["/app/a"]);
    const bads: JsonValue[] = [{ files: [] }, ["/app/a"], { otherThan: [1] }, "x", null];
    for (const bad of bads)
      expect(() => otherThanOf(bad, "cw")).toThrow(expect.objectContaining({ code: "SLICE_PLAN_MISMATCH" }));
  });

  it("refuses a group that the config does not name, with a typed error", () => {
    const call = () => groupsToRead(found, ["/app/a", "/other/x"], { logGroupNames: found }, "cw us-east-1");
    expect(call).toThrow(LogShipperError);
    expect(call).toThrow(/\/other\/x, which the config does not/);
    expect(() => groupsToRead(found, ["/other/x"], { logGroupNamePrefix: "/app/" }, "cw")).toThrow(
      expect.objectContaining({ code: "SLICE_PLAN_MISMATCH" }),
    );
  });
});
