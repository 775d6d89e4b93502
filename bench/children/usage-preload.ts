// Loaded with `node -r` into every measured process: at exit, writes the process's own resource usage (peak RSS,
// CPU) to $BENCH_USAGE_FILE. The orchestrator uses it when GNU time is not installed.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, sysUs: u.systemCPUTime }),
    );
  });
}
