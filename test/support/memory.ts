import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `global.gc` without starting node with --expose-gc: the flag set at run time applies to new contexts
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Live JavaScript heap plus the memory of ArrayBuffers and Buffers (where file reads land), in bytes. */
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * How far the heap plus ArrayBuffer memory rose above its level before `work` (after a full GC), at its highest:
 * sampled on every turn of the event loop while `work` runs (a reader awaits each read, so the samples fall
 * between reads), and once at the end. Garbage not yet collected counts too: an allocation of the size of the
 * input shows whether it was freed or not.
 */
export async function peakMemoryDelta(work: () => Promise<void>): Promise<number> {
  gc();
  const base = used();
  let peak = base;
  let running = true;
  const sample = (): void => {
    const now = used();
    if (now > peak) peak = now;
    if (running) setImmediate(sample);
  };
  setImmediate(sample);
  try {
    await work();
  } finally {
    running = false;
  }
  peak = Math.max(peak, used());
  return peak - base;
}
