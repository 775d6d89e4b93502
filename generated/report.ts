/* eslint-disable */
/**
 * GENERATED from schemas/report.schema.json by json-schema-to-typescript. Do not edit by hand:
 * change the schema and run `npm run generate`.
 */

/**
 * The JSON documents printed by `logshipper plan --json` and `logshipper apply --json`, and logged by the Lambda.
 */
export type Reports = PlanReport | ApplyReport;
/**
 * new-exporter: no stored offset, backfills from the lookback. orphaned-state: an offset whose shipper or exporter is no longer declared. config-changed: the exporter's config changed since its offset was written. lagging: pending work older than the lag threshold. long-backlog: the stored cursor is older than now minus lookbackPeriod. destination-window: pending logs are older than the destination accepts. secret-unresolvable: a secret cannot be read. source-missing: the source (e.g. a log group) does not exist. source-error: the source cannot be read. source-incomplete: the source answered, but a time window (or file) could not be proved read completely (fewer distinct records than the server's total, a stream that did not end, a file that shrank while read); the run failed and no cursor passed that window. locked: another run holds the shipper's lock.
 */
export type DriftKind =
  | "new-exporter"
  | "orphaned-state"
  | "config-changed"
  | "lagging"
  | "long-backlog"
  | "destination-window"
  | "secret-unresolvable"
  | "source-missing"
  | "source-error"
  | "source-incomplete"
  | "locked";

export interface PlanReport {
  command: "plan";
  /**
   * ISO-8601 timestamp (UTC).
   */
  now: string;
  state?: string;
  shippers: PlanShipper[];
  drift: Drift[];
  warnings?: string[];
}
export interface PlanShipper {
  id: string;
  source?: string;
  exporters: PlanExporter[];
  slices?: PlanSlices;
}
export interface PlanExporter {
  id: string;
  /**
   * Canonical exporter type (alias).
   */
  type: string;
  /**
   * Start of the range: the stored cursor's timestamp, or now minus lookbackPeriod.
   */
  from: string;
  /**
   * End of the range: now minus the source's settleDelay.
   */
  to: string;
  /**
   * Records to ship, or null when it cannot be known cheaply.
   */
  pending: number | null;
  /**
   * What apply would do.
   */
  action?: "ship" | "none" | "backfill";
  cursor?: Cursor | null;
}
export interface Cursor {
  /**
   * Sortable UTC timestamp with nanoseconds, YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ: the source-order position of the last acknowledged record.
   */
  ts: string;
  /**
   * Source-specific tiebreak among records with the same timestamp.
   */
  key: string;
}
/**
 * A running scale-out plan of the shipper: how many of its slices are done, running (some progress), pending and failed.
 */
export interface PlanSlices {
  runId: string;
  done: number;
  running: number;
  pending: number;
  failed: number;
}
export interface Drift {
  kind: DriftKind;
  shipper: string;
  exporter?: string;
  offsetKey?: string;
  message: string;
  lagSeconds?: number;
}
export interface ApplyReport {
  command: "apply";
  /**
   * ISO-8601 timestamp (UTC).
   */
  now: string;
  state?: string;
  shippers: ApplyShipper[];
  drift: Drift[];
  /**
   * Source lines that could not be parsed as log entries, in all shippers.
   */
  invalidLines: number;
  /**
   * @maxItems 20
   */
  invalidSamples?: InvalidSample[];
  warnings?: string[];
  durationMs?: number;
}
export interface ApplyShipper {
  id: string;
  source?: string;
  status?: "ok" | "failed" | "skipped" | "partial";
  message?: string;
  /**
   * Records read from the source that passed the filters.
   */
  read?: number;
  invalidLines?: number;
  durationMs?: number;
  exporters: ApplyExporter[];
}
export interface ApplyExporter {
  id: string;
  type: string;
  /**
   * ISO-8601 timestamp (UTC).
   */
  from: string;
  /**
   * ISO-8601 timestamp (UTC).
   */
  to: string;
  /**
   * Records acknowledged by the destination in this run.
   */
  shipped: number;
  /**
   * Records the destination (or its limits) rejected in this run; they are in the dead-letter. A destination that rejects part of a request without saying which (OTLP partial success) counts by its own number: see uncertain.
   */
  rejected: number;
  /**
   * Records of requests that the destination rejected only in part without saying which ("N of these M"): counted in shipped or rejected by the destination's numbers, and all M in the dead-letter, marked uncertain with the request, N and M, so that a replay can skip those already stored.
   */
  uncertain?: number;
  /**
   * ok: caught up to `to`. partial: stopped early (time budget). failed: a delivery error stopped this exporter; its cursor stays at the last acknowledged batch. skipped: not run.
   */
  status?: "ok" | "failed" | "skipped" | "partial";
  requests?: number;
  retries?: number;
  /**
   * Records shipped with a truncated message because they exceeded the destination's per-entry limit.
   */
  truncated?: number;
  error?: string;
  cursor?: Cursor | null;
  /**
   * Where rejected records were written.
   */
  deadLetter?: string;
}
export interface InvalidSample {
  location: string;
  reason: string;
}
