// CPU floors, each stage alone in one process. Usage: --file F --mode parse|stringify|gzip1|gzip6
//   parse      read (1 MiB chunks) + split + JSON.parse every line: the whole loop is timed
//   stringify  JSON.stringify of the kept records in batches of 1000: only the stringify calls are timed
//   gzipN      zlib gzip (level N) of the serialized batches (JSON arrays of 1000 kept lines): only gzip is timed
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { flags, keptBatches, KEPT_LEVELS, need, readLineChunks, report, type Entry } from "./common";

async function main(): Promise<void> {
  const f = flags();
  const file = need(f, "file");
  const mode = need(f, "mode");
  if (mode === "parse") {
    const t0 = performance.now();
    let kept = 0;
    for await (const lines of readLineChunks(file)) {
      for (const line of lines) {
        if (line === "") continue;
        const e = JSON.parse(line) as Entry;
        if (KEPT_LEVELS.has(e.level)) kept++;
      }
    }
    const timedS = (performance.now() - t0) / 1000;
    report({ timedS, records: kept, bytes: statSync(file).size });
    return;
  }
  let timed = 0;
  let records = 0;
  let bytes = 0;
  let out = 0;
  const level = mode === "gzip1" ? 1 : mode === "gzip6" ? 6 : undefined;
  if (mode !== "stringify" && level === undefined) throw new Error(`unknown mode ${mode}`);
  for await (const batch of keptBatches(file, 1000)) {
    records += batch.length;
    if (level === undefined) {
      const entries = batch.map((b) => b.entry);
      const t0 = performance.now();
      const text = JSON.stringify(entries);
      timed += performance.now() - t0;
      bytes += Buffer.byteLength(text);
    } else {
      const text = `[${batch.map((b) => b.line).join(",")}]`;
      const input = Buffer.from(text);
      const t0 = performance.now();
      const gz = gzipSync(input, { level });
      timed += performance.now() - t0;
      bytes += input.length;
      out += gz.length;
    }
  }
  report({
    timedS: timed / 1000,
    records,
    bytes,
    note: level !== undefined ? `gzip ratio ${(bytes / out).toFixed(2)}` : undefined,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
