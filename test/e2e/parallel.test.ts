import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateApplyReport } from "../../src/config/schema";
import { runCliAsync } from "../support/cli";
import { entries, tempDir, writeJsonl } from "../support/fixtures";

const NOW = "2026-11-25T12:00:00Z";
const T0 = Date.parse("2026-11-25T08:00:00.000Z");

/** The `seq` of every line of the file exporter's output after the first `skip` lines, in file order. */
function shippedSeqs(file: string, skip = 0): number[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .slice(skip)
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { seq: number }).seq);
}

describe("logshipper apply --parallel N", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const config = (): string => {
    const file = join(dir, "c.yaml");
    writeFileSync(
      file,
      `shippers:
  - id: app
    source: { type: file, path: "logs/*.jsonl" }
    logExporters:
      - { id: out, type: file, path: out/out.jsonl }
`,
    );
    return file;
  };

  it("rejects a bad worker count with a usage error, before reading anything", async () => {
    const c = config();
    for (const bad of ["0", "-2", "1.5", "x", "65"]) {
      const r = await runCliAsync(["apply", "-c", c, "--now", NOW, `--parallel=${bad}`], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `Error: --parallel ${bad}: expected a whole number of workers from 1 to 64 (1, the default, runs in this process without slicing)\n`,
      );
    }
    const target = await runCliAsync(
      ["apply", "-c", c, "--now", NOW, "--parallel", "2", "--slice-target", "0"],
      {
        cwd: dir,
      },
    );
    expect({ code: target.code, stderr: target.stderr }).toEqual({
      code: 1,
      stderr: "Error: --slice-target 0: expected a whole number of records per slice (at least 1)\n",
    });
    expect(existsSync(join(dir, ".logshipper"))).toBe(false);
  });

  it("ships a large file backlog with 4 workers exactly once, and the second apply ships nothing", async () => {
    const c = config();
    // one big file with out-of-order lines and ties, and three smaller ones that overlap it in time
    writeJsonl(
      join(dir, "logs/big.jsonl"),
      entries(60_000, T0, {
        tieEvery: 5,
        over: (i) => (i % 11 === 0 && i > 0 ? { timestamp: new Date(T0 + i * 0.8 - 40).toISOString() } : {}),
      }),
    );
    for (let f = 1; f <= 3; f++)
      writeJsonl(
        join(dir, `logs/small-${f}.jsonl`),
        entries(5000 * f, T0 + f * 7000, { over: (i) => ({ seq: f * 1_000_000 + i }) }),
      );
    const total = 60_000 + 5000 + 10_000 + 15_000;
    // the output file ends inside a line, as a crash of an earlier run leaves it: ended once, by the parent
    const partial = '{"tenantId":"main","seq":-1,"mess';
    mkdirSync(join(dir, "out"), { recursive: true });
    writeFileSync(join(dir, "out/out.jsonl"), `${JSON.stringify({ seq: -2 })}\n${partial}`);
    const first = await runCliAsync(
      ["apply", "-c", c, "--now", NOW, "--parallel", "4", "--slice-target", "5000", "--json"],
      { cwd: dir },
    );
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(validateApplyReport(report)).toEqual([]);
    expect(report.shippers[0]).toMatchObject({ id: "app", status: "ok", read: total });
    expect(report.shippers[0].exporters[0]).toMatchObject({ id: "out", shipped: total, rejected: 0 });
    // no blank line: a worker that opened the file while another one's write was in flight saw it end inside a
    // line and, before the fix, added a newline after that write
    const lines = readFileSync(join(dir, "out/out.jsonl"), "utf8").split("\n");
    expect(lines.slice(0, 2)).toEqual([JSON.stringify({ seq: -2 }), partial]);
    expect(lines.slice(0, -1).filter((l) => l === "")).toEqual([]);
    expect(lines[lines.length - 1]).toBe("");
    const seqs = shippedSeqs(join(dir, "out/out.jsonl"), 2);
    expect(seqs).toHaveLength(total);
    expect(new Set(seqs).size).toBe(total);
    // slices ran side by side: the big file's records (in file order serially) are not in file order
    const big = seqs.filter((s) => s < 1_000_000);
    expect(big).not.toEqual([...big].sort((a, b) => a - b));

    const second = await runCliAsync(["apply", "-c", c, "--now", NOW, "--parallel", "4", "--json"], {
      cwd: dir,
    });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).shippers[0].exporters[0]).toMatchObject({ shipped: 0 });
    expect(shippedSeqs(join(dir, "out/out.jsonl"), 2)).toHaveLength(total);
  });
});
