import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = join(__dirname, "..", "..", "..", "bin", "logshipper.js");
const TIME = "/usr/bin/time";

/** How a child `logshipper` ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set size in KiB (only with `measure: true`). */
  readonly peakRssKb?: number;
  readonly ms: number;
}

/** A running `logshipper`. */
export interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  kill(): void;
}

/**
 * Starts `node bin/logshipper.js <args>` with only PATH, HOME and `env` in its environment (never this process's
 * AWS or SECRET_ variables). With `measure`, runs it under GNU time to report its peak RSS. A child still running
 * after `timeoutMs` is killed and reported as such (no hang).
 */
export function launch(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; measure?: boolean; timeoutMs?: number } = {},
): Running {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
  const rssFile = join(tmpdir(), `logshipper-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const measure = options.measure === true && existsSync(TIME);
  // its own process group, so that a kill reaches node under GNU time too
  const [cmd, argv] = measure
    ? [TIME, ["-f", "%M", "-o", rssFile, process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const child = spawn(cmd, argv, {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const kill = (): void => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
  };
  const started = Date.now();
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const timer = setTimeout(() => {
    stderr += `\n[reliability harness: killed after ${options.timeoutMs ?? 180_000} ms]`;
    kill();
  }, options.timeoutMs ?? 180_000);
  const exited = new Promise<Exit>((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let peakRssKb: number | undefined;
      if (measure && existsSync(rssFile)) {
        const text = readFileSync(rssFile, "utf8");
        rmSync(rssFile, { force: true });
        const m = /(\d+)\s*$/.exec(text);
        peakRssKb = m ? Number(m[1]) : undefined;
        // GNU time reports a killed child as "Command terminated by signal 9" and exits 1 itself
        const by = /terminated by signal (\d+)/.exec(text);
        if (by) {
          code = null;
          signal = Number(by[1]) === 9 ? "SIGKILL" : "SIGTERM";
        }
      }
      resolve({ code, signal, stdout, stderr, peakRssKb, ms: Date.now() - started });
    });
  });
  return { child, exited, kill };
}

/** Runs `logshipper <args>` to the end. */
export function run(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; measure?: boolean; timeoutMs?: number } = {},
): Promise<Exit> {
  return launch(args, options).exited;
}

/** Resolves after `ms`. */
export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
