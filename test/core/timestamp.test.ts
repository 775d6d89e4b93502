import fc from "fast-check";
import {
  fromEpochMs,
  normalizeTimestamp,
  toEpochMs,
  toEpochNanosString,
  toIso,
} from "../../src/core/timestamp";
import { compareCursor, isAfter } from "../../src/core/cursor";
import { normalizeLevel, levelRank } from "../../src/core/levels";
import { parseDuration, humanDuration } from "../../src/core/duration";
import { parseSchedule } from "../../src/core/schedule";

describe("timestamps", () => {
  it("normalizes ISO-8601 to nine fractional digits in UTC, keeping full precision", () => {
    expect(normalizeTimestamp("2026-11-25T10:00:00Z")).toBe("2026-11-25T10:00:00.000000000Z");
    expect(normalizeTimestamp("2026-11-25T10:00:00.1Z")).toBe("2026-11-25T10:00:00.100000000Z");
    expect(normalizeTimestamp("2026-11-25T10:00:00.123456789Z")).toBe("2026-11-25T10:00:00.123456789Z");
    expect(normalizeTimestamp("2026-11-25T11:30:00.000001+01:30")).toBe("2026-11-25T10:00:00.000001000Z");
    expect(normalizeTimestamp("2026-01-01T00:30:00-01:00")).toBe("2026-01-01T01:30:00.000000000Z");
  });

  it("rejects what is not a zoned date-time", () => {
    for (const bad of [
      "2026-11-25",
      "2026-11-25T10:00:00",
      "yesterday",
      "2026-13-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2025-02-29T00:00:00Z",
      "2026-11-25T24:00:00Z",
      "",
    ]) {
      expect(normalizeTimestamp(bad)).toBeUndefined();
    }
    expect(normalizeTimestamp("2024-02-29T00:00:00Z")).toBeDefined();
  });

  it("takes the millisecond-UTC shortcut only where the general parser agrees", () => {
    // the shortcut handles `YYYY-MM-DDTHH:MM:SS.mmmZ`; the same text with a lowercase `z` always goes through the
    // general parser, which treats both zones alike: so the two must give the same answer, in range or not
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const stamp = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}`);
    fc.assert(
      fc.property(stamp, (text) => {
        expect(normalizeTimestamp(`${text}Z`)).toBe(normalizeTimestamp(`${text}z`));
      }),
      { numRuns: 5000 },
    );
    const valid = fc
      .date({
        min: new Date("0000-01-01T00:00:00.000Z"),
        max: new Date("9999-12-31T23:59:59.999Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 23));
    fc.assert(
      fc.property(valid, (text) => {
        expect(normalizeTimestamp(`${text}Z`)).toBe(`${text}000000Z`);
        expect(normalizeTimestamp(`${text}z`)).toBe(`${text}000000Z`);
      }),
      { numRuns: 2000 },
    );
    for (const text of ["2024-02-29T23:59:59.999", "1900-02-29T00:00:00.000", "2000-02-29T00:00:00.000"]) {
      expect(normalizeTimestamp(`${text}Z`)).toBe(normalizeTimestamp(`${text}z`));
    }
    expect(normalizeTimestamp("2026-11-25T10:00:00.123Z")).toBe("2026-11-25T10:00:00.123000000Z");
    expect(normalizeTimestamp("2026-11-25T10:00:00.12aZ")).toBeUndefined();
    expect(normalizeTimestamp("2026-11-25 10:00:00.123Z")).toBe("2026-11-25T10:00:00.123000000Z");
  });

  it("sorts as strings in time order, beyond millisecond precision", () => {
    const a = normalizeTimestamp("2026-11-25T10:00:00.000000001Z") as string;
    const b = normalizeTimestamp("2026-11-25T10:00:00.000000002Z") as string;
    const c = normalizeTimestamp("2026-11-25T11:00:00.000000000+01:00") as string;
    expect(a < b).toBe(true);
    expect(c < a).toBe(true);
  });

  it("converts to epoch ms, epoch nanos and conventional ISO", () => {
    const ts = normalizeTimestamp("2026-11-25T10:00:00.123456789Z") as string;
    expect(toEpochMs(ts)).toBe(Date.parse("2026-11-25T10:00:00.123Z"));
    expect(toEpochNanosString(ts)).toBe(`${Date.parse("2026-11-25T10:00:00Z") / 1000}123456789`);
    expect(toIso(ts)).toBe("2026-11-25T10:00:00.123456789Z");
    expect(toIso(fromEpochMs(Date.parse("2026-11-25T10:00:00.120Z")))).toBe("2026-11-25T10:00:00.120Z");
    expect(toIso("2026-11-25T10:00:00.123456000Z")).toBe("2026-11-25T10:00:00.123456Z");
  });
});

describe("cursors", () => {
  it("order by timestamp, then by key; the empty key comes first", () => {
    const t = "2026-11-25T10:00:00.000000000Z";
    expect(compareCursor({ ts: t, key: "a" }, { ts: t, key: "b" })).toBeLessThan(0);
    expect(compareCursor({ ts: t, key: "" }, { ts: t, key: "a" })).toBeLessThan(0);
    expect(isAfter(t, "b", { ts: t, key: "a" })).toBe(true);
    expect(isAfter(t, "a", { ts: t, key: "a" })).toBe(false);
  });
});

describe("levels, durations, schedules", () => {
  it("treats WARNING as WARN and ranks levels like slf4j", () => {
    expect(normalizeLevel("WARNING")).toBe("WARN");
    expect(normalizeLevel("FATAL")).toBeUndefined();
    expect(levelRank("ERROR")).toBeGreaterThan(levelRank("WARN"));
  });

  it("parses ISO-8601 durations", () => {
    expect(parseDuration("P1D")).toBe(86_400_000);
    expect(parseDuration("PT2M")).toBe(120_000);
    expect(parseDuration("PT0S")).toBe(0);
    expect(parseDuration("1 day")).toBeUndefined();
    expect(humanDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 4h");
  });

  it("expands Kestra macros and rejects bad crons", () => {
    expect(parseSchedule("@daily")).toEqual({ cron: "0 0 * * *", maxIntervalMs: 86_400_000 });
    expect(parseSchedule("*/5 * * * *").maxIntervalMs).toBe(300_000);
    expect(() => parseSchedule("61 * * * *")).toThrow(/not a valid cron/);
    expect(() => parseSchedule("@sometimes")).toThrow(/unknown macro/);
    expect(() => parseSchedule("* * *")).toThrow(/3 fields/);
    expect(() => parseSchedule("@daily", "Mars/Olympus")).toThrow(/time zone/);
  });
});
