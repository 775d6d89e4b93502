import { setTimeout as sleep } from "node:timers/promises";
import type { ResolvedShipper } from "../config/model";
import { describeError } from "../core/errors";
import type { Exporter } from "../exporters/exporter";
import { redact } from "../secrets/redaction";
import type { SecretResolver } from "../secrets/secret-resolver";
import type { BackoffPolicy } from "../shipping/backoff";
import type { DeadLetter } from "../shipping/dead-letter";
import type { PipelineOutcome } from "../shipping/pipeline";
import type { SourceContext } from "../sources/registry";
import type { InvalidLine, Source } from "../sources/source";
import { LockHeldError } from "../state/errors";
import type { Lease, StateStore } from "../state/state-store";
import { laggingDrift, sourceFailureDrift, type Drift } from "./drift";
import { fanOut, lowestCursor, openPipelines, openSource } from "./fan-out";
import { planShipper, type ExporterPlan } from "./plan";

/** Everything `apply` needs besides the config. */
export interface ApplyContext {
  readonly state: StateStore;
  readonly secrets: SecretResolver;
  readonly deadLetter: DeadLetter;
  /** The run's clock: ranges end at now − settleDelay. */
  readonly now: Date;
  /** Identifies this run in leases, e.g. `pid@host/abcd`. */
  readonly owner: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Lease duration; renewed every third of it while the run goes on. Default 60 s. */
  readonly leaseTtlMs?: number;
  /** How long to wait for a held lock before skipping the shipper. Default 0 (no wait). */
  readonly lockTimeoutMs?: number;
  /** No new request starts after `deadline − safetyMarginMs` (epoch ms): the Lambda time budget. */
  readonly deadline?: number;
  readonly safetyMarginMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly warn?: (message: string) => void;
  /** Called after each source batch. */
  readonly onProgress?: (progress: { shipper: string; read: number; shipped: number }) => void;
  /** Replaces the source factory (tests). */
  readonly createSource?: (shipper: ResolvedShipper, context: SourceContext) => Promise<Source>;
  readonly signal?: AbortSignal;
  /** Set by `apply --parallel N`'s slice workers: see `ExporterContext.sharedAppend`. */
  readonly sharedAppend?: boolean;
}

/** How one exporter's part of the run ended. */
export interface ExporterRun {
  readonly plan: ExporterPlan;
  readonly status: "ok" | "failed" | "skipped" | "partial";
  readonly outcome?: PipelineOutcome;
  readonly error?: string;
  /** Where this exporter's rejected records are written. */
  readonly deadLetter: string;
}

/** How one shipper's run ended. */
export interface ShipperRun {
  readonly shipper: ResolvedShipper;
  readonly source: string;
  readonly status: "ok" | "failed" | "skipped" | "partial";
  readonly message?: string;
  readonly exporters: ExporterRun[];
  readonly drift: Drift[];
  /** Records read from the source that passed the filters. */
  readonly read: number;
  readonly invalid: number;
  readonly invalidSamples: InvalidLine[];
  readonly durationMs: number;
}

/** Drift kinds that a successful run of the exporter resolves. */
const RESOLVED_BY_APPLY = new Set(["new-exporter", "config-changed", "long-backlog", "lagging"]);

/**
 * Runs one shipper: takes its lease, plans each exporter's range, reads the source once from the lowest cursor
 * and fans every record out to the exporters that are behind it, committing each exporter's offset after each
 * acknowledged batch. One failing exporter stops alone; the others go on.
 */
