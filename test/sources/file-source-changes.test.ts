import { appendFileSync, copyFileSync, renameSync, truncateSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { cursorAt, type Cursor } from "../../src/core/cursor";
import type { LogRecord } from "../../src/core/log-record";
import { SourceIncompleteError } from "../../src/sources/errors";
import { FileSource } from "../../src/sources/file-source";
import { entries, tempDir, writeJsonl } from "../support/fixtures";

// Files that change under the reader: truncated or copytruncated while read, renamed (rotation) or deleted while
// read or between runs. The read either reaches the file's end (its size when the read started) or fails with
// source-incomplete, so that no cursor passes lines it did not read.

const T0 = Date.parse("2026-11-25T10:00:00.000Z");
const FAR = "9999-12-31T23:59:59.999999999Z";
/** Enough lines (about 1.3 MB) that the reader is still reading when the file changes after the first batch. */
const N = 4_000;
const pad = "x".repeat(200);

const seq = (rs: LogRecord[]): number[] => rs.map((r) => r.entry.seq as number);
const cursorOf = (rs: LogRecord[]): Cursor => {
  const r = rs[rs.length - 1] as LogRecord;
  return { ts: r.pos, key: r.key };
};
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Reads `pattern` after `after`; runs `change` once after the first batch. Resolves with what was read and threw. */
async function readWith(
  dir: string,
  pattern: string,
  after: Cursor,
  change?: () => void,
): Promise<{ records: LogRecord[]; error?: unknown }> {
  const source = new FileSource({ type: "file", path: pattern }, dir);
  const records: LogRecord[] = [];
  let first = true;
  try {
    for await (const b of source.read({ after, to: FAR, filter: { minLevelRank: 0 } }, { batchSize: 100 })) {
      records.push(...b.records);
      if (first) change?.();
      first = false;
    }
    return { records };
  } catch (error) {
    return { records, error };
  }
}

describe("FileSource: files that change under the reader", () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  const START = cursorAt("0000-01-01T00:00:00.000000000Z");
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    file = join(dir, "logs", "app.log");
    writeJsonl(file, entries(N, T0, { over: () => ({ pad }) }));
  });
  afterEach(() => cleanup());
  const newer = (n: number, from: number) =>
    entries(n, T0 + 3_600_000, { over: (i) => ({ seq: from + i, message: `new ${i}` }) });
  const append = (lines: Array<Record<string, unknown>>) =>
    appendFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");

  it("a file truncated while it is read fails with source-incomplete, after only lines before the cut", async () => {
    const { records, error } = await readWith(dir, "logs/*.log", START, () => truncateSync(file, 0));
    expect(error).toBeInstanceOf(SourceIncompleteError);
    expect((error as Error).message).toMatch(/the file logs\/app\.log could not be read completely/);
    expect((error as Error).message).toMatch(/bytes when the read started/);
    expect(records.length).toBeLessThan(N);
    expect(seq(records)).toEqual(range(records.length)); // a prefix, in order
  });

  it("copytruncate while read: the read fails; the next read ships the rest from the copy, each line once", async () => {
    const first = await readWith(dir, "logs/app.log*", START, () => {
      copyFileSync(file, `${file}.1`);
      truncateSync(file, 0);
      append(newer(10, N));
    });
    expect(first.error).toBeInstanceOf(SourceIncompleteError);
    const shipped = first.records.slice(0, Math.floor(first.records.length / 100) * 100); // whole batches
    const second = await readWith(dir, "logs/app.log*", cursorOf(shipped));
    expect(second.error).toBeUndefined();
    expect([...seq(shipped), ...seq(second.records)]).toEqual(range(N + 10));
  });

  it("rotation by rename while read: the open file is read to its end; the new file is read next time", async () => {
    const first = await readWith(dir, "logs/app.log*", START, () => {
      renameSync(file, `${file}.1`);
      writeJsonl(file, newer(10, N));
    });
    expect(first.error).toBeUndefined();
    expect(seq(first.records)).toEqual(range(N));
    const second = await readWith(dir, "logs/app.log*", cursorOf(first.records));
    expect(seq(second.records)).toEqual(range(10).map((i) => N + i));
  });

  it("a file deleted while read is read to its end (the open handle keeps it)", async () => {
    const { records, error } = await readWith(dir, "logs/*.log", START, () => unlinkSync(file));
    expect(error).toBeUndefined();
    expect(seq(records)).toEqual(range(N));
  });

  it("deleted between plan and apply: plan counted it, apply reads nothing and check() says source-missing", async () => {
    const source = new FileSource({ type: "file", path: "logs/*.log" }, dir);
    const all = { after: START, to: FAR, filter: { minLevelRank: 0 } };
    expect(await source.count([all])).toEqual([N]);
    unlinkSync(file);
    const { records, error } = await readWith(dir, "logs/*.log", START);
    expect(error).toBeUndefined();
    expect(records).toEqual([]);
    expect((await source.check("s1")).map((d) => d.kind)).toEqual(["source-missing"]);
  });

  it("between runs: copytruncate, then rotation by rename, each ship only the new lines, once", async () => {
    const first = await readWith(dir, "logs/app.log*", START);
    expect(seq(first.records)).toEqual(range(N));
    copyFileSync(file, `${file}.1`);
    truncateSync(file, 0);
    append(newer(5, N));
    const second = await readWith(dir, "logs/app.log*", cursorOf(first.records));
    expect(seq(second.records)).toEqual(range(5).map((i) => N + i));
    renameSync(file, `${file}.2`);
    writeJsonl(file, entries(5, T0 + 7_200_000, { over: (i) => ({ seq: N + 5 + i }) }));
    const third = await readWith(dir, "logs/app.log*", cursorOf(second.records));
    expect(seq(third.records)).toEqual(range(5).map((i) => N + 5 + i));
  });
});
