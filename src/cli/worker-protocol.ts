import type { RunHandle, SliceRun } from "../reconcile/scale-out";

/**
 * The messages between `logshipper apply --parallel N` and its slice workers (worker threads running
 * `dist/slice-worker.js`). Everything is plain data: each worker loads the config, opens the state store, the
 * secret resolver and the dead letter itself, exactly as the parent did, from the same options.
 */

/** What a worker is started with (its `workerData`). */
export interface WorkerInit {
  readonly config: string;
  readonly vars?: Record<string, string>;
  readonly source?: string;
  readonly state: string;
  readonly secrets: string;
  readonly deadLetter: string;
  /** The run's pinned clock, ISO-8601. */
  readonly now: string;
}

/** Parent → worker: ship one slice of one shipper's open plan. */
export interface ShipRequest {
  readonly id: number;
  readonly shipper: string;
  readonly handle: RunHandle;
  readonly sliceId: string;
}

/** Worker → parent. */
export type WorkerMessage =
  | { readonly kind: "result"; readonly id: number; readonly run: SliceRun }
  | { readonly kind: "error"; readonly id: number; readonly message: string; readonly name: string }
  | { readonly kind: "warn"; readonly message: string };
