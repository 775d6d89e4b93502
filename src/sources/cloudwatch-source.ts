import type { CloudWatchLogsClient, FilteredLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import type { Drift } from "../../generated/report";
import type { CloudWatchSource as CloudWatchSourceConfig } from "../../generated/config";
import { describeError, LogShipperError } from "../core/errors";
import { normalizeLevel, type Level } from "../core/levels";
import { checkEntry, type LogEntry, type LogRecord } from "../core/log-record";
import { fromEpochMs, normalizeTimestamp, toIso } from "../core/timestamp";
import { redact } from "../secrets/redaction";
import { renderSecretsIfAny } from "../secrets/render-secrets";
import { cloudWatchLogsClientConfig } from "../shipping/aws-client";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "../shipping/backoff";
import { awsCall } from "./aws-call";
import { SourceError } from "./errors";
import type { SourceContext } from "./registry";
import type { ReadOptions, ReadRange, SliceTarget, Source, SourceBatch, SourceSlice } from "./source";
import { groupsToRead, otherThanOf, planGroupSlices, type GroupSize } from "./cloudwatch-slices";
import { countByReading } from "./count";
import { readWindows, type ScanSink } from "./windowed-read";

type Sdk = typeof import("@aws-sdk/client-cloudwatch-logs");

/** Records held at once (one time window, all log groups together): the memory bound of a read. */
export const DEFAULT_MAX_WINDOW_RECORDS = 10_000;
const MAX_ATTEMPTS = 8;

/** Options that the config does not carry (tests tune them). */
export interface CloudWatchSourceOptions {
  readonly backoff?: BackoffPolicy;
  readonly maxWindowRecords?: number;
  /** Attempts per call for throttling, 5xx and network failures. Default 8. */
  readonly maxAttempts?: number;
  /** Pages of one group and window before its nextToken stream is taken as endless. Default 1,000. */
  readonly maxPages?: number;
  /** Records `plan` counts before it says "unknown". Default 100,000. */
  readonly maxCountRecords?: number;
}

/**
 * AWS CloudWatch Logs as a source (`FilterLogEvents`), across several log groups (`logGroupNames`, or every group
 * whose name starts with `logGroupNamePrefix`).
 *
 * Position: the event's CloudWatch timestamp (milliseconds; the range queries run on it) and the key
 * `<logGroup>/<eventId>`, which orders events with equal timestamps. A read goes through bounded time windows
 * (see `readWindows`): every group is read for the window with `startTime`/`endTime` (both inclusive) and
 * `nextToken` paging, the events of all groups are merged by (timestamp, key), deduplicated, and emitted.
 * Events ingested late with an older timestamp are only seen if they arrive within `settleDelay` (default PT2M).
 * Scale-out slices may name a subset of the groups (`range.groups`, from {@link CloudWatchLogsSource.planSlices});
 * a read then covers only those.
 *
 * Each event becomes a Kestra log entry: see {@link toKestraRecord}.
 */
export class CloudWatchLogsSource implements Source {
  private readonly backoff: BackoffPolicy;
  private readonly maxWindowRecords: number;
  private readonly maxAttempts: number;
  private readonly maxPages: number;
  private readonly maxCountRecords: number;

  constructor(
    private readonly config: CloudWatchSourceConfig,
    private readonly sdk: Sdk,
    private readonly client: CloudWatchLogsClient,
    options: CloudWatchSourceOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.maxWindowRecords = Math.max(1, options.maxWindowRecords ?? DEFAULT_MAX_WINDOW_RECORDS);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? MAX_ATTEMPTS);
    this.maxPages = Math.max(1, options.maxPages ?? 1_000);
    this.maxCountRecords = Math.max(0, options.maxCountRecords ?? 100_000);
  }

  describe(): string {
    const groups = this.config.logGroupNames?.join(", ") ?? `${this.config.logGroupNamePrefix}*`;
    return `cloudwatch ${this.config.region} ${groups}`;
  }

  async check(shipper: string): Promise<Drift[]> {
    try {
      const { missing } = await this.groups();
      if (this.config.logGroupNamePrefix !== undefined && missing.length > 0) {
        return [
          {
            kind: "source-missing",
            shipper,
            message: `${shipper}: no log group in ${this.config.region} starts with ${this.config.logGroupNamePrefix}`,
          },
        ];
      }
      return missing.map((name) => ({
        kind: "source-missing" as const,
        shipper,
        message: `${shipper}: log group ${name} does not exist in ${this.config.region}; it is skipped until it does`,
      }));
    } catch (err) {
      return [{ kind: "source-error", shipper, message: `${shipper}: ${redact(describeError(err))}` }];
    }
  }

  /**
   * FilterLogEvents has no count: the ranges are counted by reading them (the same paging and proof as `read`),
   * up to `maxCountRecords` records; a range with more is `null` (unknown) in the plan.
   */
  async count(ranges: readonly ReadRange[]): Promise<Array<number | null>> {
    return countByReading(this, ranges, this.maxCountRecords);
  }

  /**
   * Scale-out: the core's time buckets, each split into log-group sets by `storedBytes` (a hot group alone, the
   * rest together; see `groupSets` in ./cloudwatch-slices). No `FilterLogEvents` call: only the listing.
   */
  async planSlices(range: ReadRange, target: SliceTarget): Promise<SourceSlice[]> {
    const { found } = await this.groups();
    return planGroupSlices(range, target, found);
  }

  /** Reads every found group, or a slice's (`range.groups`, or all but its hint's `otherThan`; see `groupsToRead`). */
  async *read(range: ReadRange, options: ReadOptions): AsyncGenerator<SourceBatch> {
    const { found } = await this.groups();
    const names = found.map((g) => g.name);
    const live = new Set(
      groupsToRead(
        names,
        range.groups,
        this.config,
        this.describe(),
        otherThanOf(range.hint, this.describe()),
      ),
    );
    if (live.size === 0) return;
    yield* readWindows(
      {
        scan: async (fromMs, toMs, sink, _pass, signal) => {
          for (const group of [...live]) {
            const end = await this.scanGroup(group, fromMs, toMs, sink, signal);
            if (end === "missing") live.delete(group);
            else if (end !== "exhausted") return { exhausted: false, said: end };
          }
          return { exhausted: true };
        },
      },
      range,
      {
        batchSize: options.batchSize,
        maxRecords: this.maxWindowRecords,
        source: this.describe(),
        onInvalid: options.onInvalid,
        signal: options.signal,
      },
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /**
   * Reads one group's events of a window into the sink, following `nextToken` through empty and partial pages
   * (FilterLogEvents returns them while it searches) until there is none: the group's part of the window is then
   * complete. A group deleted since it was listed has no events left ("missing"; check() reports it).
   */
  private async scanGroup(
    group: string,
    fromMs: number,
    toMs: number,
    sink: ScanSink,
    signal: AbortSignal | undefined,
  ): Promise<"exhausted" | "missing" | string> {
    let nextToken: string | undefined;
    let pages = 0;
    do {
      if (signal?.aborted) return "stopped";
      if (++pages > this.maxPages) return `${group}: a nextToken still after ${this.maxPages} pages`;
      let res;
      try {
        res = await this.call(
          () =>
            this.client.send(
              new this.sdk.FilterLogEventsCommand({
                logGroupName: group,
                startTime: fromMs,
                endTime: toMs,
                ...(this.config.filterPattern ? { filterPattern: this.config.filterPattern } : {}),
                nextToken,
              }),
            ),
          `FilterLogEvents on ${group}`,
        );
      } catch (err) {
        if (err instanceof SourceError && err.kind === "not-found") return "missing";
        throw err;
      }
      for (const event of res.events ?? []) {
        const record = toKestraRecord(group, event);
        if (record !== undefined && !sink.record(record)) return "stopped";
      }
      nextToken = res.nextToken;
    } while (nextToken);
    return "exhausted";
  }

  /** The configured groups that exist (with their sizes), and those that do not. */
  private async groups(): Promise<{ found: GroupSize[]; missing: string[] }> {
    if (this.config.logGroupNamePrefix !== undefined) {
      const found = await this.describeGroups(this.config.logGroupNamePrefix);
      return { found, missing: found.length === 0 ? [this.config.logGroupNamePrefix] : [] };
    }
    const found: GroupSize[] = [];
    const missing: string[] = [];
    for (const name of this.config.logGroupNames ?? []) {
      const group = (await this.describeGroups(name, name)).find((g) => g.name === name);
      if (group !== undefined) found.push(group);
      else missing.push(name);
    }
    return { found, missing };
  }

  /** Log groups starting with `prefix`, with their `storedBytes` (stops early at `exact` when given). */
  private async describeGroups(prefix: string, exact?: string): Promise<GroupSize[]> {
    const out: GroupSize[] = [];
    let nextToken: string | undefined;
    do {
      const res = await this.call(
        () =>
          this.client.send(
            new this.sdk.DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken, limit: 50 }),
          ),
        "DescribeLogGroups",
      );
      for (const g of res.logGroups ?? [])
        if (g.logGroupName) out.push({ name: g.logGroupName, storedBytes: g.storedBytes });
      if (exact !== undefined && out.some((g) => g.name === exact)) return out;
      nextToken = res.nextToken;
    } while (nextToken);
    return out;
  }

  /** One AWS call with retries on throttling, 5xx and network failures; other errors become a `SourceError`. */
  private call<T>(fn: () => Promise<T>, what: string): Promise<T> {
    return awsCall(fn, this.describe(), what, {
      backoff: this.backoff,
      maxAttempts: this.maxAttempts,
      notFound: NOT_FOUND,
      permission: (w) => `logs:${w.split(" ")[0]}`,
    });
  }
}

