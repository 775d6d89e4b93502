/**
 * Fault injection for the reliability suite (`npm run test:reliability`). Off unless `LOGSHIPPER_FAULT` is set,
 * and then it only ever kills its own process:
 *
 * `LOGSHIPPER_FAULT=<point>:<n>` makes the process SIGKILL itself the `n`-th time it reaches `<point>`.
 *
 * - `after-send`: a destination acknowledged a request; its offset is not committed yet.
 * - `before-commit`: the batches' rejected records are dead-lettered; the offset write is about to start.
 * - `mid-commit`: the file state store wrote and fsynced the new document beside the old one, not yet renamed.
 * - `after-commit`: the offset write returned.
 *
 * This lets the suite hit the moments between "sent" and "committed" deliberately instead of by luck.
 */
export type FaultPoint = "after-send" | "before-commit" | "mid-commit" | "after-commit";

const spec = /^(after-send|before-commit|mid-commit|after-commit):(\d+)$/.exec(
  process.env.LOGSHIPPER_FAULT ?? "",
);
let hits = 0;

/** Kills this process (SIGKILL) when `LOGSHIPPER_FAULT` names this point and this is its `n`-th hit. */
export function faultPoint(point: FaultPoint): void {
  if (spec === null || spec[1] !== point) return;
  if (++hits === Number(spec[2])) process.kill(process.pid, "SIGKILL");
}
