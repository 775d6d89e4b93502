import fc from "fast-check";

/** One line of a hostile log file: its bytes, whether the source must count it as invalid, and why it is there. */
export interface HostileLine {
  readonly kind: string;
  readonly bytes: Buffer;
  /** True when the source must count it as invalid (not ship it). */
  readonly invalid: boolean;
  /** For valid lines: the record number (`seq=<n>` in the message). */
  readonly seq?: number;
}

const REQUIRED = ["timestamp", "level", "namespace", "flowId", "message"] as const;
const OPTIONAL_STRINGS = ["tenantId", "taskId", "executionId", "taskRunId", "triggerId", "thread"] as const;

/** A valid Kestra entry (timestamp in milliseconds, UTC). */
export function validEntry(
  seq: number,
  ms: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    tenantId: "main",
    namespace: "company.team",
    flowId: "fuzz",
    taskId: "t",
    executionId: "e",
    taskRunId: "r",
    attemptNumber: 1,
    triggerId: null,
    timestamp: new Date(ms).toISOString(),
    level: "INFO",
    thread: "w",
    message: `seq=${seq} valid`,
    seq,
    ...over,
  };
}

const line = (text: string): Buffer => Buffer.from(text, "utf8");
const noNewline = (s: string): boolean => !/[\n\r]/.test(s) && s.trim() !== "";

/** JSON that is not a Kestra entry, or not JSON at all. */
const notAnEntry = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 300 }).filter(noNewline),
  fc.json({ maxDepth: 4 }).filter(noNewline),
  fc.constantFrom("{", "[]", "null", "true", "0", '"text"', '{"timestamp":', "{}", "{{}}", '{"a":1}{"b":2}'),
);

/** A valid entry cut at some byte (a torn write). */
const truncated = fc
  .tuple(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 200 }))
  .map(([seq, cut]) => {
    const text = JSON.stringify(validEntry(seq, 0));
    return text.slice(0, Math.min(cut, text.length - 1));
  });

/** A required field missing. */
const missing = fc.constantFrom(...REQUIRED).map((field) => {
  const e = validEntry(0, Date.UTC(2026, 10, 25, 8));
  delete e[field];
  return JSON.stringify(e);
});

/** A field of the wrong type. */
const wrongType = fc
  .tuple(
    fc.constantFrom(...REQUIRED, ...OPTIONAL_STRINGS, "attemptNumber"),
    fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant({}),
      fc.constant([1]),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
  )
  .filter(([field, value]) => !(field === "attemptNumber" && Number.isInteger(value)))
  .map(([field, value]) => JSON.stringify({ ...validEntry(0, Date.UTC(2026, 10, 25, 8)), [field]: value }));

/** A timestamp that is not an ISO-8601 date-time with a zone. */
const badTimestamp = fc
  .oneof(
    fc.constantFrom(
      "yesterday",
      "2026-13-45T25:61:61Z",
      "2026-11-25 08:00:00",
      "2026-11-25T08:00:00",
      "",
      "NaN",
      "1764057600000",
      "2026-02-30T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "2026-11-25T08:00:00+25:00",
    ),
    fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-/.test(s)),
  )
  .map((ts) => JSON.stringify({ ...validEntry(0, 0), timestamp: ts }));

/** An unknown level. */
const badLevel = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => !/^(trace|debug|info|warn|warning|error)$/i.test(s.trim()))
  .map((level) => JSON.stringify({ ...validEntry(0, Date.UTC(2026, 10, 25, 8)), level }));

/**
 * `count` hostile lines (a fixed corpus for a seed: `fc.sample`) of every kind the brief names: not JSON, invalid
 * UTF-8, missing and wrongly typed fields, unparseable timestamps, deep nesting, a torn line; plus one 10 MB line.
 */
export function hostileLines(seed: number, count: number): HostileLine[] {
  const kinds: Array<[string, fc.Arbitrary<string>]> = [
    ["not a JSON entry", notAnEntry],
    ["truncated JSON", truncated],
    ["missing field", missing],
    ["wrong type", wrongType],
    ["bad timestamp", badTimestamp],
    ["bad level", badLevel],
  ];
  const out: HostileLine[] = [];
  const per = Math.ceil(count / (kinds.length + 2));
  for (const [kind, arb] of kinds) {
    for (const text of fc.sample(arb, { seed, numRuns: per }))
      out.push({ kind, bytes: line(text), invalid: true });
  }
  // invalid UTF-8 inside an otherwise valid entry (a lone continuation byte, an overlong form, a cut sequence)
  const bad = [[0xff], [0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80]];
  for (let i = 0; i < per; i++) {
    const [head, tail] = JSON.stringify(validEntry(0, Date.UTC(2026, 10, 25, 8))).split("valid");
    out.push({
      kind: "invalid UTF-8",
      bytes: Buffer.concat([
        line(head as string),
        Buffer.from(bad[i % bad.length] as number[]),
        line(tail as string),
      ]),
      invalid: true,
    });
  }
  // deep nesting: an array 100,000 levels deep (not an entry)
  for (let i = 0; i < 3; i++)
    out.push({
      kind: "deep nesting",
      bytes: line(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
      invalid: true,
    });
  // a 10 MB line: a valid entry whose message is 10 MB (longer than the 4 MiB line limit)
  out.push({
    kind: "10 MB line",
    bytes: line(
      JSON.stringify(validEntry(0, Date.UTC(2026, 10, 25, 8), { message: "x".repeat(10 * 1024 * 1024) })),
    ),
    invalid: true,
  });
  return out;
}
