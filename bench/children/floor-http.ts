// HTTP floor: one keep-alive client posts ~1 MB NDJSON bodies of the kept lines, one at a time, to the sink's
// /ingest (the sink parses every line) or /discard (the sink drops the body). Only the sending loop is timed.
// Usage: --file F --url http://127.0.0.1:PORT/ingest
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { flags, KEPT_LEVELS, need, readLineChunks, report, type Entry } from "./common";

const BODY_BYTES = 1_000_000;

async function main(): Promise<void> {
  const f = flags();
  const url = new URL(need(f, "url"));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/x-ndjson", "content-length": body.length },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  let timed = 0;
  let records = 0;
  let bytes = 0;
  let requests = 0;
  let parts: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    const body = Buffer.from(parts.join(""));
    parts = [];
    size = 0;
    const t0 = performance.now();
    await post(body);
    timed += performance.now() - t0;
    bytes += body.length;
    requests++;
  };
  for await (const lines of readLineChunks(need(f, "file"))) {
    for (const line of lines) {
      if (line === "") continue;
      const e = JSON.parse(line) as Entry;
      if (!KEPT_LEVELS.has(e.level)) continue;
      const len = Buffer.byteLength(line) + 1;
      if (size > 0 && size + len > BODY_BYTES) await flush();
      parts.push(line, "\n");
      size += len;
      records++;
    }
  }
  if (size > 0) await flush();
  agent.destroy();
  report({
    timedS: timed / 1000,
    records,
    bytes,
    note: `${requests} × ${(bytes / requests / 1e6).toFixed(2)} MB bodies`,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
