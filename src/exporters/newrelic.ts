import type { NewRelicExporter as NewRelicExporterConfig } from "../../generated/config";
import { LOG_ENTRY_FIELDS, type LogRecord } from "../core/log-record";
import { toEpochMs, toIso } from "../core/timestamp";
import {
  DEFAULT_HTTP_CONCURRENCY,
  GZIP_JSON_HEADERS,
  headerCredential,
  httpBaseUrl,
  postGzippedJson,
  transportOptions,
} from "../shipping/http-options";
import { HttpTransport } from "../shipping/http-transport";
import type { Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import { destinationOf, type ExporterContext } from "./registry";
import { safeCut, truncateUtf8 } from "./text-limits";

/** New Relic's documented Log API limits (https://docs.newrelic.com/docs/logs/log-api/introduction-log-api/). */
export const NEW_RELIC_LIMITS = {
  /**
   * "Payload total size: 1MB (10^6 bytes) maximum per POST". The docs do not say whether the compressed or the
   * uncompressed body counts, so the uncompressed body is kept under it, with room for gzip's own overhead on
   * incompressible data: then both are under 10^6 bytes.
   */
  maxRequestBytes: 999_000,
  /** "Number of attributes per event: 255 maximum". */
  maxAttributes: 255,
  /** The first 4,094 characters of a value are stored (and searchable) in the attribute itself… */
  storedChars: 4094,
  /** …the next 128,000 UTF-8 bytes go to a blob, and anything after that is dropped. */
  blobBytes: 128_000,
} as const;

/** The path Kestra's New Relic exporter appends to `basePath`. */
export const NEW_RELIC_PATH = "/log/v1";

/**
 * Statuses worth retrying. The docs name 429 (with `Retry-After` in seconds, "for the remainder of the minute");
 * 408 and 5xx are transient by HTTP's definition and New Relic's own log forwarder retries them too. 400, 401,
 * 403 and 404 are permanent; 413 splits the batch.
 */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/** Kestra's own fields; anything else in an entry is an extra field. */
const KESTRA_FIELDS: ReadonlySet<string> = new Set(LOG_ENTRY_FIELDS);

/**
 * Attribute names New Relic drops or reads specially (`accountId`, `eventType`, `instrumentation.*`, `entity.*`,
 * `log`/`LOG`/`MESSAGE` which become `message`, blob fields `newrelic.*`) or that log-shipper sets. An entry field
 * with one of these names is sent as `kestra.<name>`.
 */
const RESERVED = new Set([
  "accountId",
  "eventType",
  "entity.guid",
  "entity.name",
  "entity.type",
  "log",
  "LOG",
  "MESSAGE",
  "logtype",
  "kestra.timestamp",
  "kestra.extra",
  "logshipper.truncated",
]);

function isReserved(key: string): boolean {
  return RESERVED.has(key) || key.startsWith("instrumentation.") || key.startsWith("newrelic.");
}

/** Attributes every request carries in its `common` block. */
const COMMON = { logtype: "kestra" } as const;

/**
 * New Relic Log API: `POST {basePath}/log/v1` (US `https://log-api.newrelic.com`, EU
 * `https://log-api.eu.newrelic.com`, FedRAMP `https://gov-log-api.newrelic.com`) with the `Api-Key` header and a
 * gzipped detailed body `[{"common":{"attributes":{"logtype":"kestra"}},"logs":[…]}]`. Each entry becomes
 * `{"timestamp": <epoch ms>, "message", "attributes": {level, namespace, flowId, …}}`; the full-precision time
 * goes to `kestra.timestamp` when it has digits below the millisecond. Values longer than New Relic stores
 * (4,094 characters plus a 128,000-byte blob) are cut to what it stores and the entry is counted as truncated.
 */
export class NewRelicExporter implements Exporter<string> {
  readonly type = "newrelic" as const;
  readonly destination = "New Relic";
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  /** The timestamps the destination accepts (see the registry); records outside are dead-lettered. */
  readonly window = destinationOf("newrelic").window;
  /** The Log API URL, `{basePath}/log/v1`. */
  readonly url: string;
  private readonly http: HttpTransport;
  private readonly target: { readonly exporterId: string; readonly destination: string };
  private readonly headers: Record<string, string>;
  private readonly prefix: string;
  private readonly suffix = "]}]";

  constructor(
    readonly id: string,
    config: NewRelicExporterConfig,
    chunk: number,
    concurrency: number,
  ) {
    const base = httpBaseUrl(config.basePath, id, "basePath");
    this.url = base.endsWith(NEW_RELIC_PATH) ? base : `${base}${NEW_RELIC_PATH}`;
    this.headers = { ...GZIP_JSON_HEADERS, "Api-Key": headerCredential(config.apiKey, id, "apiKey") };
    this.prefix = `[{"common":{"attributes":${JSON.stringify(COMMON)}},"logs":[`;
    this.limits = {
      maxEntries: chunk,
      maxBytes: NEW_RELIC_LIMITS.maxRequestBytes,
      requestOverheadBytes: Buffer.byteLength(this.prefix + this.suffix, "utf8"),
      entryOverheadBytes: 1, // ,
    };
    this.target = { exporterId: id, destination: this.destination };
    this.http = new HttpTransport(
      transportOptions(config.options, { exporterId: id, destination: this.destination, concurrency }),
    );
  }

  encode(record: LogRecord): Encoded<string> {
    const e = record.entry;
    const attributes: Record<string, unknown> = { level: record.level };
    if (record.ts.slice(23, 29) !== "000000") attributes["kestra.timestamp"] = toIso(record.ts);
    // timestamp, message and the common `logtype` count as attributes too
    let count = Object.keys(attributes).length + 3;
    let extras: Record<string, unknown> | undefined;
    let truncated = false;
    for (const key in e) {
      if (key === "timestamp" || key === "message" || key === "level") continue;
      const original = e[key];
      if (original === null || original === undefined) continue;
      let value = original;
      if (typeof value === "object") value = JSON.stringify(value); // New Relic stores no arrays
      if (typeof value === "string" && value.length > NEW_RELIC_LIMITS.storedChars) {
        const kept = storable(value);
        if (kept.length !== value.length) truncated = true;
        value = kept;
      }
      if (!KESTRA_FIELDS.has(key)) (extras ??= {})[key] = original;
      attributes[isReserved(key) ? `kestra.${key}` : key] = value;
      count++;
    }
    if (count > NEW_RELIC_LIMITS.maxAttributes && extras !== undefined) {
      // too many attributes for one event: keep Kestra's fields, fold the extra ones into one JSON value
      for (const key of Object.keys(extras)) delete attributes[isReserved(key) ? `kestra.${key}` : key];
      const folded = JSON.stringify(extras);
      const kept = storable(folded);
      if (kept.length !== folded.length) truncated = true;
      attributes["kestra.extra"] = kept;
    }
    const message = storable(e.message);
    if (message.length !== e.message.length) truncated = true;
    if (truncated) attributes["logshipper.truncated"] = true;
    const payload = JSON.stringify({ timestamp: toEpochMs(record.ts), message, attributes });
    const bytes = Buffer.byteLength(payload, "utf8");
    return truncated ? { record, payload, bytes, truncated } : { record, payload, bytes };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    const body = `${this.prefix}${entries.map((e) => e.payload).join(",")}${this.suffix}`;
    await postGzippedJson(this.http, this.url, this.headers, body, this.target, RETRYABLE);
    return {};
  }

  async close(): Promise<void> {
    this.http.close();
  }
}

/** What New Relic stores of a string: its first 4,094 characters and the next 128,000 UTF-8 bytes. */
function storable(value: string): string {
  if (value.length <= NEW_RELIC_LIMITS.storedChars) return value;
  const head = safeCut(value, NEW_RELIC_LIMITS.storedChars);
  const tail = value.slice(head);
  const keptTail = truncateUtf8(tail, NEW_RELIC_LIMITS.blobBytes);
  return keptTail.length === tail.length ? value : value.slice(0, head) + keptTail;
}

/** Creates the New Relic exporter. */
export async function createNewRelicExporter(
  context: ExporterContext<NewRelicExporterConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  return new NewRelicExporter(r.id, context.config, r.chunk, r.concurrency ?? DEFAULT_HTTP_CONCURRENCY);
}
