import type { ElasticsearchExporter as ElasticsearchConfig } from "../../generated/config";
import type { LogRecord } from "../core/log-record";
import { redact, registerSecretValue } from "../secrets/redaction";
import { bodyBuffer } from "../shipping/body-pool";
import { DEFAULT_HTTP_CONCURRENCY, gzipBody, transportOptions } from "../shipping/http-options";
import { HttpTransport, responseError, type HttpResponse } from "../shipping/http-transport";
import { DeliveryError } from "./errors";
import type { Encoded, Exporter, ExporterLimits, SendContext, SendResult } from "./exporter";
import { exporterConfigError, recordDigest, RETRYABLE_STATUSES, trimBase } from "./http-support";
import type { ExporterContext } from "./registry";

/**
 * Largest uncompressed `_bulk` body. Elasticsearch's own `http.max_content_length` is 100mb, but hosted
 * services cap lower (AWS OpenSearch Service: 10 MiB, answered with 413 "Request size exceeded 10485760
 * bytes"), and Elastic advises against "a couple tens of megabytes". 10,000,000 bytes (Vector's default) stays
 * under every cap we know, whether the cap is counted before or after gzip. The schema has no property for it,
 * so it is a constant; a 413 still splits the batch.
 */
export const MAX_BULK_BYTES = 10_000_000;

/** How long a node that refused connections is skipped before it is tried again. */
const DOWN_MS = 30_000;

/** Only what the exporter reads from the bulk response; the rest (`took`, `_index`, `_version`...) is dropped. */
const FILTER_PATH = "filter_path=errors,items.*.status,items.*.error";

const ERRORS_FALSE = /"errors"\s*:\s*false/;

interface Node {
  readonly url: string;
  downUntil: number;
}

/** One item of a bulk response. */
interface BulkItem {
  status?: number;
  error?: { type?: string; reason?: string; caused_by?: { type?: string; reason?: string } } | string;
}

/** A source key that can be written into a JSON string as it is, and is short enough for an `_id`. */
const PLAIN_KEY = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,200}$/;

/**
 * The document id of a record: its timestamp and its position in the source, `<ts>|<key>` (for a file,
 * `2026-11-24T10:00:00.123456789Z|logs/kestra.jsonl@000000000004096`). A position names one record for good
 * (cursors rely on it), so a re-sent record gets the same id and `create` answers 409 instead of writing a
 * duplicate, while records that share a timestamp get different ids (Kestra's exporter used the timestamp alone,
 * and ties overwrote each other). The timestamp first keeps ids of one period together, which keeps Lucene's id
 * lookups local. A key that is long or needs JSON escaping is replaced by a SHA-256 digest of key and text.
 * Computing it costs no hashing in the common case.
 */
export function documentId(record: LogRecord): string {
  return PLAIN_KEY.test(record.key) ? `${record.ts}|${record.key}` : `${record.ts}#${recordDigest(record)}`;
}

/** `"}}` ending the action line and `{"@timestamp":"` starting the document. */
const ACTION_END = '"}}\n{"@timestamp":"';

/** An encoded record: its `_source` text and its document id, computed once. */
interface BulkEncoded extends Encoded<string> {
  readonly id?: string;
}

/** Bytes of `{"@timestamp":"<30-character timestamp>"` plus the newline after the document. */
const STAMP_BYTES = 15 + 30 + 1 + 1;

/**
 * Elasticsearch and OpenSearch `_bulk`: one `create` action per record with a deterministic `_id`, NDJSON,
 * gzip. The document is the Kestra entry as read, plus `@timestamp` at full precision (nine digits). Per-item
 * results are read: 409 (already indexed) counts as delivered, 429 and 5xx items are sent again, other item
 * errors go to the dead-letter, and 401/403/404 items (a credential, privilege or missing-index problem) fail the
 * exporter. Several `hosts` are used round-robin; a node that refuses connections is skipped for 30 s.
 */
export class ElasticsearchExporter implements Exporter<string> {
  readonly type = "elasticsearch" as const;
  readonly destination: string;
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  private readonly nodes: Node[];
  private next = 0;
  private readonly headers: Record<string, string>;
  private readonly actionPrefix: string;
  private readonly actionPrefixBytes: number;
  private readonly actionPrefixAscii: boolean;
  private readonly transport: HttpTransport;
  private readonly clock: () => number;

