import { randomUUID } from "node:crypto";
import type { AzureMonitorExporter as AzureMonitorConfig } from "../../generated/config";
import type { LogRecord } from "../core/log-record";
import { DEFAULT_HTTP_CONCURRENCY, gzipBody, transportOptions } from "../shipping/http-options";
import { HttpTransport, responseError } from "../shipping/http-transport";
import type { Encoded, Exporter, ExporterLimits, SendContext, SendResult, TimeWindow } from "./exporter";
import {
  DEFAULT_ENTRA_AUTHORITY,
  entraTokenRequest,
  exporterConfigError,
  requestToken,
  RETRYABLE_STATUSES,
  TokenCache,
  trimBase,
} from "./http-support";
import { truncateMessage } from "./text-limits";
import { destinationOf, type ExporterContext } from "./registry";

/** Microsoft Entra authority of the public cloud. */
export const DEFAULT_AUTHORITY_HOST = DEFAULT_ENTRA_AUTHORITY;
/** Token scope of the Logs Ingestion API in the public cloud (the double slash is Azure's). */
export const DEFAULT_SCOPE = "https://monitor.azure.com//.default";
/** Logs Ingestion API version. */
export const API_VERSION = "2023-01-01";

/**
 * Largest request, counted on the uncompressed JSON array. Azure's limit is 1 MB "for both compressed and
 * uncompressed data" (413 `ContentLengthLimitExceeded` above 1,048,576 bytes); Microsoft's own SDK cuts
 * chunks below 1,000,000 bytes of JSON, and so do we. Gzip only makes the body smaller.
 */
export const MAX_REQUEST_BYTES = 1_000_000;

/**
 * Largest value of one field. Azure truncates fields over 64 KB without saying so; the message is cut here
 * instead, at a character boundary, and the record is marked `truncated: true` (64,000 bytes bounds the value
 * whether Azure counts KB as 1,000 or 1,024 bytes, in UTF-8 or UTF-16).
 */
export const MAX_FIELD_BYTES = 64_000;

/** A raw JSON line this short cannot hold a field over {@link MAX_FIELD_BYTES} (3 UTF-8 bytes per UTF-16 unit). */
const SAFE_RAW_LENGTH = Math.floor(MAX_FIELD_BYTES / 3);

/**
 * `TimeGenerated` from a sortable timestamp: Azure keeps 100-nanosecond ticks, so 7 fractional digits. The
 * entry's own `timestamp` column keeps the source's text at its full precision.
 */
export function timeGenerated(ts: string): string {
  return `${ts.slice(0, 27)}Z`;
}

/**
 * Azure Monitor Logs Ingestion API (data collection rule + stream): a gzipped JSON array of the Kestra entries,
 * each with `TimeGenerated`, authenticated with a Microsoft Entra client-credentials token (cached until
 * five minutes before it expires, fetched again once on a 401). Success is 204. Azure reports no per-record
 * errors: ingestion problems show up later in the `DCRLogErrors` table. Records outside Azure's `TimeGenerated`
 * window (2 days back, 1 day ahead), which Azure would silently re-date, are dead-lettered by the pipeline.
 */
export class AzureMonitorExporter implements Exporter<string> {
  readonly type = "azure-monitor" as const;
  readonly destination = "Azure Monitor";
  readonly limits: ExporterLimits;
  readonly window: TimeWindow | undefined = destinationOf("azure-monitor").window;
  readonly defaultConcurrency = DEFAULT_HTTP_CONCURRENCY;
  /** Access tokens (exposed for tests). */
  readonly tokens: TokenCache;
  private readonly url: string;
  private readonly tokenUrl: string;
  private readonly form: Record<string, string>;
  private readonly transport: HttpTransport;
  private readonly clock: () => number;

  constructor(
    readonly id: string,
    config: AzureMonitorConfig,
    options: { chunk: number; concurrency: number; shipperId: string; clock?: () => number },
  ) {
    this.clock = options.clock ?? Date.now;
    for (const key of ["tenantId", "clientId", "clientSecret", "ruleId", "streamName"] as const) {
      if (config[key].trim() === "")
        throw exporterConfigError(options.shipperId, id, key, "must not be empty");
    }
    this.url =
      `${trimBase(config.endpoint)}/dataCollectionRules/${encodeURIComponent(config.ruleId)}` +
      `/streams/${encodeURIComponent(config.streamName)}?api-version=${API_VERSION}`;
    const token = entraTokenRequest({ ...config, scope: config.scope ?? DEFAULT_SCOPE });
    this.tokenUrl = token.url;
    this.form = token.form;
    this.limits = {
      maxEntries: options.chunk,
      maxBytes: MAX_REQUEST_BYTES,
      requestOverheadBytes: 2, // [ ]
      entryOverheadBytes: 1, // ,
    };
    this.transport = new HttpTransport(
      transportOptions(config.options, {
        exporterId: id,
        destination: this.destination,
        concurrency: options.concurrency,
      }),
    );
    this.tokens = new TokenCache(
      () => requestToken(this.transport, this.tokenUrl, this.form, this.target, this.clock),
      this.clock,
    );
  }

  /** Fetches the first token, so that wrong credentials fail the exporter before any record is read. */
  async open(): Promise<void> {
    await this.tokens.warm();
  }

  encode(record: LogRecord): Encoded<string> {
    const tg = timeGenerated(record.ts);
    const raw = record.raw;
    if (
      raw !== undefined &&
      raw.length <= SAFE_RAW_LENGTH &&
      raw.charCodeAt(0) === 123 /* { */ &&
      !("TimeGenerated" in record.entry)
    ) {
      const payload = `{"TimeGenerated":"${tg}",${raw.slice(1)}`;
      return { record, payload, bytes: Buffer.byteLength(payload, "utf8") };
    }
    const row: Record<string, unknown> = { TimeGenerated: tg, ...record.entry };
    row.TimeGenerated = tg;
    let truncated = false;
    for (const [key, value] of Object.entries(row)) {
      if (typeof value !== "string") continue;
      const cut = truncateMessage(value, MAX_FIELD_BYTES);
      if (cut.truncated) {
        row[key] = cut.text;
        truncated = true;
      }
    }
    if (truncated) row.truncated = true;
    const payload = JSON.stringify(row);
    return {
      record,
      payload,
      bytes: Buffer.byteLength(payload, "utf8"),
      ...(truncated ? { truncated } : {}),
    };
  }

  async send(entries: ReadonlyArray<Encoded<string>>, _context?: SendContext): Promise<SendResult> {
    let json = "[";
    for (let i = 0; i < entries.length; i++)
      json += (i > 0 ? "," : "") + (entries[i] as Encoded<string>).payload;
    const body = await gzipBody(`${json}]`);
    const res = await this.tokens.authorized((token) =>
      this.transport.request("POST", this.url, {
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-encoding": "gzip",
          "x-ms-client-request-id": randomUUID(),
        },
        body,
      }),
    );
    if (res.status >= 200 && res.status < 300) return {};
    throw responseError(res, this.target, { retryable: RETRYABLE_STATUSES });
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  private get target(): { exporterId: string; destination: string } {
    return { exporterId: this.id, destination: this.destination };
  }
}

/** Creates the Azure Monitor exporter. */
export async function createAzureMonitorExporter(
  context: ExporterContext<AzureMonitorConfig>,
): Promise<Exporter> {
  const r = context.resolved;
  return new AzureMonitorExporter(r.id, context.config, {
    chunk: r.chunk,
    concurrency: r.concurrency ?? DEFAULT_HTTP_CONCURRENCY,
    shipperId: context.shipperId,
  });
}
