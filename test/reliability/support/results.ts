import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** Where scenarios append their results; the summary reporter reads (and first clears) it. */
export const RESULTS_FILE = join(__dirname, "..", "..", "..", ".reliability", "results.jsonl");

/** One row of the summary table. */
export interface ScenarioResult {
  /** What ran, e.g. `crash-resume / file state`. */
  readonly scenario: string;
  /** The faults injected, in a few words, e.g. `10 SIGKILL (4 timed, 2 after-send, …)`. */
  readonly faults: string;
  /** Records the destination should end up with (each at least once); omitted where nothing is shipped. */
  readonly expected?: number;
  /** Distinct records the destination (or dead-letter, for rejections) received. */
  readonly delivered?: number;
  /** Deliveries beyond the first of a record. */
  readonly duplicated?: number;
  /** Expected records never delivered (nor dead-lettered where a rejection was expected). */
  readonly lost?: number;
  /** Anything else worth a column: the bound checked, peak RSS, gaps measured. */
  readonly note?: string;
}

/** Records a scenario's outcome for the summary table (`npm run test:reliability` prints it at the end). */
export function recordResult(result: ScenarioResult): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(RESULTS_FILE, `${JSON.stringify(result)}\n`);
}

/** Counts of a multiset of record ids against the ids expected. */
export function tally(
  expected: Iterable<number>,
  seen: ReadonlyMap<number, number>,
): { expected: number; delivered: number; duplicated: number; lost: number; missing: number[] } {
  let n = 0;
  let delivered = 0;
  const missing: number[] = [];
  for (const id of expected) {
    n++;
    if ((seen.get(id) ?? 0) > 0) delivered++;
    else missing.push(id);
  }
  let duplicated = 0;
  for (const count of seen.values()) if (count > 1) duplicated += count - 1;
  return { expected: n, delivered, duplicated, lost: missing.length, missing: missing.slice(0, 20) };
}