  constructor(
    readonly id: string,
    config: ElasticsearchConfig,
    options: {
      chunk: number;
      concurrency: number;
      shipperId: string;
      destination: string;
      clock?: () => number;
    },
  ) {
    this.destination = options.destination;
    this.clock = options.clock ?? Date.now;
    const bad = (path: string, message: string): never => {
      throw exporterConfigError(options.shipperId, id, path, message);
    };
    const c = config.connection;
    const prefix = c.pathPrefix ? `/${c.pathPrefix.replace(/^\/+|\/+$/g, "")}` : "";
    this.nodes = c.hosts.map((h, i) => {
      let url: URL;
      try {
        url = new URL(h);
      } catch {
        return bad(`connection.hosts[${i}]`, `${JSON.stringify(h)} is not a URL`);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:")
        bad(`connection.hosts[${i}]`, `${JSON.stringify(h)} is not an http(s) URL`);
      return { url: `${trimBase(h)}${prefix}/_bulk?${FILTER_PATH}`, downUntil: 0 };
    });
    const headers: Record<string, string> = {
      "content-type": "application/x-ndjson",
      "content-encoding": "gzip",
    };
    (c.headers ?? []).forEach((line, i) => {
      const colon = line.indexOf(":");
      const name = colon > 0 ? line.slice(0, colon).trim() : "";
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
        bad(`connection.headers[${i}]`, "expected `Name: value`");
      headers[name.toLowerCase()] = line.slice(colon + 1).trim();
    });
    const basic = c.basicAuth;
    if (c.apiKey !== undefined && basic !== undefined) {
      bad("connection", "set either basicAuth or apiKey, not both");
    }
    if (c.apiKey !== undefined) {
      registerSecretValue(c.apiKey);
      headers.authorization = `ApiKey ${c.apiKey}`;
    } else if (basic !== undefined) {
      if (basic.username === undefined) bad("connection.basicAuth.username", "is required with basicAuth");
      if (basic.password !== undefined) registerSecretValue(basic.password);
      const credentials = Buffer.from(`${basic.username}:${basic.password ?? ""}`).toString("base64");
      // the header's base64 is a credential too (a proxy or a node may echo it back in an error)
      registerSecretValue(credentials);
      headers.authorization = `Basic ${credentials}`;
    }
    this.headers = headers;
    this.actionPrefix = `{"create":{"_index":${JSON.stringify(config.indexName)},"_id":"`;
    this.actionPrefixBytes = Buffer.byteLength(this.actionPrefix, "utf8");
    this.actionPrefixAscii = this.actionPrefixBytes === this.actionPrefix.length;
    this.limits = { maxEntries: options.chunk, maxBytes: MAX_BULK_BYTES };
    this.transport = new HttpTransport(
      transportOptions(config.options, {
        exporterId: id,
        destination: this.destination,
        concurrency: options.concurrency,
        insecure: c.trustAllSsl === true,
      }),
    );
  }

  /** The node URLs (with the `_bulk` path), for tests and messages. */
  describeTarget(): string[] {
    return this.nodes.map((n) => n.url);
  }

  /**
   * The document as JSON, without `@timestamp`: the record's raw text when it has one (nothing is parsed or
   * re-serialized), else the entry serialized. `send` writes the action line and `{"@timestamp":"…",` in front
   * of it straight into the request buffer; `bytes` is computed without building that text.
   */
  encode(record: LogRecord): Encoded<string> {
    const raw = record.raw;
    let source: string;
    if (raw !== undefined && raw.charCodeAt(0) === 123 /* { */ && !("@timestamp" in record.entry)) {
      source = raw;
    } else {
      const { "@timestamp": _ignored, ...rest } = record.entry;
      source = JSON.stringify(rest);
    }
    const id = documentId(record);
    const bytes = this.actionPrefixBytes + id.length + 4 + STAMP_BYTES + Buffer.byteLength(source, "utf8");
    const encoded: BulkEncoded = { record, payload: source, bytes, id };
    return encoded;
  }

  async send(entries: ReadonlyArray<Encoded<string>>, _context?: SendContext): Promise<SendResult> {
    const res = await this.post(await gzipBody(this.body(entries)));
    if (res.status >= 200 && res.status < 300) return this.items(res, entries.length);
    throw responseError(res, this.target(), { retryable: RETRYABLE_STATUSES });
  }

  /** The NDJSON body: for each entry, `{"create":{"_index":…,"_id":…}}` and the document with `@timestamp`. */
  body(entries: ReadonlyArray<Encoded<string>>): Buffer {
    let total = 0;
    for (const e of entries) total += e.bytes;
    const buf = bodyBuffer(total); // given back by gzipBody once compressed
    let o = 0;
    for (const e of entries as ReadonlyArray<BulkEncoded>) {
      const r = e.record;
      // the action line and the start of the document in one write (ids and timestamps are ASCII)
      const head = `${this.actionPrefix}${e.id ?? documentId(r)}${ACTION_END}${r.ts}"`;
      o += buf.write(head, o, this.actionPrefixAscii ? "latin1" : "utf8");
      const start = o;
      o += buf.write(e.payload, o, "utf8");
      buf[start] = 0x2c; // the document's `{` becomes the `,` after @timestamp
      buf[o++] = 0x0a;
    }
    if (o !== total) throw new Error(`internal error: bulk body is ${o} bytes, expected ${total}`);
    return buf;
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  private target(): { exporterId: string; destination: string } {
    return { exporterId: this.id, destination: this.destination };
  }

  /** Posts to the next node; on a connection failure, to the next one, each node at most once. */
  private async post(body: Buffer): Promise<HttpResponse> {
    let last: unknown;
    for (let tried = 0; tried < this.nodes.length; tried++) {
      const node = this.pick();
      try {
        return await this.transport.request("POST", node.url, { headers: this.headers, body });
      } catch (err) {
        if (!(err instanceof DeliveryError) || !err.retryable) throw err;
        node.downUntil = this.clock() + DOWN_MS;
        last = err;
      }
    }
    throw last;
  }

  /** Round-robin over the nodes that are up; when all are down, over all of them. */
  private pick(): Node {
    const now = this.clock();
    const n = this.nodes.length;
    for (let i = 0; i < n; i++) {
      const node = this.nodes[(this.next + i) % n] as Node;
      if (node.downUntil <= now) {
        this.next = (this.next + i + 1) % n;
        return node;
      }
    }
    const node = this.nodes[this.next % n] as Node;
    this.next = (this.next + 1) % n;
    return node;
  }

  /** Reads the per-item results of an accepted bulk request. */
  private items(res: HttpResponse, count: number): SendResult {
    if (ERRORS_FALSE.test(res.body.slice(0, 64))) return {};
    let items: Array<Record<string, BulkItem>> | undefined;
    try {
      const parsed = JSON.parse(res.body) as { errors?: boolean; items?: Array<Record<string, BulkItem>> };
      if (parsed.errors === false) return {};
      items = parsed.items;
    } catch {
      items = undefined;
    }
    if (!Array.isArray(items) || items.length !== count) {
      throw new DeliveryError({
        ...this.target(),
        status: res.status,
        vendorMessage: `unexpected bulk response (expected ${count} items): ${redact(res.body.slice(0, 200))}`,
        retryable: false,
      });
    }
    const rejected: Array<{ index: number; reason: string }> = [];
    const retry: Array<{ index: number; reason: string }> = [];
    let fatal: { status: number; reason: string } | undefined;
    for (let i = 0; i < count; i++) {
      const item = firstValue(items[i]);
      const status = item?.status ?? 0;
      if ((status >= 200 && status < 300) || status === 409) continue; // 409 on create: already indexed
      const reason = `HTTP ${status} ${describeItemError(item?.error)}`;
      if (status === 429 || status >= 500) retry.push({ index: i, reason });
      else if (status === 401 || status === 403 || status === 404) fatal ??= { status, reason };
      else rejected.push({ index: i, reason: redact(reason) });
    }
    if (fatal !== undefined) {
      throw new DeliveryError({
        ...this.target(),
        status: fatal.status,
        vendorMessage: redact(`bulk item refused: ${fatal.reason}`),
        retryable: false,
      });
    }
    return {
      ...(rejected.length > 0 ? { rejected } : {}),
      ...(retry.length > 0 ? { retry } : {}),
    };
  }
}

function firstValue(item: Record<string, BulkItem> | undefined): BulkItem | undefined {
  if (item === undefined || item === null) return undefined;
  for (const k in item) return item[k];
  return undefined;
}

function describeItemError(error: BulkItem["error"]): string {
  if (error === undefined) return "(no error given)";
  if (typeof error === "string") return error.slice(0, 500);
  const cause = error.caused_by?.reason
    ? ` (caused by ${error.caused_by.type}: ${error.caused_by.reason})`
    : "";
  return `${error.type ?? "error"}: ${error.reason ?? ""}${cause}`.slice(0, 500);
}

/** Creates the Elasticsearch/OpenSearch exporter. */
export async function createElasticsearchExporter(
  context: ExporterContext<ElasticsearchConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  return new ElasticsearchExporter(r.id, context.config, {
    chunk: r.chunk,
    concurrency: r.concurrency ?? DEFAULT_HTTP_CONCURRENCY,
    shipperId: context.shipperId,
    destination: /opensearch/i.test(r.typeName) ? "OpenSearch" : "Elasticsearch",
  });
}
