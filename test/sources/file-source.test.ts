import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cursorAt, type Cursor } from "../../src/core/cursor";
import { levelRank } from "../../src/core/levels";
import type { LogRecord } from "../../src/core/log-record";
import { fromEpochMs } from "../../src/core/timestamp";
import { FileSource } from "../../src/sources/file-source";
import type { InvalidLine, ReadRange } from "../../src/sources/source";
import { entries, entry, tempDir, writeJsonl } from "../support/fixtures";
import { peakMemoryDelta } from "../support/memory";

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const FAR = "9999-12-31T23:59:59.999999999Z";

async function readAll(
  source: FileSource,
  range: Partial<ReadRange> = {},
  batchSize = 1000,
): Promise<{ records: LogRecord[]; invalid: number; batches: number; bad: InvalidLine[] }> {
  const records: LogRecord[] = [];
  const bad: InvalidLine[] = [];
  let invalid = 0;
  let batches = 0;
  for await (const b of source.read(
    {
      after: range.after ?? cursorAt("0000-01-01T00:00:00.000000000Z"),
      to: range.to ?? FAR,
      filter: range.filter ?? { minLevelRank: 0 },
    },
    { batchSize, onInvalid: (l) => bad.push(l) },
  )) {
    records.push(...b.records);
    invalid += b.invalid;
    batches++;
  }
  return { records, invalid, batches, bad };
}

const seq = (rs: LogRecord[]): number[] => rs.map((r) => r.entry.seq as number);
const last = (rs: LogRecord[]): Cursor => {
  const r = rs[rs.length - 1] as LogRecord;
  return { ts: r.pos, key: r.key };
};

