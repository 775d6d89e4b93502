import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { isMainThread } from "node:worker_threads";
import { Command, CommanderError } from "commander";
import { version } from "../../package.json";
import { loadConfigFile, parseSourceOption } from "../config/load";
import type { LoadedConfig } from "../config/model";
import { parseDuration } from "../core/duration";
import { isLogShipperError, LogShipperError } from "../core/errors";
import { runApply, runPlan } from "../reconcile/reconciler";
import { openSecretResolver } from "../secrets/open-secret-resolver";
import { redact } from "../secrets/redaction";
import { CachingSecretResolver } from "../secrets/secret-resolver";
import { openDeadLetter } from "../shipping/open-dead-letter";
import { DEFAULT_STATE_DIR, openStateStore } from "../state/open-state-store";
import { plural } from "./format";
import { applyParallel, parseParallel, parseSliceTarget } from "./parallel";
import { Progress } from "./progress";
import { renderApply } from "./render-apply";
import { renderPlan } from "./render-plan";
import { startSliceWorker } from "./slice-worker";
import { registerStateCommands } from "./state-commands";
import { capYoungGeneration } from "./young-generation";

export { capYoungGeneration } from "./young-generation";

/** Exit codes, as Terraform uses them. */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

interface RunOptions {
  config: string;
  state: string;
  now?: string;
  shipper?: string[];
  json?: boolean;
  detailedExitcode?: boolean;
  var?: Record<string, string>;
  source?: string;
  deadLetter: string;
  secrets: string;
  lockTimeout?: string;
  debug?: boolean;
  parallel?: string;
  sliceTarget?: string;
}

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

function collectVar(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new LogShipperError("USAGE", `--var ${value}: expected NAME=VALUE`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new LogShipperError(
      "USAGE",
      `--now ${value}: expected an ISO-8601 date-time such as 2026-11-25T12:00:00Z`,
    );
  }
  return d;
}

async function load(options: RunOptions, strictVars: boolean): Promise<LoadedConfig> {
  return loadConfigFile(options.config, {
    vars: options.var,
    source: options.source !== undefined ? parseSourceOption(options.source) : undefined,
    strictVars,
  });
}

function printWarnings(io: CliIO, warnings: readonly string[]): void {
  for (const w of warnings) io.stderr(`Warning: ${w}\n`);
}

function runOwner(): string {
  return `${process.pid}@${hostname()}/${randomBytes(3).toString("hex")}`;
}

function addRunOptions(cmd: Command): Command {
  return cmd
    .requiredOption("-c, --config <file>", "config file: native YAML/JSON, or a Kestra flow")
    .option("--state <location>", "state: a directory or dynamodb://TABLE[?region=R]", DEFAULT_STATE_DIR)
    .option("--now <iso>", "pin the clock (ISO-8601), for deterministic runs")
    .option("--shipper <id>", "only this shipper (repeatable)", collect)
    .option("--json", "print one JSON document (the report schema)")
    .option("--detailed-exitcode", "exit 2 when there is something to ship or drift")
    .option("--var <name=value>", "value for {{ vars.name }} (repeatable)", collectVar)
    .option("--source <source>", "source for every shipper: file:<glob> or kestra[:<url>]")
    .option(
      "--secrets <kind>",
      "where {{ secret('NAME') }} comes from: env (SECRET_NAME, base64) or aws-secrets-manager[:prefix] (secret <prefix>/NAME)",
      "env",
    )
    .option(
      "--dead-letter <location>",
      "where rejected records are written: a directory or s3://BUCKET",
      "./.logshipper/dead-letter",
    )
    .option("--debug", "print stack traces");
}

