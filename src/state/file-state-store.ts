import { mkdir, readdir, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { compareCursor, type Cursor } from "../core/cursor";
import { validateStateFile } from "../config/schema";
import type { StateFile } from "../../generated/state";
import { currentIdentity, readJsonFile, writeFileAtomic } from "./atomic-file";
import { CursorRegressionError, StaleCursorError, StateCorruptError } from "./errors";
import { acquireFileLease, isFileLease } from "./file-lock";
import { FileSliceState } from "./file-slice-state";
import type { ProgressEntry, SlicePlan, SliceProgress } from "../reconcile/slices";
import {
  describeRef,
  offsetId,
  showCursor,
  type Lease,
  type LeaseOptions,
  type OffsetRecord,
  type OffsetRef,
  type SliceRef,
  type SliceState,
  type StateStore,
  type StoredOffset,
} from "./state-store";

const SHIPPER_FILE = /^(.+)\.json$/;

/**
 * Offsets in a local directory: one JSON document per shipper (`<shipper>.json`) and one lock file per shipper
 * (`<shipper>.lock`). Every write replaces the document atomically (temp file, fsync, rename). Writes to one
 * shipper's document are serialized inside the process; the lock keeps other processes out.
 */
export class FileStateStore implements StateStore, SliceState {
  private readonly dir: string;
  private readonly slices: FileSliceState;
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Per shipper, the document this store wrote last and the identity of the file it wrote (see `identityOf`).
   * While the file still has that identity, the next commit takes the document from here (one `stat` instead of
   * reading, parsing and validating the file); any other writer's file is read as before.
   */
  private readonly written = new Map<string, { text: string; identity: string }>();
  private dirReady = false;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.slices = new FileSliceState(this.dir);
  }

  describe(): string {
    return `file ${this.dir}`;
  }

  async get(ref: OffsetRef): Promise<OffsetRecord | undefined> {
    const doc = await this.read(ref.shipper);
    return doc?.offsets[offsetId(ref)];
  }

  async list(shipper?: string): Promise<StoredOffset[]> {
    const shippers = shipper !== undefined ? [shipper] : await this.shipperIds();
    const out: StoredOffset[] = [];
    for (const id of shippers) {
      const doc = await this.read(id);
      if (doc === undefined) continue;
      for (const [key, record] of Object.entries(doc.offsets)) {
        if (record === undefined) continue;
        const slash = key.lastIndexOf("/");
        out.push({ shipper: id, offsetKey: key.slice(0, slash), exporter: key.slice(slash + 1), record });
      }
    }
    return out;
  }

  commit(ref: OffsetRef, expected: Cursor | undefined, next: OffsetRecord, lease?: Lease): Promise<void> {
    return this.update(ref.shipper, async (doc) => {
      if (lease !== undefined && isFileLease(lease)) await lease.verify();
      const id = offsetId(ref);
      const current = doc.offsets[id]?.cursor;
      const same =
        current === undefined
          ? expected === undefined
          : expected !== undefined && compareCursor(current, expected) === 0;
      if (!same) throw new StaleCursorError(describeRef(ref), showCursor(expected), showCursor(current));
      if (current !== undefined && compareCursor(next.cursor, current) < 0) {
        throw new CursorRegressionError(describeRef(ref), showCursor(current), showCursor(next.cursor));
      }
      doc.offsets[id] = next;
      return true;
    });
  }

  put(ref: OffsetRef, record: OffsetRecord): Promise<void> {
    return this.update(ref.shipper, async (doc) => {
      doc.offsets[offsetId(ref)] = record;
      return true;
    });
  }

  async remove(ref: OffsetRef): Promise<boolean> {
    let removed = false;
    await this.update(ref.shipper, async (doc) => {
      removed = offsetId(ref) in doc.offsets;
      delete doc.offsets[offsetId(ref)];
      return removed;
    });
    return removed;
  }

  /** Deletes a shipper's whole document, even a corrupt one (`logshipper state rm SHIPPER --all`). */
  async removeShipper(shipper: string): Promise<boolean> {
    await this.slices.removeShipper(shipper);
    try {
      await unlink(this.fileOf(shipper));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw err;
    }
  }

  async init(): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return `State directory ${this.dir} is ready.`;
  }

  async acquireLease(shipper: string, options: LeaseOptions): Promise<Lease> {
    await mkdir(this.dir, { recursive: true });
    return acquireFileLease(join(this.dir, `${shipper}.lock`), shipper, options);
  }

  getSlicePlan(shipper: string, offsetKey: string): Promise<SlicePlan | undefined> {
    return this.slices.getSlicePlan(shipper, offsetKey);
  }

  putSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    return this.slices.putSlicePlan(plan, lease);
  }

  deleteSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    return this.slices.deleteSlicePlan(plan, lease);
  }

  listSliceProgress(shipper: string, runId: string): Promise<ProgressEntry[]> {
    return this.slices.listSliceProgress(shipper, runId);
  }

  commitSliceProgress(
    ref: SliceRef,
    expected: Cursor | undefined,
    next: SliceProgress,
    lease: Lease,
  ): Promise<void> {
    return this.slices.commitSliceProgress(ref, expected, next, lease);
  }

  attachLease(shipper: string, owner: string, token: number, ttlMs: number): Lease {
    return this.slices.attachLease(shipper, owner, token, ttlMs);
  }

  private fileOf(shipper: string): string {
    return join(this.dir, `${shipper}.json`);
  }

  private async shipperIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    return names.flatMap((n) => SHIPPER_FILE.exec(n)?.[1] ?? []).sort();
  }

  private async read(shipper: string): Promise<StateFile | undefined> {
    const file = this.fileOf(shipper);
    const doc = await readJsonFile(file);
    if (doc === undefined) return undefined;
    const errors = validateStateFile(doc);
    if (errors.length > 0) {
      const e = errors[0];
      throw new StateCorruptError(
        file,
        `wrong shape at ${e?.instancePath || "/"}: ${e?.message ?? "invalid"}`,
      );
    }
    const state = doc as StateFile;
    if (state.shipper !== shipper)
      throw new StateCorruptError(file, `it belongs to shipper ${JSON.stringify(state.shipper)}`);
    return state;
  }

  /** Runs read-modify-write on a shipper's document, one at a time per shipper. */
  private update(shipper: string, change: (doc: StateFile) => Promise<boolean>): Promise<void> {
    const prev = this.queues.get(shipper) ?? Promise.resolve();
    const run = prev.then(async () => {
      if (!this.dirReady) await mkdir(this.dir, { recursive: true });
      this.dirReady = true;
      const file = this.fileOf(shipper);
      const last = this.written.get(shipper);
      this.written.delete(shipper); // until this update succeeds
      const cached = last !== undefined && (await currentIdentity(file)) === last.identity;
      const doc = cached
        ? (JSON.parse(last.text) as StateFile)
        : ((await this.read(shipper)) ?? { version: 1, shipper, offsets: {} });
      if (await change(doc)) {
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        this.written.set(shipper, { text, identity: await writeFileAtomic(file, text, "mid-commit") });
      } else if (cached) this.written.set(shipper, last);
    });
    const settled = run.catch(() => {
      this.dirReady = false; // the next update makes sure the directory exists again
    });
    this.queues.set(shipper, settled);
    return run;
  }
}
