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

  it("accepts the scale-out events of the state machine, strictly", () => {
    expect(
      parseEvent({ mode: "plan", shipper: "a", execution: "arn:x", settings: { maxConcurrency: 4 } }),
    ).toEqual({
      mode: "plan",
      shipper: "a",
      execution: "arn:x",
      settings: { maxConcurrency: 4 },
    });
    const run = { shipper: "a", runId: "r1", owner: "arn:x", leaseToken: 7 };
    expect(parseEvent({ mode: "slice", ...run, slice: { id: "s0001" } })).toEqual({
      mode: "slice",
      ...run,
      slice: { id: "s0001" },
    });
    expect(parseEvent({ mode: "finalize", ...run })).toEqual({ mode: "finalize", ...run });
    expect(() => parseEvent({ mode: "ship", shipper: "a" })).toThrow(
      'event.mode must be one of plan, slice, finalize, got "ship"',
    );
    expect(() => parseEvent({ mode: "plan" })).toThrow(
      "event.shipper must be a non-empty string, got undefined",
    );
    expect(() => parseEvent({ mode: "plan", shipper: "a", hop: 1 })).toThrow(
      'unexpected field "hop" in a plan event; expected mode, shipper, execution, settings',
    );
    expect(() => parseEvent({ mode: "plan", shipper: "a", settings: { maxConcurrency: 0 } })).toThrow(
      "event.settings.maxConcurrency must be a whole number ≥ 1, got 0",
    );
    expect(() => parseEvent({ mode: "plan", shipper: "a", settings: { speed: 1 } })).toThrow(
      'unexpected field "speed" in event.settings',
    );
    expect(() => parseEvent({ mode: "slice", ...run })).toThrow(
      'event.slice must be an object like {"id":"s0000"}',
    );
    expect(() => parseEvent({ mode: "slice", ...run, slice: { id: "s1", from: "x" } })).toThrow(
      'unexpected field "from" in event.slice',
    );
    expect(() => parseEvent({ mode: "finalize", ...run, leaseToken: "7" })).toThrow(
      'event.leaseToken must be a whole number ≥ 0, got "7"',
    );
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
      planBucket: undefined,
    });
    expect(readSettings({ LOGSHIPPER_PLAN_BUCKET: "plans" }, "/").planBucket).toBe("plans");
    expect(() => readSettings({ LOGSHIPPER_MAX_HOPS: "ten" }, "/")).toThrow(
      'LOGSHIPPER_MAX_HOPS="ten": expected a whole number ≥ 0',
    );
  });
});
