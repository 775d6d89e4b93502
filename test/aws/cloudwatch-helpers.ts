// Helpers of the CloudWatch Logs tests against moto_server (not a test file itself).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
  type FilteredLogEvent,
} from "@aws-sdk/client-cloudwatch-logs";
import { checkEntry, type LogEntry, type LogRecord } from "../../src/core/log-record";

/** moto's endpoint, from the global setup. */
export function motoEndpoint(): string {
  const endpoint = process.env.MOTO_ENDPOINT;
  if (!endpoint) throw new Error("MOTO_ENDPOINT is not set (the jest global setup starts moto_server)");
  return endpoint;
}

/** A CloudWatch Logs client talking to moto with dummy credentials. */
export function motoLogs(): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    region: "us-east-1",
    endpoint: motoEndpoint(),
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}

/** A name nobody else uses in this moto instance. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Creates a log group (and optionally streams). */
export async function createGroup(client: CloudWatchLogsClient, group: string, streams: string[] = []) {
  await client.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (const s of streams)
    await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: s }));
}

/** Puts events (sorted by timestamp, as PutLogEvents wants) into a stream, in requests of 1,000. */
export async function putEvents(
  client: CloudWatchLogsClient,
  group: string,
  stream: string,
  events: Array<{ timestamp: number; message: string }>,
): Promise<void> {
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  for (let i = 0; i < sorted.length; i += 1000) {
    await client.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: sorted.slice(i, i + 1000),
      }),
    );
  }
}

/** Every event of a log group (all streams), read with FilterLogEvents and nextToken paging. */
export async function readAll(client: CloudWatchLogsClient, group: string): Promise<FilteredLogEvent[]> {
  const out: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const res = await client.send(new FilterLogEventsCommand({ logGroupName: group, nextToken }));
    out.push(...(res.events ?? []));
    nextToken = res.nextToken;
  } while (nextToken);
  return out;
}

/** A Kestra log entry at `ms`, numbered `n`. */
export function kestraEntry(ms: number, n: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    namespace: "company.team",
    flowId: "flow",
    taskId: "task",
    executionId: "exec1",
    timestamp: new Date(ms).toISOString(),
    level: "INFO",
    thread: "main",
    message: `message ${n}`,
    ...extra,
  };
}

/** A log record for an entry (position = its timestamp, key = `n` padded). */
export function recordOf(entry: LogEntry, key: string): LogRecord {
  const c = checkEntry(entry);
  if (!c.ok) throw new Error(c.reason);
  return { ts: c.ts, pos: c.ts, key, level: c.level, entry: c.entry };
}

/** A temporary directory, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "logshipper-cw-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
