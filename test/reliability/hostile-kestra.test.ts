import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KestraSource as KestraSourceConfig } from "../../generated/config";
import type { LogEntry } from "../../src/core/log-record";
import { createKestraSource } from "../../src/sources/kestra-source";
import { tempDir } from "../support/fixtures";
import { entryAt, FakeKestra, type FakeKestraOptions } from "../contract/fake-kestra";
import { run } from "./support/child";
import { delivered, HostileShipper, judge, type Expected } from "./support/hostile-source";
import { recordResult, tally } from "./support/results";

// A hostile Kestra server (test/contract/fake-kestra.ts over real HTTP): page caps with either meaning of `page`,
// sort ignored, equal timestamps across pages, totals that change while paging, legacy exclusive dates, date
// filters ignored, cursor mode without a total, empty pages, a total it never delivers, 429/5xx in a window,
// entries with and without ids. Each scenario ends ok with every record in range exactly once, or fails with
// source-incomplete with every record behind its cursor delivered once (judge()).

const NOW = new Date("2026-11-25T12:00:00.000Z");
const T0 = NOW.getTime() - 30 * 60_000;
const N = 1_000;
const iso = (ms: number, micros = "123") => `${new Date(ms).toISOString().slice(0, 23)}${micros}Z`;

/**
 * N logs over two minutes in groups of 6 equal timestamps (so ties straddle every page size), every 10th one
 * DEBUG (below the shipper's INFO); plus logs outside the range (before the lookback, after now − settleDelay).
 */
function dataset(): { logs: LogEntry[]; expected: Expected[]; never: number[] } {
  const logs: LogEntry[] = [];
  const expected: Expected[] = [];
  for (let i = 0; i < N; i++) {
    const e = entryAt(iso(T0 + Math.floor(i / 6) * 480), i, { level: i % 10 === 9 ? "DEBUG" : "INFO" });
    logs.push(e);
    if (e.level !== "DEBUG") expected.push({ n: i, timestamp: e.timestamp });
  }
  const never: number[] = [];
  for (let i = 0; i < 30; i++) {
    logs.push(entryAt(iso(NOW.getTime() - 5 * 3_600_000 + i * 1000), 100_000 + i));
    logs.push(entryAt(iso(NOW.getTime() - 30_000 + i * 100), 200_000 + i));
    never.push(100_000 + i, 200_000 + i, ...logs.filter((l) => l.level === "DEBUG").map((l) => num(l)));
  }
  return { logs, expected, never: [...new Set(never)] };
}
const num = (e: LogEntry): number => Number(/(\d+)$/.exec(e.message)?.[1]);

interface Scenario {
  readonly name: string;
  readonly options?: FakeKestraOptions;
  readonly pageSize?: number;
  /** Changes the server as it serves; returns the record numbers that may or may not arrive. */
  readonly setup?: (f: FakeKestra) => number[];
  readonly mustFail?: boolean;
}

const late = (f: FakeKestra, count: number, first: number): number[] => {
  const added = Array.from({ length: count }, (_, i) =>
    entryAt(iso(T0 + 100_000 + i * 37, "999"), first + i),
  );
  f.logs.push(...added);
  return added.map(num);
};

