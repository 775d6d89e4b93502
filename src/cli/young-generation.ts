import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/**
 * The young generation (V8's new space, two semi-spaces) the CLI lets V8 grow to: 2 × 16 MiB. Node 24's V8 sizes
 * its semi-spaces from the machine's memory, up to 64 MiB each on a machine with a few GiB, and a shipping run
 * fills them both: 128 MiB of the peak RSS (260–280 MiB of a 200k-record `apply`; the lean yardstick loop: 240–280)
 * that buy nothing here, since what survives a scavenge is the few MB of records in flight. Measured at 200k
 * records: 16 MiB semi-spaces cost no measurable CPU, 8 MiB cost 14% more (docs/bench.md).
 */
export const YOUNG_GENERATION_BYTES = 32 * 1024 * 1024;

/**
 * Keeps V8's new space from growing past {@link YOUNG_GENERATION_BYTES}, unless the user chose its size
 * (`--max-semi-space-size` or `--semi-space-growth-factor` in the node flags or `NODE_OPTIONS`). The maximum size
 * is fixed when V8 starts, but the growth factor is read at each growth: after every garbage collection, growth
 * is turned off once the new space has reached the cap, and on again if V8 shrank it below. For the CLI process
 * only (it sets a process-wide V8 flag); returns a function that stops watching.
 */
export function capYoungGeneration(limit: number = YOUNG_GENERATION_BYTES): () => void {
  const flags = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  if (/--(max[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)\b/.test(flags)) return () => {};
  let growing = true;
  const check = (): void => {
    const space = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    if (space === undefined) return;
    const full = space.space_size >= limit;
    if (full === growing) {
      growing = !full;
      setFlagsFromString(`--semi-space-growth-factor=${growing ? 2 : 1}`);
    }
  };
  const observer = new PerformanceObserver(check);
  observer.observe({ entryTypes: ["gc"] });
  const stop = (): void => {
    observer.disconnect();
    // V8's default again: the flag is process-wide, so it must not stay off once worker threads run
    if (!growing) setFlagsFromString("--semi-space-growth-factor=2");
    growing = true;
    if (release === stop) release = undefined;
  };
  release = stop;
  return stop;
}

let release: (() => void) | undefined;

/**
 * Ends {@link capYoungGeneration} for the process, before worker threads start (`apply --parallel N`): the growth
 * factor it turns off is one V8 flag for every isolate of the process, so a worker started after the main thread's
 * new space reached the cap would keep V8's smallest new space (1 MiB) and scavenge over a thousand times per
 * 100k records (measured: 1,144 scavenges and 0.8 s of GC in one slice worker, against 66 and 0.2 s serially). Each
 * worker is bounded by its own `resourceLimits` instead (src/cli/worker-pool.ts).
 */
export function releaseYoungGenerationCap(): void {
  release?.();
}
