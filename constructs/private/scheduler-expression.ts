import { parseSchedule, ScheduleError } from "../../src/core/schedule";

/** A Kestra schedule that EventBridge Scheduler cannot express, or that is not a valid schedule at all. */
export class SchedulerExpressionError extends Error {}

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted for values (month and day-of-week), index = value - min. */
  readonly names?: readonly string[];
}

const MINUTES: Field = { name: "minutes", min: 0, max: 59 };
const HOURS: Field = { name: "hours", min: 0, max: 23 };
const DAY_OF_MONTH: Field = { name: "day-of-month", min: 1, max: 31 };
const MONTH: Field = { name: "month", min: 1, max: 12, names: MONTH_NAMES };
/** Unix day-of-week: 0-7, 0 and 7 are Sunday. */
const DAY_OF_WEEK: Field = { name: "day-of-week", min: 0, max: 7, names: [...DAY_NAMES, "SUN"] };

/**
 * Converts a Kestra schedule (a 5-field Unix cron, a 6-field cron with seconds first, or a macro such as `@daily`) to
 * an EventBridge Scheduler expression `cron(minutes hours day-of-month month day-of-week year)`.
 *
 * - Macros are expanded as Kestra does (`@daily` = `0 0 * * *`).
 * - A seconds field must be 0: Scheduler runs at minute granularity.
 * - Scheduler needs `?` in one of the two day fields, so a cron that restricts both (Unix cron then runs on either)
 *   cannot be converted.
 * - Day-of-week numbers are renamed (Unix 0 or 7 = Sunday, 1 = Monday; Scheduler uses SUN-SAT, or 1 = Sunday in
 *   `#` and `L` forms); steps inside ranges (`9-17/2`) are expanded to lists.
 *
 * The expression is also checked with the runtime's own parser (`parseSchedule`), so the CLI and the construct accept
 * the same schedules. Throws {@link SchedulerExpressionError} with the reason.
 */
export function toSchedulerExpression(schedule: string, timezone = "UTC"): string {
  let cron: string;
  try {
    cron = parseSchedule(schedule, timezone).cron;
  } catch (err) {
    if (err instanceof ScheduleError) throw new SchedulerExpressionError(err.message);
    throw err;
  }
  let fields = cron.split(" ");
  if (fields.length === 6) {
    const seconds = fields[0] as string;
    if (!/^0+$/.test(seconds)) {
      throw new SchedulerExpressionError(
        `${JSON.stringify(schedule)} has the seconds field ${JSON.stringify(seconds)}; EventBridge Scheduler runs at ` +
          "minute granularity, so the seconds field must be 0",
      );
    }
    fields = fields.slice(1);
  }
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const fail = (message: string): never => {
    throw new SchedulerExpressionError(`${JSON.stringify(schedule)}: ${message}`);
  };
  const domAny = isAny(dom);
  const dowAny = isAny(dow);
  if (!domAny && !dowAny) {
    fail(
      `both day-of-month (${dom}) and day-of-week (${dow}) are restricted; cron runs when either matches, which ` +
        "EventBridge Scheduler cannot express (it needs `?` in one of them); use two shippers or one day field",
    );
  }
  const parts = [
    simpleField(minute, MINUTES, fail),
    simpleField(hour, HOURS, fail),
    domAny ? (dowAny ? "*" : "?") : dayOfMonthField(dom, fail),
    simpleField(month, MONTH, fail),
    dowAny ? "?" : dayOfWeekField(dow, fail),
    "*",
  ];
  return `cron(${parts.join(" ")})`;
}

function isAny(field: string): boolean {
  return field === "*" || field === "?" || field === "*/1";
}

type Fail = (message: string) => never;

function value(text: string, field: Field, fail: Fail): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  const n = named >= 0 ? named + field.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < field.min || n > field.max) {
    fail(`${field.name} value ${JSON.stringify(text)} is out of range ${field.min}-${field.max}`);
  }
  return n;
}

/** The values of one comma-separated part (`a`, `a-b`, `*`, with an optional `/step`), or `undefined` for `*`. */
function expand(
  part: string,
  field: Field,
  fail: Fail,
): { values: number[]; stepped: boolean; star: boolean } {
  const [range, stepText] = part.split("/") as [string, string | undefined];
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1)
    fail(`${field.name} step ${JSON.stringify(stepText)} is not valid`);
  let from: number;
  let to: number;
  if (range === "*") {
    from = field.min;
    to = field === DAY_OF_WEEK ? 6 : field.max;
  } else if (range.includes("-")) {
    const [a, b] = range.split("-") as [string, string];
    from = value(a, field, fail);
    to = value(b, field, fail);
    if (to < from) fail(`${field.name} range ${JSON.stringify(range)} runs backwards`);
  } else {
    from = value(range, field, fail);
    to = stepText === undefined ? from : field === DAY_OF_WEEK ? 6 : field.max;
  }
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return { values, stepped: stepText !== undefined, star: range === "*" };
}

/** Minutes, hours and months: `*`, numbers, names, ranges and lists pass through; `*&#47;n` becomes `min/n`. */
function simpleField(text: string, field: Field, fail: Fail): string {
  if (isAny(text)) return "*";
  const out: string[] = [];
  for (const part of text.split(",")) {
    if (!/^[\w*]+(-\w+)?(\/\d+)?$/.test(part))
      fail(`${field.name} part ${JSON.stringify(part)} is not supported`);
    const { values, stepped, star } = expand(part, field, fail);
    if (star && stepped) out.push(`${field.min}/${part.split("/")[1]}`);
    else if (stepped && part.includes("-")) out.push(...values.map(String));
    else if (stepped) out.push(`${values[0]}/${part.split("/")[1]}`);
    else out.push(part.toUpperCase().replace(/\b0+(\d)/g, "$1"));
  }
  return out.join(",");
}

function dayOfMonthField(text: string, fail: Fail): string {
  if (text.toUpperCase() === "L") return "L";
  if (text.includes("L") || text.includes("W")) {
    fail(`day-of-month ${JSON.stringify(text)} is not supported; use numbers, ranges, lists, steps or L`);
  }
  return simpleField(text, DAY_OF_MONTH, fail);
}

/** Day-of-week: Unix numbering (0 or 7 = Sunday) to SUN-SAT, or Scheduler's 1-7 numbering in `#` and `L` forms. */
function dayOfWeekField(text: string, fail: Fail): string {
  const special = /^(\w+)(#[1-5]|L)$/i.exec(text);
  if (special) {
    const day = value(special[1] as string, DAY_OF_WEEK, fail) % 7;
    return `${day + 1}${(special[2] as string).toUpperCase()}`;
  }
  if (text.includes("#") || /L/i.test(text.replace(/[A-Z]{3}/gi, ""))) {
    fail(`day-of-week ${JSON.stringify(text)}: # and L can only be used alone in the field`);
  }
  const days = new Set<number>();
  for (const part of text.split(",")) {
    if (!/^[\w*]+(-\w+)?(\/\d+)?$/.test(part))
      fail(`day-of-week part ${JSON.stringify(part)} is not supported`);
    for (const v of expand(part, DAY_OF_WEEK, fail).values) days.add(v % 7);
  }
  if (days.size === 7) return "*";
  const sorted = [...days].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${DAY_NAMES[run[0] as number]}-${DAY_NAMES[run[run.length - 1] as number]}`]
        : run.map((d) => DAY_NAMES[d] as string),
    )
    .join(",");
}
