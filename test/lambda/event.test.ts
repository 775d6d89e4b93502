import { parseEvent } from "../../src/lambda/event";
import { readSettings } from "../../src/lambda/settings";

describe("Lambda event and settings", () => {
  it("accepts {}, {shipper}, {shipper, hop}", () => {
    expect(parseEvent({})).toEqual({ hop: 0 });
    expect(parseEvent(undefined)).toEqual({ hop: 0 });
    expect(parseEvent({ shipper: "a" })).toEqual({ shipper: "a", hop: 0 });
    expect(parseEvent({ shipper: "a", hop: 3 })).toEqual({ shipper: "a", hop: 3 });
    expect(() => parseEvent({ hop: -1 })).toThrow(/hop must be a whole number/);
    expect(() => parseEvent("x")).toThrow(/expected an event object/);
  });

  it("reads the environment with the contract's defaults", () => {
    const s = readSettings({ LOGSHIPPER_STATE_TABLE: "t" }, "/var/task");
    expect(s).toMatchObject({
      configPath: "/var/task/logshipper.config.json",
      stateTable: "t",
      secretPrefix: "logshipper",
      deadLetterBucket: undefined,
      safetyMarginMs: 30_000,
      maxHops: 20,
    });
    expect(() => readSettings({ LOGSHIPPER_MAX_HOPS: "ten" }, "/")).toThrow(
      'LOGSHIPPER_MAX_HOPS="ten": expected a whole number ≥ 0',
    );
  });
});
