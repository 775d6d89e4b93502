import { levelRank, normalizeLevel } from "../../src/core/levels";

describe("levels", () => {
  it("knows Kestra's levels, WARNING as WARN, and nothing else", () => {
    expect(["TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR"].map(normalizeLevel)).toEqual([
      "TRACE",
      "DEBUG",
      "INFO",
      "WARN",
      "WARN",
      "ERROR",
    ]);
    expect(["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].map((l) => levelRank(normalizeLevel(l)!))).toEqual([
      0, 10, 20, 30, 40,
    ]);
    // names an object lookup would find on Object.prototype (found by the reliability suite's fuzzed lines)
    for (const name of [
      "toString",
      "constructor",
      "__proto__",
      "hasOwnProperty",
      "valueOf",
      "info",
      "FATAL",
      "",
    ])
      expect(normalizeLevel(name)).toBeUndefined();
  });
});
