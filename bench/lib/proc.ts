import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** GNU time, when installed: the peak RSS and CPU of a child come from it, else from the child itself. */
export const GNU_TIME = "/usr/bin/time";
export const HAS_GNU_TIME = existsSync(GNU_TIME);

/** How one measured process ran. */
export interface Measured {
  /** Seconds from launch to exit. */
  readonly wallS: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly maxRssKb: number | undefined;
  /** User + system CPU seconds of the process (all its threads). */
  readonly cpuS: number | undefined;
  readonly timedOut: boolean;
}

let seq = 0;

/**
 * Runs `node [nodeArgs] script [args]` and measures it: wall time from launch to exit, and peak RSS and CPU from
 * GNU `time -v` (else from `process.resourceUsage()` written by the usage preload at exit).
 */
export async function measureNode(
  nodeArgs: readonly string[],
  args: readonly string[],
  options: { preload: string; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Measured> {
  const id = `${process.pid}-${++seq}`;
  const usageFile = join(tmpdir(), `bench-usage-${id}.json`);
  const timeFile = join(tmpdir(), `bench-time-${id}.txt`);
  const node = process.execPath;
  const full = ["-r", options.preload, ...nodeArgs, ...args];
  const [cmd, argv] = HAS_GNU_TIME ? [GNU_TIME, ["-v", "-o", timeFile, node, ...full]] : [node, full];
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, BENCH_USAGE_FILE: usageFile };
  delete env.NODE_OPTIONS;
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => out.push(c));
  child.stderr.on("data", (c: Buffer) => err.push(c));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);
  const { code, signal, ended } = await new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    ended: bigint;
  }>((resolve) =>
    child.on("exit", (c, s) => resolve({ code: c, signal: s, ended: process.hrtime.bigint() })),
  );
  clearTimeout(timer);
  await new Promise<void>((resolve) =>
    child.stdout.readableEnded ? resolve() : child.stdout.on("close", resolve),
  );
  let maxRssKb: number | undefined;
  let cpuS: number | undefined;
  if (HAS_GNU_TIME && existsSync(timeFile)) {
    const t = readFileSync(timeFile, "utf8");
    const num = (re: RegExp): number | undefined => {
      const m = re.exec(t);
      return m ? Number(m[1]) : undefined;
    };
    maxRssKb = num(/Maximum resident set size \(kbytes\): (\d+)/);
    const user = num(/User time \(seconds\): ([\d.]+)/);
    const sys = num(/System time \(seconds\): ([\d.]+)/);
    cpuS = user !== undefined && sys !== undefined ? user + sys : undefined;
  } else if (existsSync(usageFile)) {
    const u = JSON.parse(readFileSync(usageFile, "utf8")) as {
      maxRssKb: number;
      userUs: number;
      sysUs: number;
    };
    maxRssKb = u.maxRssKb;
    cpuS = (u.userUs + u.sysUs) / 1e6;
  }
  rmSync(usageFile, { force: true });
  rmSync(timeFile, { force: true });
  return {
    wallS: Number(ended - started) / 1e9,
    code,
    signal,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    maxRssKb,
    cpuS,
    timedOut,
  };
}

/** The `BENCH_RESULT {...}` line a bench child prints last. */
export function childResult(stdout: string): Record<string, unknown> | undefined {
  const line = stdout
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("BENCH_RESULT "));
  return line === undefined
    ? undefined
    : (JSON.parse(line.slice("BENCH_RESULT ".length)) as Record<string, unknown>);
}

/** What a sink saw during one run (see children/sink.ts). */
export interface SinkStats {
  readonly requests: number;
  readonly wireBytes: number;
  readonly bodyBytes: number;
  readonly records: number;
  readonly unique: number;
  readonly checksum: string;
  readonly statuses: Record<string, number>;
  readonly errors: string[];
  readonly cpuS: number;
  readonly maxRssKb: number;
  readonly firstRequestMs: number;
  readonly lastResponseMs: number;
}

/** A sink process. */
export interface Sink {
  readonly url: string;
  stats(): Promise<SinkStats>;
  stop(): Promise<void>;
}

/** Starts a sink in its own process and waits until it listens. */
export async function startSink(script: string): Promise<Sink> {
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (c: Buffer) => {
      text += c.toString();
      const m = /SINK_READY (\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`the sink exited (${code}) before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stats: () =>
      new Promise<SinkStats>((resolve, reject) => {
        request(`${url}/__stats`, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve(JSON.parse(body) as SinkStats));
        })
          .on("error", reject)
          .end();
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
