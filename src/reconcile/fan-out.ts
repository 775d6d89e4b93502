import type { ResolvedShipper } from "../config/model";
import { compareCursor, type Cursor } from "../core/cursor";
import { describeError } from "../core/errors";
import type { Exporter } from "../exporters/exporter";
import { destinationOf } from "../exporters/registry";
import { SecretError } from "../secrets/errors";
import { redact } from "../secrets/redaction";
import { renderSecrets } from "../secrets/render-secrets";
import { ExporterPipeline, type PipelineOptions } from "../shipping/pipeline";
import { createSource, type SourceContext } from "../sources/registry";
import type { InvalidLine, ReadRange, Source } from "../sources/source";
import type { Lease } from "../state/state-store";
import type { ApplyContext } from "./apply";
import type { Drift } from "./drift";
import type { ExporterPlan } from "./plan";

/** Invalid-line samples kept per run. */
export const MAX_SAMPLES = 5;

/** The source of a shipper, from the context's factory or the registry. */
export function openSource(shipper: ResolvedShipper, context: ApplyContext): Promise<Source> {
  const sourceContext: SourceContext = {
    baseDir: shipper.baseDir,
    env: context.env ?? process.env,
    secrets: context.secrets,
  };
  return context.createSource
    ? context.createSource(shipper, sourceContext)
    : createSource(shipper.source, sourceContext);
}

/** One exporter to open, with where its pipeline starts (defaults: the plan's start and stored offset). */
export interface PipelineTarget {
  readonly plan: ExporterPlan;
  readonly start?: Cursor;
  readonly stored?: PipelineOptions["stored"];
  readonly commitTarget?: PipelineOptions["commitTarget"];
}

/** An opened exporter with its pipeline. */
export interface OpenPipeline {
  readonly plan: ExporterPlan;
  readonly pipeline: ExporterPipeline;
}

/** What {@link openPipelines} opened, and what failed to open (with the drift that explains it). */
export interface OpenedPipelines {
  readonly pipelines: OpenPipeline[];
  readonly failed: Array<{ readonly plan: ExporterPlan; readonly error: string }>;
  readonly drift: Drift[];
}

/**
 * Creates and opens each target's exporter (secrets rendered) and its pipeline. Exporters created are added to
 * `opened` (the caller closes them, also after a failure). An exporter that cannot be opened is reported in
 * `failed`, with `secret-unresolvable` drift when a secret was the cause; the others go on.
 */
export async function openPipelines(
  shipper: ResolvedShipper,
  targets: readonly PipelineTarget[],
  context: ApplyContext,
  run: { readonly lease: Lease; readonly shouldStop: () => boolean },
  opened: Exporter[],
): Promise<OpenedPipelines> {
  const env = context.env ?? process.env;
  const warn = context.warn ?? (() => undefined);
  const margin = context.safetyMarginMs ?? 0;
  const out: OpenedPipelines = { pipelines: [], failed: [], drift: [] };
  for (const t of targets) {
    const p = t.plan;
    try {
      const config = await renderSecrets(p.exporter.config, context.secrets);
      const exporter = await destinationOf(p.exporter.type).create({
        resolved: p.exporter,
        config,
        baseDir: shipper.baseDir,
        shipperId: shipper.id,
        env,
        warn,
        ...(context.sharedAppend === true ? { sharedAppend: true } : {}),
      });
      opened.push(exporter);
      await exporter.open?.();
      const pipeline = new ExporterPipeline({
        shipper: shipper.id,
        exporter,
        ref: p.ref,
        start: t.start ?? p.start,
        stored: "stored" in t ? t.stored : p.stored,
        configHash: p.exporter.configHash,
        concurrency: p.exporter.concurrency ?? exporter.defaultConcurrency,
        retryBudgetMs: p.exporter.retryBudgetMs,
        state: context.state,
        lease: run.lease,
        deadLetter: context.deadLetter,
        runNow: context.now.getTime(),
        deadline: context.deadline !== undefined ? context.deadline - margin : undefined,
        shouldStop: run.shouldStop,
        backoff: context.backoff,
        ...(t.commitTarget !== undefined ? { commitTarget: t.commitTarget } : {}),
      });
      out.pipelines.push({ plan: p, pipeline });
    } catch (err) {
      if (err instanceof SecretError) {
        out.drift.push({
          kind: "secret-unresolvable",
          shipper: shipper.id,
          exporter: p.exporter.id,
          message: `${shipper.id}/${p.exporter.id}: ${err.message}`,
        });
      }
      out.failed.push({ plan: p, error: redact(describeError(err)) });
    }
  }
  return out;
}

/** How a fan-out read ended. */
export interface FanOutResult {
  /** Records read that passed the filters. */
  readonly read: number;
  readonly invalid: number;
  /**
   * True when the source was read to the end of the range: not stopped early (every pipeline inactive, or
   * `shouldStop`), and no error. A pipeline that got nothing to ship from a stopped read has not caught up.
   */
  readonly complete: boolean;
  /** The source's error, when the read stopped on one. */
  readonly error?: unknown;
}

/** Options of {@link fanOut}. */
export interface FanOutOptions {
  readonly batchSize: number;
  /** Invalid-line samples are added here (at most {@link MAX_SAMPLES}). */
  readonly samples: InvalidLine[];
  readonly signal?: AbortSignal;
  readonly shouldStop: () => boolean;
  /** Called after each source batch with the records read so far. */
  readonly onBatch?: (read: number) => void;
}

/** The lowest start of some pipelines' plans (or of explicit starts): where one shared read begins. */
export function lowestCursor(cursors: readonly Cursor[]): Cursor {
  return cursors.reduce((a: Cursor, b) => (compareCursor(b, a) < 0 ? b : a));
}

/**
 * Reads `range` once and pushes every record to each pipeline that wants it (is behind it), waiting when a
 * pipeline's requests are all in flight. Stops when no pipeline is active or `shouldStop` says so. A source error
 * ends the read and is returned, not thrown. The pipelines are not finished here.
 */
export async function fanOut(
  source: Source,
  range: ReadRange,
  pipelines: readonly OpenPipeline[],
  options: FanOutOptions,
): Promise<FanOutResult> {
  let read = 0;
  let invalid = 0;
  let stopped = false;
  try {
    for await (const batch of source.read(range, {
      batchSize: options.batchSize,
      onInvalid: (line) => {
        if (options.samples.length < MAX_SAMPLES) options.samples.push(line);
      },
      signal: options.signal,
    })) {
      invalid += batch.invalid;
      const single = pipelines.length === 1;
      for (const record of batch.records) {
        read++;
        for (const { pipeline } of pipelines) {
          if (pipeline.wants(record)) {
            const wait = pipeline.push(record, single);
            if (wait) await wait;
          }
        }
        // with several exporters, every one encodes from the same parsed entry, then it is dropped
        if (!single) record.compact?.();
      }
      options.onBatch?.(read);
      if (!pipelines.some((p) => p.pipeline.active) || options.shouldStop()) {
        stopped = true;
        break;
      }
    }
  } catch (error) {
    return { read, invalid, complete: false, error };
  }
  // a source that ends its iteration early when the signal aborts looks finished: `shouldStop` tells
  return { read, invalid, complete: !stopped && !options.shouldStop() };
}
