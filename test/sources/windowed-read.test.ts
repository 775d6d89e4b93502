import type { LogRecord } from "../../src/core/log-record";
import { fromEpochMs, toIso } from "../../src/core/timestamp";
import { SourceIncompleteError } from "../../src/sources/errors";
import type { ReadRange } from "../../src/sources/source";
import {
  readWindows,
  type PassEnd,
  type ScanSink,
  type WindowScanner,
} from "../../src/sources/windowed-read";

// The completeness proof of readWindows, with a scripted store: a window is emitted only when a pass proves it
// (the distinct entries add up to the store's total, or the stream ended); otherwise it is re-read, split, and the
// read fails with source-incomplete, having emitted only proved windows.

const T0 = Date.parse("2026-11-25T10:00:00.000Z");

function rec(ms: number, key: string): LogRecord {
  const pos = fromEpochMs(ms);
  return {
    ts: pos,
    pos,
    key,
    level: "INFO",
    entry: { namespace: "n", flowId: "f", timestamp: toIso(pos), level: "INFO", message: key },
  };
}

/** A store of records; `answer` decides, per pass, which of a window's records it returns and what it says. */
function store(
  records: LogRecord[],
  answer: (
    window: LogRecord[],
    pass: number,
    call: number,
  ) => { give: LogRecord[]; totals?: number[]; exhausted?: boolean },
): WindowScanner & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return {
    calls,
    async scan(fromMs: number, toMs: number, sink: ScanSink, pass: number): Promise<PassEnd> {
      calls.push([fromMs, toMs]);
      const inWindow = records.filter((r) => {
        const ms = Date.parse(toIso(r.pos));
        return ms >= fromMs && ms <= toMs;
      });
      const a = answer(inWindow, pass, calls.length - 1);
      for (const t of a.totals ?? []) sink.total(t);
      for (const r of a.give) if (!sink.record(r)) break;
      return { exhausted: a.exhausted ?? false };
    },
  };
}

async function read(scanner: WindowScanner, maxRecords = 100): Promise<{ keys: string[]; error?: unknown }> {
  const range: ReadRange = {
    after: { ts: fromEpochMs(T0 - 1), key: "" },
    to: fromEpochMs(T0 + 999),
    filter: { minLevelRank: 0 },
  };
  const keys: string[] = [];
  try {
    for await (const b of readWindows(scanner, range, { batchSize: 1000, maxRecords, source: "test store" }))
      keys.push(...b.records.map((r) => r.key));
    return { keys };
  } catch (error) {
    return { keys, error };
  }
}

const data = Array.from({ length: 40 }, (_, i) => rec(T0 + i * 25, `k${String(i).padStart(2, "0")}`));

describe("readWindows: completeness", () => {
  test("a pass whose distinct entries add up to the total proves the window", async () => {
    const s = store(data, (w) => ({ give: w, totals: [w.length] }));
    expect((await read(s)).keys).toEqual(data.map((r) => r.key));
    expect(s.calls).toHaveLength(1);
  });

  test("fewer than the total (a page skipped) is never emitted: re-read, and the union over passes proves it", async () => {
    // each pass drops a different record; the union of two passes is complete
    const s = store(data, (w, pass) => ({ give: w.filter((_, i) => i !== pass), totals: [w.length] }));
    const { keys, error } = await read(s);
    expect(error).toBeUndefined();
    expect(keys).toEqual(data.map((r) => r.key));
    expect(s.calls.length).toBe(2);
  });

  test("a total that changes while paging proves nothing, even when the count matches", async () => {
    // pass 0: totals 40 then 39 with 39 given (a purge mid-pass); pass 1: stable
    const s = store(data, (w, pass) =>
      pass === 0
        ? { give: w.slice(1), totals: [w.length, w.length - 1] }
        : { give: w, totals: [w.length, w.length] },
    );
    const { keys } = await read(s);
    expect(keys).toEqual(data.map((r) => r.key));
    expect(s.calls.length).toBe(2);
  });

  test("a total the store never delivers: windows split down to one millisecond, then source-incomplete", async () => {
    const s = store(data, (w) => ({ give: w, totals: [w.length + 1] }));
    const { keys, error } = await read(s);
    expect(keys).toEqual([]);
    expect(error).toBeInstanceOf(SourceIncompleteError);
    expect((error as Error).message).toContain("the source said a total of 1");
    expect((error as Error).message).toContain(
      "the window 2026-11-25T09:59:59.999Z – 2026-11-25T09:59:59.999Z",
    );
    expect(s.calls.some(([a, b]) => a === b)).toBe(true);
  });

  test("only proved windows are emitted before the failure", async () => {
    // the store lies about the second half of the range only
    const s = store(data, (w) => ({
      give: w,
      totals: [w.length + (w.some((r) => Date.parse(toIso(r.pos)) >= T0 + 600) ? 1 : 0)],
    }));
    const { keys, error } = await read(s);
    expect(error).toBeInstanceOf(SourceIncompleteError);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual(data.slice(0, keys.length).map((r) => r.key)); // a prefix, in order
    expect(keys.length).toBeLessThanOrEqual(24); // nothing at or after T0 + 600 ms
  });

  test("without a total, the end of the stream proves the window, and a stream that does not end does not", async () => {
    const ended = store(data, (w) => ({ give: w, exhausted: true }));
    expect((await read(ended)).keys).toHaveLength(40);
    const endless = store(data, (w) => ({ give: w, exhausted: false }));
    expect((await read(endless)).error).toBeInstanceOf(SourceIncompleteError);
  });
});
