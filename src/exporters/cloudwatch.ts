import type {
  CloudWatchLogsClient,
  InputLogEvent,
  RejectedLogEventsInfo,
} from "@aws-sdk/client-cloudwatch-logs";
import type { CloudWatchExporter as CloudWatchExporterConfig } from "../../generated/config";
import type { LogRecord } from "../core/log-record";
import { toEpochMs } from "../core/timestamp";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "../shipping/backoff";
import { awsErrorInfo, cloudWatchLogsClientConfig } from "../shipping/aws-client";
import { DeliveryError } from "./errors";
import type { Encoded, Exporter, ExporterLimits, SendContext, SendResult, TimeWindow } from "./exporter";
import { destinationOf, type ExporterContext } from "./registry";
import { truncateUtf8 } from "./text-limits";

type Sdk = typeof import("@aws-sdk/client-cloudwatch-logs");

const HOUR = 3_600_000;

/** PutLogEvents: at most 1,048,576 bytes per request, counted as Σ(UTF-8 message bytes + 26). */
export const MAX_REQUEST_BYTES = 1_048_576;
/** PutLogEvents counts 26 bytes per event on top of its message. */
export const EVENT_OVERHEAD_BYTES = 26;
/** PutLogEvents: at most 10,000 events per request. */
export const MAX_EVENTS = 10_000;
/**
 * Longest message: an event may be no larger than 1 MB. Read as 1,048,576 bytes including the 26-byte overhead
 * (the old 256 KB limit was 262,144 − 26 = 262,118 message bytes in AWS's own libraries), which is also the most
 * a single event can take of a whole request.
 */
export const MAX_MESSAGE_BYTES = MAX_REQUEST_BYTES - EVENT_OVERHEAD_BYTES;
/** PutLogEvents: the events of one request may not span more than 24 hours. */
export const MAX_SPAN_MS = 24 * HOUR;

/** One CloudWatch event: epoch milliseconds and the message. */
export type CloudWatchPayload = InputLogEvent & { timestamp: number; message: string };

/**
 * AWS CloudWatch Logs (`PutLogEvents`). Each record becomes one event whose message is the Kestra entry as JSON
 * (so CloudWatch Logs Insights can query `level`, `namespace`, `flowId`, ... as fields) and whose timestamp is the
 * entry's timestamp in epoch milliseconds (the JSON keeps the full precision). Each request is sorted by timestamp
 * (stable), as CloudWatch requires; `rejectedLogEventsInfo` indices are mapped back through that sort.
 *
 * `open()` creates the log stream when it is missing (unless `createLogStream: false`). It never creates the log
 * group: a missing group fails the exporter with a non-retryable error, because the group's retention, KMS key
 * and tags belong to the infrastructure code that owns it.
 */
export class CloudWatchLogsExporter implements Exporter<CloudWatchPayload> {
  readonly type = "cloudwatch" as const;
  readonly destination = "CloudWatch Logs";
  readonly limits: ExporterLimits;
  readonly window: TimeWindow | undefined;
  /** PutLogEvents calls on one stream may run in parallel (sequence tokens are ignored since 2023). */
  readonly defaultConcurrency = 4;
  private readonly group: string;
  private readonly stream: string;
  private readonly createStream: boolean;
  private readonly backoff: BackoffPolicy;
  private readonly clock: () => number;

  constructor(
    readonly id: string,
    config: CloudWatchExporterConfig,
    chunk: number,
    private readonly sdk: Sdk,
    private readonly client: CloudWatchLogsClient,
    options: { backoff?: BackoffPolicy; clock?: () => number } = {},
  ) {
    this.group = config.logGroupName;
    this.stream = config.logStreamName;
    this.createStream = config.createLogStream ?? true;
    this.limits = {
      maxEntries: Math.min(chunk, MAX_EVENTS),
      maxBytes: MAX_REQUEST_BYTES,
      entryOverheadBytes: EVENT_OVERHEAD_BYTES,
      maxSpanMs: MAX_SPAN_MS,
    };
    this.window = destinationOf("cloudwatch").window;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.clock = options.clock ?? Date.now;
  }

