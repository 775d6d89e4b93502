import type { LogEntry } from "../../src/core/log-record";
import { contentKey } from "../../src/sources/kestra-source";

describe("contentKey (the key of a Kestra API entry without an id)", () => {
  const entry: LogEntry = {
    namespace: "company.team",
    flowId: "f",
    taskId: "t",
    executionId: "e",
    attemptNumber: 1,
    timestamp: "2026-11-25T10:00:00Z",
    level: "INFO",
    message: "héllo\nworld",
  };
  const ts = "2026-11-25T10:00:00.000000000Z";

  it("is stable across releases: stored cursors hold it, so a change would re-ship or skip tied logs", () => {
    expect(contentKey(entry, ts)).toBe("h:51c3d251bd410287");
  });

  it("ignores fields a server may add and the timestamp's spelling, and changes with any LogEntry field", () => {
    expect(contentKey({ ...entry, extra: "x", timestamp: "2026-11-25T10:00:00.000Z" }, ts)).toBe(
      contentKey(entry, ts),
    );
    expect(contentKey({ ...entry, taskId: "u" }, ts)).not.toBe(contentKey(entry, ts));
    expect(contentKey({ ...entry, executionKind: "NORMAL" }, ts)).not.toBe(contentKey(entry, ts));
    expect(contentKey({ ...entry, attemptNumber: null }, ts)).toBe(
      contentKey({ ...entry, attemptNumber: undefined }, ts),
    );
  });
});
