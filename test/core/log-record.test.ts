import { checkEntry, ParsedRecord } from "../../src/core/log-record";

describe("ParsedRecord", () => {
  const raw = JSON.stringify({
    tenantId: "main",
    namespace: "company.team",
    flowId: "f",
    timestamp: "2026-11-25T10:00:00.123Z",
    level: "INFO",
    message: "é😀\nsecond line",
    attemptNumber: 1,
    extra: { nested: [1, 2] },
  });
  const c = checkEntry(JSON.parse(raw));
  if (!c.ok) throw new Error(c.reason);

  it("keeps the parsed entry until compact(), then parses it again from raw when asked", () => {
    const record = new ParsedRecord(c.ts, c.ts, "f@000000000000000", c.level, c.entry, raw);
    expect(record.entry).toBe(c.entry);
    record.compact();
    const again = record.entry;
    expect(again).not.toBe(c.entry);
    expect(again).toEqual(c.entry);
    expect(record.entry).toBe(again); // parsed once, then kept
    expect({ ts: record.ts, pos: record.pos, key: record.key, level: record.level, raw: record.raw }).toEqual(
      {
        ts: "2026-11-25T10:00:00.123000000Z",
        pos: "2026-11-25T10:00:00.123000000Z",
        key: "f@000000000000000",
        level: "INFO",
        raw,
      },
    );
  });
});