  /** Creates the log stream if it is missing; fails (not retryable) when the log group is missing. */
  async open(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.createStream) await this.createLogStream();
        else await this.checkLogStream();
        return;
      } catch (err) {
        const failure = err instanceof DeliveryError ? err : this.error(err);
        if (!failure.retryable || attempt >= 4) throw failure;
        await new Promise((r) => setTimeout(r, Math.max(1, backoffDelay(this.backoff, attempt))));
      }
    }
  }

  encode(record: LogRecord): Encoded<CloudWatchPayload> {
    const timestamp = toEpochMs(record.ts);
    let message = record.raw ?? JSON.stringify(record.entry);
    let bytes = Buffer.byteLength(message, "utf8");
    if (bytes <= MAX_MESSAGE_BYTES) return { record, payload: { timestamp, message }, bytes };
    message = truncateEntry(record.entry, MAX_MESSAGE_BYTES);
    bytes = Buffer.byteLength(message, "utf8");
    return { record, payload: { timestamp, message }, bytes, truncated: true };
  }

  async send(
    entries: ReadonlyArray<Encoded<CloudWatchPayload>>,
    _context?: SendContext,
  ): Promise<SendResult> {
    // chronological order inside the request (stable: equal timestamps keep their source order)
    const order = entries.map((_, i) => i);
    order.sort((a, b) => {
      const d =
        (entries[a] as Encoded<CloudWatchPayload>).payload.timestamp -
        (entries[b] as Encoded<CloudWatchPayload>).payload.timestamp;
      return d !== 0 ? d : a - b;
    });
    const logEvents = order.map((i) => (entries[i] as Encoded<CloudWatchPayload>).payload);
    let info: RejectedLogEventsInfo | undefined;
    try {
      const res = await this.client.send(
        new this.sdk.PutLogEventsCommand({
          logGroupName: this.group,
          logStreamName: this.stream,
          logEvents,
        }),
      );
      info = res.rejectedLogEventsInfo;
    } catch (err) {
      throw this.error(err);
    }
    if (info === undefined) return {};
    const named = rejectedIndices(info, logEvents.length);
    // Belt and braces: implementations disagree on the end indices (moto reports the last too-old index
    // inclusively, and the last too-new one instead of the first). An event outside CloudWatch's window by our
    // clock is counted as rejected too, so nothing is lost silently; at worst a borderline event that CloudWatch
    // kept is also dead-lettered.
    const seen = new Set(named.map((r) => r.index));
    const now = this.clock();
    const past = this.window?.pastMs !== undefined ? now - this.window.pastMs : -Infinity;
    const future = this.window?.futureMs !== undefined ? now + this.window.futureMs : Infinity;
    logEvents.forEach((e, i) => {
      if (seen.has(i)) return;
      if (e.timestamp < past)
        named.push({
          index: i,
          reason: "CloudWatch Logs rejected the event as too old (more than 14 days old)",
        });
      else if (e.timestamp > future)
        named.push({
          index: i,
          reason: "CloudWatch Logs rejected the event as too new (more than 2 hours in the future)",
        });
    });
    const rejected = named.map(({ index, reason }) => ({ index: order[index] as number, reason }));
    return rejected.length > 0 ? { rejected } : {};
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async createLogStream(): Promise<void> {
    try {
      await this.client.send(
        new this.sdk.CreateLogStreamCommand({ logGroupName: this.group, logStreamName: this.stream }),
      );
    } catch (err) {
      const info = awsErrorInfo(err);
      if (info.name === "ResourceAlreadyExistsException") return;
      if (info.name === "ResourceNotFoundException") throw this.missingGroup(info.message);
      throw this.error(err);
    }
  }

  private async checkLogStream(): Promise<void> {
    let found = false;
    try {
      const res = await this.client.send(
        new this.sdk.DescribeLogStreamsCommand({
          logGroupName: this.group,
          logStreamNamePrefix: this.stream,
          limit: 50,
        }),
      );
      found = (res.logStreams ?? []).some((s) => s.logStreamName === this.stream);
    } catch (err) {
      const info = awsErrorInfo(err);
      if (info.name === "ResourceNotFoundException") throw this.missingGroup(info.message);
      throw this.error(err);
    }
    if (!found) {
      throw new DeliveryError({
        exporterId: this.id,
        destination: this.destination,
        vendorMessage: `log stream ${this.stream} does not exist in log group ${this.group} and createLogStream is false; create it or set createLogStream: true`,
        retryable: false,
      });
    }
  }

  private missingGroup(vendor: string): DeliveryError {
    return new DeliveryError({
      exporterId: this.id,
      destination: this.destination,
      status: 400,
      vendorMessage: `log group ${this.group} does not exist (${vendor}); create it first (log-shipper never creates log groups: their retention, KMS key and tags belong to your infrastructure)`,
      retryable: false,
    });
  }

  private error(err: unknown): DeliveryError {
    const info = awsErrorInfo(err);
    return new DeliveryError(
      {
        exporterId: this.id,
        destination: this.destination,
        status: info.status,
        vendorMessage: info.message,
        retryable: info.retryable,
      },
      { cause: err },
    );
  }
}