/** Builds the `logshipper` command line. `setExit` receives the exit code of the command that ran. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command("logshipper")
    .description("Ship logs from a log store to observability platforms, remembering how far it got.")
    .version(version, "-V, --version", "print the version of log-shipper")
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  program
    .command("validate")
    .description("check a config file (native or a Kestra flow) without reading any state or secret")
    .requiredOption("-c, --config <file>", "config file")
    .option("--var <name=value>", "value for {{ vars.name }} (repeatable)", collectVar)
    .option("--source <source>", "source for every shipper: file:<glob> or kestra[:<url>]")
    .option("--json", "print the result as JSON")
    .action(async (options: RunOptions) => {
      const config = await load(options, false);
      if (options.json) {
        io.stdout(
          `${JSON.stringify({ valid: true, kind: config.kind, shippers: config.shippers.map((s) => s.id), warnings: config.warnings }, null, 2)}\n`,
        );
      } else {
        printWarnings(io, config.warnings);
        const exporters = config.shippers.reduce((n, s) => n + s.exporters.length, 0);
        io.stdout(
          `${config.file} is valid (${config.kind}): ${plural(config.shippers.length, "shipper")}, ${plural(exporters, "exporter")}: ${config.shippers.map((s) => s.id).join(", ")}\n`,
        );
      }
      setExit(EXIT.ok);
    });

  addRunOptions(
    program
      .command("plan")
      .description("show what apply would ship, and the drift, without changing anything"),
  ).action(async (options: RunOptions) => {
    const config = await load(options, true);
    if (!options.json) printWarnings(io, config.warnings);
    const state = await openStateStore(options.state, io.env);
    const secrets = await openSecretResolver(options.secrets, io.env);
    try {
      const { report } = await runPlan(config, {
        state,
        now: parseNow(options.now),
        shippers: options.shipper,
        secrets: new CachingSecretResolver(secrets),
        env: io.env,
      });
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderPlan(report, config)}\n`);
      const changes =
        report.drift.length > 0 || report.shippers.some((s) => s.exporters.some((e) => e.pending !== 0));
      setExit(options.detailedExitcode && changes ? EXIT.changes : EXIT.ok);
    } finally {
      await secrets.close?.();
      await state.close?.();
    }
  });

  addRunOptions(program.command("apply").description("ship the outstanding logs and move the offsets"))
    .option(
      "--lock-timeout <duration>",
      "wait this long (ISO-8601, e.g. PT30S) for another run's lock",
      "PT0S",
    )
    .option(
      "--parallel <n>",
      "ship a large backlog as slices in N worker threads (1, the default: serial, in this process)",
    )
    .option("--slice-target <records>", "with --parallel: about this many records per slice")
    .action(async (options: RunOptions) => {
      const workers = parseParallel(options.parallel);
      const sliceTarget = parseSliceTarget(options.sliceTarget);
      const config = await load(options, true);
      if (!options.json) printWarnings(io, config.warnings);
      const lockTimeoutMs = parseDuration(options.lockTimeout ?? "PT0S");
      if (lockTimeoutMs === undefined)
        throw new LogShipperError(
          "USAGE",
          `--lock-timeout ${options.lockTimeout}: expected an ISO-8601 duration such as PT30S`,
        );
      const state = await openStateStore(options.state, io.env);
      const secrets = await openSecretResolver(options.secrets, io.env);
      const deadLetter = await openDeadLetter(options.deadLetter, io.env);
      const progress = new Progress();
      const now = parseNow(options.now);
      const warn = (m: string): void => io.stderr(`Warning: ${redact(m)}\n`);
      try {
        const applyOptions = {
          state,
          secrets: new CachingSecretResolver(secrets),
          deadLetter,
          now,
          owner: runOwner(),
          shippers: options.shipper,
          env: io.env,
          lockTimeoutMs,
          warn,
          onProgress: options.json ? undefined : (p: Parameters<Progress["update"]>[0]) => progress.update(p),
        };
        const { report } =
          workers === 1 && sliceTarget === undefined
            ? await runApply(config, applyOptions)
            : await applyParallel(config, applyOptions, {
                workers,
                sliceTarget,
                env: io.env,
                warn,
                init: {
                  config: options.config,
                  vars: options.var,
                  source: options.source,
                  state: options.state,
                  secrets: options.secrets,
                  deadLetter: options.deadLetter,
                  now: now.toISOString(),
                },
              });
        progress.done();
        io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderApply(report, config)}\n`);
        const failed = report.shippers.some((s) => s.status === "failed" || s.status === "skipped");
        const changed =
          report.drift.length > 0 ||
          report.shippers.some((s) => s.exporters.some((e) => e.shipped + e.rejected > 0));
        setExit(failed ? EXIT.error : options.detailedExitcode && changed ? EXIT.changes : EXIT.ok);
      } finally {
        progress.done();
        await deadLetter.close?.();
        await secrets.close?.();
        await state.close?.();
      }
    });

  registerStateCommands(program, io, setExit);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  const debug = argv.includes("--debug");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander already printed the usage error (or help/version, with exit code 0)
      return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (isLogShipperError(err)) {
      io.stderr(`Error: ${redact(err.message)}\n`);
      if (debug && err.stack) io.stderr(`${redact(err.stack)}\n`);
    } else {
      io.stderr(`Error: ${redact(err instanceof Error ? err.message : String(err))}\n`);
      if (debug && err instanceof Error && err.stack) io.stderr(`${redact(err.stack)}\n`);
      else
        io.stderr(
          "(an unexpected error; run again with --debug for the stack trace, and please report it)\n",
        );
    }
    return EXIT.error;
  }
}

if (require.main === module && !isMainThread) {
  // `apply --parallel N` starts this bundle in worker threads: each is a slice worker, not a CLI
  startSliceWorker();
} else if (require.main === module) {
  capYoungGeneration();
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Error: ${redact(String(err))}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
