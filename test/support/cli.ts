import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** The built CLI (jest's global setup builds it from this checkout). */
export const CLI = join(__dirname, "..", "..", "dist", "cli.js");

/** Runs `logshipper` to completion. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(__dirname, "..", "..", "bin", "logshipper.js"), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `logshipper` in the background. */
export function startCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  return spawn(process.execPath, [join(__dirname, "..", "..", "bin", "logshipper.js"), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}
