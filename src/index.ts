// The runtime API of log-shipper (`@logshipper/log-shipper`), for programs that embed the reconciler: load a config,
// plan, apply, and the report types. The CLI (`logshipper`) and the reconciler Lambda are built on the same calls.
// This module never imports cdktf: the constructs are `@logshipper/log-shipper/constructs`.
import { loadConfigFile, loadConfigText } from "./config/load";
import { runApply, runPlan } from "./reconcile/reconciler";

/**
 * Reads, validates and resolves a config file (YAML or JSON, native or an unchanged Kestra flow).
 *
 * @example
 * const config = await loadConfig("logshipper.yaml");
 * const { report } = await plan(config, { state: await openStateStore(), now: new Date() });
 * @throws ConfigError naming the path, the line, the bad value and what is allowed
 */
export const loadConfig = loadConfigFile;
/** Validates and resolves config text already in memory (`file` names it in messages). */
export const loadConfigFromText = loadConfigText;
/** Plans every selected shipper: per-exporter ranges, pending counts and drift; changes nothing. */
export const plan = runPlan;
/** Ships every selected shipper's outstanding logs and moves the offsets after each acknowledged batch. */
export const apply = runApply;

export type { LoadOptions } from "./config/load";
export type { LoadedConfig, ResolvedExporter, ResolvedShipper } from "./config/model";
export { ConfigError, type ConfigIssue } from "./config/errors";
export { LogShipperError } from "./core/errors";
export type { RunApplyOptions, RunPlanOptions } from "./reconcile/reconciler";
export type { ShipperPlan, ExporterPlan } from "./reconcile/plan";
export type { ShipperRun, ExporterRun } from "./reconcile/apply";
export type { ApplyReport, ApplyExporter, PlanReport, Drift } from "../generated/report";
export type { LogExporter, LogShipperConfig, Shipper, Source } from "../generated/config";
export { openStateStore, DEFAULT_STATE_DIR } from "./state/open-state-store";
export type { StateStore } from "./state/state-store";
export { openSecretResolver } from "./secrets/open-secret-resolver";
export { CachingSecretResolver, type SecretResolver } from "./secrets/secret-resolver";
export { openDeadLetter } from "./shipping/open-dead-letter";
export type { DeadLetter } from "./shipping/dead-letter";
