import { LogShipperError } from "../core/errors";
import type { ScaleOutSettings } from "../reconcile/scale-out";

/** The scale-out modes, one per state of the state machine that calls the reconciler. */
export const SCALE_OUT_MODES = ["plan", "slice", "finalize"] as const;

/** `Plan`: take the lease, plan (or resume) the slices, write them to S3; ship inline when there is nothing to slice. */
export interface PlanEvent {
  readonly mode: "plan";
  readonly shipper: string;
  /** The Step Functions execution id (`$$.Execution.Id`): the lease owner of the whole run. */
  readonly execution?: string;
  readonly settings?: ScaleOutSettings;
}

/** The run fields every call after `Plan` carries. */
export interface RunEventFields {
  readonly shipper: string;
  readonly runId: string;
  readonly owner: string;
  readonly leaseToken: number;
}

/** `ShipSlice`: ship one slice until it is done or the invocation's time budget ends. */
export interface SliceEvent extends RunEventFields {
  readonly mode: "slice";
  readonly slice: { readonly id: string };
}

/** `Finalize`: advance the watermarks, release the lease, report the run. */
export interface FinalizeEvent extends RunEventFields {
  readonly mode: "finalize";
}

/** An event of the scale-out state machine. */
export type ScaleOutEvent = PlanEvent | SliceEvent | FinalizeEvent;

const SETTINGS: Record<keyof ScaleOutSettings, number> = {
  sliceTarget: 1,
  maxSlices: 1,
  maxConcurrency: 1,
  minRecordsToSlice: 0,
  sliceSpanMs: 1,
};

const FIELDS: Record<ScaleOutEvent["mode"], readonly string[]> = {
  plan: ["mode", "shipper", "execution", "settings"],
  slice: ["mode", "shipper", "runId", "owner", "leaseToken", "slice"],
  finalize: ["mode", "shipper", "runId", "owner", "leaseToken"],
};

/** Validates a scale-out event (one with `mode`). Throws a `LogShipperError` naming the field and what is allowed. */
export function parseScaleOutEvent(event: Record<string, unknown>): ScaleOutEvent {
  const mode = event.mode;
  if (typeof mode !== "string" || !(SCALE_OUT_MODES as readonly string[]).includes(mode))
    throw bad(`event.mode must be one of ${SCALE_OUT_MODES.join(", ")}, got ${JSON.stringify(mode)}`);
  const m = mode as ScaleOutEvent["mode"];
  const unknown = Object.keys(event).filter((k) => !FIELDS[m].includes(k));
  if (unknown.length > 0)
    throw bad(
      `unexpected field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")} in a ${m} event; expected ${FIELDS[m].join(", ")}`,
    );
  const shipper = text(event, "shipper");
  if (m === "plan") {
    const execution = event.execution === undefined ? undefined : text(event, "execution");
    const settings = event.settings === undefined ? undefined : parseSettings(event.settings);
    return {
      mode: m,
      shipper,
      ...(execution !== undefined ? { execution } : {}),
      ...(settings !== undefined ? { settings } : {}),
    };
  }
  const run: RunEventFields = {
    shipper,
    runId: text(event, "runId"),
    owner: text(event, "owner"),
    leaseToken: whole(event.leaseToken, "event.leaseToken", 0),
  };
  if (m === "finalize") return { mode: m, ...run };
  const slice = event.slice;
  if (typeof slice !== "object" || slice === null || Array.isArray(slice))
    throw bad(`event.slice must be an object like {"id":"s0000"}, got ${JSON.stringify(slice)}`);
  const extra = Object.keys(slice).filter((k) => k !== "id");
  if (extra.length > 0) throw bad(`unexpected field ${JSON.stringify(extra[0])} in event.slice; expected id`);
  return { mode: m, ...run, slice: { id: text(slice as Record<string, unknown>, "id", "event.slice.id") } };
}

function parseSettings(raw: unknown): ScaleOutSettings {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw bad(`event.settings must be an object, got ${JSON.stringify(raw)}`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    const min = SETTINGS[k as keyof ScaleOutSettings];
    if (min === undefined)
      throw bad(
        `unexpected field ${JSON.stringify(k)} in event.settings; expected ${Object.keys(SETTINGS).join(", ")}`,
      );
    out[k] = whole(v, `event.settings.${k}`, min);
  }
  return out;
}

function text(o: Record<string, unknown>, key: string, path = `event.${key}`): string {
  const v = o[key];
  if (typeof v !== "string" || v === "")
    throw bad(`${path} must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

function whole(v: unknown, path: string, min: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min)
    throw bad(`${path} must be a whole number ≥ ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function bad(message: string): LogShipperError {
  return new LogShipperError("LAMBDA_EVENT", message);
}
