import type { PlanReport } from "../../generated/report";
import type { LoadedConfig } from "../config/model";
import { describeTarget } from "./describe-target";
import { num, pad, padStart, plural } from "./format";

/** Renders a plan the way `terraform plan` reads: one line per exporter, the drift, and a summary line. */
export function renderPlan(report: PlanReport, config: LoadedConfig): string {
  const out: string[] = [`log-shipper plan · now ${report.now} · state ${report.state ?? "?"}`, ""];
  let toShip = 0;
  let unknown = 0;
  let exportersToShip = 0;
  let upToDate = 0;
  for (const s of report.shippers) {
    const shipper = config.shippers.find((c) => c.id === s.id);
    const filter = shipper
      ? `level ≥ ${shipper.minLevel}${shipper.filter.namespace ? `, namespace ${shipper.filter.namespace}` : ""}`
      : "";
    out.push(`${s.id}  (${s.source ?? "?"}${filter ? `; ${filter}` : ""})`);
    const idWidth = Math.max(...s.exporters.map((e) => e.id.length), 4);
    const typeWidth = Math.max(...s.exporters.map((e) => e.type.length), 4);
    for (const e of s.exporters) {
      const config = shipper?.exporters.find((x) => x.id === e.id)?.config;
      const target = config ? describeTarget(config) : "";
      const head = `${pad(e.id, idWidth)}  ${pad(e.type, typeWidth)}${target ? ` → ${target}` : ""}`;
      if (e.action === "none") {
        upToDate++;
        out.push(`  = ${head}  up to date (${e.from})`);
        continue;
      }
      exportersToShip++;
      if (e.pending === null) unknown++;
      else toShip += e.pending;
      const count = e.pending === null ? "unknown number of records" : plural(e.pending, "record");
      const sign = e.action === "backfill" ? "+" : "~";
      const what = e.action === "backfill" ? "backfill" : "ship";
      out.push(`  ${sign} ${head}  ${e.from} → ${e.to}  ${padStart(count, 14)} to ${what}`);
    }
    if (s.slices !== undefined) {
      const c = s.slices;
      out.push(
        `  ⋯ running plan ${c.runId}: ${plural(c.done + c.running + c.pending + c.failed, "slice")}; ${c.done} done, ${c.running} running, ${c.pending} pending, ${c.failed} failed`,
      );
    }
    out.push("");
  }
  if (report.drift.length > 0) {
    out.push(`Drift (${report.drift.length}):`);
    for (const d of report.drift) out.push(`  ! ${pad(d.kind, 19)} ${d.message}`);
    out.push("");
  }
  const parts = [
    exportersToShip > 0
      ? `${num(toShip)}${unknown > 0 ? "+" : ""} records to ship to ${plural(exportersToShip, "exporter")}`
      : "nothing to ship",
    `${upToDate} up to date`,
    plural(report.drift.length, "drift", "drift"),
  ];
  out.push(`Plan: ${parts.join("; ")}.`);
  return out.join("\n");
}
