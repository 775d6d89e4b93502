import { appendFileSync, copyFileSync, renameSync, truncateSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { FileSource as FileSourceConfig } from "../../generated/config";
import { FileSource } from "../../src/sources/file-source";
import type { Source } from "../../src/sources/source";
import { entry, tempDir, writeJsonl } from "../support/fixtures";
import { HostileShipper, judge, type Expected } from "./support/hostile-source";

// Files that change while a shipper reads them (the real reconciler, pipeline and state, in-process): one of two
// interleaved files copytruncated, truncated, renamed or deleted after the first batch. Each scenario ends ok with
// every line once over the runs, or fails with source-incomplete with every line behind its cursor delivered once.
// (A read that merges several files moves the cursor by all of them: a file cut short under the reader would let
// the cursor pass its unread lines, and the rotated copy's lines would then be skipped for good.)

const NOW = new Date("2026-11-25T12:00:00.000Z");
const T0 = NOW.getTime() - 60 * 60_000;
const PER_FILE = 3_000;
const pad = "x".repeat(240);

/** a.log and b.log, lines interleaved in time (a on even, b on odd milliseconds). */
function seed(dir: string): Expected[] {
  const expected: Expected[] = [];
  for (const [f, name] of ["a", "b"].entries()) {
    const lines = Array.from({ length: PER_FILE }, (_, i) => {
      const n = f * PER_FILE + i;
      const ts = new Date(T0 + i * 2 + f).toISOString();
      expected.push({ n, timestamp: ts });
      return entry(ts, { message: `line ${n}`, pad });
    });
    writeJsonl(join(dir, "logs", `${name}.log`), lines);
  }
  return expected;
}

/** Lines newer than the seed, numbered from `first`, appended to `file`. */
function appendNew(file: string, count: number, first: number, expected: Expected[]): void {
  const lines = Array.from({ length: count }, (_, i) => {
    const ts = new Date(T0 + 30 * 60_000 + i).toISOString();
    expected.push({ n: first + i, timestamp: ts });
    return JSON.stringify(entry(ts, { message: `line ${first + i}` }));
  });
  appendFileSync(file, `${lines.join("\n")}\n`);
}

/** The file source, with `change` run once after the consumer took its first batch. */
function changing(source: Source, change: () => void): Source {
  let pending = true;
  return {
    describe: () => source.describe(),
    count: (ranges) => source.count(ranges),
    check: (shipper) => source.check(shipper),
    async *read(range, options) {
      for await (const batch of source.read(range, options)) {
        yield batch;
        if (pending) change();
        pending = false;
      }
    },
  };
}

interface Scenario {
  readonly name: string;
  /** The change to b.log; returns the line numbers that may or may not arrive (lines truncated away). */
  readonly change: (b: string, expected: Expected[]) => number[];
  /** The first run must fail (source-incomplete); the second run is judged. */
  readonly firstFails: boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: "copytruncate of one of two interleaved files mid-read",
    change: (b, expected) => {
      copyFileSync(b, `${b}.1`);
      truncateSync(b, 0);
      appendNew(b, 10, 10_000, expected);
      return [];
    },
    firstFails: true,
  },
  {
    name: "truncation (no copy) of one of two files mid-read",
    change: (b) => {
      truncateSync(b, 0);
      return Array.from({ length: PER_FILE }, (_, i) => PER_FILE + i); // b's lines: gone with the cut
    },
    firstFails: true,
  },
  {
    name: "rotation by rename of one of two files mid-read",
    change: (b, expected) => {
      renameSync(b, `${b}.1`);
      writeJsonl(b, []);
      appendNew(b, 10, 10_000, expected);
      return [];
    },
    firstFails: false,
  },
  {
    name: "one of two files deleted mid-read",
    change: (b) => {
      unlinkSync(b);
      return [];
    },
    firstFails: false,
  },
];

describe("files that change while read: every line once, or source-incomplete", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir("logshipper-hostile-files-")));
  afterEach(() => cleanup());

  test.each(SCENARIOS)("$name", async (s) => {
    const expected = seed(dir);
    const b = join(dir, "logs", "b.log");
    let maybe: number[] = [];
    const config: FileSourceConfig = { type: "file", path: "logs/*.log*" };
    const ship = new HostileShipper(dir, config as unknown as Record<string, unknown>, async () =>
      changing(new FileSource(config, dir), () => (maybe = s.change(b, expected))),
    );
    const first = await ship.apply(NOW);
    const judged = (e: Expected[]) => e.filter((x) => !maybe.includes(x.n));
    if (s.firstFails) {
      judge(`hostile-files / ${s.name} (run 1)`, "b.log changed after batch 1", first, judged(expected), {
        mustFail: true,
      });
    } else {
      expect(first.status).toBe("ok");
    }
    const second = await new HostileShipper(dir, config as unknown as Record<string, unknown>).apply(NOW);
    judge(`hostile-files / ${s.name} (run 2)`, "b.log changed after batch 1", second, judged(expected), {
      note: `run 1 ${first.status}`,
    });
  });
});
