/** Exponential backoff with full jitter. */
export interface BackoffPolicy {
  /** Delay cap for the first retry, in milliseconds. */
  readonly baseMs: number;
  /** Largest delay, in milliseconds. */
  readonly maxMs: number;
}

/** The default: 250 ms doubling up to 30 s, full jitter (AWS's recommendation). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 30_000 };

/** The delay before retry number `attempt` (1-based): a random value in [0, min(max, base·2^(attempt−1))]. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.floor(random() * ceiling);
}
