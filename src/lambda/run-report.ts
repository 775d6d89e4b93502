import type { ApplyExporter, ApplyShipper, Drift } from "../../generated/report";
import { toEpochMs, toIso } from "../core/timestamp";
import { emfDocument, type EmfDocument } from "./emf";

/** The CloudWatch namespace of log-shipper's metrics. */
export const METRICS_NAMESPACE = "LogShipper";

/** What happened about a continuation of this shipper's run. */
export type ContinuationNote =
  { readonly requested: true; readonly hop: number } | { readonly requested: false; readonly reason: string };

/** Everything one shipper's part of an invocation produced. */
export interface ShipperOutcome {
  /** The shipper's part of the apply report; `undefined` when it did not run (deferred, or an error before it). */
  readonly report?: ApplyShipper;
  readonly shipper: string;
  /** ok, partial, failed, skipped (another run holds the lease), or deferred (no time left to start it). */
  readonly status: NonNullable<ApplyShipper["status"]> | "deferred";
  readonly drift: readonly Drift[];
  readonly message?: string;
  readonly continuation?: ContinuationNote;
}

/** Context of the invocation, repeated in each log line. */
export interface InvocationInfo {
  readonly requestId?: string;
  readonly hop: number;
}

/** One exporter's figures in the run log line. */
interface ExporterLine {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  /** The range this run worked on (ISO-8601). */
  readonly from: string;
  readonly to: string;
  /** The committed position after the run (ISO-8601), `null` when nothing was ever committed. */
  readonly cursor: string | null;
  readonly shipped: number;
  readonly rejected: number;
  /** Records the destination rejected in part without saying which (only when some were). */
  readonly uncertain?: number;
  readonly requests: number;
  readonly retries: number;
  readonly lagSeconds: number;
  readonly deadLetter?: string;
  readonly error?: string;
}

/**
 * How far an exporter's committed position is behind the end of its range after the run: 0 when it caught up
 * (every record up to `to` was handled, even if the last one is older), else `to` minus its cursor (or minus the
 * range start when nothing was committed).
 */
export function lagSeconds(exporter: ApplyExporter): number {
  if (exporter.status === "ok") return 0;
  const toMs = Date.parse(exporter.to);
  const atMs = exporter.cursor ? toEpochMs(exporter.cursor.ts) : Date.parse(exporter.from);
  return Math.max(0, Math.round((toMs - atMs) / 1000));
}

/**
 * The one structured log line of a shipper's run: ranges, counts, retries, drift, duration, continuation. Built
 * from the apply report, which is already redacted.
 */
export function runLogLine(outcome: ShipperOutcome, info: InvocationInfo): Record<string, unknown> {
  const exporters: ExporterLine[] = (outcome.report?.exporters ?? []).map((e) => ({
    id: e.id,
    type: e.type,
    status: e.status ?? "ok",
    from: e.from,
    to: e.to,
    cursor: e.cursor ? toIso(e.cursor.ts) : null,
    shipped: e.shipped,
    rejected: e.rejected,
    ...(e.uncertain ? { uncertain: e.uncertain } : {}),
    requests: e.requests ?? 0,
    retries: e.retries ?? 0,
    lagSeconds: lagSeconds(e),
    ...(e.deadLetter ? { deadLetter: e.deadLetter } : {}),
    ...(e.error ? { error: e.error } : {}),
  }));
  const sum = (f: (e: ExporterLine) => number): number => exporters.reduce((n, e) => n + f(e), 0);
  const level =
    outcome.status === "failed"
      ? "ERROR"
      : outcome.status === "ok" && outcome.drift.length === 0
        ? "INFO"
        : "WARN";
  return {
    level,
    type: "logshipper.run",
    message: summary(
      outcome,
      sum((e) => e.shipped),
      sum((e) => e.rejected),
    ),
    shipper: outcome.shipper,
    status: outcome.status,
    ...(info.requestId !== undefined ? { requestId: info.requestId } : {}),
    hop: info.hop,
    ...(outcome.report?.source ? { source: outcome.report.source } : {}),
    durationMs: outcome.report?.durationMs ?? 0,
    read: outcome.report?.read ?? 0,
    invalidLines: outcome.report?.invalidLines ?? 0,
    shipped: sum((e) => e.shipped),
    rejected: sum((e) => e.rejected),
    requests: sum((e) => e.requests),
    retries: sum((e) => e.retries),
    exporters,
    drift: outcome.drift.map((d) => ({
      kind: d.kind,
      ...(d.exporter !== undefined ? { exporter: d.exporter } : {}),
      ...(d.lagSeconds !== undefined ? { lagSeconds: d.lagSeconds } : {}),
      message: d.message,
    })),
    ...(outcome.message !== undefined ? { error: outcome.message } : {}),
    ...(outcome.continuation !== undefined ? { continuation: outcome.continuation } : {}),
  };
}

function summary(outcome: ShipperOutcome, shipped: number, rejected: number): string {
  const head = `shipper ${outcome.shipper}: ${outcome.status}`;
  const counts = outcome.report !== undefined ? `, shipped ${shipped}, rejected ${rejected}` : "";
  const drift = outcome.drift.length > 0 ? `, ${outcome.drift.length} drift` : "";
  const next =
    outcome.continuation === undefined
      ? ""
      : outcome.continuation.requested
        ? `; continues in hop ${outcome.continuation.hop}`
        : `; ${outcome.continuation.reason}`;
  return `${head}${counts}${drift}${next}`;
}

/**
 * The EMF documents of a shipper's run: per exporter, `Shipped`, `Rejected` (Count), `LagSeconds` (Seconds) and
 * `Drift` (Count of drift items naming the exporter) by [Shipper, Exporter]; per shipper, `Drift` (Count of all
 * its drift items, including `locked`) by [Shipper]. A deferred shipper (not started) emits nothing.
 */
export function runMetrics(outcome: ShipperOutcome, timestamp: number = Date.now()): EmfDocument[] {
  if (outcome.status === "deferred") return [];
  const docs: EmfDocument[] = [];
  for (const e of outcome.report?.exporters ?? []) {
    docs.push(
      emfDocument(
        METRICS_NAMESPACE,
        { Shipper: outcome.shipper, Exporter: e.id },
        [
          { name: "Shipped", unit: "Count", value: e.shipped },
          { name: "Rejected", unit: "Count", value: e.rejected },
          { name: "LagSeconds", unit: "Seconds", value: lagSeconds(e) },
          { name: "Drift", unit: "Count", value: outcome.drift.filter((d) => d.exporter === e.id).length },
        ],
        timestamp,
      ),
    );
  }
  docs.push(
    emfDocument(
      METRICS_NAMESPACE,
      { Shipper: outcome.shipper },
      [{ name: "Drift", unit: "Count", value: outcome.drift.length }],
      timestamp,
    ),
  );
  return docs;
}
