import { normalizeLevel, type Level } from "./levels";
import { normalizeTimestamp, type SortableTimestamp } from "./timestamp";

/**
 * Kestra's log entry (`io.kestra.core.models.executions.LogEntry`), as found in JSON-lines exports and returned by
 * Kestra's log search API. Unknown fields are kept and shipped as they are.
 */
export interface LogEntry {
  tenantId?: string | null;
  namespace: string;
  flowId: string;
  taskId?: string | null;
  executionId?: string | null;
  taskRunId?: string | null;
  attemptNumber?: number | null;
  triggerId?: string | null;
  /** ISO-8601 date-time as written by the source (kept verbatim). */
  timestamp: string;
  level: string;
  thread?: string | null;
  message: string;
  executionKind?: string | null;
  [field: string]: unknown;
}

/** The named fields of {@link LogEntry}, in Kestra's order; any other field of an entry is an extra field. */
export const LOG_ENTRY_FIELDS = [
  "tenantId",
  "namespace",
  "flowId",
  "taskId",
  "executionId",
  "taskRunId",
  "attemptNumber",
  "triggerId",
  "timestamp",
  "level",
  "thread",
  "message",
  "executionKind",
] as const;

/**
 * One log record on its way through log-shipper: the entry, its normalized timestamp and level, and its position
 * in the source (`pos`, `key`), which is what offsets are made of.
 */
export interface LogRecord {
  /** The entry's own timestamp, normalized (full precision, UTC). */
  readonly ts: SortableTimestamp;
  /**
   * The ordering timestamp of the record in its source. Equal to `ts`, except for a file line that is older than
   * the line before it: it keeps the position of the line before it, so that a file is always read in order.
   */
  readonly pos: SortableTimestamp;
  /** Source-specific tiebreak among records with the same `pos`. */
  readonly key: string;
  /** The level, with `WARNING` normalized to `WARN`. */
  readonly level: Level;
  readonly entry: LogEntry;
  /** The record's JSON text as read from the source, when the source had one; exporters may pass it through. */
  readonly raw?: string;
  /**
   * Frees what the record can rebuild on demand (a source that keeps `raw` may drop the parsed `entry` and parse
   * it again if it is asked for). The pipeline calls it once the record is encoded: a record then waits for its
   * request's acknowledgement holding only its text and its encoding, not also a parsed copy of it (peak RSS of a
   * 200k-record apply: 203 to 188 MiB).
   */
  compact?(): void;
}

/**
 * A record read as JSON text: the parsed entry is kept until `compact()`, and parsed again from `raw` if it is
 * needed after that (JSON.parse of the same text gives an equal entry).
 */
export class ParsedRecord implements LogRecord {
  private parsed: LogEntry | undefined;

  constructor(
    readonly ts: SortableTimestamp,
    readonly pos: SortableTimestamp,
    readonly key: string,
    readonly level: Level,
    /** The parsed entry; `undefined` to parse `raw` on first use. */
    entry: LogEntry | undefined,
    readonly raw: string,
  ) {
    this.parsed = entry;
  }

  /** The entry (parsed again from `raw` after `compact()`). */
  get entry(): LogEntry {
    return (this.parsed ??= JSON.parse(this.raw) as LogEntry);
  }

  /** Drops the parsed entry. */
  compact(): void {
    this.parsed = undefined;
  }
}

/** Why a value is not a valid log entry, or the validated pieces. */
export type EntryCheck =
  { ok: true; ts: SortableTimestamp; level: Level; entry: LogEntry } | { ok: false; reason: string };

/** Checks that a parsed JSON value has the shape of a Kestra log entry, and normalizes its timestamp and level. */
export function checkEntry(value: unknown): EntryCheck {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, reason: "not a JSON object" };
  }
  const e = value as Record<string, unknown>;
  const timestamp = e.timestamp;
  if (typeof timestamp !== "string") return { ok: false, reason: "`timestamp` is missing or not a string" };
  const ts = normalizeTimestamp(timestamp);
  if (ts === undefined) {
    return {
      ok: false,
      reason: `\`timestamp\` ${truncate(timestamp)} is not an ISO-8601 date-time with a zone`,
    };
  }
  const levelName = e.level;
  if (typeof levelName !== "string") return { ok: false, reason: "`level` is missing or not a string" };
  const level = normalizeLevel(levelName);
  if (level === undefined)
    return { ok: false, reason: `\`level\` ${truncate(levelName)} is not a Kestra level` };
  if (typeof e.namespace !== "string" || e.namespace === "") {
    return { ok: false, reason: "`namespace` is missing or not a string" };
  }
  if (typeof e.flowId !== "string") return { ok: false, reason: "`flowId` is missing or not a string" };
  if (typeof e.message !== "string") return { ok: false, reason: "`message` is missing or not a string" };
  for (const field of OPTIONAL_STRINGS) {
    const v = e[field];
    if (v !== undefined && v !== null && typeof v !== "string") {
      return { ok: false, reason: `\`${field}\` is not a string` };
    }
  }
  const attempt = e.attemptNumber;
  if (attempt !== undefined && attempt !== null && !Number.isInteger(attempt)) {
    return { ok: false, reason: "`attemptNumber` is not an integer" };
  }
  return { ok: true, ts, level, entry: e as LogEntry };
}

const OPTIONAL_STRINGS = [
  "tenantId",
  "taskId",
  "executionId",
  "taskRunId",
  "triggerId",
  "thread",
  "executionKind",
];

function truncate(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** Which records a shipper ships: a minimum level and, optionally, a namespace with its children. */
export interface RecordFilter {
  /** Minimum level rank (see `levelRank`). */
  readonly minLevelRank: number;
  /** Ships this namespace and every `namespace.` child; all namespaces when undefined. */
  readonly namespace?: string;
}

/** True when a namespace is the filter's namespace or one of its children. */
export function namespaceMatches(namespace: string, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return (
    namespace === filter ||
    (namespace.length > filter.length && namespace.startsWith(filter) && namespace[filter.length] === ".")
  );
}
