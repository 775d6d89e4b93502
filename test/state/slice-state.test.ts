import { join } from "node:path";
import type { SlicePlan, SliceProgress } from "../../src/reconcile/slices";
import { DynamoDbStateStore } from "../../src/state/dynamodb-state-store";
import {
  CursorRegressionError,
  LeaseLostError,
  SlicePlanExistsError,
  StaleCursorError,
} from "../../src/state/errors";
import { FileStateStore } from "../../src/state/file-state-store";
import type { Lease, SliceState, StateStore } from "../../src/state/state-store";
import { motoOptions, uniqueName } from "../support/aws";
import { tempDir } from "../support/fixtures";

const T = (s: number): string => `2026-11-25T10:00:${String(s).padStart(2, "0")}.000000000Z`;

function plan(runId: string, lease: Lease, shipper = "app"): SlicePlan {
  return {
    shipper,
    offsetKey: "LogShipper-state",
    runId,
    createdAt: "2026-11-25T12:00:00.000Z",
    owner: lease.owner,
    leaseToken: lease.token,
    to: T(29),
    exporters: [{ id: "a", configHash: "h", start: { ts: T(0), key: "" } }],
    slices: [
      { id: "s0000", index: 0, bucket: 0, from: T(0), until: T(10), estimate: 5, hint: { offset: 0 } },
      {
        id: "s0001",
        index: 1,
        bucket: 1,
        from: T(10),
        until: "2026-11-25T10:00:29.000000001Z",
        estimate: null,
      },
    ],
    maxConcurrency: 2,
  };
}

function progress(s: number, over: Partial<SliceProgress> = {}): SliceProgress {
  return {
    cursor: { ts: T(s), key: `k${s}` },
    done: false,
    shipped: s,
    rejected: 0,
    uncertain: 0,
    updatedAt: "2026-11-25T12:00:00.000Z",
    token: 7,
    ...over,
  };
}

type Store = StateStore & SliceState;

const stores: Array<[string, () => Promise<{ store: Store; done: () => Promise<void> }>]> = [
  [
    "FileStateStore",
    async () => {
      const { dir, cleanup } = tempDir();
      return { store: new FileStateStore(join(dir, "state")), done: async () => cleanup() };
    },
  ],
  [
    "DynamoDbStateStore (moto)",
    async () => {
      const store = new DynamoDbStateStore({ ...motoOptions(), table: uniqueName("slices") });
      await store.init();
      return { store, done: () => store.close() };
    },
  ],
];

