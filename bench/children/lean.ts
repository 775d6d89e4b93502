// Yardstick: a lean hand-written pipeline, the least code that does the shipper's work without its guarantees
// (no retries, no offsets, no dead-letter, no per-item results). Read in 1 MiB chunks, `JSON.parse`, level
// filter, `JSON.stringify` every kept record, async gzip level 1, `node:http` keep-alive, 4 requests in flight.
//   --mode es       Elasticsearch `_bulk`: `{"create":{"_index":…}}` + the entry, ~1 MB NDJSON bodies
//   --mode datadog  Datadog intake: JSON arrays of 1000 logs (the entry with ddsource, service, ddtags, status)
// It is not product code: a yardstick for the CPU per record of `logshipper apply` (see docs/bench.md).
// Usage: --mode es|datadog --file F --url http://127.0.0.1:PORT
import { Agent, request } from "node:http";
import { promisify } from "node:util";
import { gzip as gzipCb } from "node:zlib";
import { flags, keptBatches, need, report, uptimeS, type Entry } from "./common";

const gzip = promisify(gzipCb);
const IN_FLIGHT = 4;
const ES_BODY_BYTES = 1_000_000;
const ES_ACTION = '{"create":{"_index":"kestra-logs"}}\n';

async function main(): Promise<void> {
  const loadS = uptimeS();
  const f = flags();
  const mode = need(f, "mode");
  const base = new URL(need(f, "url"));
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const path = mode === "es" ? "/_bulk?filter_path=errors" : "/api/v2/logs";
  const headers: Record<string, string> =
    mode === "es"
      ? { "content-type": "application/x-ndjson", "content-encoding": "gzip" }
      : { "content-type": "application/json", "content-encoding": "gzip", "dd-api-key": "bench-api-key" };
  const post = (body: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path,
          method: "POST",
          headers: { ...headers, "content-length": body.length },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => {
            if (res.statusCode !== 200 && res.statusCode !== 202) reject(new Error(`HTTP ${res.statusCode}`));
            else if (mode === "es" && !text.includes('"errors":false'))
              reject(new Error(`bulk errors: ${text}`));
            else resolve();
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const running = new Set<Promise<void>>();
  let records = 0;
  let requests = 0;
  const ship = async (text: string, n: number): Promise<void> => {
    const p: Promise<void> = gzip(Buffer.from(text), { level: 1 })
      .then(post)
      .then(() => {
        records += n;
        running.delete(p);
      });
    running.add(p);
    requests++;
    if (running.size >= IN_FLIGHT) await Promise.race(running);
  };
  let parts: string[] = [];
  let size = 0;
  for await (const batch of keptBatches(need(f, "file"), 1000)) {
    if (mode === "es") {
      for (const { entry } of batch) {
        const doc = JSON.stringify(entry);
        const len = ES_ACTION.length + doc.length + 1;
        if (size > 0 && size + len > ES_BODY_BYTES) {
          await ship(parts.join(""), parts.length / 3);
          parts = [];
          size = 0;
        }
        parts.push(ES_ACTION, doc, "\n");
        size += len;
      }
    } else {
      const logs = batch.map(({ entry }) => JSON.stringify(datadogLog(entry)));
      await ship(`[${logs.join(",")}]`, logs.length);
    }
  }
  if (parts.length > 0) await ship(parts.join(""), parts.length / 3);
  await Promise.all(running);
  agent.destroy();
  report({ loadS, timedS: uptimeS() - loadS, records, note: `${requests} requests` });
}

/** The entry as a Datadog log: the parsed object itself, with Datadog's keys added. */
function datadogLog(e: Entry): Record<string, unknown> {
  const log = e as Record<string, unknown>;
  log.ddsource = "kestra";
  log.service = "kestra";
  log.ddtags = `namespace:${e.namespace},flow_id:${e.flowId}${typeof e.tenantId === "string" ? `,tenant_id:${e.tenantId}` : ""}`;
  log.status = e.level.toLowerCase();
  return log;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
