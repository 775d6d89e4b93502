import type { Cursor } from "../core/cursor";
import type { OffsetRecord } from "../../generated/state";
import type { ProgressEntry, SlicePlan, SliceProgress } from "../reconcile/slices";

export type { OffsetRecord } from "../../generated/state";

/** Which offset: one per shipper × offsetKey × exporter. */
export interface OffsetRef {
  readonly shipper: string;
  readonly offsetKey: string;
  readonly exporter: string;
}

/** An offset with its reference. */
export interface StoredOffset extends OffsetRef {
  readonly record: OffsetRecord;
}

/** A held lease (lock) on a shipper. Commits made under it are fenced: they fail once the lease is lost. */
export interface Lease {
  readonly shipper: string;
  /** Who holds it: `pid@host` plus a random run id. */
  readonly owner: string;
  /** The fencing token: it grows with every new holder. */
  readonly token: number;
  /** Extends the lease. Throws `LeaseLostError` when another holder took it over. */
  renew(): Promise<void>;
  /** Gives the lease up (only if still held). */
  release(): Promise<void>;
}

/** Options for taking a lease. */
export interface LeaseOptions {
  readonly owner: string;
  /** How long the lease lasts without renewal. */
  readonly ttlMs: number;
}

/**
 * Where offsets live. Adapters: a directory of JSON files (local) and a DynamoDB table (AWS).
 * Cursors only move forward: `commit` is a compare-and-set on the cursor the writer read.
 */
export interface StateStore {
  /** A short description, e.g. `file ./.logshipper/state` or `dynamodb://offsets`. */
  describe(): string;
  /** The offset, or `undefined` when none is stored. Throws `StateCorruptError` for a malformed one. */
  get(ref: OffsetRef): Promise<OffsetRecord | undefined>;
  /** Every stored offset, or those of one shipper. */
  list(shipper?: string): Promise<StoredOffset[]>;
  /**
   * Moves an offset forward. `expected` is the cursor the writer read (`undefined` when there was none).
   * Throws `StaleCursorError` when the stored cursor differs, `CursorRegressionError` when `next` is behind it,
   * and `LeaseLostError` when `lease` is given and no longer held.
   */
  commit(ref: OffsetRef, expected: Cursor | undefined, next: OffsetRecord, lease?: Lease): Promise<void>;
  /** Sets an offset unconditionally (`logshipper state set-offset`). */
  put(ref: OffsetRef, record: OffsetRecord): Promise<void>;
  /** Removes an offset; true when one existed. */
  remove(ref: OffsetRef): Promise<boolean>;
  /** Takes the shipper's lease. Throws `LockHeldError` when another live run holds it. */
  acquireLease(shipper: string, options: LeaseOptions): Promise<Lease>;
  /** Creates the storage if it does not exist (`logshipper state init`); resolves to a one-line description. */
  init?(): Promise<string>;
  /** Removes every offset of a shipper, even unreadable ones (`logshipper state rm SHIPPER --all`). */
  removeShipper?(shipper: string): Promise<boolean>;
  /** Releases resources (clients, file handles). */
  close?(): Promise<void>;
}

/** Which slice progress record: one per run × slice × exporter. */
export interface SliceRef {
  readonly shipper: string;
  readonly runId: string;
  readonly sliceId: string;
  readonly exporter: string;
}

/**
 * Slice plans and slice progress (scale-out, issue 15): an optional capability of a state store, implemented by
 * the file store and the DynamoDB store. Writes are fenced by the shipper's lease like offset commits.
 */
export interface SliceState {
  /** The open plan of a shipper × offsetKey, or `undefined`. */
  getSlicePlan(shipper: string, offsetKey: string): Promise<SlicePlan | undefined>;
  /**
   * Stores a plan. Throws `SlicePlanExistsError` when another open plan (another `runId`) exists; storing the
   * same `runId` again replaces it (a later run resuming the plan under its own lease).
   */
  putSlicePlan(plan: SlicePlan, lease: Lease): Promise<void>;
  /** Deletes a plan with all its progress. */
  deleteSlicePlan(plan: SlicePlan, lease: Lease): Promise<void>;
  /** Every progress record of a run. */
  listSliceProgress(shipper: string, runId: string): Promise<ProgressEntry[]>;
  /**
   * Writes a progress record: a compare-and-set on its cursor (`expected` is the cursor the writer read,
   * `undefined` when there was no record or no cursor). Throws `StaleCursorError` when it differs,
   * `CursorRegressionError` when `next.cursor` is behind it, `LeaseLostError` when the lease is no longer held.
   */
  commitSliceProgress(
    ref: SliceRef,
    expected: Cursor | undefined,
    next: SliceProgress,
    lease: Lease,
  ): Promise<void>;
  /**
   * A handle on a lease that another process (or Lambda invocation) holds: `renew()` extends it only while
   * `owner` and `token` still hold it, else throws `LeaseLostError`; `release()` gives it up on their behalf.
   */
  attachLease(shipper: string, owner: string, token: number, ttlMs: number): Lease;
}

/** True when a state store implements {@link SliceState}. */
export function hasSliceState(state: StateStore): state is StateStore & SliceState {
  const s = state as Partial<SliceState>;
  return typeof s.getSlicePlan === "function" && typeof s.commitSliceProgress === "function";
}

/** `runId/sliceId/exporter` of a slice record, for messages. */
export function describeSliceRef(ref: SliceRef): string {
  return `${ref.shipper}/${ref.runId}/${ref.sliceId}/${ref.exporter}`;
}

/** `offsetKey/exporter`, the key of an offset inside one shipper. */
export function offsetId(ref: Pick<OffsetRef, "offsetKey" | "exporter">): string {
  return `${ref.offsetKey}/${ref.exporter}`;
}

/** `shipper/offsetKey/exporter`, for messages. */
export function describeRef(ref: OffsetRef): string {
  return `${ref.shipper}/${ref.offsetKey}/${ref.exporter}`;
}

/** A cursor for messages: `<ts> [<key>]`, or `no offset`. */
export function showCursor(cursor: Cursor | undefined): string {
  return cursor === undefined ? "no offset" : `${cursor.ts}${cursor.key ? ` [${cursor.key}]` : ""}`;
}
