import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CursorRegressionError,
  LeaseLostError,
  LockHeldError,
  StaleCursorError,
  StateCorruptError,
} from "../../src/state/errors";
import { FileStateStore } from "../../src/state/file-state-store";
import type { OffsetRecord, OffsetRef } from "../../src/state/state-store";
import { tempDir } from "../support/fixtures";

const ref: OffsetRef = { shipper: "s", offsetKey: "LogShipper-state", exporter: "e" };
const rec = (ts: string, key = "k", shipped = 1): OffsetRecord => ({
  cursor: { ts: `2026-11-25T10:00:0${ts}.000000000Z`, key },
  updatedAt: "2026-11-25T10:00:00.000Z",
  configHash: "h",
  shipped,
  rejected: 0,
});

describe("FileStateStore", () => {
  let dir: string;
  let cleanup: () => void;
  let store: FileStateStore;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = new FileStateStore(dir);
  });
  afterEach(() => cleanup());

  it("commits forward with compare-and-set on the cursor it read", async () => {
    expect(await store.get(ref)).toBeUndefined();
    await store.commit(ref, undefined, rec("1"));
    await store.commit(ref, rec("1").cursor, rec("2"));
    expect(await store.get(ref)).toEqual(rec("2"));
    expect(await store.list()).toEqual([{ ...ref, record: rec("2") }]);
  });

  it("refuses a stale writer and a cursor moving backwards", async () => {
    await store.commit(ref, undefined, rec("2"));
    await expect(store.commit(ref, undefined, rec("3"))).rejects.toBeInstanceOf(StaleCursorError);
    await expect(store.commit(ref, rec("1").cursor, rec("3"))).rejects.toThrow(/changed by another writer/);
    await expect(store.commit(ref, rec("2").cursor, rec("1"))).rejects.toBeInstanceOf(CursorRegressionError);
    expect(await store.get(ref)).toEqual(rec("2"));
  });

  it("never trusts its own last write once another writer replaced or edited the file", async () => {
    // the store keeps the document it wrote last and skips reading the file while the file is unchanged
    await store.commit(ref, undefined, rec("1"));
    await new FileStateStore(dir).commit(ref, rec("1").cursor, rec("2")); // another writer: a new file
    await expect(store.commit(ref, rec("1").cursor, rec("3"))).rejects.toBeInstanceOf(StaleCursorError);
    await store.commit(ref, rec("2").cursor, rec("3"));
    // edited in place (same inode), to a document of the same length
    const file = join(dir, "s.json");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("10:00:03", "10:00:04"));
    await expect(store.commit(ref, rec("3").cursor, rec("5"))).rejects.toBeInstanceOf(StaleCursorError);
    await store.commit(ref, rec("4").cursor, rec("5"));
    expect(await store.get(ref)).toEqual(rec("5"));
  });

  it("writes atomically and leaves no temp files", async () => {
    await Promise.all([1, 2, 3].map((i) => store.put({ ...ref, exporter: `e${i}` }, rec(String(i)))));
    const doc = JSON.parse(readFileSync(join(dir, "s.json"), "utf8"));
    expect(Object.keys(doc.offsets).sort()).toEqual([
      "LogShipper-state/e1",
      "LogShipper-state/e2",
      "LogShipper-state/e3",
    ]);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(dir)).toEqual(["s.json"]);
  });

  it("reports a truncated, garbage or wrongly shaped file clearly and never overwrites it", async () => {
    for (const [content, why] of [
      ["", /empty \(truncated\?\)/],
      ['{"version":1,"shipper":"s","offs', /not valid JSON/],
      [
        '{"version":1,"shipper":"s","offsets":{"k/e":{"cursor":"yesterday"}}}',
        /wrong shape at \/offsets\/k~1e: must have required property/,
      ],
      ['{"version":1,"shipper":"other","offsets":{}}', /belongs to shipper "other"/],
    ] as const) {
      writeFileSync(join(dir, "s.json"), content);
      await expect(store.get(ref)).rejects.toThrow(why);
      await expect(store.commit(ref, undefined, rec("1"))).rejects.toBeInstanceOf(StateCorruptError);
      expect(readFileSync(join(dir, "s.json"), "utf8")).toBe(content);
    }
    expect(await store.removeShipper("s")).toBe(true);
    await store.commit(ref, undefined, rec("1"));
  });

  it("removes offsets", async () => {
    await store.put(ref, rec("1"));
    expect(await store.remove(ref)).toBe(true);
    expect(await store.remove(ref)).toBe(false);
    expect(await store.list("s")).toEqual([]);
  });

  describe("locks", () => {
    it("let one holder in, name the holder to the next, and fence commits after a takeover", async () => {
      const a = await store.acquireLease("s", { owner: "run-a", ttlMs: 60_000 });
      await expect(store.acquireLease("s", { owner: "run-b", ttlMs: 60_000 })).rejects.toThrow(LockHeldError);
      await expect(store.acquireLease("s", { owner: "run-b", ttlMs: 60_000 })).rejects.toThrow(
        /locked by pid \d+ on .* \(run run-a/,
      );
      await a.renew();
      await store.commit(ref, undefined, rec("1"), a);
      await a.release();
      const b = await store.acquireLease("s", { owner: "run-b", ttlMs: 60_000 });
      expect(b.token).toBeGreaterThan(a.token);
      await expect(store.commit(ref, rec("1").cursor, rec("2"), a)).rejects.toBeInstanceOf(LeaseLostError);
      await expect(a.renew()).rejects.toBeInstanceOf(LeaseLostError);
      await b.release();
    });

    it("fence commits when the lock file is rewritten in place by another owner", async () => {
      const a = await store.acquireLease("s", { owner: "run-a", ttlMs: 60_000 });
      await store.commit(ref, undefined, rec("1"), a); // verified with one stat: the lock is the file a wrote
      const lock = join(dir, "s.lock");
      const info = JSON.parse(readFileSync(lock, "utf8")) as { owner: string; token: number };
      writeFileSync(lock, JSON.stringify({ ...info, owner: "run-b", token: info.token + 1 }));
      await expect(store.commit(ref, rec("1").cursor, rec("2"), a)).rejects.toBeInstanceOf(LeaseLostError);
      await expect(a.renew()).rejects.toBeInstanceOf(LeaseLostError);
    });

    it("treat an expired lock as stale", async () => {
      const a = await store.acquireLease("s", { owner: "run-a", ttlMs: 1 });
      await new Promise((r) => setTimeout(r, 20));
      const b = await store.acquireLease("s", { owner: "run-b", ttlMs: 60_000 });
      expect(b.owner).toBe("run-b");
      await expect(a.renew()).rejects.toBeInstanceOf(LeaseLostError);
      await b.release();
    });

    it("treat the lock of a process that died as stale", async () => {
      const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"]);
      const pid = child.pid as number;
      const lock = {
        owner: "dead",
        pid,
        host: (await import("node:os")).hostname(),
        token: 5,
        acquiredAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      };
      writeFileSync(join(dir, "s.lock"), JSON.stringify(lock));
      await expect(store.acquireLease("s", { owner: "x", ttlMs: 1000 })).rejects.toThrow(LockHeldError);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const taken = await store.acquireLease("s", { owner: "x", ttlMs: 1000 });
      expect(taken.token).toBeGreaterThan(5);
      await taken.release();
    });

    it("only one of many concurrent takers of a stale lock wins", async () => {
      writeFileSync(join(dir, "s.lock"), "garbage");
      const results = await Promise.allSettled(
        [...Array(8).keys()].map((i) =>
          new FileStateStore(dir).acquireLease("s", { owner: `r${i}`, ttlMs: 60_000 }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(
        results
          .filter((r) => r.status === "rejected")
          .every((r) => (r as PromiseRejectedResult).reason instanceof LockHeldError),
      ).toBe(true);
    });
  });
});
