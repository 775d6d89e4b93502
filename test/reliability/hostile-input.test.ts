import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/fixtures";
import { run, type Exit } from "./support/child";
import { countFile, NOW, scenarioRandom, seqOf, writeShipperConfig } from "./support/data";
import { HOSTILE_CONFIGS, type HostileConfig } from "./support/hostile-configs";
import { hostileLines, validEntry, type HostileLine } from "./support/hostile-lines";
import { recordResult, tally } from "./support/results";
import { Sink } from "./support/sink";

// Hostile input. Configs: at least forty invalid ones (wrong types, unknown keys, bad durations and crons,
// template injection, a file over 1 MiB, a YAML bomb, deep nesting, non-UTF-8 bytes...) must each be refused
// with exit 1, the file, the path and the line, and no stack trace. Log lines: fuzzed invalid lines (fast-check)
// between valid ones must be counted as invalid while every valid line around them is shipped, with bounded
// memory.

const STACK = /\n\s+at .+[:(]/;
/**
 * The file source's line limit in the fuzzed-lines scenario: 256 KiB, the reader's own buffer, so that the buffer
 * never grows and the run's memory shows whether a line over the limit is held (the longest valid line, nested
 * 100,000 deep, is 200 KB).
 */
const MAX_LINE_BYTES = 256 * 1024;
/** What the 10 MB line may add to the run's peak RSS, in KiB: RSS noise between two runs, not the line. */
const LINE_COST_BOUND_KB = 8 * 1024;
const T0 = Date.UTC(2026, 10, 25, 8);

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

describe("hostile input", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir("logshipper-hostile-")));
  afterAll(() => cleanup());

  it(`refuses ${HOSTILE_CONFIGS.length + 2} invalid configs with exit 1, the path and line, and no stack trace`, async () => {
    expect(HOSTILE_CONFIGS.length).toBeGreaterThanOrEqual(40);
    mkdirSync(join(dir, "configs", "a-directory.yaml"), { recursive: true });
    const cases: Array<HostileConfig & { file: string }> = [
      ...HOSTILE_CONFIGS.map((c, i) => {
        const file = join(dir, "configs", `${String(i).padStart(2, "0")}.yaml`);
        writeFileSync(file, c.content);
        return { ...c, file };
      }),
      { name: "endless file (/dev/zero)", content: "", file: "/dev/zero", says: /larger than 1048576 bytes/ },
      { name: "a directory", content: "", file: join(dir, "configs", "a-directory.yaml"), says: /EISDIR/ },
    ];
    const results = await pool(
      cases.flatMap((c) =>
        (["validate", "apply"] as const).map((command) => async () => {
          const args =
            command === "validate"
              ? ["validate", "-c", c.file]
              : ["apply", "-c", c.file, "--state", join(dir, "state"), "--now", NOW];
          return { c, command, exit: await run(args, { cwd: dir, timeoutMs: 60_000 }) };
        }),
      ),
      4,
    );
    const problems: string[] = [];
    const failing = new Set<string>();
    const check = (c: HostileConfig & { file: string }, command: string, e: Exit): void => {
      const say = (what: string): void => {
        failing.add(`${c.name} ${command}`);
        problems.push(`${c.name} (${command}): ${what}\n${e.stderr}`);
      };
      if (e.code !== 1) say(`exit ${e.code} ${e.signal ?? ""}`);
      if (e.stdout !== "") say(`stdout: ${e.stdout.slice(0, 200)}`);
      if (!e.stderr.startsWith("Error: invalid configuration")) say("not a config error");
      if (!e.stderr.includes(c.file)) say("the file is not named");
      if (c.path !== undefined && !e.stderr.includes(`: ${c.path}: `)) say(`the path ${c.path} is not named`);
      if (c.line !== undefined && !e.stderr.includes(`${c.file}:${c.line}:`))
        say(`line ${c.line} is not named`);
      if (c.says !== undefined && !c.says.test(e.stderr)) say(`does not say ${c.says}`);
      if (STACK.test(e.stderr) || /unexpected error/.test(e.stderr))
        say("a stack trace or an unexpected error");
    };
    for (const { c, command, exit } of results) check(c, command, exit);
    recordResult({
      scenario: "hostile input: invalid configs",
      faults: `${cases.length} configs × validate and apply`,
      note: `${results.length - failing.size} of ${results.length} refused with exit 1, the file, path and line, no stack trace`,
    });
    expect(problems).toEqual([]);
  });

  it("counts fuzzed invalid log lines as invalid, ships every valid line around them, with bounded memory", async () => {
    const { seed } = scenarioRandom("hostile-lines");
    const hostile = hostileLines(seed, 700);
    const VALID = 5000;
    // valid lines, and after every few of them one hostile line; two valid entries nest a field 100,000 deep
    const lines: HostileLine[] = [];
    let h = 0;
    for (let i = 0; i < VALID; i++) {
      const deep = i === 1000 || i === 3000;
      const entry = deep
        ? {
            ...validEntry(i, T0 + i * 10),
            timestamp: new Date(T0 + i * 10).toISOString().replace("Z", "001Z"), // microseconds
            deep: JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown,
          }
        : validEntry(i, T0 + i * 10);
      const text = deep
        ? JSON.stringify(entry, (k, v) => (k === "deep" ? "__DEEP__" : v)).replace(
            '"__DEEP__"',
            `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
          )
        : JSON.stringify(entry);
      lines.push({
        kind: deep ? "valid, nested 100,000 deep" : "valid",
        bytes: Buffer.from(text),
        invalid: false,
        seq: i,
      });
      if (i % 7 === 3 && h < hostile.length) lines.push(hostile[h++] as HostileLine);
    }
    while (h < hostile.length) lines.push(hostile[h++] as HostileLine);
    const invalid = lines.filter((l) => l.invalid).length;
    writeFileSync(join(dir, "logs.jsonl"), Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from("\n")])));
    writeFileSync(
      join(dir, "short.jsonl"),
      Buffer.concat(
        lines.filter((l) => l.kind !== "10 MB line").flatMap((l) => [l.bytes, Buffer.from("\n")]),
      ),
    );
    const sink = await Sink.start("datadog");
    try {
      const exporters = (name: string): string[] => [
        `{ id: out, type: file, path: out/${name}.jsonl }`,
        `{ id: dd, type: datadog, basePath: "${sink.url}", apiKey: fuzz-key-0001 }`,
      ];
      const apply = (name: string, glob: string): Promise<Exit> =>
        run(
          [
            "apply",
            "-c",
            writeShipperConfig(dir, name, exporters(name), glob, `maxLineBytes: ${MAX_LINE_BYTES}`),
            "--state",
            join(dir, "state"),
            "--now",
            NOW,
            "--json",
          ],
          {
            cwd: dir,
            measure: true,
          },
        );
      // the same lines without the 10 MB one: the memory baseline
      const baseline = await apply("baseline", "short.jsonl");
      expect(baseline.code).toBe(0);
      sink.seen.clear();
      const exit = await apply("fuzz", "logs.jsonl");
      expect({ code: exit.code, stderr: exit.stderr }).toEqual({ code: 0, stderr: "" });
      const report = JSON.parse(exit.stdout) as {
        invalidLines: number;
        shippers: Array<{
          exporters: Array<{ id: string; shipped: number; rejected: number; deadLetter: string }>;
        }>;
      };
      const [file, dd] = report.shippers[0]?.exporters ?? [];
      const ids = [...Array(VALID).keys()];
      const out = countFile(join(dir, "out", "fuzz.jsonl"));
      const toFile = tally(ids, out.seen);
      const deadLettered = readFileSync(dd?.deadLetter as string, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { reason: string; entry: { message: string } });
      const toDatadog = tally(
        ids.filter((i) => i !== 1000 && i !== 3000),
        sink.seen,
      );
      const peak = exit.peakRssKb ?? 0;
      const base = baseline.peakRssKb ?? 0;
      const kinds = [...new Set(hostile.map((l) => l.kind))];
      recordResult({
        scenario: "hostile input: fuzzed log lines",
        faults: `${invalid} invalid lines (${kinds.join(", ")}), seed ${seed}`,
        expected: VALID,
        delivered: toFile.delivered,
        duplicated: toFile.duplicated,
        lost: toFile.lost,
        note: `counted invalid: ${report.invalidLines}; Datadog got ${toDatadog.delivered} + ${deadLettered.length} dead-lettered (nested too deep to encode); peak RSS ${Math.round(peak / 1024)} MiB vs ${Math.round(base / 1024)} MiB without the 10 MB line (bound +${LINE_COST_BOUND_KB / 1024} MiB; line limit ${MAX_LINE_BYTES / 1024} KiB)`,
      });
      expect(report.invalidLines).toBe(invalid);
      // the file exporter writes each line as it was read: every valid line, nothing else, once
      expect(out.corrupt).toEqual([]);
      expect(toFile.missing).toEqual([]);
      expect(toFile.duplicated).toBe(0);
      expect(file?.shipped).toBe(VALID);
      // Datadog got every valid line, except the two whose nesting its encoder cannot serialize: dead-lettered
      expect(toDatadog.missing).toEqual([]);
      expect(deadLettered.map((d) => [seqOf(d.entry.message), d.reason])).toEqual([
        [1000, "cannot be encoded for Datadog: Maximum call stack size exceeded"],
        [3000, "cannot be encoded for Datadog: Maximum call stack size exceeded"],
      ]);
      // the 10 MB line is skipped without being held: the run takes what it takes without it, give or take a few
      // MiB of RSS noise (measured: 0–1 MiB); a reader that buffers the whole line measured +18 MiB
      expect(peak).toBeGreaterThan(0);
      expect(peak - base).toBeLessThan(LINE_COST_BOUND_KB);
    } finally {
      await sink.close();
    }
  });
});
