// A local HTTP sink that answers like Datadog's logs intake and Elasticsearch's `_bulk`, parses every record it
// receives and counts them (unique identities too). One sink process per measured run.
//   POST /api/v2/logs          Datadog: gzip (or plain) JSON array, DD-API-KEY required, 5 MB uncompressed /
//                              1000 entries / 1 MB per entry (else 413), 202 on success
//   POST /_bulk, /<index>/_bulk Elasticsearch: NDJSON, optional gzip, per-item results (`errors`, `items`),
//                              `create` of a record already indexed answers 409 per item
//   POST /ingest               floor: NDJSON, every line parsed
//   POST /discard              floor: body read and dropped (records = newlines)
//   GET  /__stats              what the sink saw, its CPU time and peak RSS
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { identityOf, IdentitySet, type IdentityFields } from "../lib/identity";

const DD_MAX_BYTES = 5_000_000;
const DD_MAX_ENTRIES = 1000;
const DD_MAX_ENTRY_BYTES = 1_000_000;
const ES_MAX_BYTES = 100 * 1024 * 1024;

const ids = new IdentitySet();
const stats = {
  requests: 0,
  /** Bytes on the wire (compressed where the client compressed). */
  wireBytes: 0,
  /** Bytes after decompression. */
  bodyBytes: 0,
  /** Records received (duplicates included). */
  records: 0,
  statuses: {} as Record<string, number>,
  errors: [] as string[],
  firstRequestMs: 0,
  lastResponseMs: 0,
};
let cpuAtReady = process.cpuUsage();

function answer(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
  stats.lastResponseMs = Date.now();
}

function fail(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (stats.errors.length < 10) stats.errors.push(`${status} ${message}`);
  answer(res, status, JSON.stringify({ errors: [message] }), headers);
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function decoded(req: IncomingMessage, raw: Buffer): Buffer {
  const enc = req.headers["content-encoding"];
  if (enc === "gzip") return gunzipSync(raw);
  if (enc !== undefined && enc !== "identity") throw new Error(`unsupported content-encoding ${enc}`);
  return raw;
}

function count(e: IdentityFields): void {
  stats.records++;
  ids.add(identityOf(e));
}

function datadog(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
  if (!req.headers["dd-api-key"]) return fail(res, 403, "Forbidden: DD-API-KEY is missing");
  const buf = decoded(req, raw);
  stats.bodyBytes += buf.length;
  if (buf.length > DD_MAX_BYTES) return fail(res, 413, `payload of ${buf.length} bytes is larger than 5MB`);
  const parsed = JSON.parse(buf.toString("utf8")) as unknown;
  const logs = (Array.isArray(parsed) ? parsed : [parsed]) as IdentityFields[];
  if (logs.length > DD_MAX_ENTRIES) return fail(res, 413, `${logs.length} logs in one payload (max 1000)`);
  if (buf.length > DD_MAX_ENTRY_BYTES) {
    for (const log of logs)
      if (Buffer.byteLength(JSON.stringify(log)) > DD_MAX_ENTRY_BYTES)
        return fail(res, 413, "a log is larger than 1MB");
  }
  for (const log of logs) count(log);
  answer(res, 202, "{}");
}

function elasticsearch(req: IncomingMessage, res: ServerResponse, raw: Buffer, url: string): void {
  const buf = decoded(req, raw);
  stats.bodyBytes += buf.length;
  const product = { "x-elastic-product": "Elasticsearch" };
  if (buf.length > ES_MAX_BYTES) return fail(res, 413, "Request entity too large", product);
  const text = buf.toString("utf8");
  const filtered = url.includes("filter_path=");
  const items: string[] = [];
  let errors = false;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const actionLine = text.slice(pos, nl);
    pos = nl + 1;
    if (actionLine.trim() === "") continue;
    const action = JSON.parse(actionLine) as Record<string, { _index?: string; _id?: string }>;
    const op = Object.keys(action)[0] as string;
    const meta = action[op] ?? {};
    if (op === "delete") {
      items.push(`{"delete":{"status":404}}`);
      continue;
    }
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const doc = JSON.parse(text.slice(pos, end)) as IdentityFields;
    pos = end + 1;
    stats.records++;
    const fresh = ids.add(identityOf(doc));
    const status = fresh ? 201 : op === "create" ? 409 : 200;
    if (status === 409) errors = true;
    const error =
      status === 409
        ? `,"error":{"type":"version_conflict_engine_exception","reason":"[${meta._id ?? ""}]: version conflict, document already exists"}`
        : "";
    items.push(
      filtered
        ? `{"${op}":{"status":${status}${error}}}`
        : `{"${op}":{"_index":${JSON.stringify(meta._index ?? "kestra-logs")},"_id":"${meta._id ?? stats.records}","_version":1,"result":"${status === 409 ? "noop" : status === 201 ? "created" : "updated"}","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":${stats.records},"_primary_term":1,"status":${status}${error}}}`,
    );
  }
  const head = filtered ? "" : `"took":1,`;
  answer(res, 200, `{${head}"errors":${errors},"items":[${items.join(",")}]}`, product);
}

