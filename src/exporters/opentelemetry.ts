import type { OpenTelemetryExporter as OpenTelemetryExporterConfig } from "../../generated/config";
import type { ExporterType } from "../config/exporter-types";
import { ConfigError } from "../config/errors";
import type { Level } from "../core/levels";
import type { LogRecord } from "../core/log-record";
import { toEpochNanosString } from "../core/timestamp";
import { redact, registerSecretValue } from "../secrets/redaction";
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

/** OTLP/HTTP limits (https://github.com/open-telemetry/opentelemetry-proto/blob/main/docs/specification.md). */
export const OTLP_LIMITS = {
  /** "The client SHOULD limit the size of the request body, including before compression … 20 MiB". */
  maxRequestBytes: 20 * 1024 * 1024,
} as const;

/**
 * The only statuses OTLP allows to retry: "All other 4xx or 5xx response status codes MUST NOT be retried",
 * 500 included. 413 is never resent unchanged: the batch is split.
 */
const RETRYABLE = new Set([429, 502, 503, 504]);

/** `SeverityNumber` of the OpenTelemetry log data model: the first number of each range. */
export const SEVERITY_NUMBER: Readonly<Record<Level, number>> = {
  TRACE: 1,
  DEBUG: 5,
  INFO: 9,
  WARN: 13,
  ERROR: 17,
};

/** The instrumentation scope of every log record. */
const SCOPE = { name: "log-shipper" } as const;

/** Headers log-shipper sets itself; `authorizationHeaderName` cannot replace them. */
const OWN_HEADERS = new Set([
  "content-type",
  "content-encoding",
  "content-length",
  "host",
  "transfer-encoding",
]);
/** An HTTP header name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An OTLP `AnyValue` in JSON. */
type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;
interface KeyValue {
  key: string;
  value: AnyValue;
}

/**
 * OpenTelemetry OTLP/HTTP with the JSON encoding: `POST {otlpEndpoint}` (for example
 * `http://localhost:4318/v1/logs`), gzipped, with an optional credentials header. A request is one
 * `ExportLogsServiceRequest` with one resource (`service.name`) and one scope; each entry becomes a `LogRecord`
 * with `timeUnixNano` at full nanosecond precision (a decimal string), `severityNumber`/`severityText` from the
 * level, the message as the string body, and every other field of the entry as an attribute.
 *
 * A `200` with `partialSuccess.rejectedLogRecords > 0` is never retried (OTLP forbids it). The response does not
 * say which records were rejected, so every record of that request goes to the dead-letter with the receiver's
 * message and the count: nothing is lost silently, at the price of dead-lettering records that may also have been
 * stored.
 */
export class OpenTelemetryExporter implements Exporter<string> {
  readonly type: ExporterType;
  readonly destination: string;
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  /** The timestamps the destination accepts (see the registry); records outside are dead-lettered. */
  readonly window = destinationOf("opentelemetry").window;
  /** The logs URL, used as given. */
  readonly url: string;
  private readonly http: HttpTransport;
  private readonly target: { readonly exporterId: string; readonly destination: string };
  private readonly headers: Record<string, string>;
  private readonly prefix: string;
  private readonly suffix = "]}]}]}";

