// Where a scale-out run's objects live in the plan bucket: shared by the reconciler (which writes the slice list)
// and the constructs (which grant exactly these prefixes and point the state machine's ItemReader/ResultWriter here).

/** The top folder of every scale-out object in the plan bucket. */
export const SCALE_OUT_PREFIX = "scale-out";

/** The folder of one shipper's slice lists: `scale-out/<shipper>/plans`. The reconciler may only write here. */
export function plansPrefix(shipper: string): string {
  return `${SCALE_OUT_PREFIX}/${shipper}/plans`;
}

/** The folder of one shipper's Map Run results (the Distributed Map's ResultWriter): `scale-out/<shipper>/results`. */
export function resultsPrefix(shipper: string): string {
  return `${SCALE_OUT_PREFIX}/${shipper}/results`;
}

/** The key of a run's slice list, `scale-out/<shipper>/plans/<runId>/slices.json`, read by the Map's ItemReader. */
export function planKey(shipper: string, runId: string): string {
  return `${plansPrefix(shipper)}/${encodeURIComponent(runId)}/slices.json`;
}
