import fc from "fast-check";
import { cutToJsonBytes, truncateUtf8, jsonContentBytes, safeCut } from "../../src/exporters/text-limits";

const wellFormed = (s: string): boolean => Buffer.from(s, "utf8").toString("utf8") === s;

describe("text limits", () => {
  it("never cuts a surrogate pair in two", () => {
    expect(safeCut("a😀b", 2)).toBe(1);
    expect(safeCut("a😀b", 3)).toBe(3);
    expect(truncateUtf8("😀😀", 5)).toBe("😀");
    expect(cutToJsonBytes('é"\n', 4)).toBe('é"'); // é = 2 bytes, \" = 2 bytes
  });

  it("returns the longest prefix within the budget (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), fc.nat(200), (s, budget) => {
        const utf8 = truncateUtf8(s, budget);
        expect(s.startsWith(utf8)).toBe(true);
        expect(wellFormed(utf8)).toBe(true);
        expect(Buffer.byteLength(utf8)).toBeLessThanOrEqual(Math.max(budget, 0));
        if (utf8.length < s.length) {
          // one more character would not fit
          const code = s.charCodeAt(utf8.length);
          const step = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
          expect(Buffer.byteLength(s.slice(0, utf8.length + step))).toBeGreaterThan(budget);
        }
        const json = cutToJsonBytes(s, budget);
        expect(s.startsWith(json)).toBe(true);
        expect(wellFormed(json)).toBe(true);
        expect(jsonContentBytes(json)).toBeLessThanOrEqual(budget);
      }),
    );
  });
});
