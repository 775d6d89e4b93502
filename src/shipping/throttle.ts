import { setTimeout as sleep } from "node:timers/promises";

/**
 * A destination-wide gate for `Retry-After`. A 429 or 503 with Retry-After throttles the destination, not one
 * request: after `block(ms)`, no request of that exporter goes out before the time is up, including retries that
 * were already queued. Every send awaits `ready()` first.
 */
export class Throttle {
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds every request back for `ms` from now (extends, never shortens, a current hold). */
  block(ms: number): void {
    this.until = Math.max(this.until, this.now() + Math.max(0, ms));
  }

  /** Milliseconds left before requests may go out. */
  remaining(): number {
    return Math.max(0, this.until - this.now());
  }

  /** The time (epoch ms) requests may go out again. */
  releaseAt(): number {
    return this.until;
  }

  /** Resolves when requests may go out. */
  async ready(signal?: AbortSignal): Promise<void> {
    for (let left = this.remaining(); left > 0; left = this.remaining()) {
      await sleep(left, undefined, { signal });
    }
  }
}