const NOT_FOUND: ReadonlySet<string> = new Set(["ResourceNotFoundException"]);

const LEVEL_WORD =
  /(?<![A-Za-z])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL|SEVERE|PANIC)(?![A-Za-z])/;
const LEVEL_ALIASES: Readonly<Record<string, Level>> = {
  NOTICE: "INFO",
  FATAL: "ERROR",
  CRITICAL: "ERROR",
  SEVERE: "ERROR",
  PANIC: "ERROR",
  ERR: "ERROR",
};
/** pino/bunyan numeric levels. */
const NUMERIC_LEVELS: ReadonlyArray<[number, Level]> = [
  [50, "ERROR"],
  [40, "WARN"],
  [30, "INFO"],
  [20, "DEBUG"],
  [0, "TRACE"],
];

/** A level name as written by common loggers (any case; WARNING, FATAL, CRITICAL, ... ; pino numbers). */
export function levelOf(value: unknown): Level | undefined {
  if (typeof value === "number") return NUMERIC_LEVELS.find(([n]) => value >= n)?.[1];
  if (typeof value !== "string") return undefined;
  const upper = value.trim().toUpperCase();
  return normalizeLevel(upper) ?? LEVEL_ALIASES[upper];
}

/**
 * The level of a plain-text line, where it is obvious: the first upper-case level word among the first 256
 * characters (`ERROR`, `[ERROR]`, `WARN`, `WARNING`, `INFO`, `DEBUG`, `TRACE`; `FATAL`/`CRITICAL`/`SEVERE` count as
 * ERROR), as Lambda runtimes and most loggers write it. INFO otherwise.
 */