export async function applyShipper(shipper: ResolvedShipper, context: ApplyContext): Promise<ShipperRun> {
  const started = Date.now();
  const warn = context.warn ?? (() => undefined);
  const samples: InvalidLine[] = [];
  let lease: Lease;
  try {
    lease = await acquire(shipper.id, context);
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    return {
      shipper,
      source: "",
      status: "skipped",
      message: err.message,
      exporters: [],
      drift: [{ kind: "locked", shipper: shipper.id, message: err.message }],
      read: 0,
      invalid: 0,
      invalidSamples: [],
      durationMs: Date.now() - started,
    };
  }

  let leaseError: unknown;
  const ttl = context.leaseTtlMs ?? 60_000;
  const renew = setInterval(
    () => {
      lease.renew().catch((err: unknown) => (leaseError ??= err));
    },
    Math.max(50, ttl / 3),
  );
  renew.unref();
  const opened: Exporter[] = [];
  let source: Source | undefined;
  try {
    source = await openSource(shipper, context);
    const plan = await planShipper(shipper, { state: context.state, source, now: context.now, count: false });
    const drift = plan.drift.filter(
      (d) => d.kind !== "source-missing" && d.kind !== "source-error" && d.kind !== "destination-window",
    );
    drift.push(...plan.drift.filter((d) => d.kind === "source-missing" || d.kind === "source-error"));
    const runs = new Map<string, ExporterRun>();
    const margin = context.safetyMarginMs ?? 0;
    const shouldStop = (): boolean =>
      leaseError !== undefined ||
      context.signal?.aborted === true ||
      (context.deadline !== undefined && Date.now() >= context.deadline - margin);

    const open = await openPipelines(
      shipper,
      plan.exporters.map((p) => ({ plan: p })),
      context,
      { lease, shouldStop },
      opened,
    );
    const pipelines = open.pipelines;
    drift.push(...open.drift);
    for (const f of open.failed) {
      const deadLetter = context.deadLetter.describe(shipper.id, f.plan.exporter.id);
      runs.set(f.plan.exporter.id, { plan: f.plan, status: "failed", error: f.error, deadLetter });
    }

    let read = 0;
    let invalid = 0;
    let sourceError: unknown;
    let shipped = 0;
    if (pipelines.length > 0) {
      const after = lowestCursor(pipelines.map((p) => p.plan.start));
      const result = await fanOut(source, { after, to: plan.to, filter: shipper.filter }, pipelines, {
        batchSize: shipper.batchSize,
        samples,
        signal: context.signal,
        shouldStop,
        onBatch: (n) => context.onProgress?.({ shipper: shipper.id, read: n, shipped }),
      });
      read = result.read;
      invalid = result.invalid;
      if (result.error !== undefined) {
        sourceError = result.error;
        const message = `${shipper.id}: reading ${source.describe()} failed: ${redact(describeError(sourceError))}`;
        drift.push(sourceFailureDrift(shipper.id, sourceError, message));
      }
    }
    for (const { plan: p, pipeline } of pipelines) {
      const outcome = await pipeline.finish();
      shipped += outcome.shipped;
      const deadLetter = context.deadLetter.describe(shipper.id, p.exporter.id);
      let error = outcome.error !== undefined ? redact(describeError(outcome.error)) : undefined;
      let status = outcome.status;
      if (sourceError !== undefined && status === "ok") {
        // not caught up: the source read stopped (e.g. source-incomplete); its offset stays where the read did
        status = "failed";
        error =
          "the source could not be read to the end of the range; the offset stays at the last record read";
      }
      runs.set(p.exporter.id, { plan: p, status, outcome, error, deadLetter });
      if (outcome.status === "partial") {
        for (let k = drift.length - 1; k >= 0; k--) {
          const d = drift[k] as Drift;
          if (d.exporter === p.exporter.id && (d.kind === "lagging" || d.kind === "long-backlog"))
            drift.splice(k, 1);
        }
        drift.push(
          laggingDrift(
            shipper,
            p.exporter.id,
            (outcome.cursor ?? p.start).ts,
            p.to,
            "the run stopped at its time budget; the rest continues in the next invocation",
          ),
        );
      }
    }
    context.onProgress?.({ shipper: shipper.id, read, shipped });
    if (leaseError !== undefined) throw leaseError;
    const exporters = plan.exporters.map((p) => runs.get(p.exporter.id) as ExporterRun);
    // drift that this run resolved is not reported: an offset now exists (new-exporter), carries the current
    // config hash (config-changed), or caught up (lagging, long-backlog)
    const caughtUp = new Set(exporters.filter((e) => e.status === "ok").map((e) => e.plan.exporter.id));
    const committed = new Set(
      exporters
        .filter((e) => e.outcome?.cursor !== undefined && e.outcome.cursor !== e.plan.stored?.cursor)
        .map((e) => e.plan.exporter.id),
    );
    const remaining = drift.filter((d) => {
      if (d.exporter === undefined) return true;
      if (caughtUp.has(d.exporter) && RESOLVED_BY_APPLY.has(d.kind)) return false;
      return !(committed.has(d.exporter) && (d.kind === "new-exporter" || d.kind === "config-changed"));
    });
    const statuses = exporters.map((e) => e.status);
    const status =
      sourceError !== undefined || statuses.includes("failed")
        ? "failed"
        : statuses.includes("partial")
          ? "partial"
          : "ok";
    return {
      shipper,
      source: source.describe(),
      status,
      message: sourceError !== undefined ? redact(describeError(sourceError)) : undefined,
      exporters,
      drift: remaining,
      read,
      invalid,
      invalidSamples: samples,
      durationMs: Date.now() - started,
    };
  } finally {
    clearInterval(renew);
    for (const exporter of opened)
      await exporter
        .close?.()
        .catch((err: unknown) => warn(`closing exporter ${exporter.id}: ${describeError(err)}`));
    await source?.close?.().catch(() => undefined);
    await lease.release().catch(() => undefined);
  }
}

/** Takes a shipper's lease, waiting up to `lockTimeoutMs` for a held one. Throws `LockHeldError` after that. */
export async function acquire(shipper: string, context: ApplyContext): Promise<Lease> {
  const until = Date.now() + (context.lockTimeoutMs ?? 0);
  for (;;) {
    try {
      return await context.state.acquireLease(shipper, {
        owner: context.owner,
        ttlMs: context.leaseTtlMs ?? 60_000,
      });
    } catch (err) {
      if (!(err instanceof LockHeldError) || Date.now() >= until) throw err;
      await sleep(Math.min(1000, until - Date.now()));
    }
  }
}
