import type { GcpLoggingExporter as GcpLoggingConfig } from "../../generated/config";
import type { Level } from "../core/levels";
import type { LogRecord } from "../core/log-record";
import { toIso } from "../core/timestamp";
import { redact } from "../secrets/redaction";
import { DEFAULT_HTTP_CONCURRENCY, transportOptions } from "../shipping/http-options";
import { HttpTransport, responseError } from "../shipping/http-transport";
import { DeliveryError } from "./errors";
import type {
  EncodeRejection,
  Encoded,
  Exporter,
  ExporterLimits,
  SendContext,
  SendResult,
  TimeWindow,
} from "./exporter";
import { loadServiceAccountKey, ServiceAccountTokens, type ServiceAccountKey } from "./gcp-auth";
import { exporterConfigError, recordDigest, RETRYABLE_STATUSES, TokenCache, trimBase } from "./http-support";
import { truncateMessage } from "./text-limits";
import { destinationOf, type ExporterContext } from "./registry";

/** Cloud Logging API base URL. */
export const DEFAULT_ENDPOINT = "https://logging.googleapis.com";
export {
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_URI,
  parseServiceAccountKey,
  type ServiceAccountKey,
} from "./gcp-auth";

/** Log id inside the project when `logName` is not set. */
export const DEFAULT_LOG_NAME = "kestra";

/** Largest `entries.write` request: 10 MB, counted here on the JSON body as sent (10^6-byte megabytes). */
export const MAX_REQUEST_BYTES = 10_000_000;

/**
 * Largest entry, counted on its JSON. Google's limit is "approximately" 256 KiB of internal size; an entry over
 * it is refused (`INVALID_ARGUMENT`, "Log entry with size … exceeds maximum size of 256.0K"). Above this the
 * message is cut and the entry marked `truncated: true`, with a margin for the difference in how sizes are counted.
 */
export const MAX_ENTRY_BYTES = 250_000;

/** Kestra level to Cloud Logging `LogSeverity`. */
export const SEVERITY: Readonly<Record<Level, string>> = {
  TRACE: "DEBUG",
  DEBUG: "DEBUG",
  INFO: "INFO",
  WARN: "WARNING",
  ERROR: "ERROR",
};

/** `google.rpc.Code` names, for messages. */
const RPC_CODES: Readonly<Record<number, string>> = {
  1: "CANCELLED",
  2: "UNKNOWN",
  3: "INVALID_ARGUMENT",
  4: "DEADLINE_EXCEEDED",
  5: "NOT_FOUND",
  6: "ALREADY_EXISTS",
  7: "PERMISSION_DENIED",
  8: "RESOURCE_EXHAUSTED",
  9: "FAILED_PRECONDITION",
  10: "ABORTED",
  11: "OUT_OF_RANGE",
  12: "UNIMPLEMENTED",
  13: "INTERNAL",
  14: "UNAVAILABLE",
  15: "DATA_LOSS",
  16: "UNAUTHENTICATED",
};
/** Per-entry codes that say something about the destination, not the entry: the exporter fails. */
const FATAL_CODES = new Set([5, 7, 16]);
/** Per-entry codes worth sending again (Google documents per-entry errors as permanent; this is a safeguard). */
const RETRY_CODES = new Set([4, 8, 10, 13, 14]);

const PARTIAL_ERRORS_TYPE = "type.googleapis.com/google.logging.v2.WriteLogEntriesPartialErrors";
const LOG_ID = /^[A-Za-z0-9_\-./]{1,511}$/;

/** A per-entry error of a partial-success response. */
interface EntryError {
  readonly code?: number;
  readonly message?: string;
}

/**
 * The per-entry errors of an `entries.write` error response (`google.rpc.Status` with a
 * `WriteLogEntriesPartialErrors` detail), by zero-based entry index; `undefined` when there are none.
 */
