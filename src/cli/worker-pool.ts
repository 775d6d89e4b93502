import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { LogShipperError } from "../core/errors";
import type { RunHandle, SliceRun } from "../reconcile/scale-out";
import { LeaseLostError } from "../state/errors";
import type { ShipRequest, WorkerInit, WorkerMessage } from "./worker-protocol";
import { releaseYoungGenerationCap, YOUNG_GENERATION_BYTES } from "./young-generation";

/** The slice worker's script: the CLI bundle itself (`dist/cli.js`), which starts a worker in a worker thread. */
export const WORKER_FILE = join(__dirname, "cli.js");

interface Pending {
  readonly request: ShipRequest;
  readonly resolve: (run: SliceRun) => void;
  readonly reject: (err: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  busy: Pending | undefined;
  dead: boolean;
}

/**
 * N worker threads that ship slices: `ship` hands a slice to an idle worker (or queues it) and resolves with the
 * worker's `SliceRun`. A worker's error rejects its slice; a worker that died is replaced for the next slice.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private deaths = 0;

  constructor(
    private readonly size: number,
    private readonly init: WorkerInit,
    private readonly env: NodeJS.ProcessEnv,
    private readonly warn: (message: string) => void,
    private readonly file: string = WORKER_FILE,
  ) {}

  /** Ships `sliceId` of the plan `handle` in a worker. */
  ship(shipper: string, handle: RunHandle, sliceId: string): Promise<SliceRun> {
    if (this.closed) return Promise.reject(new Error("the worker pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, shipper, handle, sliceId }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker (after their current slice). */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("the worker pool closed"));
    await Promise.all(
      this.slots
        .filter((s) => !s.dead)
        .map(
          (s) =>
            new Promise<void>((resolve) => {
              s.worker.once("exit", () => resolve());
              s.worker.postMessage("close");
            }),
        ),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.idleSlot();
      if (slot === undefined) return;
      const next = this.queue.shift() as Pending;
      slot.busy = next;
      slot.worker.postMessage(next.request);
    }
  }

  private idleSlot(): Slot | undefined {
    const live = this.slots.filter((s) => !s.dead);
    const idle = live.find((s) => s.busy === undefined);
    if (idle !== undefined) return idle;
    if (live.length >= this.size) return undefined;
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Slot {
    releaseYoungGenerationCap();
    // the same young-generation bound as the CLI's main thread (src/cli/young-generation.ts): V8 sizes a worker's
    // young generation as 3 semi-spaces, so 2 × 16 MiB semi-spaces are a 48 MiB young generation
    const worker = new Worker(this.file, {
      workerData: this.init,
      env: this.env,
      resourceLimits: { maxYoungGenerationSizeMb: ((YOUNG_GENERATION_BYTES / 2) * 3) / 2 ** 20 },
    });
    const slot: Slot = { worker, busy: undefined, dead: false };
    worker.on("message", (m: WorkerMessage) => {
      if (m.kind === "warn") return this.warn(m.message);
      const p = slot.busy;
      if (p === undefined || p.request.id !== m.id) return;
      slot.busy = undefined;
      if (m.kind === "result") p.resolve(m.run);
      else p.reject(sliceError(p.request, m.name, m.message));
      this.dispatch();
    });
    const fail = (err: Error): void => {
      slot.dead = true;
      const p = slot.busy;
      slot.busy = undefined;
      const failure = new LogShipperError("WORKER_FAILED", `slice worker: ${err.message}`);
      p?.reject(failure);
      // a worker that cannot start (or keeps dying) fails the slices still queued instead of respawning forever
      if (++this.deaths > this.size) for (const q of this.queue.splice(0)) q.reject(failure);
      if (!this.closed) this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!slot.dead && !this.closed) fail(new Error(`exited with code ${code}`));
      slot.dead = true;
    });
    return slot;
  }
}

/**
 * The parent's error for a slice that failed in a worker: a lost lease stays a `LeaseLostError` (the engine then
 * schedules no more slices), anything else names the slice.
 */
function sliceError(request: ShipRequest, name: string, message: string): Error {
  if (name === "LeaseLostError") return Object.assign(new LeaseLostError(request.shipper, ""), { message });
  return new LogShipperError("SLICE_FAILED", `slice ${request.sliceId}: ${message}`);
}
