import { Duration } from "luxon";

/**
 * Parses an ISO-8601 duration (`P1D`, `PT2M`, `PT0S`, `P1DT12H`) into milliseconds. Years and months use
 * luxon's conventional lengths (365 and 30 days). Returns `undefined` for anything that is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const d = Duration.fromISO(text);
  if (!d.isValid) return undefined;
  const ms = d.as("milliseconds");
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Like {@link parseDuration}, but throws for an invalid duration (for values already validated by the schema). */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new RangeError(`not an ISO-8601 duration: ${JSON.stringify(text)}`);
  return ms;
}

/** A short human form of a length of time: `3d 4h`, `12m 5s`, `850ms`. */
export function humanDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m && parts.length < 2) parts.push(`${m}m`);
  if (s && parts.length < 2) parts.push(`${s}s`);
  return parts.slice(0, 2).join(" ") || "0s";
}