export function partialErrors(body: string): Map<number, EntryError> | undefined {
  let json: { error?: { details?: unknown } };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    return undefined;
  }
  const details = json?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details as Array<Record<string, unknown>>) {
    if (d === null || typeof d !== "object" || d["@type"] !== PARTIAL_ERRORS_TYPE) continue;
    const errors = d.logEntryErrors;
    if (errors === null || typeof errors !== "object") continue;
    const out = new Map<number, EntryError>();
    for (const [k, v] of Object.entries(errors as Record<string, EntryError>)) {
      const index = Number(k);
      if (Number.isInteger(index) && index >= 0) out.set(index, v ?? {});
    }
    return out.size > 0 ? out : undefined;
  }
  return undefined;
}

function describeEntryError(e: EntryError): string {
  const name = e.code !== undefined ? (RPC_CODES[e.code] ?? `code ${e.code}`) : "error";
  return `${name}${e.message ? `: ${e.message.slice(0, 300)}` : ""}`;
}

/**
 * Google Cloud Logging `entries.write`: one request per batch to `projects/{project}/logs/{logName}` with the
 * `global` resource and `partialSuccess: true`. Each entry carries the timestamp at full precision, the Kestra
 * level as a `LogSeverity`, a deterministic `insertId`, labels for namespace/flow/task/execution, and the Kestra
 * entry as `jsonPayload`. Authentication: a service-account key signs an RS256 JWT (node:crypto) exchanged at
 * the key's `token_uri` for an access token, cached until five minutes before it expires.
 */
export class GcpLoggingExporter implements Exporter<string> {
  readonly type = "gcp-logging" as const;
  readonly destination = "Google Cloud Logging";
  readonly limits: ExporterLimits;
  readonly window: TimeWindow | undefined = destinationOf("gcp-logging").window;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  /** Access tokens (exposed for tests). */
  readonly tokens: TokenCache;
  private readonly url: string;
  private readonly requestPrefix: string;
  private readonly transport: HttpTransport;
  private readonly clock: () => number;

  constructor(
    readonly id: string,
    config: GcpLoggingConfig,
    key: ServiceAccountKey,
    options: { chunk: number; concurrency: number; shipperId: string; clock?: () => number },
  ) {
    const bad = (path: string, message: string): never => {
      throw exporterConfigError(options.shipperId, id, path, message);
    };
    this.clock = options.clock ?? Date.now;
    const projectId = config.projectId ?? key.project_id;
    if (projectId === undefined || projectId === "")
      bad("projectId", "is required when the service account key has no project_id");
    const logName = config.logName ?? DEFAULT_LOG_NAME;
    if (!LOG_ID.test(logName))
      bad("logName", "must be 1-511 characters among letters, digits, `_`, `-`, `.` and `/`");
    this.url = `${trimBase(config.endpoint ?? DEFAULT_ENDPOINT)}/v2/entries:write`;
    const logPath = `projects/${projectId as string}/logs/${encodeURIComponent(logName)}`;
    this.requestPrefix = `{"logName":${JSON.stringify(logPath)},"resource":{"type":"global"},"partialSuccess":true,"entries":[`;
    this.limits = {
      maxEntries: options.chunk,
      maxBytes: MAX_REQUEST_BYTES,
      requestOverheadBytes: Buffer.byteLength(this.requestPrefix, "utf8") + 2, // ]}
      entryOverheadBytes: 1, // ,
    };
    this.transport = new HttpTransport(
      transportOptions(config.options, {
        exporterId: id,
        destination: this.destination,
        concurrency: options.concurrency,
      }),
    );
    const tokens = new ServiceAccountTokens(
      key,
      config.scopes,
      this.transport,
      { exporterId: id, destination: this.destination, shipperId: options.shipperId },
      this.clock,
    );
    this.tokens = new TokenCache(() => tokens.fetch(), this.clock);
  }

  /** Fetches the first token, so that a refused key fails the exporter before any record is read. */
  async open(): Promise<void> {
    await this.tokens.warm();
  }