function ingest(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
  const buf = decoded(req, raw);
  stats.bodyBytes += buf.length;
  const text = buf.toString("utf8");
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    if (nl > pos) count(JSON.parse(text.slice(pos, nl)) as IdentityFields);
    pos = nl + 1;
  }
  answer(res, 200, "{}");
}

function discard(res: ServerResponse, raw: Buffer): void {
  stats.bodyBytes += raw.length;
  for (let nl = raw.indexOf(10); nl >= 0; nl = raw.indexOf(10, nl + 1)) stats.records++;
  answer(res, 200, "{}");
}

const server = createServer(
  { keepAliveTimeout: 120_000, requestTimeout: 0, headersTimeout: 120_000 },
  (req, res) => {
    const url = req.url ?? "/";
    if (req.method === "GET" && url === "/__stats") {
      const cpu = process.cpuUsage(cpuAtReady);
      const { maxRSS } = process.resourceUsage();
      const out = {
        ...stats,
        unique: ids.unique,
        checksum: ids.checksum,
        cpuS: (cpu.user + cpu.system) / 1e6,
        maxRssKb: maxRSS,
      };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(out));
      return;
    }
    if (req.method === "GET" && (url === "/" || url.startsWith("/?"))) {
      answer(
        res,
        200,
        JSON.stringify({ name: "bench-sink", version: { number: "9.4.0" }, tagline: "You Know, for Search" }),
        {
          "x-elastic-product": "Elasticsearch",
        },
      );
      return;
    }
    if (stats.requests === 0) stats.firstRequestMs = Date.now();
    stats.requests++;
    body(req)
      .then((raw) => {
        stats.wireBytes += raw.length;
        const path = url.split("?")[0] as string;
        if (req.method !== "POST" && req.method !== "PUT") return fail(res, 405, `${req.method} ${path}`);
        if (path === "/api/v2/logs") return datadog(req, res, raw);
        if (path === "/_bulk" || path.endsWith("/_bulk")) return elasticsearch(req, res, raw, url);
        if (path === "/ingest") return ingest(req, res, raw);
        if (path === "/discard") return discard(res, raw);
        return fail(res, 404, `no route ${path}`);
      })
      .catch((err: unknown) => fail(res, 400, `bad request: ${(err as Error).message.slice(0, 200)}`));
  },
);
server.keepAliveTimeout = 120_000;
server.maxRequestsPerSocket = 0;
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  cpuAtReady = process.cpuUsage();
  process.stdout.write(`SINK_READY ${typeof addr === "object" && addr ? addr.port : 0}\n`);
});
process.on("SIGTERM", () => process.exit(0));
