import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { cursorAt, isAfter, type Cursor } from "../../src/core/cursor";
import type { LogRecord } from "../../src/core/log-record";
import { fingerprint, MAX_PLAN_HINT_BYTES, type FileBucket } from "../../src/sources/file-slices";
import { FileSource } from "../../src/sources/file-source";
import { readLines } from "../../src/sources/line-reader";
import type { ReadRange } from "../../src/sources/source";
import { entries, entry, tempDir, writeJsonl } from "../support/fixtures";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const START = cursorAt("2026-11-01T00:00:00.000000000Z");
const TO = "2026-11-26T00:00:00.000000000Z";
const ALL = { minLevelRank: 0 };

function justBefore(ts: string): string {
  const nanos = Number(ts.slice(20, 29));
  if (nanos > 0) return `${ts.slice(0, 20)}${String(nanos - 1).padStart(9, "0")}Z`;
  const prev = new Date(Date.parse(`${ts.slice(0, 19)}Z`) - 1000).toISOString();
  return `${prev.slice(0, 19)}.999999999Z`;
}

interface Read {
  records: LogRecord[];
  invalid: number;
}

async function read(source: FileSource, range: ReadRange): Promise<Read> {
  const records: LogRecord[] = [];
  let invalid = 0;
  for await (const b of source.read(range, { batchSize: 500 })) {
    records.push(...b.records);
    invalid += b.invalid;
  }
  return { records, invalid };
}

/** The slice read of `bucket`, as the core makes it: after max(cursorAt(from), start), to until − 1 ns. */
function sliceRange(bucket: FileBucket, start: Cursor = START, hint: unknown = bucket.hint): ReadRange {
  const from = cursorAt(bucket.from);
  const after = isAfter(start.ts, start.key, from) ? start : from;
  return { after, to: justBefore(bucket.until), filter: ALL, hint } as ReadRange;
}

const pk = (r: LogRecord): string => `${r.pos} ${r.key}`;

/** Plans, reads every slice, and checks the slices against one serial read: every record once, in its bucket. */
async function expectExactSlices(
  source: FileSource,
  target: number,
  options: { between?: () => void; hint?: (b: FileBucket) => unknown; after?: Cursor } = {},
): Promise<{ buckets: FileBucket[]; serial: Read }> {
  const start = options.after ?? START;
  const range = { after: start, to: TO, filter: ALL };
  const buckets = await source.planSlices(range, { sliceTarget: target, maxSlices: 1000 });
  options.between?.();
  const serial = await read(source, range);
  const sliced: LogRecord[] = [];
  let invalid = 0;
  expect(buckets[0]?.from).toBe(start.ts);
  for (let k = 0; k < buckets.length; k++) {
    const b = buckets[k] as FileBucket;
    if (k > 0) expect(b.from).toBe(buckets[k - 1]?.until);
    const got = await read(source, sliceRange(b, start, options.hint ? options.hint(b) : b.hint));
    for (const r of got.records) {
      expect(r.pos >= b.from && r.pos < b.until).toBe(true);
    }
    sliced.push(...got.records);
    invalid += got.invalid;
  }
  expect(sliced.map(pk)).toEqual(serial.records.map(pk));
  expect(invalid).toBe(serial.invalid);
  return { buckets, serial };
}

