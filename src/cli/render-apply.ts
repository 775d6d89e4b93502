import type { ApplyExporter, ApplyReport } from "../../generated/report";
import type { LoadedConfig } from "../config/model";
import { humanDuration } from "../core/duration";
import { num, pad, plural } from "./format";

/** Renders an apply report: what each exporter shipped, what failed and why, the drift, and a summary. */
export function renderApply(report: ApplyReport, config: LoadedConfig): string {
  const out: string[] = [];
  let shipped = 0;
  let rejected = 0;
  let uncertain = 0;
  let failures = 0;
  for (const s of report.shippers) {
    const shipper = config.shippers.find((c) => c.id === s.id);
    out.push(
      `${s.id}  (${s.source || "?"}${s.read !== undefined ? `; read ${num(s.read)}` : ""}${s.invalidLines ? `; ${plural(s.invalidLines, "invalid line")}` : ""})`,
    );
    if (s.status === "skipped") {
      failures++;
      out.push(`  skipped: ${s.message ?? ""}`);
    }
    if (s.message && s.status !== "skipped") out.push(`  source error: ${s.message}`);
    const idWidth = Math.max(4, ...s.exporters.map((e) => e.id.length));
    for (const e of s.exporters) {
      shipped += e.shipped;
      rejected += e.rejected;
      uncertain += e.uncertain ?? 0;
      const exporterConfig = shipper?.exporters.find((x) => x.id === e.id)?.config as
        { path?: string } | undefined;
      const target = e.type === "file" && exporterConfig?.path ? ` → ${exporterConfig.path}` : "";
      const mark =
        e.status === "ok"
          ? "ok     "
          : e.status === "partial"
            ? "partial"
            : e.status === "skipped"
              ? "skipped"
              : "FAILED ";
      if (e.status === "failed") failures++;
      const extra = [
        e.rejected > 0 || e.uncertain ? rejections(e) : "",
        e.truncated ? `${num(e.truncated)} truncated` : "",
        e.retries ? plural(e.retries, "retry", "retries") : "",
      ]
        .filter(Boolean)
        .join(", ");
      out.push(
        `  ${mark} ${pad(e.id, idWidth)} ${e.type}: shipped ${num(e.shipped)}${extra ? `, ${extra}` : ""}${target}  [${e.from} → ${e.to}]`,
      );
      if (e.error) out.push(`          ${e.error}`);
    }
    out.push("");
  }
  if (report.drift.length > 0) {
    out.push(`Drift (${report.drift.length}):`);
    for (const d of report.drift) out.push(`  ! ${pad(d.kind, 19)} ${d.message}`);
    out.push("");
  }
  if (report.invalidSamples && report.invalidSamples.length > 0) {
    out.push("Invalid lines (first ones):");
    for (const i of report.invalidSamples) out.push(`  ${i.location}: ${i.reason}`);
    out.push("");
  }
  const took = report.durationMs !== undefined ? ` in ${humanDuration(report.durationMs)}` : "";
  out.push(
    `Apply ${failures > 0 ? "finished with errors" : "complete"}: ${num(shipped)} shipped, ${num(rejected)} rejected, ${uncertain ? `${num(uncertain)} uncertain, ` : ""}${plural(report.invalidLines, "invalid line")}${took}.`,
  );
  return out.join("\n");
}

/**
 * `3 rejected (dead-letter: …)`; with records whose fate the destination left open:
 * `1 rejected, 100 uncertain (the destination rejected part of a request without saying which; dead-letter: …)`.
 */
function rejections(e: ApplyExporter): string {
  const where = `dead-letter: ${e.deadLetter}`;
  if (!e.uncertain) return `${num(e.rejected)} rejected (${where})`;
  return `${num(e.rejected)} rejected, ${num(e.uncertain)} uncertain (the destination rejected part of a request without saying which; ${where})`;
}