/**
 * The events `rejectedLogEventsInfo` names, as indices into the request as sent: every index ≥
 * `tooNewLogEventStartIndex` (inclusive), every index < `tooOldLogEventEndIndex` (exclusive), and every index <
 * `expiredLogEventEndIndex` (exclusive, like the other end index).
 */
export function rejectedIndices(
  info: RejectedLogEventsInfo,
  count: number,
): Array<{ index: number; reason: string }> {
  const out: Array<{ index: number; reason: string }> = [];
  for (let i = 0; i < count; i++) {
    let reason: string | undefined;
    if (info.tooNewLogEventStartIndex !== undefined && i >= info.tooNewLogEventStartIndex)
      reason = "CloudWatch Logs rejected the event as too new (more than 2 hours in the future)";
    else if (info.tooOldLogEventEndIndex !== undefined && i < info.tooOldLogEventEndIndex)
      reason =
        "CloudWatch Logs rejected the event as too old (more than 14 days old, or older than the log group's retention)";
    else if (info.expiredLogEventEndIndex !== undefined && i < info.expiredLogEventEndIndex)
      reason = "CloudWatch Logs rejected the event as expired (older than the log group's retention)";
    if (reason !== undefined) out.push({ index: i, reason });
  }
  return out;
}

/**
 * The entry as JSON, at most `maxBytes` UTF-8 bytes: its `message` is shortened (the JSON stays valid and gets
 * `"truncated": true`); if the other fields alone are too large, the JSON text itself is cut.
 */
export function truncateEntry(entry: LogRecord["entry"], maxBytes: number): string {
  const original = typeof entry.message === "string" ? entry.message : "";
  let keep = Buffer.byteLength(original, "utf8");
  for (let i = 0; i < 4 && keep > 0; i++) {
    const full = JSON.stringify({ ...entry, message: `${truncateUtf8(original, keep)}…`, truncated: true });
    const over = Buffer.byteLength(full, "utf8") - maxBytes;
    if (over <= 0) return full;
    keep = Math.max(0, keep - over - 16);
  }
  return truncateUtf8(JSON.stringify({ ...entry, message: "…", truncated: true }), maxBytes);
}

/** Creates the CloudWatch Logs exporter (the AWS SDK is loaded here, on first use). */
export async function createCloudWatchExporter(
  context: ExporterContext<CloudWatchExporterConfig>,
): Promise<Exporter> {
  const config = context.config;
  const clientConfig = cloudWatchLogsClientConfig(
    {
      region: config.region,
      accessKeyId: config.accessKeyId,
      secretKeyId: config.secretKeyId,
      sessionToken: config.sessionToken,
      endpointOverride: config.endpointOverride,
    },
    context.env,
    `exporter ${context.resolved.id}`,
  );
  const sdk = await import("@aws-sdk/client-cloudwatch-logs");
  const client = new sdk.CloudWatchLogsClient(clientConfig);
  return new CloudWatchLogsExporter(context.resolved.id, config, context.resolved.chunk, sdk, client);
}