export function inferLevel(text: string): Level {
  const m = LEVEL_WORD.exec(text.slice(0, 256));
  return (m && levelOf(m[1])) || "INFO";
}

/**
 * Maps a CloudWatch event into Kestra's log model.
 *
 * - A JSON object message keeps its fields. `level` is read from it (any case, pino numbers too; else inferred
 *   from its `message`), `namespace` and `flowId` when they are strings (else the log group and the log stream),
 *   `message` when it is a string (else the whole event text), `timestamp` when it is a valid ISO-8601 date-time
 *   with a zone (else the event's timestamp). An object that still does not fit the model (e.g. a numeric
 *   `taskId`) is treated as plain text.
 * - Plain text: `namespace` = the log group name, `flowId` = the log stream name, `message` = the text (without
 *   its trailing newline), `level` inferred (see {@link inferLevel}), `timestamp` = the event's timestamp.
 * - Always: `logGroup` and `logStream` are added as attributes. The position is the event's timestamp and the key
 *   `<logGroup>/<eventId>`.
 */
export function toKestraRecord(group: string, event: FilteredLogEvent): LogRecord | undefined {
  if (event.timestamp === undefined || !Number.isFinite(event.timestamp)) return undefined;
  const pos = fromEpochMs(event.timestamp);
  const stream = event.logStreamName ?? "";
  const text = (event.message ?? "").replace(/\r?\n$/, "");
  const key = `${group}/${event.eventId ?? `${event.timestamp}:${stream}:${text.length}`}`;
  const attributes = { logGroup: group, logStream: stream };
  const json = parseObject(text);
  if (json !== undefined) {
    const message = typeof json.message === "string" ? json.message : text;
    const ownTs = typeof json.timestamp === "string" ? normalizeTimestamp(json.timestamp) : undefined;
    const entry = {
      ...json,
      namespace: typeof json.namespace === "string" && json.namespace !== "" ? json.namespace : group,
      flowId: typeof json.flowId === "string" ? json.flowId : stream,
      timestamp: ownTs !== undefined ? (json.timestamp as string) : toIso(pos),
      level: levelOf(json.level) ?? inferLevel(message),
      message,
      ...attributes,
    };
    const c = checkEntry(entry);
    if (c.ok) return { ts: c.ts, pos, key, level: c.level, entry: c.entry };
  }
  const level = inferLevel(text);
  const entry: LogEntry = {
    namespace: group,
    flowId: stream,
    timestamp: toIso(pos),
    level,
    message: text,
    ...attributes,
  };
  return { ts: pos, pos, key, level, entry };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return v !== null && typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the CloudWatch Logs source (the AWS SDK is loaded here, on first use). */
export async function createCloudWatchSource(
  config: CloudWatchSourceConfig,
  context: SourceContext,
  options: CloudWatchSourceOptions = {},
): Promise<CloudWatchLogsSource> {
  const resolved = await renderSecretsIfAny(config, context.secrets, "the cloudwatch source's config");
  if ((resolved.logGroupNames === undefined) === (resolved.logGroupNamePrefix === undefined)) {
    throw new LogShipperError(
      "CONFIG_INVALID",
      "the cloudwatch source needs exactly one of logGroupNames and logGroupNamePrefix",
    );
  }
  const clientConfig = cloudWatchLogsClientConfig(
    {
      region: resolved.region,
      accessKeyId: resolved.accessKeyId,
      secretKeyId: resolved.secretKeyId,
      sessionToken: resolved.sessionToken,
      endpointOverride: resolved.endpointOverride,
    },
    context.env,
    "the cloudwatch source",
  );
  const sdk = await import("@aws-sdk/client-cloudwatch-logs");
  return new CloudWatchLogsSource(resolved, sdk, new sdk.CloudWatchLogsClient(clientConfig), options);
}
