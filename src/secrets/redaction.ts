/**
 * Every secret value resolved in this process. Anything log-shipper prints, reports or writes (errors, reports,
 * dead-letter reasons, Lambda log lines) passes through {@link redact}, so a value that slipped into a message
 * (for example a vendor echoing a key back) still never leaves the process.
 */
const values = new Set<string>();

/** Registers a resolved secret value for redaction. Very short values are ignored (they would mask ordinary text). */
export function registerSecretValue(value: string): void {
  if (value.length >= 4) values.add(value);
  // a secret is often sent encoded; mask the common encodings too
  if (value.length >= 4) {
    values.add(Buffer.from(value).toString("base64"));
    values.add(encodeURIComponent(value));
  }
}

/** Replaces every registered secret value in `text` with `(secret)`. */
export function redact(text: string): string {
  if (values.size === 0) return text;
  let out = text;
  for (const v of values) {
    if (out.includes(v)) out = out.split(v).join("(secret)");
  }
  return out;
}

/** Forgets all registered values (tests). */
export function clearSecretValues(): void {
  values.clear();
}
