import type { RecordFilter } from "../core/log-record";
import type { Level } from "../core/levels";
import type { LogExporter, Source } from "../../generated/config";
import type { ExporterType } from "./exporter-types";

/** Kestra's defaults for the LogShipper task, and log-shipper's own where Kestra has none. */
export const DEFAULTS = {
  logLevelFilter: "INFO",
  lookbackPeriod: "P1D",
  offsetKey: "LogShipper-state",
  batchSize: 1000,
  chunk: 1000,
  retryBudget: "PT5M",
  /** Lag threshold without a schedule. */
  lagThreshold: "PT1H",
} as const;

/** One exporter of a shipper, with defaults applied and `{{ vars.x }}` rendered; secrets are still templates. */
export interface ResolvedExporter {
  /**
   * The exporter's key: its offset, dead-letter and report entry. The declared id, unless several exporters of the
   * shipper share that id: then `<id>@<type alias>` (see `exporterKeys` in load.ts).
   */
  readonly id: string;
  /** The canonical type (alias). */
  readonly type: ExporterType;
  /** The type exactly as written (an alias or a Kestra type name). */
  readonly typeName: string;
  /** The exporter's config as written, with variables rendered. Secret templates are left in place. */
  readonly config: LogExporter;
  /** Entries per request (Kestra's `chunk`). */
  readonly chunk: number;
  /** Requests in flight, when the config sets it; each destination has its own default. */
  readonly concurrency?: number;
  /** Longest time spent retrying one request. */
  readonly retryBudgetMs: number;
  /** Hash of the config as written (templates, not secret values): detects `config-changed` drift. */
  readonly configHash: string;
  /** Names of the secrets the config refers to. */
  readonly secrets: readonly string[];
}

/** One shipper, ready to plan and apply. */
export interface ResolvedShipper {
  readonly id: string;
  readonly description?: string;
  /** The source, with variables rendered. */
  readonly source: Source;
  /** Directory that relative paths in the config are resolved against (the config file's directory). */
  readonly baseDir: string;
  /** The range ends at now minus this delay. */
  readonly settleDelayMs: number;
  readonly schedule?: string;
  readonly timezone?: string;
  readonly minLevel: Level;
  readonly filter: RecordFilter;
  readonly lookbackPeriod: string;
  readonly lookbackMs: number;
  readonly lagThresholdMs: number;
  readonly batchSize: number;
  readonly offsetKey: string;
  readonly exporters: readonly ResolvedExporter[];
}

/** A loaded, validated config file. */
export interface LoadedConfig {
  readonly file: string;
  /** `native` for `{ shippers: [...] }`, `kestra-flow` for a Kestra flow with LogShipper tasks. */
  readonly kind: "native" | "kestra-flow";
  readonly shippers: readonly ResolvedShipper[];
  /** Things that are allowed but probably wrong (plain-http credentials, TLS checks off, missing variables). */
  readonly warnings: readonly string[];
}