describe.each(stores)("slice state on %s", (_name, make) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await make());
  });
  afterAll(() => done());

  let n = 0;
  const shipperId = (): string => `app${++n}`;

  it("keeps one open plan: a second run id is refused, the same run id replaces it", async () => {
    const shipper = shipperId();
    const lease = await store.acquireLease(shipper, { owner: "one", ttlMs: 60_000 });
    const p = plan("r1", lease, shipper);
    await store.putSlicePlan(p, lease);
    expect(await store.getSlicePlan(shipper, "LogShipper-state")).toEqual(p);
    expect(await store.getSlicePlan(shipper, "other")).toBeUndefined();
    await expect(store.putSlicePlan(plan("r2", lease, shipper), lease)).rejects.toThrow(SlicePlanExistsError);
    const resumed = { ...p, owner: "two" };
    await store.putSlicePlan(resumed, lease);
    expect((await store.getSlicePlan(shipper, "LogShipper-state"))?.owner).toBe("two");
    // offsets are not mixed up with slice items
    expect(await store.list(shipper)).toEqual([]);
    await lease.release();
  });

  it("two plans racing: exactly one is stored, the other fails with SlicePlanExistsError", async () => {
    const shipper = shipperId();
    const lease = await store.acquireLease(shipper, { owner: "one", ttlMs: 60_000 });
    const results = await Promise.allSettled([
      store.putSlicePlan(plan("ra", lease, shipper), lease),
      store.putSlicePlan(plan("rb", lease, shipper), lease),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(SlicePlanExistsError);
    const won = (await store.getSlicePlan(shipper, "LogShipper-state"))?.runId;
    expect(["ra", "rb"]).toContain(won);
    expect(String((lost.reason as Error).message)).toContain(won);
    await lease.release();
  });

  it("commits progress with a compare-and-set on its cursor", async () => {
    const shipper = shipperId();
    const lease = await store.acquireLease(shipper, { owner: "one", ttlMs: 60_000 });
    const ref = { shipper, runId: "r1", sliceId: "s0000", exporter: "a" };
    await store.commitSliceProgress(ref, undefined, progress(1), lease);
    await expect(store.commitSliceProgress(ref, undefined, progress(2), lease)).rejects.toThrow(
      StaleCursorError,
    );
    await expect(store.commitSliceProgress(ref, progress(3).cursor, progress(4), lease)).rejects.toThrow(
      StaleCursorError,
    );
    await expect(store.commitSliceProgress(ref, progress(1).cursor, progress(0), lease)).rejects.toThrow(
      CursorRegressionError,
    );
    await store.commitSliceProgress(ref, progress(1).cursor, progress(2, { done: true }), lease);
    // a record without a cursor (an exporter that failed before its first batch) is replaced with expected undefined
    const other = { ...ref, exporter: "b@datadog" };
    const failed: SliceProgress = {
      done: false,
      failed: true,
      error: "boom",
      shipped: 0,
      rejected: 0,
      uncertain: 0,
      updatedAt: "x",
    };
    await store.commitSliceProgress(other, undefined, failed, lease);
    await store.commitSliceProgress(other, undefined, progress(5), lease);
    const listed = await store.listSliceProgress(shipper, "r1");
    expect(listed.sort((x, y) => x.exporter.localeCompare(y.exporter))).toEqual([
      { sliceId: "s0000", exporter: "a", progress: progress(2, { done: true }) },
      { sliceId: "s0000", exporter: "b@datadog", progress: progress(5) },
    ]);
    expect(await store.listSliceProgress(shipper, "r2")).toEqual([]);
    await lease.release();
  });

  it("fences every slice write by the lease; an attached handle renews only while owner and token hold", async () => {
    const shipper = shipperId();
    const lease = await store.acquireLease(shipper, { owner: "one", ttlMs: 60_000 });
    const attached = store.attachLease(shipper, "one", lease.token, 60_000);
    await attached.renew();
    const ref = { shipper, runId: "r1", sliceId: "s0000", exporter: "a" };
    await store.commitSliceProgress(ref, undefined, progress(1), attached);
    await expect(store.attachLease(shipper, "one", lease.token + 1, 60_000).renew()).rejects.toThrow(
      LeaseLostError,
    );
    await expect(store.attachLease(shipper, "two", lease.token, 60_000).renew()).rejects.toThrow(
      LeaseLostError,
    );
    await lease.release();
    const next = await store.acquireLease(shipper, { owner: "two", ttlMs: 60_000 });
    await expect(attached.renew()).rejects.toThrow(LeaseLostError);
    await expect(store.commitSliceProgress(ref, progress(1).cursor, progress(2), attached)).rejects.toThrow(
      LeaseLostError,
    );
    await expect(store.putSlicePlan(plan("r1", lease, shipper), lease)).rejects.toThrow(LeaseLostError);
    expect((await store.listSliceProgress(shipper, "r1"))[0]?.progress).toEqual(progress(1));
    await next.release();
  });

  it("deletes a plan with all its progress", async () => {
    const shipper = shipperId();
    const lease = await store.acquireLease(shipper, { owner: "one", ttlMs: 60_000 });
    const p = plan("r1", lease, shipper);
    await store.putSlicePlan(p, lease);
    for (let i = 0; i < 105; i++)
      await store.commitSliceProgress(
        { shipper, runId: "r1", sliceId: `s${String(i).padStart(4, "0")}`, exporter: "a" },
        undefined,
        progress(1),
        lease,
      );
    await store.commitSliceProgress(
      { shipper, runId: "r9", sliceId: "s0000", exporter: "a" },
      undefined,
      progress(1),
      lease,
    );
    expect(await store.listSliceProgress(shipper, "r1")).toHaveLength(105);
    await store.deleteSlicePlan(p, lease);
    expect(await store.getSlicePlan(shipper, "LogShipper-state")).toBeUndefined();
    expect(await store.listSliceProgress(shipper, "r1")).toEqual([]);
    expect(await store.listSliceProgress(shipper, "r9")).toHaveLength(1);
    await lease.release();
  });
});
