import { IANAZone } from "luxon";

/** Kestra's cron macros and their five-field form. */
export const CRON_MACROS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** A parsed schedule. */
export interface ParsedSchedule {
  /** The cron expression with macros expanded: five fields, or six when seconds were given. */
  readonly cron: string;
  /** The longest gap between two of the next runs: what "one schedule interval" means for lag. */
  readonly maxIntervalMs: number;
}

/** A schedule that cannot be parsed, with the reason. */
export class ScheduleError extends Error {}

/**
 * Parses a Kestra schedule: a cron expression (5 fields, or 6 with seconds first) or one of Kestra's macros
 * (`@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`, `@annually`, `@midnight`). Throws `ScheduleError`.
 */
export function parseSchedule(expression: string, timezone = "UTC"): ParsedSchedule {
  const trimmed = expression.trim();
  const macro = trimmed.toLowerCase();
  // own keys only: "constructor" or "__proto__" are not macros
  const cron = Object.hasOwn(CRON_MACROS, macro) ? (CRON_MACROS[macro] as string) : trimmed;
  if (cron.startsWith("@")) {
    throw new ScheduleError(
      `unknown macro ${JSON.stringify(trimmed)}; allowed: ${Object.keys(CRON_MACROS).join(", ")}`,
    );
  }
  const fields = cron.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw new ScheduleError(
      `${JSON.stringify(trimmed)} has ${fields.length} fields; a cron expression has 5 (or 6 with seconds)`,
    );
  }
  if (!IANAZone.isValidZone(timezone))
    throw new ScheduleError(`unknown time zone ${JSON.stringify(timezone)}`);
  // loaded on first use: only a config with a schedule evaluates cron-parser
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CronExpressionParser } = require("cron-parser") as typeof import("cron-parser");
  let maxIntervalMs = 0;
  try {
    const it = CronExpressionParser.parse(cron, {
      tz: timezone,
      currentDate: new Date(Date.UTC(2026, 0, 1)),
    });
    let prev = it.next().toDate().getTime();
    for (let i = 0; i < 12; i++) {
      const next = it.next().toDate().getTime();
      maxIntervalMs = Math.max(maxIntervalMs, next - prev);
      prev = next;
    }
  } catch (err) {
    throw new ScheduleError(
      `${JSON.stringify(trimmed)} is not a valid cron expression: ${(err as Error).message}`,
    );
  }
  return { cron: fields.join(" "), maxIntervalMs };
}
