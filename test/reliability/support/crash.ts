import { NOW } from "./data";
import { delay, launch, run, type Exit } from "./child";

/** A destination the CLI ships to, and how to count what reached it. */
export interface Destination {
  /** For the summary table, e.g. `file exporter`. */
  readonly name: string;
  /** The exporter's YAML (one flow mapping, without the leading `- `). */
  readonly exporter: string;
  readonly chunk: number;
  readonly concurrency: number;
  /** True for a file: a crash mid-write may leave the written part of one line (see `notTorn`). */
  readonly tornOk?: boolean;
  /** Progress in some unit that grows as records arrive (bytes, records). */
  progress(): number;
  /** Units the whole run produces, to place timed kills. */
  readonly total: number;
  /** Deliveries per record number; `corrupt` lists deliveries that could not be read. */
  count():
    | { seen: Map<number, number>; corrupt: string[] }
    | Promise<{ seen: Map<number, number>; corrupt: string[] }>;
}

/** Where the offsets live, and the environment the child needs to reach them. */
export interface StateTarget {
  readonly name: string;
  readonly location: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether the `mid-commit` fault point exists in this store. */
  readonly midCommit: boolean;
  /** Runs after each crash (DynamoDB: expire the dead run's lease instead of waiting out its TTL). */
  readonly afterCrash?: () => Promise<void>;
}

/** One planned crash. */
export type Kill =
  | { readonly kind: "timed"; readonly fraction: number }
  | { readonly kind: "after-send" | "before-commit" | "mid-commit" | "after-commit"; readonly at: number };

/** Ten kills in a random order: timed (mid-batch, mid-write) and at each fault point between send and commit. */
export function killPlan(random: () => number, midCommit: boolean): Kill[] {
  const at = (): number => 1 + Math.floor(random() * 6);
  const plan: Kill[] = [
    ...[0, 1, 2, 3].map(() => ({ kind: "timed" as const, fraction: 0.01 + random() * 0.05 })),
    { kind: "after-send", at: at() },
    { kind: "after-send", at: at() },
    { kind: "before-commit", at: at() },
    midCommit ? { kind: "mid-commit", at: at() } : { kind: "timed", fraction: 0.01 + random() * 0.05 },
    midCommit ? { kind: "mid-commit", at: at() } : { kind: "after-send", at: at() },
    { kind: "after-commit", at: at() },
  ];
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j] as Kill, plan[i] as Kill];
  }
  return plan;
}

/** What happened across the crashes and the resumes. */
export interface CrashOutcome {
  readonly kills: Kill[];
  /** Planned kills that did not happen because the run had already finished. */
  readonly missed: Kill[];
  readonly resumes: Exit[];
  readonly plan: Exit;
  readonly stateReads: Exit[];
}

/**
 * Runs `apply` once per planned kill (a fault point through LOGSHIPPER_FAULT, or a SIGKILL from here once the
 * destination's progress passed a random fraction of the total), checks after each crash that the state is
 * still readable, then resumes until an apply exits 0, and plans once more.
 */
export async function crashAndResume(options: {
  readonly config: string;
  readonly cwd: string;
  readonly destination: Destination;
  readonly state: StateTarget;
  readonly plan: readonly Kill[];
  readonly extraEnv?: NodeJS.ProcessEnv;
  /** Extra `apply` options (e.g. `--parallel 4`), for every apply, the crashed ones and the resumes. */
  readonly applyArgs?: readonly string[];
}): Promise<CrashOutcome> {
  const { destination, state } = options;
  const base = ["-c", options.config, "--state", state.location, "--now", NOW];
  const apply = ["apply", ...base, ...(options.applyArgs ?? [])];
  const env = { ...state.env, ...options.extraEnv };
  const kills: Kill[] = [];
  const missed: Kill[] = [];
  const stateReads: Exit[] = [];
  for (const kill of options.plan) {
    const faultEnv = kill.kind === "timed" ? {} : { LOGSHIPPER_FAULT: `${kill.kind}:${kill.at}` };
    const running = launch(apply, { cwd: options.cwd, env: { ...env, ...faultEnv } });
    let exit: Exit;
    if (kill.kind === "timed") {
      const from = destination.progress();
      const target = from + kill.fraction * destination.total;
      let done = false;
      const exited = running.exited.then((e) => {
        done = true;
        return e;
      });
      while (!done && destination.progress() < target) await delay(3);
      if (!done) running.kill();
      exit = await exited;
    } else {
      exit = await running.exited;
    }
    if (exit.signal === "SIGKILL") {
      kills.push(kill);
      await state.afterCrash?.();
    } else if (exit.code === 0) missed.push(kill);
    else
      throw new Error(
        `apply exited ${exit.code} (planned kill ${JSON.stringify(kill)}):\n${exit.stdout}\n${exit.stderr}`,
      );
    stateReads.push(
      await run(["state", "list", "--json", "--state", state.location], { cwd: options.cwd, env }),
    );
  }
  const resumes: Exit[] = [];
  for (let i = 0; i < 3; i++) {
    const exit = await run(apply, { cwd: options.cwd, env });
    resumes.push(exit);
    if (exit.code === 0) break;
  }
  const plan = await run(["plan", ...base, "--detailed-exitcode"], { cwd: options.cwd, env });
  return { kills, missed, resumes, plan, stateReads };
}

/** `10 SIGKILL (4 timed, 2 after-send, …)`. */
export function describeKills(kills: readonly Kill[]): string {
  const by = new Map<string, number>();
  for (const k of kills) by.set(k.kind, (by.get(k.kind) ?? 0) + 1);
  return `${kills.length} SIGKILL (${[...by].map(([k, n]) => `${n} ${k}`).join(", ")})`;
}
