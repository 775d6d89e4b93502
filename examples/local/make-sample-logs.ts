/**
 * Writes the local example's sample logs once (`examples/local/logs/`): 5,000 realistic Kestra log entries over
 * the last 20 hours, so that they fall inside the default lookback (P1D). Run by `npm start` before the shipper;
 * it does nothing when the logs exist, so a second `npm start` ships nothing new.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeKestraLogFile } from "../../src/testing/kestra-log-generator";

const dir = join(__dirname, "logs");
const file = join(dir, "kestra-logs.jsonl");

async function main(): Promise<void> {
  if (existsSync(file)) return;
  const count = 5000;
  const spanMs = 20 * 3600_000;
  // end a minute ago; spread records evenly (ties included) over the span
  const startMs = Date.now() - 60_000 - spanMs;
  await writeKestraLogFile(file, { count, seed: 7, startMs, stepMs: Math.floor(spanMs / (count * 0.85)) });
  console.log(`Wrote ${count} sample Kestra log entries to ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
