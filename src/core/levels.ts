/** Kestra's log levels (slf4j), lowest first. */
export const LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"] as const;

/** One of Kestra's log levels. */
export type Level = (typeof LEVELS)[number];

const RANK: Readonly<Record<string, number>> = {
  TRACE: 0,
  DEBUG: 10,
  INFO: 20,
  WARN: 30,
  WARNING: 30,
  ERROR: 40,
};

/**
 * Normalizes a level name: `WARNING` (the name in Kestra's docs) means `WARN`. Returns `undefined` for anything
 * that is not a Kestra level.
 */
export function normalizeLevel(name: string): Level | undefined {
  if (name === "WARNING") return "WARN";
  // own keys only: "toString", "constructor" or "__proto__" are not levels
  return Object.hasOwn(RANK, name) ? (name as Level) : undefined;
}

/** The numeric rank of a level (slf4j's ints): TRACE 0, DEBUG 10, INFO 20, WARN 30, ERROR 40. */
export function levelRank(level: Level): number {
  return RANK[level] as number;
}