  constructor(
    readonly id: string,
    config: OpenTelemetryExporterConfig,
    chunk: number,
    concurrency: number,
    private readonly warn: (message: string) => void = () => undefined,
    variant: OtlpVariant = {},
  ) {
    this.type = variant.type ?? "opentelemetry";
    this.destination = variant.destination ?? "OpenTelemetry";
    this.url = httpBaseUrl(config.otlpEndpoint, id, "otlpEndpoint");
    this.headers = { ...GZIP_JSON_HEADERS, ...variant.headers };
    const name = config.authorizationHeaderName?.trim();
    const value = config.authorizationHeaderValue?.trim();
    if ((name === undefined || name === "") !== (value === undefined || value === "")) {
      throw new ConfigError(`exporter ${id}`, [
        {
          path: name ? "authorizationHeaderValue" : "authorizationHeaderName",
          message: "authorizationHeaderName and authorizationHeaderValue go together: set both or neither",
        },
      ]);
    }
    if (name && value) {
      if (!TOKEN.test(name) || OWN_HEADERS.has(name.toLowerCase())) {
        throw new ConfigError(`exporter ${id}`, [
          {
            path: "authorizationHeaderName",
            message: `${JSON.stringify(name)} is not a header name log-shipper can send credentials in`,
          },
        ]);
      }
      // a vendor may echo the bare credential of `Bearer <token>`: it is registered for redaction too
      headerCredential(value, id, "authorizationHeaderValue");
      const credential = value.split(/\s+/).pop();
      if (credential !== undefined && credential !== value) registerSecretValue(credential);
      this.headers[name] = value;
    }
    const resource = {
      attributes: [{ key: "service.name", value: { stringValue: config.serviceName ?? "kestra" } }],
    };
    this.prefix = `{"resourceLogs":[{"resource":${JSON.stringify(resource)},"scopeLogs":[{"scope":${JSON.stringify(SCOPE)},"logRecords":[`;
    this.limits = {
      maxEntries: chunk,
      maxBytes: OTLP_LIMITS.maxRequestBytes,
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
    const attributes: KeyValue[] = [];
    for (const key in e) {
      if (key === "timestamp" || key === "level" || key === "message") continue;
      const value = anyValue(e[key]);
      if (value !== undefined) attributes.push({ key, value });
    }
    const payload = JSON.stringify({
      timeUnixNano: toEpochNanosString(record.ts),
      severityNumber: SEVERITY_NUMBER[record.level],
      severityText: record.level,
      body: { stringValue: e.message },
      attributes,
    });
    return { record, payload, bytes: Buffer.byteLength(payload, "utf8") };
  }

  async send(entries: ReadonlyArray<Encoded<string>>): Promise<SendResult> {
    const body = `${this.prefix}${entries.map((e) => e.payload).join(",")}${this.suffix}`;
    const res = await postGzippedJson(this.http, this.url, this.headers, body, this.target, RETRYABLE);
    const partial = partialSuccess(res.body);
    if (partial === undefined) return {};
    const message = partial.message !== undefined ? redact(partial.message.slice(0, 300)) : undefined;
    if (partial.rejected <= 0) {
      if (message) this.warn(`exporter ${this.id} (${this.destination}): the receiver warns: ${message}`);
      return {};
    }
    const rejected = Math.min(partial.rejected, entries.length);
    const reason =
      `OTLP partial success: the receiver rejected ${rejected} of the ${entries.length} log records of one ` +
      `request without saying which, so all ${entries.length} are dead-lettered (this one may have been stored)` +
      (message ? `: ${message}` : "");
    this.warn(`exporter ${this.id} (${this.destination}): ${reason}`);
    return { rejected: entries.map((_, index) => ({ index, reason })) };
  }

  async close(): Promise<void> {
    this.http.close();
  }
}

/** A vendor's OTLP/HTTP intake built on this exporter (Dash0): its type, its name and the headers it adds. */
export interface OtlpVariant {
  readonly type?: ExporterType;
  readonly destination?: string;
  /** Extra headers (already checked and registered for redaction by the caller). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** `partialSuccess` of an `ExportLogsServiceResponse` in JSON, when present. */
function partialSuccess(body: string): { rejected: number; message?: string } | undefined {
  if (body.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // not JSON (e.g. a receiver answering in protobuf): nothing to read
  }
  const ps = (parsed as { partialSuccess?: unknown } | null)?.partialSuccess;
  if (ps === null || typeof ps !== "object") return undefined;
  const p = ps as { rejectedLogRecords?: unknown; errorMessage?: unknown };
  // int64 in proto3 JSON: a decimal string, or a number
  const rejected = Number(p.rejectedLogRecords ?? 0);
  const message = typeof p.errorMessage === "string" && p.errorMessage !== "" ? p.errorMessage : undefined;
  if (!Number.isFinite(rejected)) return { rejected: 0, message };
  if (rejected === 0 && message === undefined) return undefined;
  return { rejected, message };
}

/** A JSON value as an OTLP `AnyValue`; `undefined` for null (the attribute is left out). */
function anyValue(value: unknown): AnyValue | undefined {
  switch (typeof value) {
    case "string":
      return { stringValue: value };
    case "boolean":
      return { boolValue: value };
    case "number":
      return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
    case "object": {
      if (value === null) return undefined;
      if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => anyValue(v) ?? {}) } };
      const values: KeyValue[] = [];
      for (const [key, v] of Object.entries(value)) {
        const a = anyValue(v);
        if (a !== undefined) values.push({ key, value: a });
      }
      return { kvlistValue: { values } };
    }
    default:
      return undefined;
  }
}

/** Creates the OpenTelemetry exporter. */
export async function createOpenTelemetryExporter(
  context: ExporterContext<OpenTelemetryExporterConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  return new OpenTelemetryExporter(
    r.id,
    context.config,
    r.chunk,
    r.concurrency ?? DEFAULT_HTTP_CONCURRENCY,
    context.warn,
  );
}
