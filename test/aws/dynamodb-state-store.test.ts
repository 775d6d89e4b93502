import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DynamoDbStateStore,
  offsetItemKey,
  parseDynamoDbLocation,
} from "../../src/state/dynamodb-state-store";
import {
  CursorRegressionError,
  LeaseLostError,
  LockHeldError,
  StaleCursorError,
  StateCorruptError,
} from "../../src/state/errors";
import type { OffsetRecord, OffsetRef } from "../../src/state/state-store";
import { motoOptions, uniqueName } from "../support/aws";

const ref: OffsetRef = { shipper: "billing", offsetKey: "LogShipper-state", exporter: "dd" };

function record(ts: string, key = "", shipped = 0): OffsetRecord {
  return {
    cursor: { ts, key },
    updatedAt: "2026-11-25T12:00:00.000Z",
    configHash: "abc",
    exporterType: "datadog",
    shipped,
    rejected: 0,
  };
}

const T1 = "2026-11-25T10:00:00.000000001Z";
const T2 = "2026-11-25T10:00:00.000000002Z";
const T3 = "2026-11-25T10:00:05.000000000Z";

describe("DynamoDbStateStore (moto)", () => {
  let table: string;
  let store: DynamoDbStateStore;
  let raw: DynamoDBClient;

  beforeAll(async () => {
    table = uniqueName("offsets");
    store = new DynamoDbStateStore({ ...motoOptions(), table });
    await expect(store.init()).resolves.toMatch(/Created DynamoDB table/);
    const { endpoint, region, credentials } = motoOptions();
    raw = new DynamoDBClient({ endpoint, region, credentials });
  });

  afterAll(async () => {
    await store.close();
    raw.destroy();
  });

  it("parses dynamodb://TABLE[?region=R] and rejects anything else", () => {
    expect(parseDynamoDbLocation("dynamodb://my.Table_1")).toEqual({ table: "my.Table_1" });
    expect(parseDynamoDbLocation("dynamodb://offsets?region=eu-west-1")).toEqual({
      table: "offsets",
      region: "eu-west-1",
    });
    expect(() => parseDynamoDbLocation("dynamodb://t")).toThrow(/3-255 characters/);
    expect(() => parseDynamoDbLocation("dynamodb://offsets?endpoint=x")).toThrow(
      /unknown parameter "endpoint"/,
    );
    expect(() => parseDynamoDbLocation("dynamodb://offsets?region=mars")).toThrow(/not an AWS region/);
  });

  it("init accepts an existing table with the same key schema", async () => {
    await expect(store.init()).resolves.toMatch(/already exists/);
  });

  it("stores one item per shipper × exporter with the documented key schema and attributes", async () => {
    const r: OffsetRef = { ...ref, exporter: "layout" };
    await store.commit(r, undefined, record(T1, "f@1", 5));
    const item = (
      await raw.send(
        new GetItemCommand({
          TableName: table,
          Key: { shipper: { S: "billing" }, item: { S: offsetItemKey(r) } },
        }),
      )
    ).Item;
    expect(item).toEqual({
      shipper: { S: "billing" },
      item: { S: "offset#LogShipper-state#layout" },
      offsetKey: { S: "LogShipper-state" },
      exporter: { S: "layout" },
      cursor: { M: { ts: { S: T1 }, key: { S: "f@1" } } },
      updatedAt: { S: "2026-11-25T12:00:00.000Z" },
      configHash: { S: "abc" },
      exporterType: { S: "datadog" },
      shipped: { N: "5" },
      rejected: { N: "0" },
    });
    await expect(store.get(r)).resolves.toEqual(record(T1, "f@1", 5));
  });

  it("commits conditionally on the cursor the writer read; a stale writer fails and changes nothing", async () => {
    const r: OffsetRef = { ...ref, exporter: "stale" };
    await store.commit(r, undefined, record(T1));
    // a second writer that also read "no offset" loses
    await expect(store.commit(r, undefined, record(T2))).rejects.toThrow(StaleCursorError);
    await store.commit(r, { ts: T1, key: "" }, record(T2));
    // a writer that read T1 is now stale
    const err = await store.commit(r, { ts: T1, key: "" }, record(T3)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleCursorError);
    expect((err as Error).message).toContain(`expected ${T1}, found ${T2}`);
    await expect(store.get(r)).resolves.toEqual(record(T2));
  });

  it("never moves a cursor backwards", async () => {
    const r: OffsetRef = { ...ref, exporter: "backwards" };
    await store.commit(r, undefined, record(T2, "b"));
    await expect(store.commit(r, { ts: T2, key: "b" }, record(T2, "a"))).rejects.toThrow(
      CursorRegressionError,
    );
    await expect(store.commit(r, { ts: T2, key: "b" }, record(T1, "z"))).rejects.toThrow(
      CursorRegressionError,
    );
    await expect(store.get(r)).resolves.toEqual(record(T2, "b"));
    // the same position again (totals only) is not a regression
    await store.commit(r, { ts: T2, key: "b" }, record(T2, "b", 7));
    await expect(store.get(r)).resolves.toMatchObject({ shipped: 7 });
  });

  it("reports an item with the wrong shape as StateCorruptError, and commits refuse to overwrite it", async () => {
    const r: OffsetRef = { shipper: "corrupt", offsetKey: "LogShipper-state", exporter: "dd" };
    await raw.send(
      new PutItemCommand({
        TableName: table,
        Item: {
          shipper: { S: "corrupt" },
          item: { S: offsetItemKey(r) },
          offsetKey: { S: r.offsetKey },
          exporter: { S: r.exporter },
          cursor: { M: { ts: { S: T1 }, key: { S: "" } } },
          updatedAt: { S: "x" },
          configHash: { S: "abc" },
          shipped: { S: "twelve" },
          rejected: { N: "0" },
        },
      }),
    );
    const err = await store.get(r).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateCorruptError);
    expect((err as Error).message).toMatch(
      /dynamodb:\/\/offsets-.* \(shipper "corrupt", item "offset#LogShipper-state#dd"\) is unreadable: wrong shape at \/shipped: must be integer/,
    );
    await expect(store.list("corrupt")).rejects.toThrow(StateCorruptError);
    await expect(store.commit(r, undefined, record(T2))).rejects.toThrow(StateCorruptError);
    // the repair paths: set-offset (put) replaces it, rm --all removes it
    await store.put(r, record(T2));
    await expect(store.get(r)).resolves.toEqual(record(T2));
    await expect(store.removeShipper("corrupt")).resolves.toBe(true);
    await expect(store.list("corrupt")).resolves.toEqual([]);
  });

  it("lists offsets (Query per shipper, Scan for all) without the lease items, and removes them", async () => {
    const s = uniqueName("lister");
    const a: OffsetRef = { shipper: s, offsetKey: "k", exporter: "a" };
    const b: OffsetRef = { shipper: s, offsetKey: "k", exporter: "b" };
    await store.put(b, record(T2));
    await store.put(a, record(T1));
    const lease = await store.acquireLease(s, { owner: "lister", ttlMs: 60_000 });
    const listed = await store.list(s);
    expect(listed.map((o) => `${o.shipper}/${o.offsetKey}/${o.exporter}`)).toEqual([`${s}/k/a`, `${s}/k/b`]);
    expect((await store.list()).filter((o) => o.shipper === s)).toHaveLength(2);
    await expect(store.remove(a)).resolves.toBe(true);
    await expect(store.remove(a)).resolves.toBe(false);
    await lease.release();
  });

  describe("leases", () => {
    it("gives a shipper's lease to one holder at a time, with a growing fencing token", async () => {
      const s = uniqueName("lease");
      const first = await store.acquireLease(s, { owner: "run-a", ttlMs: 60_000 });
      const err = await store.acquireLease(s, { owner: "run-b", ttlMs: 60_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockHeldError);
      expect((err as Error).message).toMatch(/locked by run run-a \(fencing token \d+/);
      await first.renew();
      await first.release();
      const second = await store.acquireLease(s, { owner: "run-b", ttlMs: 60_000 });
      expect(second.token).toBeGreaterThan(first.token);
      await second.release();
    });

    it("lets an expired lease be taken over, after which the old holder can neither commit, renew nor release", async () => {
      const s = uniqueName("fence");
      const r: OffsetRef = { shipper: s, offsetKey: "k", exporter: "dd" };
      const old = await store.acquireLease(s, { owner: "old", ttlMs: 150 });
      await store.commit(r, undefined, record(T1), old);
      await sleep(300); // let the lease expire (no renewal)
      const other = new DynamoDbStateStore({ ...motoOptions(), table });
      const taker = await other.acquireLease(s, { owner: "new", ttlMs: 60_000 });
      expect(taker.token).toBeGreaterThan(old.token);

      const err = await store.commit(r, { ts: T1, key: "" }, record(T2), old).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LeaseLostError);
      expect((err as Error).message).toMatch(/now held by run new \(fencing token/);
      await expect(old.renew()).rejects.toThrow(LeaseLostError);
      await old.release(); // a no-op: the lease is not the old holder's any more
      await expect(other.acquireLease(s, { owner: "third", ttlMs: 60_000 })).rejects.toThrow(LockHeldError);

      // the new holder's commits go through; the offset never saw the fenced write
      await expect(store.get(r)).resolves.toEqual(record(T1));
      await other.commit(r, { ts: T1, key: "" }, record(T3), taker);
      await expect(other.get(r)).resolves.toEqual(record(T3));
      await taker.release();
      await other.close();
    });

    it("a lease that expired but was not taken over is still its holder's (the token is what fences)", async () => {
      const s = uniqueName("late");
      const r: OffsetRef = { shipper: s, offsetKey: "k", exporter: "dd" };
      const lease = await store.acquireLease(s, { owner: "slow", ttlMs: 100 });
      await sleep(200);
      const leaseItem = async () =>
        (
          await raw.send(
            new GetItemCommand({ TableName: table, Key: { shipper: { S: s }, item: { S: "lease" } } }),
          )
        ).Item;
      const before = Number((await leaseItem())?.expiresAt?.N);
      await store.commit(r, undefined, record(T1), lease);
      await lease.renew();
      const after = await leaseItem();
      expect(after?.owner).toEqual({ S: "slow" });
      expect(after?.token).toEqual({ N: String(lease.token) });
      expect(Number(after?.expiresAt?.N)).toBeGreaterThan(before);
      await expect(store.get(r)).resolves.toEqual(record(T1));
      await lease.release();
      await expect(leaseItem()).resolves.toBeUndefined();
    });

    it("fails a commit under a lease that another holder took, even when the cursor still matches", async () => {
      const s = uniqueName("both");
      const r: OffsetRef = { shipper: s, offsetKey: "k", exporter: "dd" };
      const lease = await store.acquireLease(s, { owner: "a", ttlMs: 100 });
      await sleep(200);
      const taker = await store.acquireLease(s, { owner: "b", ttlMs: 60_000 });
      await expect(store.commit(r, undefined, record(T1), lease)).rejects.toThrow(LeaseLostError);
      await expect(store.get(r)).resolves.toBeUndefined();
      await taker.release();
    });

    it("replaces a malformed lease item", async () => {
      const s = uniqueName("garbage");
      await raw.send(
        new PutItemCommand({
          TableName: table,
          Item: { shipper: { S: s }, item: { S: "lease" }, owner: { N: "1" } },
        }),
      );
      const lease = await store.acquireLease(s, { owner: "fixer", ttlMs: 60_000 });
      expect(lease.owner).toBe("fixer");
      await lease.release();
    });
  });
});
