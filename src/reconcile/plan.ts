import type { ResolvedExporter, ResolvedShipper } from "../config/model";
import { cursorAt, type Cursor } from "../core/cursor";
import { describeError } from "../core/errors";
import { humanDuration } from "../core/duration";
import { fromEpochMs, toEpochMs, toIso } from "../core/timestamp";
import { destinationOf } from "../exporters/registry";
import type { SecretResolver } from "../secrets/secret-resolver";
import type { Source } from "../sources/source";
import type { OffsetRecord, OffsetRef, StateStore } from "../state/state-store";
import { laggingDrift, sourceFailureDrift, type Drift } from "./drift";

/** What apply would do for one exporter. */
export interface ExporterPlan {
  readonly exporter: ResolvedExporter;
  readonly ref: OffsetRef;
  readonly stored: OffsetRecord | undefined;
  /** Records strictly after this position are outstanding. */
  readonly start: Cursor;
  /** End of the range (sortable timestamp, inclusive). */
  readonly to: string;
  /** Outstanding records, or `null` when the source cannot count them cheaply. */
  pending: number | null;
  readonly action: "ship" | "none" | "backfill";
}

/** What apply would do for one shipper, and its drift. */
export interface ShipperPlan {
  readonly shipper: ResolvedShipper;
  readonly to: string;
  readonly exporters: ExporterPlan[];
  readonly drift: Drift[];
}

/** Inputs of a plan. */
export interface PlanContext {
  readonly state: StateStore;
  readonly source: Source;
  /** The run's clock. */
  readonly now: Date;
  /** When given, each referenced secret is checked (never read into the plan). */
  readonly secrets?: SecretResolver;
  /** Count outstanding records (a source scan for files). Default true. */
  readonly count?: boolean;
}

/**
 * Compares a shipper's desired config with its stored offsets: for each exporter, the range from its cursor (or
 * now − lookbackPeriod) to now − settleDelay, how many records are outstanding, and the drift.
 */
export async function planShipper(shipper: ResolvedShipper, context: PlanContext): Promise<ShipperPlan> {
  const nowMs = context.now.getTime();
  const to = fromEpochMs(nowMs - shipper.settleDelayMs);
  const lookbackStart = fromEpochMs(nowMs - shipper.lookbackMs);
  const drift: Drift[] = [];
  const exporters: ExporterPlan[] = [];
  for (const exporter of shipper.exporters) {
    const ref: OffsetRef = { shipper: shipper.id, offsetKey: shipper.offsetKey, exporter: exporter.id };
    const stored = await context.state.get(ref);
    const start = stored?.cursor ?? cursorAt(lookbackStart);
    exporters.push({
      exporter,
      ref,
      stored,
      start,
      to,
      pending: start.ts >= to ? 0 : null,
      action: stored ? "ship" : "backfill",
    });
    if (context.secrets) {
      for (const name of exporter.secrets) {
        try {
          await context.secrets.check(name);
        } catch (err) {
          drift.push({
            kind: "secret-unresolvable",
            shipper: shipper.id,
            exporter: exporter.id,
            message: `${shipper.id}/${exporter.id}: ${describeError(err)}`,
          });
        }
      }
    }
  }
  try {
    drift.push(...(await context.source.check(shipper.id)));
  } catch (err) {
    drift.push({
      kind: "source-error",
      shipper: shipper.id,
      message: `${shipper.id}: cannot check the source ${context.source.describe()}: ${describeError(err)}`,
    });
  }
  const toCount = exporters.filter((e) => e.pending === null);
  if ((context.count ?? true) && toCount.length > 0 && !drift.some((d) => d.kind === "source-missing")) {
    try {
      const counts = await context.source.count(
        toCount.map((e) => ({ after: e.start, to, filter: shipper.filter })),
      );
      toCount.forEach((e, i) => (e.pending = counts[i] ?? null));
    } catch (err) {
      const message = `${shipper.id}: cannot read the source ${context.source.describe()}: ${describeError(err)}`;
      drift.push(sourceFailureDrift(shipper.id, err, message));
    }
  } else if (drift.some((d) => d.kind === "source-missing")) {
    toCount.forEach((e) => (e.pending = 0));
  }
  for (const e of exporters) {
    drift.push(...offsetDrift(shipper, e, lookbackStart));
    if (e.pending === 0 && e.action === "ship") (e as { action: ExporterPlan["action"] }).action = "none";
    const window = destinationOf(e.exporter.type).window;
    if (window?.pastMs !== undefined && e.pending !== 0 && e.start.ts < fromEpochMs(nowMs - window.pastMs)) {
      drift.push({
        kind: "destination-window",
        shipper: shipper.id,
        exporter: e.exporter.id,
        message: `${shipper.id}/${e.exporter.id}: pending logs from ${toIso(e.start.ts)} are older than ${window.description}; apply sends them to the dead-letter as rejected instead of shipping them`,
      });
    }
  }
  return { shipper, to, exporters, drift };
}

/** Drift of one exporter's offset; `lagging` and `long-backlog` only when work is outstanding. */
function offsetDrift(shipper: ResolvedShipper, plan: ExporterPlan, lookbackStart: string): Drift[] {
  const { exporter, stored, to } = plan;
  const who = `${shipper.id}/${exporter.id}`;
  if (stored === undefined) {
    return [
      {
        kind: "new-exporter",
        shipper: shipper.id,
        exporter: exporter.id,
        offsetKey: shipper.offsetKey,
        message: `${who} has no offset under ${shipper.offsetKey}: it backfills from now − ${shipper.lookbackPeriod} (${toIso(lookbackStart)})`,
      },
    ];
  }
  const out: Drift[] = [];
  if (
    stored.configHash !== "" &&
    stored.configHash !== "manual" &&
    stored.configHash !== exporter.configHash
  ) {
    out.push({
      kind: "config-changed",
      shipper: shipper.id,
      exporter: exporter.id,
      offsetKey: shipper.offsetKey,
      message: `${who}: the exporter's config changed since its offset was written (${stored.updatedAt}); it continues from its offset. Change offsetKey to ship the lookback again`,
    });
  }
  if (plan.pending === 0) return out;
  if (stored.cursor.ts < lookbackStart) {
    const behind = toEpochMs(to) - toEpochMs(stored.cursor.ts);
    out.push({
      kind: "long-backlog",
      shipper: shipper.id,
      exporter: exporter.id,
      lagSeconds: Math.round(behind / 1000),
      message: `${who} is ${humanDuration(behind)} behind (offset at ${toIso(stored.cursor.ts)}), further than its lookbackPeriod ${shipper.lookbackPeriod}; it ships everything from its offset, nothing is skipped`,
    });
  } else if (toEpochMs(to) - toEpochMs(stored.cursor.ts) > shipper.lagThresholdMs) {
    out.push(laggingDrift(shipper, exporter.id, stored.cursor.ts, to));
  }
  return out;
}
