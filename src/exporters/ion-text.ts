/**
 * A small writer of Amazon Ion *text* for log entries, the default format of Kestra's FileLogExporter.
 * Structs, lists, strings, numbers, booleans and null map one to one; the `timestamp` field is written as an Ion
 * timestamp. Field names that are not identifiers are quoted symbols.
 */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(["true", "false", "null", "nan"]);

function symbol(name: string): string {
  if (IDENT.test(name) && !RESERVED.has(name)) return name;
  return `'${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
}

function value(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string")
    return JSON.stringify(v)
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029");
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "+inf" : "-inf";
    if (Number.isInteger(v)) return String(v);
    return `${v.toExponential()}`.replace("e+", "e");
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map(value).join(",")}]`;
  if (typeof v === "object") return struct(v as Record<string, unknown>);
  return JSON.stringify(String(v));
}

function struct(o: Record<string, unknown>, timestamp?: string): string {
  const fields = Object.entries(o).map(
    ([k, v]) => `${symbol(k)}:${k === "timestamp" && timestamp !== undefined ? timestamp : value(v)}`,
  );
  return `{${fields.join(",")}}`;
}

/** One log entry as an Ion text struct; `ionTimestamp` (ISO-8601 with a zone) replaces its `timestamp` string. */
export function toIonText(entry: Record<string, unknown>, ionTimestamp: string): string {
  return struct(entry, ionTimestamp);
}
