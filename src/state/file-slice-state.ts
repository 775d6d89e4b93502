import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Cursor } from "../core/cursor";
import type { ProgressEntry, SlicePlan, SliceProgress } from "../reconcile/slices";
import { currentIdentity, fsyncDir, readJsonFile, writeFileAtomic } from "./atomic-file";
import { LogShipperError } from "../core/errors";
import { SlicePlanExistsError } from "./errors";
import { attachFileLease, isFileLease } from "./file-lock";
import {
  checkProgressCas,
  cleanProgress,
  parseSlicePlan,
  parseSliceProgress,
  planRecord,
} from "./slice-records";
import type { Lease, SliceRef, SliceState } from "./state-store";

/** `<sliceId>.<exporter key>.json`; exporter keys are ids, or `<id>@<alias>` when ids are shared. */
const PROGRESS_FILE = /^(s\d{4,})\.([A-Za-z0-9_.@-]+)\.json$/;

/**
 * Slice plans and progress in a file state directory (see `SliceState`). Layout, beside `<shipper>.json`:
 *
 * - `<shipper>.slices/plan.<offsetKey>.json`: the open plan;
 * - `<shipper>.slices/<runId>/<sliceId>.<exporter>.json`: one small file per progress record, so that workers
 *   (threads or processes) shipping different slices never write the same file.
 *
 * Every write is atomic (temp file, fsync, rename); a new plan is created with `link`, which fails when one
 * exists. Writes are fenced by verifying the lease file first, like offset commits. The compare-and-set on a
 * progress cursor is exact within a process (writes to one record are queued); across processes it relies on
 * each slice being shipped by one worker at a time, which the engines ensure.
 */
export class FileSliceState implements SliceState {
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Progress records read or written by this instance, by file, with the identity of the file they came from
   * (see `identityOf`): a listing `stat`s each file and parses only those that changed.
   */
  private readonly cache = new Map<string, { identity: string; progress: SliceProgress }>();

  constructor(private readonly dir: string) {}

  async getSlicePlan(shipper: string, offsetKey: string): Promise<SlicePlan | undefined> {
    const file = this.planFile(shipper, offsetKey);
    const value = await readJsonFile(file);
    return value === undefined ? undefined : parseSlicePlan(value, file);
  }

  async putSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    await this.fence(lease, plan.shipper);
    const dir = this.sliceDir(plan.shipper);
    await mkdir(dir, { recursive: true });
    const file = this.planFile(plan.shipper, plan.offsetKey);
    const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    await writeFile(tmp, `${JSON.stringify(planRecord(plan), null, 2)}\n`, { mode: 0o600, flush: true });
    let linked = false;
    try {
      await link(tmp, file);
      linked = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
    }
    try {
      if (!linked) {
        const existing = await this.getSlicePlan(plan.shipper, plan.offsetKey);
        if (existing !== undefined && existing.runId !== plan.runId)
          throw new SlicePlanExistsError(plan.shipper, plan.offsetKey, existing.runId);
        await rename(tmp, file); // the same run resumed: replace it
      }
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    await fsyncDir(dir);
  }

  async deleteSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    await this.fence(lease, plan.shipper);
    // progress first, the plan last: a crash in between leaves a plan whose exporters all passed it
    const runDir = this.runDir(plan.shipper, plan.runId);
    await rm(runDir, { recursive: true, force: true });
    for (const file of this.cache.keys()) if (file.startsWith(`${runDir}/`)) this.cache.delete(file);
    await unlink(this.planFile(plan.shipper, plan.offsetKey)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
    });
    await fsyncDir(this.sliceDir(plan.shipper)).catch(() => undefined);
  }

  async listSliceProgress(shipper: string, runId: string): Promise<ProgressEntry[]> {
    const dir = this.runDir(shipper, runId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const files = names.sort().flatMap((name) => {
      const m = PROGRESS_FILE.exec(name);
      return m === null ? [] : [{ sliceId: m[1] as string, exporter: m[2] as string, file: join(dir, name) }];
    });
    const out: ProgressEntry[] = [];
    // read a few at a time: a plan of a thousand slices holds thousands of small files
    for (let i = 0; i < files.length; i += 32) {
      const chunk = files.slice(i, i + 32);
      const values = await Promise.all(chunk.map((f) => this.readProgress(f.file)));
      chunk.forEach((f, j) => {
        const progress = values[j];
        if (progress !== undefined) out.push({ sliceId: f.sliceId, exporter: f.exporter, progress });
      });
    }
    return out;
  }

  commitSliceProgress(
    ref: SliceRef,
    expected: Cursor | undefined,
    next: SliceProgress,
    lease: Lease,
  ): Promise<void> {
    const file = this.progressFile(ref);
    const prev = this.queues.get(file) ?? Promise.resolve();
    const run = prev.then(async () => {
      const current = await this.readProgress(file);
      checkProgressCas(ref, current, expected, next);
      await this.fence(lease, ref.shipper);
      await mkdir(this.runDir(ref.shipper, ref.runId), { recursive: true });
      const clean = cleanProgress({ ...next, token: lease.token });
      this.cache.delete(file);
      const identity = await writeFileAtomic(file, `${JSON.stringify(clean)}\n`, "mid-commit");
      this.cache.set(file, { identity, progress: clean });
    });
    const settled = run.catch(() => undefined);
    this.queues.set(file, settled);
    void settled.then(() => {
      if (this.queues.get(file) === settled) this.queues.delete(file);
    });
    return run;
  }

  attachLease(shipper: string, owner: string, token: number, ttlMs: number): Lease {
    return attachFileLease(join(this.dir, `${shipper}.lock`), shipper, owner, token, ttlMs);
  }

  /** Removes a shipper's plans and progress (`logshipper state rm SHIPPER --all`). */
  async removeShipper(shipper: string): Promise<void> {
    await rm(this.sliceDir(shipper), { recursive: true, force: true });
  }

  /** A progress file's record (cached while the file keeps its identity), or `undefined` when it is gone. */
  private async readProgress(file: string): Promise<SliceProgress | undefined> {
    const identity = await currentIdentity(file);
    if (identity === undefined) {
      this.cache.delete(file);
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached?.identity === identity) return cached.progress;
    const value = await readJsonFile(file);
    if (value === undefined) return undefined;
    const progress = parseSliceProgress(value, file);
    this.cache.set(file, { identity, progress });
    return progress;
  }

  private async fence(lease: Lease, shipper: string): Promise<void> {
    if (lease.shipper !== shipper || !isFileLease(lease))
      throw new LogShipperError(
        "STATE_LEASE_MISMATCH",
        `a slice write on ${shipper} under a lease that is not this directory's lease on it`,
      );
    await lease.verify();
  }

  private sliceDir(shipper: string): string {
    return join(this.dir, `${shipper}.slices`);
  }

  private planFile(shipper: string, offsetKey: string): string {
    return join(this.sliceDir(shipper), `plan.${offsetKey}.json`);
  }

  private runDir(shipper: string, runId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(runId))
      throw new LogShipperError("STATE_RUN_ID", `invalid run id ${JSON.stringify(runId)}`);
    return join(this.sliceDir(shipper), runId);
  }

  private progressFile(ref: SliceRef): string {
    if (!/^[A-Za-z0-9_.@-]+$/.test(ref.exporter) || !/^s\d{4,}$/.test(ref.sliceId))
      throw new LogShipperError("STATE_SLICE_REF", `invalid slice record ${JSON.stringify(ref)}`);
    return join(this.runDir(ref.shipper, ref.runId), `${ref.sliceId}.${ref.exporter}.json`);
  }
}
