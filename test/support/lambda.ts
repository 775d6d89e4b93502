import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ResolvedShipper } from "../../src/config/model";
import type { LambdaContext } from "../../src/lambda/runtime";
import { createSource, type SourceContext } from "../../src/sources/registry";
import type { Source } from "../../src/sources/source";
import { generateKestraLogs } from "../../src/testing/kestra-log-generator";

/** A fake Lambda context whose remaining time runs out at `deadline` (epoch ms). */
export function fakeContext(
  deadline: number,
  requestId = `req-${Math.random().toString(36).slice(2)}`,
): LambdaContext {
  return {
    awsRequestId: requestId,
    functionName: "logshipper-reconciler",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/**
 * A directory with `count` Kestra log lines in logs/app.jsonl (starting an hour ago, `stepMs` apart, default 50)
 * and a native config shipping them to a file.
 */
export async function backlogFixture(
  count: number,
  shipper: Record<string, unknown> = {},
  stepMs?: number,
): Promise<{ dir: string; configPath: string; lines: string[]; outFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), "ls-lambda-"));
  await mkdir(join(dir, "logs"));
  const lines = [...generateKestraLogs({ count, startMs: Date.now() - 3_600_000, seed: 7, stepMs })];
  await writeFile(join(dir, "logs", "app.jsonl"), `${lines.join("\n")}\n`);
  const configPath = join(dir, "logshipper.config.json");
  await writeFile(
    configPath,
    JSON.stringify({
      shippers: [
        {
          id: "billing",
          source: { type: "file", path: "./logs/*.jsonl" },
          logLevelFilter: "TRACE",
          batchSize: 50,
          logExporters: [{ id: "archive", type: "file", path: "./out/archive.jsonl", chunk: 20 }],
          ...shipper,
        },
      ],
    }),
  );
  return { dir, configPath, lines, outFile: join(dir, "out", "archive.jsonl") };
}

/** The lines of a file, or [] when it does not exist. */
export async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, "utf8")).split("\n").filter((l) => l !== "");
  } catch {
    return [];
  }
}

/**
 * A source factory whose source calls `trip` once it has yielded `perRun` records in a run (tests move the clock
 * past the invocation's deadline there): the run then stops at its time budget at a known place, with no race.
 */
export function trippingSource(
  perRun: number,
  trip: () => void,
): (shipper: ResolvedShipper, context: SourceContext) => Promise<Source> {
  return async (shipper, context) => {
    const inner = await createSource(shipper.source, context);
    let seen = 0;
    return {
      describe: () => inner.describe(),
      count: (ranges) => inner.count(ranges),
      check: (id) => inner.check(id),
      close: async () => inner.close?.(),
      async *read(range, options) {
        for await (const batch of inner.read(range, options)) {
          yield batch;
          const before = seen;
          seen += batch.records.length;
          if (before < perRun && seen >= perRun) trip();
        }
      },
    };
  };
}

/** Fakes only `Date` (timers, I/O and `performance` stay real), starting at the real time. */
export function fakeDateOnly(): void {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: [
      "hrtime",
      "nextTick",
      "performance",
      "queueMicrotask",
      "requestAnimationFrame",
      "cancelAnimationFrame",
      "requestIdleCallback",
      "cancelIdleCallback",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "setTimeout",
      "clearTimeout",
    ],
  });
}