const SCENARIOS: Scenario[] = [
  { name: "page cap 7, page = page of the capped size", options: { pageCap: 7 } },
  { name: "page cap 10, page = page of the asked size", options: { pageCap: 10, pageMeans: "asked" } },
  { name: "page cap 50, page = page of the capped size", options: { pageCap: 50 } },
  { name: "page cap 50, page = page of the asked size", options: { pageCap: 50, pageMeans: "asked" } },
  { name: "page cap 100, page = page of the capped size", options: { pageCap: 100 } },
  { name: "page cap 100, page = page of the asked size", options: { pageCap: 100, pageMeans: "asked" } },
  {
    name: "sort ignored (newest first), cap 10 asked",
    options: { ignoreSort: true, pageCap: 10, pageMeans: "asked" },
  },
  {
    name: "equal timestamps ordered differently on every query",
    options: { shuffleTies: true },
    pageSize: 20,
  },
  {
    name: "logs inserted while paging (total grows)",
    pageSize: 40,
    setup: (f) => {
      let maybe: number[] = [];
      f.beforeResponse = (n) => {
        if (n === 3) maybe = maybe.concat(late(f, 15, 300_000));
        if (n === 12) maybe = maybe.concat(late(f, 15, 300_100));
      };
      return Array.from({ length: 15 }, (_, i) => [300_000 + i, 300_100 + i]).flat();
    },
  },
  {
    name: "logs purged by retention while paging (total shrinks)",
    pageSize: 40,
    setup: (f) => {
      const oldest = f.logs.slice(0, 60);
      f.beforeResponse = (n) => {
        if (n === 4) f.logs = f.logs.filter((e) => !oldest.includes(e));
      };
      return oldest.map(num);
    },
  },
  {
    name: "legacy exclusive startDate/endDate (ms precision)",
    options: { legacyExclusive: true },
    pageSize: 50,
  },
  { name: "date filters ignored (returns everything)", options: { ignoreDates: true }, pageSize: 100 },
  { name: "cursor mode (2.0) without total, cap 25", options: { cursor: true, pageCap: 25 } },
  {
    name: "cursor mode, empty pages while nextCursor goes on",
    options: { cursor: true },
    pageSize: 30,
    setup: (f) => {
      f.emptyPage = (n) => n % 3 === 1;
      return [];
    },
  },
  {
    name: "one empty page mid-window, total non-zero",
    pageSize: 30,
    setup: (f) => {
      f.emptyPage = (n) => n === 5;
      return [];
    },
  },
  { name: "a total it never delivers (an empty last page)", options: { phantom: 1 }, mustFail: true },
  {
    name: "429 (Retry-After) and 503 mid-window",
    pageSize: 50,
    setup: (f) => {
      f.fault = (n) =>
        n === 4
          ? { status: 429, body: { message: "slow down" }, headers: { "retry-after": "0" } }
          : n === 9 || n === 10
            ? { status: 503, body: { message: "unavailable" } }
            : undefined;
      return [];
    },
  },
  {
    name: "503 for good from the 12th request",
    pageSize: 50,
    mustFail: true,
    setup: (f) => {
      f.fault = (n) => (n >= 12 ? { status: 503, body: { message: "down" } } : undefined);
      return [];
    },
  },
  { name: "every entry with an id", options: { ids: "all", pageCap: 50 } },
  { name: "half the entries with an id, cap 7", options: { ids: "some", pageCap: 7 } },
];

describe("a hostile Kestra server: every record in range once, or source-incomplete", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir("logshipper-hostile-kestra-")));
  afterEach(() => cleanup());

  test.each(SCENARIOS)("$name", async (s) => {
    const { logs, expected, never } = dataset();
    const f = new FakeKestra("http://unused", s.options);
    f.logs = logs;
    const maybe = s.setup?.(f) ?? [];
    const url = await f.listen();
    try {
      const source = { type: "kestra", url, tenant: "main", pageSize: s.pageSize ?? 500 };
      const shipper = new HostileShipper(dir, source, (sh, ctx) =>
        createKestraSource(sh.source as KestraSourceConfig, ctx, {
          backoff: { baseMs: 1, maxMs: 5 },
          maxAttempts: 3,
          maxWindowRecords: 300,
        }),
      );
      const result = await shipper.apply(NOW);
      const faults = [
        s.options ? JSON.stringify(s.options).replace(/["{}]/g, "") : "",
        s.pageSize ? `size=${s.pageSize}` : "size=500",
      ]
        .filter(Boolean)
        .join(", ");
      judge(
        `hostile-kestra / ${s.name}`,
        faults,
        result,
        expected.filter((e) => !maybe.includes(e.n)),
        {
          mustFail: s.mustFail,
          never,
          note: `${f.requests.length} requests`,
        },
      );
      if (s.mustFail) expect(result.message).toContain("source-incomplete");
    } finally {
      await f.close();
    }
  });
});

/** A native config: one shipper reading the Kestra API at `url`, INFO and up, to out/logs.jsonl. */
function writeKestraConfig(dir: string, url: string): string {
  const config = join(dir, "kestra.yaml");
  writeFileSync(
    config,
    `shippers:
  - id: kestra
    source: { type: kestra, url: "${url}", tenant: main }
    logLevelFilter: INFO
    lookbackPeriod: PT1H
    logExporters:
      - { id: out, type: file, path: out/logs.jsonl }
`,
  );
  return config;
}

