/**
 * Record identity for the benchmark's sinks: a 53-bit hash (cyrb53) of a Kestra entry's `timestamp`,
 * `executionId`, `taskRunId` and `message`, the fields every shipper under test sends unchanged whatever its
 * mapping. The sinks count unique identities (so a duplicate is seen as one) and fold them into an
 * order-independent checksum that the orchestrator compares with the one computed from the data file.
 */

/** The fields that identify a record; every shipper sends them as top-level attributes. */
export interface IdentityFields {
  readonly timestamp?: unknown;
  readonly executionId?: unknown;
  readonly taskRunId?: unknown;
  readonly message?: unknown;
}

/** Hashes the identity fields of a record into a non-negative integer below 2^53. */
export function identityOf(e: IdentityFields): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const parts = [e.timestamp, e.executionId, e.taskRunId, e.message];
  for (let p = 0; p < 4; p++) {
    const v = parts[p];
    const s = typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // separator, so that ("ab","c") and ("a","bc") differ
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** An order-independent digest of a set of identities: their count and the XOR of each half. */
export class IdentitySet {
  private readonly seen = new Set<number>();
  private lo = 0;
  private hi = 0;
  /** Records added, duplicates included. */
  total = 0;

  /** Adds one identity; returns false when it was already there (a duplicate). */
  add(id: number): boolean {
    this.total++;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.lo = (this.lo ^ id) >>> 0;
    this.hi = (this.hi ^ Math.floor(id / 4294967296)) >>> 0;
    return true;
  }

  /** Unique identities seen. */
  get unique(): number {
    return this.seen.size;
  }

  /** The digest, e.g. `1a2b3c:4d5e6f7a`. */
  get checksum(): string {
    return `${this.hi.toString(16)}:${this.lo.toString(16)}`;
  }
}