describe("FileSource", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it("reads JSON lines in order, in bounded batches, keeping the raw line", async () => {
    writeJsonl(join(dir, "a.jsonl"), entries(2500, T0));
    const { records, batches } = await readAll(
      new FileSource({ type: "file", path: "*.jsonl" }, dir),
      {},
      1000,
    );
    expect(records).toHaveLength(2500);
    expect(batches).toBe(3);
    expect(seq(records)).toEqual([...Array(2500).keys()]);
    expect(JSON.parse(records[0]?.raw as string)).toEqual(records[0]?.entry);
  });

  it("never loses or repeats records that share a timestamp across a resume at any point", async () => {
    // 40% ties, with whole runs of equal timestamps
    writeJsonl(
      join(dir, "a.jsonl"),
      entries(300, T0, {
        tieEvery: 1,
        over: (i) => ({ timestamp: new Date(T0 + Math.floor(i / 7)).toISOString() }),
      }),
    );
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const all = (await readAll(source)).records;
    for (const cut of [1, 6, 7, 8, 13, 150, 299]) {
      const after = { ts: all[cut - 1]?.pos as string, key: all[cut - 1]?.key as string };
      const rest = (await readAll(source, { after })).records;
      expect(seq(rest)).toEqual(seq(all).slice(cut));
    }
  });

  it("merges several files by position and resumes across them", async () => {
    writeJsonl(join(dir, "logs/b.jsonl"), entries(100, T0, { over: (i) => ({ seq: i * 2 + 1 }) }));
    writeJsonl(join(dir, "logs/a.jsonl"), entries(100, T0, { over: (i) => ({ seq: i * 2 }) }));
    const source = new FileSource({ type: "file", path: "logs/*.jsonl" }, dir);
    const { records } = await readAll(source);
    expect(seq(records)).toEqual([...Array(200).keys()]); // a before b at equal timestamps
    const rest = (await readAll(source, { after: last(records.slice(0, 51)) })).records;
    expect(seq(rest)).toEqual([...Array(200).keys()].slice(51));
  });

  it("resumes by seeking to the cursor's line and picks up appended lines", async () => {
    const file = join(dir, "a.jsonl");
    writeJsonl(file, entries(50, T0));
    const source = new FileSource({ type: "file", path: "a.jsonl" }, dir);
    const first = (await readAll(source)).records;
    appendFileSync(
      file,
      entries(60, T0)
        .slice(50)
        .map((e) => JSON.stringify(e))
        .join("\n") + "\n",
    );
    const next = (await readAll(source, { after: last(first) })).records;
    expect(seq(next)).toEqual([...Array(60).keys()].slice(50));
  });

  it("reads from the start when the file under the cursor was rewritten", async () => {
    const file = join(dir, "a.jsonl");
    writeJsonl(file, entries(50, T0));
    const source = new FileSource({ type: "file", path: "a.jsonl" }, dir);
    const first = (await readAll(source)).records;
    writeJsonl(file, entries(10, T0 + 1_000_000)); // rotated by copy-truncate, newer logs
    const next = (await readAll(source, { after: last(first) })).records;
    expect(seq(next)).toEqual([...Array(10).keys()]);
  });

  it("keeps a file in order when a line is older than the one before it, and ships it once", async () => {
    const lines = entries(10, T0);
    lines[5] = { ...lines[5], timestamp: new Date(T0 - 60_000).toISOString() }; // 1 minute late
    writeJsonl(join(dir, "a.jsonl"), lines);
    const source = new FileSource({ type: "file", path: "a.jsonl" }, dir);
    const { records } = await readAll(source);
    expect(seq(records)).toEqual([...Array(10).keys()]);
    expect(records[5]?.ts).toBe(fromEpochMs(T0 - 60_000));
    expect(records[5]?.pos).toBe(records[4]?.pos);
    const rest = (await readAll(source, { after: last(records.slice(0, 5)) })).records;
    expect(seq(rest)).toEqual([5, 6, 7, 8, 9]);
  });

  it("filters by level and namespace (with children) and by the range's end", async () => {
    writeJsonl(join(dir, "a.jsonl"), [
      entry("2026-11-25T10:00:00.000Z", { seq: 0, level: "DEBUG" }),
      entry("2026-11-25T10:00:01.000Z", { seq: 1, level: "WARN" }),
      entry("2026-11-25T10:00:02.000Z", { seq: 2, level: "ERROR", namespace: "company" }),
      entry("2026-11-25T10:00:03.000Z", { seq: 3, level: "WARN", namespace: "company.teamx" }),
      entry("2026-11-25T10:00:04.000Z", { seq: 4, level: "WARNING", namespace: "company.team.sub" }),
      entry("2026-11-25T10:00:05.000Z", { seq: 5, level: "ERROR" }),
    ]);
    const source = new FileSource({ type: "file", path: "a.jsonl" }, dir);
    const { records } = await readAll(source, {
      filter: { minLevelRank: levelRank("WARN"), namespace: "company.team" },
      to: "2026-11-25T10:00:04.000000000Z",
    });
    expect(seq(records)).toEqual([1, 4]);
    expect(records[1]?.level).toBe("WARN");
  });

  it("counts invalid lines without stopping: bad JSON, bad UTF-8, wrong types, bad timestamps, over-long lines", async () => {
    const file = join(dir, "a.jsonl");
    writeJsonl(file, [
      entry("2026-11-25T10:00:00.000Z", { seq: 0 }),
      "{not json",
      JSON.stringify(entry("yesterday", { seq: -1 })),
      JSON.stringify(entry("2026-11-25T10:00:00.500Z", { seq: -1, level: "LOUD" })),
      JSON.stringify({ ...entry("2026-11-25T10:00:00.600Z"), namespace: 42 }),
      JSON.stringify(entry("2026-11-25T10:00:00.700Z", { message: "x".repeat(5000) })),
      "[1,2,3]",
      entry("2026-11-25T10:00:01.000Z", { seq: 1 }),
    ]);
    appendFileSync(file, Buffer.from([0xff, 0xfe, 0x7b, 0x0a]));
    appendFileSync(file, JSON.stringify(entry("2026-11-25T10:00:02.000Z", { seq: 2 })) + "\r\n\n");
    const source = new FileSource({ type: "file", path: "a.jsonl", maxLineBytes: 4096 }, dir);
    const { records, invalid, bad } = await readAll(source);
    expect(seq(records)).toEqual([0, 1, 2]);
    expect(invalid).toBe(7);
    expect(bad.map((b) => b.reason)).toEqual([
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/`timestamp` "yesterday" is not an ISO-8601/),
      expect.stringMatching(/`level` "LOUD" is not a Kestra level/),
      expect.stringMatching(/`namespace` is missing or not a string/),
      expect.stringMatching(/line longer than 4096 bytes/),
      "not a JSON object",
      "not valid UTF-8",
    ]);
    // counted once: a resumed read after them does not count them again
    expect((await readAll(source, { after: last(records.slice(0, 2)) })).invalid).toBe(1);
  });

  it("counts a line more than an hour past the range's end as invalid instead of holding back the lines after it", async () => {
    const lines = entries(6, T0);
    lines[2] = { ...lines[2], timestamp: "9999-12-31T23:59:59Z" }; // a bogus clock
    lines[4] = { ...lines[4], timestamp: new Date(T0 + 4 + 30 * 60_000).toISOString() }; // 30 minutes ahead
    writeJsonl(join(dir, "a.jsonl"), lines);
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const to = fromEpochMs(T0 + 10);
    const { records, invalid, bad } = await readAll(source, { to });
    // the bogus line is invalid and the lines after it flow; the line 30 minutes ahead waits (and the file with it)
    expect(seq(records)).toEqual([0, 1, 3]);
    expect(invalid).toBe(1);
    expect(bad[0]?.reason).toMatch(/9999-12-31T23:59:59.000Z is more than 1 hour in the future/);
    const later = await readAll(source, { after: last(records), to: fromEpochMs(T0 + 40 * 60_000) });
    expect(seq(later.records)).toEqual([4, 5]);
  });

  it("stops at the end of a range pinned in the past instead of counting the later lines as invalid", async () => {
    const past = Date.parse("2020-01-01T00:00:00.000Z");
    const day = 86_400_000;
    writeJsonl(
      join(dir, "a.jsonl"),
      entries(4, past).map((e, i) => ({ ...e, timestamp: new Date(past + i * day).toISOString() })),
    );
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const first = await readAll(source, { to: fromEpochMs(past + day) });
    expect(seq(first.records)).toEqual([0, 1]);
    expect(first.invalid).toBe(0);
    const rest = await readAll(source, { after: last(first.records), to: fromEpochMs(past + 10 * day) });
    expect(seq(rest.records)).toEqual([2, 3]);
    expect(rest.invalid).toBe(0);
  });

  it("skips a 10 MB line without holding it: memory stays near the read buffer's size", async () => {
    const file = join(dir, "a.jsonl");
    const MiB = 1024 * 1024;
    writeFileSync(
      file,
      `${JSON.stringify(entry("2026-11-25T10:00:00.000Z", { seq: 0 }))}\n{"message":"${"y".repeat(10 * MiB)}"}\n${JSON.stringify(entry("2026-11-25T10:00:01.000Z", { seq: 1 }))}\n`,
    );
    // a limit under the reader's 256 KiB buffer, so that the buffer never grows: what a read costs beyond it is
    // what the line costs
    const limit = 64 * 1024;
    const source = new FileSource({ type: "file", path: "a.jsonl", maxLineBytes: limit }, dir);
    let read: Awaited<ReturnType<typeof readAll>> | undefined;
    const delta = await peakMemoryDelta(async () => {
      read = await readAll(source);
    });
    expect(seq(read?.records ?? [])).toEqual([0, 1]);
    expect(read?.invalid).toBe(1);
    expect(read?.bad.map((b) => b.reason)).toEqual([`line longer than ${limit} bytes`]);
    // measured: 0.8–1.2 MiB with or without the 10 MB line (the 256 KiB buffer, the records, the file's stat);
    // a reader that held the line, as a Buffer or as a string, would add 10 MiB or more
    expect(delta).toBeLessThan(4 * MiB);
  });

  it("counts the records of several ranges in one pass, and reports a glob that matches nothing", async () => {
    writeJsonl(join(dir, "a.jsonl"), entries(100, T0));
    const source = new FileSource({ type: "file", path: "*.jsonl" }, dir);
    const { records } = await readAll(source);
    const filter = { minLevelRank: 0 };
    expect(
      await source.count([
        { after: cursorAt("2000-01-01T00:00:00.000000000Z"), to: FAR, filter },
        { after: last(records.slice(0, 40)), to: FAR, filter },
      ]),
    ).toEqual([100, 60]);
    expect(await source.check("s")).toEqual([]);
    expect(await new FileSource({ type: "file", path: "nothing/*.jsonl" }, dir).check("s")).toEqual([
      expect.objectContaining({ kind: "source-missing", shipper: "s" }),
    ]);
  });
});
