import type { ExporterType } from "../../src/config/exporter-types";
import type { LogRecord } from "../../src/core/log-record";
import { DeliveryError } from "../../src/exporters/errors";
import type {
  Encoded,
  EncodeRejection,
  Exporter,
  ExporterLimits,
  SendContext,
  SendResult,
  TimeWindow,
} from "../../src/exporters/exporter";

/** What a scripted destination does with one request. */
export type Behaviour = (
  entries: ReadonlyArray<Encoded<string>>,
  context: SendContext,
  call: number,
) => SendResult | Promise<SendResult>;

/**
 * An in-memory destination for exercising the shared shipping machinery (the port's test double, like
 * OpenTelemetry's InMemoryLogRecordExporter): it records every request and answers as a script says.
 */
export class MemoryExporter implements Exporter<string> {
  readonly type: ExporterType = "file";
  readonly destination = "memory";
  readonly defaultConcurrency = 1;
  readonly requests: Array<{ at: number; messages: string[] }> = [];
  readonly delivered: string[] = [];
  private calls = 0;

  constructor(
    readonly id: string,
    readonly limits: ExporterLimits,
    private readonly behaviour: Behaviour = () => ({}),
    readonly window?: TimeWindow,
    private readonly maxEntryBytes = Infinity,
  ) {}

  encode(record: LogRecord): Encoded<string> | EncodeRejection {
    const payload = record.entry.message;
    const bytes = Buffer.byteLength(payload);
    if (bytes > this.maxEntryBytes)
      return { record, rejected: `entry of ${bytes} bytes is over ${this.maxEntryBytes}` };
    return { record, payload, bytes };
  }

  async send(entries: ReadonlyArray<Encoded<string>>, context: SendContext): Promise<SendResult> {
    const call = ++this.calls;
    this.requests.push({ at: Date.now(), messages: entries.map((e) => e.payload) });
    const result = await this.behaviour(entries, context, call);
    const bad = new Set([...(result.rejected ?? []), ...(result.retry ?? [])].map((r) => r.index));
    entries.forEach((e, i) => !bad.has(i) && this.delivered.push(e.payload));
    return result;
  }
}

/** A `DeliveryError` as a destination would raise it. */
export function httpError(
  status: number,
  options: { retryable?: boolean; retryAfterMs?: number } = {},
): DeliveryError {
  return new DeliveryError({
    exporterId: "mem",
    destination: "memory",
    status,
    retryable: options.retryable ?? [429, 500, 503].includes(status),
    retryAfterMs: options.retryAfterMs,
    tooLarge: status === 413,
    vendorMessage: `status ${status}`,
  });
}
