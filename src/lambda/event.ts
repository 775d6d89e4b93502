import { LogShipperError } from "../core/errors";
import { parseScaleOutEvent, type ScaleOutEvent } from "./scale-out-event";

/**
 * What the Lambda is invoked with: `{ "shipper": "<id>" }` or `{}` (every shipper) from the schedule;
 * continuations add `"hop"`, the 1-based count of self-invocations so far.
 */
export interface ShipperEvent {
  readonly shipper?: string;
  readonly hop: number;
}

/**
 * Validates an invocation event: a scheduled/continuation event (no `mode`), or a scale-out event of the state
 * machine (`mode`: plan, slice or finalize). Throws a `LogShipperError` for anything else (a deployment mistake).
 */
export function parseEvent(raw: unknown): ShipperEvent | ScaleOutEvent {
  const event = raw ?? {};
  if (typeof event !== "object" || Array.isArray(event))
    throw new LogShipperError(
      "LAMBDA_EVENT",
      `expected an event object like {"shipper":"<id>"}, got ${typeOf(event)}`,
    );
  if ("mode" in event) return parseScaleOutEvent(event as Record<string, unknown>);
  const { shipper, hop, ...rest } = event as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new LogShipperError(
      "LAMBDA_EVENT",
      `unexpected event field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")}; expected {"shipper"?: string, "hop"?: number}`,
    );
  if (shipper !== undefined && (typeof shipper !== "string" || shipper === ""))
    throw new LogShipperError("LAMBDA_EVENT", `event.shipper must be a shipper id, got ${typeOf(shipper)}`);
  if (hop !== undefined && (typeof hop !== "number" || !Number.isSafeInteger(hop) || hop < 0))
    throw new LogShipperError(
      "LAMBDA_EVENT",
      `event.hop must be a whole number ≥ 0, got ${JSON.stringify(hop)}`,
    );
  return { ...(shipper !== undefined ? { shipper } : {}), hop: hop ?? 0 };
}

function typeOf(v: unknown): string {
  return v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "string"
        ? JSON.stringify(v)
        : typeof v;
}