describe("FileSource.planSlices", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it("cuts one big file with out-of-order lines, ties and bad lines into seeking slices, each record once", async () => {
    const lines: Array<Record<string, unknown> | string> = entries(20_000, T0, {
      tieEvery: 3,
      // every 7th line is 5 ms older than the one before it: it sits at the earlier line's position
      over: (i) => (i % 7 === 0 && i > 0 ? { timestamp: new Date(T0 + i * 0.66 - 5).toISOString() } : {}),
    });
    lines.splice(5000, 0, "not json");
    lines.splice(12_000, 0, "{}");
    writeJsonl(join(dir, "big.jsonl"), lines);
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const { buckets, serial } = await expectExactSlices(source, 1000);
    expect(serial.records).toHaveLength(20_000);
    expect(serial.invalid).toBe(2);
    expect(buckets.length).toBeGreaterThanOrEqual(15);
    expect(buckets.length).toBeLessThanOrEqual(25);
    // every slice but the first seeks into the file instead of reading it from the start
    for (const b of buckets.slice(1)) expect(b.hint?.files[0]?.[1]).toBeGreaterThan(0);
    const sizes = buckets.map((b) => b.estimate as number);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it("stays exact with lines the plan reads without parsing: invalid entries with a late timestamp, nested and escaped keys", async () => {
    const lines: Array<Record<string, unknown> | string> = entries(6000, T0, {
      over: (i) =>
        i % 13 === 0 ? { message: `m${i}`, meta: { timestamp: new Date(T0 + 10_000).toISOString() } } : {},
    });
    // JSON, but not entries (no level): their timestamps are ahead of every line around them
    for (let k = 5500; k > 0; k -= 700)
      lines.splice(k, 0, JSON.stringify({ timestamp: new Date(T0 + k + 400).toISOString() }));
    lines.splice(3000, 0, `{"timestamp" : "${new Date(T0 + 2990).toISOString()}", "level":"INFO"}`);
    lines.splice(
      4000,
      0,
      JSON.stringify(
        entry(new Date(T0 + 3990).toISOString(), { message: '"timestamp":"2030-01-01T00:00:00Z"' }),
      ),
    );
    writeJsonl(join(dir, "a.jsonl"), lines);
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const { serial } = await expectExactSlices(source, 300);
    expect(serial.invalid).toBe(9);
  });

  it("plans from the cursor's line in its file (a resumed shipper) and other files from their start", async () => {
    writeJsonl(
      join(dir, "a.jsonl"),
      entries(8000, T0, {
        over: (i) => (i % 9 === 0 && i > 0 ? { timestamp: new Date(T0 + i - 3).toISOString() } : {}),
      }),
    );
    writeJsonl(join(dir, "b.jsonl"), entries(3000, T0 + 2000, { over: (i) => ({ seq: 10_000 + i }) }));
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const all = await read(source, { after: START, to: TO, filter: ALL });
    const mid = all.records.find((r) => r.key.startsWith("a.jsonl@") && r.entry.seq === 4000) as LogRecord;
    const { buckets } = await expectExactSlices(source, 700, { after: { ts: mid.pos, key: mid.key } });
    // the plan's first checkpoint in a.jsonl is the cursor's line
    const offset = Number(mid.key.slice(mid.key.lastIndexOf("@") + 1));
    const seeks = buckets.slice(1).map((b) => b.hint?.files.find((f) => f[0] === "a.jsonl")?.[1] ?? 0);
    expect(Math.min(...seeks)).toBeGreaterThanOrEqual(offset);
  });

  it("cuts several files that overlap in time, each record once", async () => {
    for (let f = 0; f < 5; f++)
      writeJsonl(
        join(dir, `logs/app-${f}.jsonl`),
        entries(1000 + f * 700, T0 + f * 400, { tieEvery: 4, over: (i) => ({ seq: f * 100_000 + i }) }),
      );
    const source = new FileSource({ type: "file", path: "logs/*.jsonl" }, dir);
    const { buckets } = await expectExactSlices(source, 800);
    expect(buckets.length).toBeGreaterThanOrEqual(8);
    // a late slice seeks in every file
    expect(buckets[buckets.length - 1]?.hint?.files).toHaveLength(5);
  });

  it("keeps a plan of many files and slices small enough for one state item, and exact", async () => {
    for (let f = 0; f < 12; f++)
      writeJsonl(
        join(dir, `logs/a-rather-long-directory-name/app-${f}.jsonl`),
        entries(150, T0 + f * 20, { over: (i) => ({ seq: f * 1000 + i }) }),
      );
    const source = new FileSource({ type: "file", path: "logs/**/*.jsonl" }, dir);
    const { buckets } = await expectExactSlices(source, 10);
    expect(buckets.length).toBeGreaterThan(100);
    const hintBytes = buckets.reduce((n, b) => n + JSON.stringify(b.hint ?? null).length, 0);
    expect(hintBytes).toBeLessThanOrEqual(MAX_PLAN_HINT_BYTES);
    // the budget is used: late slices still seek in several files
    expect(buckets[buckets.length - 1]?.hint?.files.length).toBeGreaterThan(2);
  });

  it("keeps lines with equal timestamps together across a bucket bound, across files", async () => {
    const same = new Date(T0 + 500).toISOString();
    const mk = (n: number, tag: number): Array<Record<string, unknown>> => [
      ...entries(300, T0, { over: (i) => ({ seq: tag + i }) }),
      ...Array.from({ length: n }, (_, i) => entry(same, { seq: tag + 1000 + i })),
      ...entries(300, T0 + 501, { over: (i) => ({ seq: tag + 5000 + i }) }),
    ];
    writeJsonl(join(dir, "a.jsonl"), mk(400, 0));
    writeJsonl(join(dir, "b.jsonl"), mk(250, 100_000));
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const { buckets } = await expectExactSlices(source, 100);
    const holding = buckets.filter(
      (b) => b.from <= `${same.slice(0, 23)}000000Z` && b.until > `${same.slice(0, 23)}000000Z`,
    );
    expect(holding).toHaveLength(1);
  });

  it("reads lines appended between the plan and the slices (and a file created then)", async () => {
    writeJsonl(join(dir, "a.jsonl"), entries(3000, T0));
    writeJsonl(join(dir, "b.jsonl"), entries(2000, T0 + 100, { over: (i) => ({ seq: 10_000 + i }) }));
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    await expectExactSlices(source, 500, {
      between: () => {
        const more = [
          ...entries(200, T0 + 2500, { over: (i) => ({ seq: 20_000 + i }) }),
          entry(new Date(T0).toISOString(), { seq: 30_000 }), // older than everything: at the file's running max
        ];
        appendFileSync(join(dir, "b.jsonl"), more.map((l) => JSON.stringify(l)).join("\n") + "\n");
        writeJsonl(join(dir, "c.jsonl"), entries(100, T0 + 50, { over: (i) => ({ seq: 40_000 + i }) }));
      },
    });
  });

  it("reads a file rewritten between the plan and the slices from its start", async () => {
    writeJsonl(join(dir, "a.jsonl"), entries(3000, T0));
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    await expectExactSlices(source, 500, {
      between: () =>
        writeJsonl(join(dir, "a.jsonl"), entries(3000, T0 + 1, { over: (i) => ({ message: `x${i}` }) })),
    });
  });

  it("is not a seek by a line's own timestamp (which loses the lines behind an early spike)", async () => {
    // lines 0..999 ms, one at 5 s, then 1000..5999 ms: lines 1000..4999 sit at the spike's position, 5 s
    const lines = [
      ...entries(1000, T0),
      entry(new Date(T0 + 5000).toISOString(), { seq: -1 }),
      ...entries(5000, T0 + 1000, { over: (i) => ({ seq: 1000 + i }) }),
    ];
    writeJsonl(join(dir, "a.jsonl"), lines);
    // a second file in order puts bucket bounds inside the spike's shadow (1..5 s)
    writeJsonl(join(dir, "b.jsonl"), entries(6000, T0, { over: (i) => ({ seq: 100_000 + i }) }));
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const { buckets } = await expectExactSlices(source, 400);
    const shadowed = buckets.filter((b) => b.from > "2026-11-25T10:00:01" && b.from < "2026-11-25T10:00:05");
    expect(shadowed.length).toBeGreaterThan(3);
    // the plan never seeks file a into the shadow: its checkpoint there is the spike's own line start
    for (const b of shadowed) {
      const a = b.hint?.files.find((f) => f[0] === "a.jsonl");
      expect(a === undefined || a[2] < b.from).toBe(true);
    }
    // the naive seek: binary search for the first line whose own timestamp is at or after the bucket's start
    const starts: Array<{ offset: number; ts: string }> = [];
    for await (const chunk of readLines(join(dir, "a.jsonl"), { maxLineBytes: 1 << 20 }))
      for (const l of chunk)
        starts.push({
          offset: l.offset,
          ts: `${(JSON.parse(l.text as string) as { timestamp: string }).timestamp.slice(0, 23)}000000Z`,
        });
    const naive = async (b: FileBucket): Promise<unknown> => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] as { ts: string }).ts < b.from) lo = mid + 1;
        else hi = mid;
      }
      const at = starts[Math.min(lo, starts.length - 1)] as { offset: number; ts: string };
      const fp = await fingerprint(join(dir, "a.jsonl"), at.offset);
      const files = ((b.hint?.files ?? []) as unknown[][]).filter((f) => f[0] !== "a.jsonl");
      if (at.offset > 0) files.push(["a.jsonl", at.offset, "", fp]);
      return { v: 1, to: TO, files };
    };
    const naiveHints = new Map<string, unknown>();
    for (const b of buckets) naiveHints.set(b.from, await naive(b));
    await expect(expectExactSlices(source, 400, { hint: (b) => naiveHints.get(b.from) })).rejects.toThrow();
  });
});
