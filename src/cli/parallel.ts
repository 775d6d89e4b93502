import type { LoadedConfig, ResolvedShipper } from "../config/model";
import { LogShipperError } from "../core/errors";
import { runApply, type RunApplyOptions } from "../reconcile/reconciler";
import { runSliced, type ScaleOutSettings } from "../reconcile/scale-out";
import type { FileExporter as FileExporterConfig } from "../../generated/config";
import type { ApplyReport } from "../../generated/report";
import { WorkerPool } from "./worker-pool";
import type { WorkerInit } from "./worker-protocol";

/** The most workers `--parallel` accepts. */
export const MAX_PARALLEL = 64;

/** Parses `--parallel N`: a whole number from 1 to {@link MAX_PARALLEL}. */
export function parseParallel(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_PARALLEL)
    throw new LogShipperError(
      "USAGE",
      `--parallel ${value}: expected a whole number of workers from 1 to ${MAX_PARALLEL} (1, the default, runs in this process without slicing)`,
    );
  return n;
}

/** Parses `--slice-target N`: records per slice, a whole number of at least 1. */
export function parseSliceTarget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new LogShipperError(
      "USAGE",
      `--slice-target ${value}: expected a whole number of records per slice (at least 1)`,
    );
  return n;
}

/** What `apply --parallel N` adds to an apply. */
export interface ParallelOptions {
  readonly workers: number;
  readonly sliceTarget?: number;
  /** How each worker opens the config, state, secrets and dead letter (the same options as the parent's). */
  readonly init: WorkerInit;
  readonly env: NodeJS.ProcessEnv;
  readonly warn: (message: string) => void;
}

/**
 * `logshipper apply --parallel N`: each shipper's backlog is planned into slices (the core's `runSliced`, which
 * runs a small backlog serially as today), the slices are shipped by N worker threads at once, each exporter's
 * watermark advances over the finished prefix, and the run ends with the usual apply report.
 */
export async function applyParallel(
  config: LoadedConfig,
  options: RunApplyOptions,
  parallel: ParallelOptions,
): Promise<{ report: ApplyReport }> {
  const pool = new WorkerPool(parallel.workers, parallel.init, parallel.env, parallel.warn);
  // files: one slice per worker; other sources keep their budget's default (CloudWatch 4), at most N at once
  const settingsOf = (shipper: ResolvedShipper): ScaleOutSettings => ({
    ...(shipper.source.type === "file" ? { maxConcurrency: parallel.workers } : {}),
    ...(parallel.sliceTarget !== undefined ? { sliceTarget: parallel.sliceTarget } : {}),
  });
  try {
    return await runApply(config, options, async (shipper) => {
      // a crash's partial line is ended once, before any worker appends (a worker cannot tell it from another
      // worker's write in progress)
      for (const e of shipper.exporters) {
        if (e.type !== "file") continue;
        const { endPartialLineOf } = await import("../exporters/file.js");
        await endPartialLineOf(e.config as FileExporterConfig, shipper.baseDir);
      }
      return runSliced(
        shipper,
        options,
        settingsOf(shipper),
        (sliceId, handle) => pool.ship(shipper.id, handle, sliceId),
        parallel.workers,
      );
    });
  } finally {
    await pool.close();
  }
}
