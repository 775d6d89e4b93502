import { createHash } from "node:crypto";

/** Rules for one kind of AWS name. */
export interface NameRules {
  /** Longest name AWS accepts. */
  readonly maxLength: number;
  /** Characters AWS does not accept (a global regular expression); each run becomes `-`. */
  readonly invalid: RegExp;
  /** Lower-case the name (S3). */
  readonly lowercase?: boolean;
}

/** Short stable hash of a string, for names that had to be shortened or cleaned. */
export function shortHash(text: string, length = 8): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * A deterministic physical name made of `parts`: invalid characters become `-`, and when the name had to be changed
 * or shortened, an 8-character hash of the original is appended so that two different inputs never collide.
 */
export function physicalName(parts: readonly string[], rules: NameRules): string {
  const joined = parts.filter((p) => p !== "").join("-");
  const raw = rules.lowercase ? joined.toLowerCase() : joined;
  const clean = raw
    .replace(rules.invalid, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  if (clean === raw && clean.length <= rules.maxLength) return clean;
  const hash = shortHash(joined);
  const head = clean.slice(0, rules.maxLength - hash.length - 1).replace(/-+$/, "");
  return head === "" ? hash : `${head}-${hash}`;
}

/** Lambda function names: letters, digits, `-` and `_`, at most 64. */
export const FUNCTION_NAME: NameRules = { maxLength: 64, invalid: /[^A-Za-z0-9_-]+/g };
/** EventBridge Scheduler schedule and group names: letters, digits, `-`, `_` and `.`, at most 64. */
export const SCHEDULE_NAME: NameRules = { maxLength: 64, invalid: /[^A-Za-z0-9_.-]+/g };
/** IAM role names: letters, digits and `+=,.@_-`, at most 64. */
export const ROLE_NAME: NameRules = { maxLength: 64, invalid: /[^A-Za-z0-9+=,.@_-]+/g };
/** IAM inline policy names: letters, digits and `+=,.@_-`, at most 128. */
export const POLICY_NAME: NameRules = { maxLength: 128, invalid: /[^A-Za-z0-9+=,.@_-]+/g };
/** DynamoDB table names: letters, digits, `_`, `-` and `.`, 3 to 255. */
export const TABLE_NAME: NameRules = { maxLength: 255, invalid: /[^A-Za-z0-9_.-]+/g };
/** S3 bucket name prefixes (Terraform adds 26 characters): lower-case letters, digits and `-`, at most 37. */
export const BUCKET_PREFIX: NameRules = { maxLength: 36, invalid: /[^a-z0-9-]+/g, lowercase: true };
/** CloudWatch alarm names: at most 255 printable characters. */
export const ALARM_NAME: NameRules = { maxLength: 255, invalid: /[^\x20-\x7e]+/g };
