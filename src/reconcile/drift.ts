import type { Drift } from "../../generated/report";
import type { ResolvedShipper } from "../config/model";
import { humanDuration } from "../core/duration";
import { toEpochMs, toIso } from "../core/timestamp";
import { SourceIncompleteError } from "../sources/errors";
import type { StoredOffset } from "../state/state-store";

export type { Drift } from "../../generated/report";

/**
 * Offsets whose shipper, offsetKey or exporter is no longer declared. `only` limits the check to some shippers
 * (when `--shipper` is given, other shippers' state is not judged).
 */
export function orphanedState(
  shippers: readonly ResolvedShipper[],
  stored: readonly StoredOffset[],
  only?: ReadonlySet<string>,
): Drift[] {
  const declared = new Map(shippers.map((s) => [s.id, s]));
  const drift: Drift[] = [];
  for (const o of stored) {
    if (only !== undefined && !only.has(o.shipper)) continue;
    const shipper = declared.get(o.shipper);
    let why: string | undefined;
    if (shipper === undefined) why = `shipper ${o.shipper} is no longer declared`;
    else if (o.offsetKey !== shipper.offsetKey)
      why = `offsetKey ${o.offsetKey} is no longer used (the shipper now uses ${shipper.offsetKey})`;
    else if (!shipper.exporters.some((e) => e.id === o.exporter))
      why = `exporter ${o.exporter} is no longer declared`;
    if (why !== undefined) {
      drift.push({
        kind: "orphaned-state",
        shipper: o.shipper,
        exporter: o.exporter,
        offsetKey: o.offsetKey,
        message: `orphaned offset ${o.shipper}/${o.offsetKey}/${o.exporter} (at ${toIso(o.record.cursor.ts)}): ${why}; remove it with \`logshipper state rm ${o.shipper} ${o.exporter} --offset-key ${o.offsetKey}\``,
      });
    }
  }
  return drift;
}

/** `lagging` drift: the exporter's committed position is older than the shipper's lag threshold. */
export function laggingDrift(
  shipper: ResolvedShipper,
  exporter: string,
  cursorTs: string,
  toTs: string,
  reason?: string,
): Drift {
  const lagMs = Math.max(0, toEpochMs(toTs) - toEpochMs(cursorTs));
  return {
    kind: "lagging",
    shipper: shipper.id,
    exporter,
    lagSeconds: Math.round(lagMs / 1000),
    message: `${shipper.id}/${exporter} is ${humanDuration(lagMs)} behind (committed up to ${toIso(cursorTs)})${reason ? `: ${reason}` : `, more than the lag threshold of ${humanDuration(shipper.lagThresholdMs)}`}`,
  };
}

/**
 * The drift of a source read that failed: `source-incomplete` when the source answered but a window could not be
 * proved read completely (its cursors stay before that window), else `source-error`.
 */
export function sourceFailureDrift(shipper: string, err: unknown, message: string): Drift {
  return {
    kind: err instanceof SourceIncompleteError ? "source-incomplete" : "source-error",
    shipper,
    message,
  };
}
