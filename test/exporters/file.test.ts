import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { checkEntry, type LogRecord } from "../../src/core/log-record";
import { endPartialLineOf, FileExporter } from "../../src/exporters/file";
import { entry, tempDir } from "../support/fixtures";

function record(i: number, size: number): LogRecord {
  const e = entry(new Date(Date.UTC(2026, 10, 25, 8, 0, 0, i)).toISOString(), {
    message: `m${i} ${"x".repeat(size)}`,
    seq: i,
  });
  const c = checkEntry(e);
  if (!c.ok) throw new Error(c.reason);
  return { ts: c.ts, pos: c.ts, key: `f@${i}`, level: c.level, entry: c.entry, raw: JSON.stringify(e) };
}

describe("FileExporter", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it("writes concurrent requests one after the other: large requests never interleave inside a line", async () => {
    const exporter = new FileExporter("out", { id: "out", type: "file", path: "out.jsonl" }, 1000, dir);
    // each request is ~2 MB, which Node writes in several write() calls
    const batches = [0, 1, 2].map((b) =>
      Array.from({ length: 200 }, (_, i) => exporter.encode(record(b * 200 + i, 10_000))),
    );
    await Promise.all(batches.map((entries) => exporter.send(entries)));
    await exporter.close();
    const lines = readFileSync(join(dir, "out.jsonl"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(600);
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq).sort((a, b) => a - b);
    expect(seqs).toEqual([...Array(600).keys()]);
  });

  it("starts on a new line when a crash left the file ending inside a line", async () => {
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out/out.jsonl"), `${JSON.stringify({ a: 1 })}\n{"tenantId":"ma`);
    const exporter = new FileExporter("out", { id: "out", type: "file", path: "out/out.jsonl" }, 1000, dir);
    await exporter.send([exporter.encode(record(7, 10))]);
    await exporter.close();
    const lines = readFileSync(join(dir, "out/out.jsonl"), "utf8").split("\n");
    expect(lines[1]).toBe('{"tenantId":"ma');
    expect(JSON.parse(lines[2] as string)).toMatchObject({ seq: 7 });
    expect(lines[3]).toBe("");
  });

  it("with other appenders at once (apply --parallel), leaves the last line alone; the parent ends it once", async () => {
    mkdirSync(join(dir, "out"));
    const file = join(dir, "out/out.jsonl");
    // what an opener sees while another worker's write is in flight (or what a crash left)
    writeFileSync(file, `${JSON.stringify({ a: 1 })}\n{"tenantId":"ma`);
    const shared = new FileExporter(
      "out",
      { id: "out", type: "file", path: "out/out.jsonl" },
      1000,
      dir,
      false,
    );
    const line = shared.encode(record(7, 10));
    await shared.send([line]);
    await shared.close();
    // its write lands after the other one (O_APPEND): no newline of its own before it, so no blank line
    expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify({ a: 1 })}\n{"tenantId":"ma${line.payload}\n`);

    writeFileSync(file, `${JSON.stringify({ a: 1 })}\n{"tenantId":"ma`);
    await endPartialLineOf({ id: "out", type: "file", path: "out/out.jsonl" }, dir);
    await endPartialLineOf({ id: "out", type: "file", path: "out/out.jsonl" }, dir);
    expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify({ a: 1 })}\n{"tenantId":"ma\n`);
    // a missing file and rotated files (no path) are left alone
    await endPartialLineOf({ id: "out", type: "file", path: "out/none.jsonl" }, dir);
    await endPartialLineOf({ id: "out", type: "file", directory: "out" }, dir);
    expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify({ a: 1 })}\n{"tenantId":"ma\n`);
  });
});
