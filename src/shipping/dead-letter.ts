import { randomUUID } from "node:crypto";
import { mkdir, open } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { LogRecord } from "../core/log-record";
import { redact } from "../secrets/redaction";

/** A record a destination rejected for good, and why. */
export interface Rejected {
  readonly record: LogRecord;
  readonly reason: string;
  /** Set when the destination rejected only some of this record's request without saying which. */
  readonly uncertain?: Uncertain;
}

/**
 * "The destination rejected `rejected` of these `of` records and did not say which": every record of that request
 * is dead-lettered with the same `request`, so that a replay can look them up at the destination (or resend them
 * to one that deduplicates) instead of duplicating the `of − rejected` that were stored.
 */
export interface Uncertain {
  /** The same for every record of one request (a random UUID). */
  readonly request: string;
  readonly rejected: number;
  readonly of: number;
}

/**
 * The dead-letter items for a request of which the destination rejected `count` records without saying which:
 * all of `records`, marked {@link Uncertain} with one request id. `count` is capped at `records.length`.
 */
export function uncertainRejections(
  records: readonly LogRecord[],
  count: number,
  reason: string,
): Rejected[] {
  const uncertain: Uncertain = {
    request: randomUUID(),
    rejected: Math.min(Math.max(0, Math.floor(count)), records.length),
    of: records.length,
  };
  return records.map((record) => ({ record, reason, uncertain }));
}

/**
 * What dead-letter items stand for: `rejected` counts each certain item once and each uncertain request by the
 * destination's count (not by its records); `uncertain` is the number of items whose fate is unknown.
 */
export function countRejected(items: readonly Rejected[]): { rejected: number; uncertain: number } {
  let rejected = 0;
  let uncertain = 0;
  let requests: Set<string> | undefined;
  for (const item of items) {
    const u = item.uncertain;
    if (u === undefined) {
      rejected++;
      continue;
    }
    uncertain++;
    requests ??= new Set();
    if (!requests.has(u.request)) {
      requests.add(u.request);
      rejected += u.rejected;
    }
  }
  return { rejected, uncertain };
}

/**
 * Where rejected records are kept: never dropped, never silently. Written (durably) before the offset that
 * passes them is committed. Adapters: local JSON-lines files; S3 in AWS.
 */
export interface DeadLetter {
  /** Where one exporter's rejected records go, for the report. */
  describe(shipper: string, exporter: string): string;
  write(shipper: string, exporter: string, items: readonly Rejected[]): Promise<void>;
}

/**
 * One dead-letter line: the entry as it was read, the reason, where it was going, and (for a partial rejection
 * that did not say which) `"uncertain":{"request","rejected","of"}`.
 */
export function deadLetterLine(shipper: string, exporter: string, item: Rejected, at: string): string {
  const entry = item.record.raw ?? entryJson(item.record);
  const u = item.uncertain;
  const uncertain =
    u === undefined
      ? ""
      : `,"uncertain":{"request":${JSON.stringify(u.request)},"rejected":${u.rejected},"of":${u.of}}`;
  return `{"at":${JSON.stringify(at)},"shipper":${JSON.stringify(shipper)},"exporter":${JSON.stringify(exporter)},"reason":${JSON.stringify(redact(item.reason))}${uncertain},"entry":${entry}}\n`;
}

/** The entry as JSON; one that cannot be serialized (nested too deeply) is kept as its message and time. */
function entryJson(record: LogRecord): string {
  try {
    return JSON.stringify(record.entry);
  } catch (err) {
    return JSON.stringify({
      timestamp: record.entry.timestamp,
      message: record.entry.message,
      unserializable: String(err),
    });
  }
}

/** Dead-letter files under a directory: `<dir>/<shipper>/<exporter>.jsonl`, appended and fsynced. */
export class FileDeadLetter implements DeadLetter {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  describe(shipper: string, exporter: string): string {
    return join(this.dir, shipper, `${exporter}.jsonl`);
  }

  async write(shipper: string, exporter: string, items: readonly Rejected[]): Promise<void> {
    if (items.length === 0) return;
    await mkdir(join(this.dir, shipper), { recursive: true });
    const at = new Date().toISOString();
    const handle = await open(this.describe(shipper, exporter), "a", 0o600);
    try {
      await handle.writeFile(items.map((i) => deadLetterLine(shipper, exporter, i, at)).join(""));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