describe("issue 13: a server that caps pages at 50 for size=500 (the CLI, as a user runs it)", () => {
  test("5,059 logs over two minutes: apply ships all 5,059 once and says ok; the next apply ships none", async () => {
    const { dir, cleanup } = tempDir("logshipper-issue13-");
    const f = new FakeKestra("http://unused", { pageCap: 50, pageMeans: "capped" });
    const t0 = NOW.getTime() - 10 * 60_000;
    f.logs = Array.from({ length: 5_059 }, (_, i) => entryAt(iso(t0 + Math.floor((i * 120_000) / 5_059)), i));
    const url = await f.listen();
    try {
      const config = writeKestraConfig(dir, url);
      const args = ["apply", "-c", config, "--state", join(dir, "state"), "--now", NOW.toISOString()];
      const first = await run(args, { cwd: dir, timeoutMs: 120_000 });
      const seen = delivered(join(dir, "out", "logs.jsonl"));
      const t = tally(
        Array.from({ length: 5_059 }, (_, i) => i),
        seen,
      );
      recordResult({
        scenario: "hostile-kestra / issue 13: 5,059 logs, cap 50, size 500 (CLI)",
        faults: "page cap 50 (correct total)",
        expected: t.expected,
        delivered: t.delivered,
        duplicated: t.duplicated,
        lost: t.lost,
        note: `exit ${first.code}, ${f.requests.length} requests`,
      });
      expect({ code: first.code, lost: t.lost, duplicated: t.duplicated }).toEqual({
        code: 0,
        lost: 0,
        duplicated: 0,
      });
      const second = await run(args, { cwd: dir, timeoutMs: 60_000 });
      expect(second.code).toBe(0);
      expect(delivered(join(dir, "out", "logs.jsonl")).size).toBe(5_059);
      expect([...delivered(join(dir, "out", "logs.jsonl")).values()].every((c) => c === 1)).toBe(true);
    } finally {
      await f.close();
      cleanup();
    }
  });

  test("a server that cannot be read completely: exit 1, source-incomplete on stderr and in plan, no offset", async () => {
    const { dir, cleanup } = tempDir("logshipper-incomplete-");
    const f = new FakeKestra("http://unused", { pageCap: 50, phantom: 3 });
    const t0 = NOW.getTime() - 10 * 60_000;
    f.logs = Array.from({ length: 400 }, (_, i) => entryAt(iso(t0 + i * 100), i));
    const url = await f.listen();
    try {
      const config = writeKestraConfig(dir, url);
      const state = join(dir, "state");
      const apply = await run(["apply", "-c", config, "--state", state, "--now", NOW.toISOString()], {
        cwd: dir,
        timeoutMs: 120_000,
      });
      const seen = delivered(join(dir, "out", "logs.jsonl"));
      recordResult({
        scenario: "hostile-kestra / a total it never delivers (CLI)",
        faults: "total + 3, page cap 50",
        expected: 400,
        delivered: seen.size,
        note: `exit ${apply.code}, source-incomplete, no offset`,
      });
      if (process.env.SHOW_CLI) process.stderr.write(`${apply.stdout}\n${apply.stderr}\n`);
      expect(apply.code).toBe(1);
      expect(apply.stdout + apply.stderr).toMatch(/source-incomplete: kestra .*could not be read completely/);
      expect(apply.stdout + apply.stderr).not.toMatch(/\n\s+at /); // no stack trace
      const plan = await run(["plan", "-c", config, "--state", state, "--now", NOW.toISOString()], {
        cwd: dir,
      });
      expect(plan.stdout).toMatch(/! source-incomplete +kestra: cannot read the source/);
      const show = await run(["state", "list", "--state", state, "--json"], { cwd: dir });
      expect(show.code).toBe(0);
      expect(JSON.parse(show.stdout)).toEqual([]); // no offset was written
      expect(seen.size).toBe(0);
    } finally {
      await f.close();
      cleanup();
    }
  });
});
