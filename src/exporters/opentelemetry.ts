import type {
  HttpOptions,
  OpenTelemetryExporter as OpenTelemetryExporterConfig,
} from "../../generated/config";
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
import type { Encoded, Exporter, ExporterLimits, SendResult, TimeWindow } from "./exporter";
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

/** Everything an OTLP/HTTP JSON logs exporter needs, whichever receiver it is for. */
export interface OtlpLogsOptions {
  readonly id: string;
  readonly type: ExporterType;
  /** The receiver's name in messages and reports, e.g. `OpenTelemetry`. */
  readonly destination: string;
  /** The logs URL (for example `http://localhost:4318/v1/logs`), used as given: check it with `httpBaseUrl`. */
  readonly url: string;
  /**
   * Headers besides the content headers: credentials, a vendor's dataset header... Register secret values for
   * redaction before (see `headerCredential`).
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** `service.name` of the one resource of every request. */
  readonly serviceName: string;
  /** Kestra's HTTP `options` (timeouts, TLS). */
  readonly http?: HttpOptions;
  /** Records per request. */
  readonly chunk: number;
  readonly concurrency: number;
  /** The timestamps the receiver accepts; records outside are dead-lettered. */
  readonly window?: TimeWindow;
  readonly warn?: (message: string) => void;
}

/**
 * OTLP/HTTP with the JSON encoding to any receiver: `POST {url}`, gzipped, with the given headers. A request is one
 * `ExportLogsServiceRequest` with one resource (`service.name`) and one scope; each entry becomes a `LogRecord`
 * with `timeUnixNano` at full nanosecond precision (a decimal string), `severityNumber`/`severityText` from the
 * level, the message as the string body, and every other field of the entry as an attribute. Only 429, 502, 503
 * and 504 are retried; a partial success never is (see {@link partialSuccessResult}). Vendors that take OTLP build
 * on this class with their own endpoint and headers.
 */
export class OtlpLogsExporter implements Exporter<string> {
  readonly id: string;
  readonly type: ExporterType;
  readonly destination: string;
  readonly limits: ExporterLimits;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  readonly window?: TimeWindow;
  /** The logs URL, used as given. */
  readonly url: string;
  private readonly http: HttpTransport;
  private readonly target: { readonly exporterId: string; readonly destination: string };
  private readonly headers: Record<string, string>;
  private readonly prefix: string;
  private readonly suffix = "]}]}]}";
  private readonly warn: (message: string) => void;

  constructor(options: OtlpLogsOptions) {
    this.id = options.id;
    this.type = options.type;
    this.destination = options.destination;
    this.window = options.window;
    this.url = options.url;
    this.warn = options.warn ?? (() => undefined);
    this.headers = { ...GZIP_JSON_HEADERS, ...options.headers };
    const resource = {
      attributes: [{ key: "service.name", value: { stringValue: options.serviceName } }],
    };
    this.prefix = `{"resourceLogs":[{"resource":${JSON.stringify(resource)},"scopeLogs":[{"scope":${JSON.stringify(SCOPE)},"logRecords":[`;
    this.limits = {
      maxEntries: options.chunk,
      maxBytes: OTLP_LIMITS.maxRequestBytes,
      requestOverheadBytes: Buffer.byteLength(this.prefix + this.suffix, "utf8"),
      entryOverheadBytes: 1, // ,
    };
    this.target = { exporterId: this.id, destination: this.destination };
    this.http = new HttpTransport(
      transportOptions(options.http, {
        exporterId: this.id,
        destination: this.destination,
        concurrency: options.concurrency,
      }),
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
    return partialSuccessResult(res.body, entries.length, (m) =>
      this.warn(`exporter ${this.id} (${this.destination}): ${m}`),
    );
  }

  async close(): Promise<void> {
    this.http.close();
  }
}

/**
 * The `opentelemetry` exporter: {@link OtlpLogsExporter} to `otlpEndpoint`, with an optional credentials header
 * (`authorizationHeaderName`/`authorizationHeaderValue`, both or neither).
 */
export class OpenTelemetryExporter extends OtlpLogsExporter {
  constructor(
    id: string,
    config: OpenTelemetryExporterConfig,
    chunk: number,
    concurrency: number,
    warn: (message: string) => void = () => undefined,
  ) {
    super({
      id,
      type: "opentelemetry",
      destination: "OpenTelemetry",
      url: httpBaseUrl(config.otlpEndpoint, id, "otlpEndpoint"),
      headers: credentialsHeader(id, config),
      serviceName: config.serviceName ?? "kestra",
      http: config.options,
      chunk,
      concurrency,
      window: destinationOf("opentelemetry").window,
      warn,
    });
  }
}

/** The configured credentials header, checked and registered for redaction; `{}` when none is configured. */
function credentialsHeader(id: string, config: OpenTelemetryExporterConfig): Record<string, string> {
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
  if (!name || !value) return {};
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
  return { [name]: value };
}

/**
 * What an OTLP `ExportLogsServiceResponse` (JSON) says about a request of `sent` log records. OTLP: "If the request
 * is only partially accepted … the server MUST initialize the `partial_success` field and MUST set the
 * `rejected_<signal>` with the number of items it rejected", and "the client MUST NOT retry the request when it
 * receives a partial success response". The response gives a count and a message, never which records: N > 0 is
 * `unattributed` (N rejected, `sent − N` delivered; all `sent` dead-lettered, marked uncertain). N = 0 with a
 * message is a warning. An empty or non-JSON body is a full success.
 */
export function partialSuccessResult(
  body: string,
  sent: number,
  warn: (message: string) => void,
): SendResult {
  const partial = partialSuccess(body);
  if (partial === undefined) return {};
  const message = partial.message !== undefined ? redact(partial.message.slice(0, 300)) : undefined;
  if (partial.rejected <= 0) {
    if (message) warn(`the receiver warns: ${message}`);
    return {};
  }
  const rejected = Math.min(partial.rejected, sent);
  const reason =
    `OTLP partial success: the receiver rejected ${rejected} of these ${sent} log records and did not say ` +
    `which (all ${sent} are dead-lettered, marked uncertain)` +
    (message ? `: ${message}` : "");
  warn(reason);
  return { unattributed: { count: rejected, reason } };
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
