import type { Cursor } from "../core/cursor";
import type { OffsetRecord } from "../../generated/state";

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
