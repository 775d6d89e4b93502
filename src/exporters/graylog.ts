import type { GraylogExporter as GraylogExporterConfig } from "../../generated/config";
import type { Level } from "../core/levels";
import type { LogRecord } from "../core/log-record";
import { toEpochSecondsText, toIso } from "../core/timestamp";
import {
  DEFAULT_HTTP_CONCURRENCY,
  GZIP_JSON_HEADERS,
  httpBaseUrl,
  postGzippedJson,
  transportOptions,
} from "../shipping/http-options";
import { HttpTransport } from "../shipping/http-transport";
import type { Encoded, Exporter, ExporterLimits, SendResult } from "./exporter";
import { RETRYABLE_STATUSES } from "./http-support";
import type { ExporterContext } from "./registry";
import { cutToJsonBytes } from "./text-limits";

/** Graylog's GELF HTTP input. */
export const GELF_LIMITS = {
  /**
   * The input's "Max. HTTP chunk size" (`max_chunk_size`): the longest request body it takes, 65,536 bytes unless
   * the input is configured otherwise. A longer body is answered 413, which splits the batch.
   */
  defaultMaxRequestBytes: 65_536,
} as const;

/** GELF `level`: syslog severities (3 error, 4 warning, 6 informational, 7 debug). */
export const GELF_LEVEL: Readonly<Record<Level, number>> = {
  TRACE: 7,
  DEBUG: 7,
  INFO: 6,
  WARN: 4,
  ERROR: 3,
};

/**
 * Graylog GELF HTTP input: `POST {endpoint}` (e.g. `http://graylog:12201/gelf`), gzipped, answered 202 Accepted.
 * Each entry becomes a GELF 1.1 message: `version` "1.1", `host` = `graylogHost`, `short_message` the message's
 * first line, `full_message` the whole message when it has several lines, `timestamp` in epoch seconds with
 * microseconds, `level` the syslog severity, and every other field of the entry as an additional field `_<name>`
 * (`_level` keeps Kestra's level name; `_id`, reserved by Graylog, is sent as `_kestra_id`; objects and booleans
 * as text, since GELF fields are strings or numbers).
 *
 * One message per request unless `bulk` is on: then up to `chunk` messages, newline-delimited, as the input's
 * "Enable Bulk Receiving" (Graylog 4.3+) accepts them. A request stays within `maxRequestBytes` (the input's
 * "Max. HTTP chunk size"); a message that alone would pass it is cut to fit and marked `_logshipper_truncated`.
 * Graylog parses messages after it answered, so it reports no per-message error.
 */
export class GraylogExporter implements Exporter<string> {
  readonly type = "graylog" as const;
  readonly destination = "Graylog";
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  readonly url: string;
  private readonly http: HttpTransport;
  private readonly target: { readonly exporterId: string; readonly destination: string };
  private readonly host: string;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly id: string,
    config: GraylogExporterConfig,
    chunk: number,
    concurrency: number,
  ) {
    this.url = httpBaseUrl(config.endpoint, id, "endpoint");
    this.host = config.graylogHost ?? "Kestra";
    const bulk = config.bulk === true;
    // several messages are one JSON object per line, not one JSON document
    this.headers = bulk
      ? { ...GZIP_JSON_HEADERS, "Content-Type": "application/x-ndjson" }
      : GZIP_JSON_HEADERS;
    this.limits = {
      maxEntries: bulk ? chunk : 1,
      maxBytes: config.maxRequestBytes ?? GELF_LIMITS.defaultMaxRequestBytes,
      entryOverheadBytes: 1, // \n
    };
    this.target = { exporterId: id, destination: this.destination };
    this.http = new HttpTransport(
      transportOptions(config.options, { exporterId: id, destination: this.destination, concurrency }),
    );
  }

  encode(record: LogRecord): Encoded<string> {
    const e = record.entry;
    const message = e.message;
    const firstBreak = message.search(/\r?\n/);
    const gelf: Record<string, unknown> = {
      version: "1.1",
      host: this.host,
      short_message: firstBreak < 0 ? message : message.slice(0, firstBreak),
    };
    if (firstBreak >= 0) gelf.full_message = message;
    gelf.timestamp = 0; // a placeholder for the exact text, see `text`
    gelf.level = GELF_LEVEL[record.level];
    gelf._level = record.level;
    if (record.ts.slice(23, 29) !== "000000") gelf._kestra_timestamp = toIso(record.ts);
    for (const key in e) {
      if (key === "message" || key === "timestamp" || key === "level") continue;
      const value = fieldValue(e[key]);
      if (value !== undefined) gelf[fieldName(key)] = value;
    }
    if (gelf.short_message === "") gelf.short_message = "(empty message)"; // GELF requires one
    let payload = this.text(gelf, record);
    let bytes = Buffer.byteLength(payload, "utf8");
    if (bytes + 1 <= this.limits.maxBytes) return { record, payload, bytes };

    // larger than the input takes in one request: cut the message (the longer of the two texts) to fit
    gelf._logshipper_truncated = true;
    const key = gelf.full_message !== undefined ? "full_message" : "short_message";
    const text = gelf[key] as string;
    gelf[key] = "";
    const room = this.limits.maxBytes - 1 - Buffer.byteLength(this.text(gelf, record), "utf8");
    gelf[key] = cutToJsonBytes(text, Math.max(0, room));
    if (key === "full_message" && (gelf.short_message as string).length > (gelf[key] as string).length)
      gelf.short_message = gelf[key] || "(empty message)";
    payload = this.text(gelf, record);
    bytes = Buffer.byteLength(payload, "utf8");
    return { record, payload, bytes, truncated: true };
  }

  /** The message's JSON text, with the exact `timestamp` (written as text: no digit lost to a double). */
  private text(gelf: Record<string, unknown>, record: LogRecord): string {
    // the first `"timestamp":0,` is GELF's own key: a key inside a value is escaped, additional fields start with _
    return JSON.stringify(gelf).replace('"timestamp":0,', `"timestamp":${toEpochSecondsText(record.ts, 6)},`);
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    const body = entries.map((e) => e.payload).join("\n");
    await postGzippedJson(this.http, this.url, this.headers, body, this.target, RETRYABLE_STATUSES);
    return {};
  }

  async close(): Promise<void> {
    this.http.close();
  }
}

/** The additional field name of an entry key: `_key`, with characters GELF refuses replaced and `_id` avoided. */
function fieldName(key: string): string {
  const name = `_${key.replace(/[^\w.-]/g, "_")}`;
  return name === "_id" || name === "_" ? `_kestra${name}` : name;
}

/** A GELF field value: strings and finite numbers as they are, anything else as JSON text; null is left out. */
function fieldValue(value: unknown): string | number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Creates the Graylog exporter. */
export async function createGraylogExporter(
  context: ExporterContext<GraylogExporterConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  return new GraylogExporter(r.id, context.config, r.chunk, r.concurrency ?? DEFAULT_HTTP_CONCURRENCY);
}