  encode(record: LogRecord): Encoded<string> | EncodeRejection {
    const e = record.entry;
    let labels = `{"namespace":${JSON.stringify(e.namespace)},"flowId":${JSON.stringify(e.flowId)}`;
    if (typeof e.taskId === "string") labels += `,"taskId":${JSON.stringify(e.taskId)}`;
    if (typeof e.executionId === "string") labels += `,"executionId":${JSON.stringify(e.executionId)}`;
    const head =
      `{"timestamp":"${toIso(record.ts)}","severity":"${SEVERITY[record.level]}",` +
      `"insertId":"${recordDigest(record)}","labels":${labels}},"jsonPayload":`;
    const raw = record.raw;
    const payload = `${head}${raw !== undefined && raw.charCodeAt(0) === 123 ? raw : JSON.stringify(e)}}`;
    const bytes = Buffer.byteLength(payload, "utf8");
    if (bytes <= MAX_ENTRY_BYTES) return { record, payload, bytes };
    // too large: cut the message by the excess (each UTF-8 byte cut removes at least one JSON byte)
    const messageBytes = Buffer.byteLength(e.message, "utf8");
    const room = messageBytes - (bytes - MAX_ENTRY_BYTES) - 64;
    const cut = truncateMessage(e.message, room);
    const smaller = `${head}${JSON.stringify({ ...e, message: cut.text, truncated: true })}}`;
    const smallerBytes = Buffer.byteLength(smaller, "utf8");
    if (room <= 0 || smallerBytes > MAX_ENTRY_BYTES) {
      return {
        record,
        rejected: `entry of ${bytes} bytes is over Cloud Logging's ~256 KiB limit even with its message cut`,
      };
    }
    return { record, payload: smaller, bytes: smallerBytes, truncated: true };
  }

  async send(entries: ReadonlyArray<Encoded<string>>, _context?: SendContext): Promise<SendResult> {
    let body = this.requestPrefix;
    for (let i = 0; i < entries.length; i++)
      body += (i > 0 ? "," : "") + (entries[i] as Encoded<string>).payload;
    body += "]}";
    const res = await this.tokens.authorized((token) =>
      this.transport.request("POST", this.url, {
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" },
        body,
      }),
    );
    if (res.status >= 200 && res.status < 300) return {};
    const partial = partialErrors(res.body);
    if (partial !== undefined && [...partial.keys()].some((i) => i < entries.length))
      return this.partial(partial, entries.length, res.status);
    throw responseError(
      res,
      { exporterId: this.id, destination: this.destination },
      { retryable: RETRYABLE_STATUSES },
    );
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  /** Splits a partial-success response into rejected and retried entries; the others were written. */
  private partial(errors: Map<number, EntryError>, count: number, status: number): SendResult {
    const rejected: Array<{ index: number; reason: string }> = [];
    const retry: Array<{ index: number; reason: string }> = [];
    for (const [index, error] of errors) {
      if (index >= count) continue;
      const reason = `Cloud Logging refused the entry: ${describeEntryError(error)}`;
      if (error.code !== undefined && FATAL_CODES.has(error.code)) {
        // a permission or project problem: nothing of this batch is dead-lettered, the exporter stops
        throw new DeliveryError({
          exporterId: this.id,
          destination: this.destination,
          status,
          vendorMessage: redact(describeEntryError(error)),
          retryable: false,
        });
      }
      if (error.code !== undefined && RETRY_CODES.has(error.code)) retry.push({ index, reason });
      else rejected.push({ index, reason: redact(reason) });
    }
    return {
      ...(rejected.length > 0 ? { rejected } : {}),
      ...(retry.length > 0 ? { retry } : {}),
    };
  }
}

/**
 * Creates the Google Cloud Logging exporter. The key comes from `serviceAccount` (usually a secret), else from
 * the file named by `GOOGLE_APPLICATION_CREDENTIALS`.
 */
export async function createGcpLoggingExporter(
  context: ExporterContext<GcpLoggingConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  const config = context.config;
  const key = await loadServiceAccountKey(context);
  return new GcpLoggingExporter(r.id, config, key, {
    chunk: r.chunk,
    concurrency: r.concurrency ?? DEFAULT_HTTP_CONCURRENCY,
    shipperId: context.shipperId,
  });
}
