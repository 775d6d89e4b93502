import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The destination-wide Retry-After gate, carried into an exporter's `send` so that the HTTP transport checks it
 * right before a request leaves. The pipeline checks the gate before it calls `send`, but `send` may spend
 * milliseconds (seconds under load) compressing the body or fetching a token first; a 429 that another request
 * slot receives meanwhile must still hold this request back. Every request that a `send` makes through
 * {@link HttpTransport} waits for the gate, whichever exporter makes it, without each exporter passing it on.
 */
const gates = new AsyncLocalStorage<() => Promise<void>>();

/** Runs `send` with `ready` as the gate its HTTP requests wait for. */
export function withSendGate<T>(ready: () => Promise<void>, send: () => Promise<T>): Promise<T> {
  return gates.run(ready, send);
}

/** Resolves when the gate of the `send` this call belongs to is open (at once outside a `send`). */
export async function sendGate(): Promise<void> {
  await gates.getStore()?.();
}
