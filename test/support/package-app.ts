import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { cdktfCliNodeBin } from "./node-lines";

/** The repository root. */
export const REPO = join(__dirname, "..", "..");

/** What a TypeScript app has besides its cdk: tsx runs main.ts, tsc checks it against the package's declarations. */
const APP_TOOLS = ["tsx@4.23.15", "typescript@5.9.3", "@types/node@22.20.7"];

/** What a user installs next to the package, per flavour (exact versions, as in the README). */
export const FLAVOURS = {
  cdktf: {
    core: "cdktf",
    provider: "@cdktf/provider-aws",
    cli: "cdktf",
    // the repository's own cdktf-cli runs the app: its CLI is a development tool, not the subject here
    packages: ["cdktf@0.21.0", "constructs@10.8.1", "@cdktf/provider-aws@21.22.1", ...APP_TOOLS],
  },
  cdktn: {
    core: "cdktn",
    provider: "@cdktn/provider-aws",
    cli: "cdktn",
    packages: [
      "cdktn@0.24.0",
      "constructs@10.7.2",
      "@cdktn/provider-aws@25.7.0",
      "cdktn-cli@0.24.0",
      ...APP_TOOLS,
    ],
  },
} as const;

/** One of {@link FLAVOURS}. */
export type Flavour = keyof typeof FLAVOURS;

/** A finished child process. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of the child processes: this Node first on PATH (so npm, npx and `#!/usr/bin/env node` scripts
 * run on it), no terraform binary, telemetry off, and none of the `npm_*` variables of the `npm test` around us
 * (they would point the child npm at this repository's config and package).
 */
function childEnv(extra: NodeJS.ProcessEnv = {}, nodeBin = dirname(process.execPath)): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  return {
    ...env,
    PATH: [nodeBin, "/usr/bin", "/bin"].join(delimiter),
    CHECKPOINT_DISABLE: "1",
    CI: "1",
    npm_config_update_notifier: "false",
    ...extra,
  };
}

/** The npm that runs this test (npm sets npm_execpath), run with this Node; else `npm` on PATH. */
const NPM: [string, string[]] = process.env.npm_execpath
  ? [process.execPath, [process.env.npm_execpath]]
  : ["npm", []];

/** Runs a command to completion; throws with its output when it fails. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  extra: NodeJS.ProcessEnv = {},
): Run {
  const r = spawnSync(command, [...args], {
    cwd,
    env: childEnv(extra),
    encoding: "utf8",
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs npm; throws with its output unless it exits 0. */
export function npm(args: readonly string[], cwd: string): Run {
  const r = run(NPM[0], [...NPM[1], ...args], cwd);
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** What `npm pack --json` says about the tarball. */
export interface Packed {
  readonly tarball: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
  /** The temporary directory holding the staging copy and the tarball. */
  readonly dir: string;
}

/** What `npm pack` needs: the package's own files and the build's inputs (prepack builds dist/ from them). */
const PACK_INPUTS = [
  "package.json",
  "README.md",
  "CHANGELOG.md",
  "tsconfig.json",
  "tsconfig.build.json",
  "bin",
  "scripts",
  "src",
  "constructs",
  "generated",
  "schemas",
];

/**
 * Packs the project as `npm pack` does at the root (prepack included), from a staging copy of its files that uses
 * the repository's node_modules: prepack cleans and rebuilds dist/, which the other tests of this run are reading.
 */
export function packProject(): Packed {
  const dir = mkdtempSync(join(tmpdir(), "logshipper-pack-"));
  const staging = join(dir, "log-shipper");
  mkdirSync(staging);
  for (const name of PACK_INPUTS) cpSync(join(REPO, name), join(staging, name), { recursive: true });
  symlinkSync(join(REPO, "node_modules"), join(staging, "node_modules"), "dir");
  const out = npm(["pack", "--json", "--pack-destination", dir, "--loglevel=error"], staging);
  const [info] = JSON.parse(out.stdout.slice(out.stdout.indexOf("["))) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    files: Array<{ path: string }>;
  }>;
  if (info === undefined) throw new Error(`npm pack printed no result:\n${out.stdout}`);
  return {
    tarball: join(dir, info.filename),
    size: info.size,
    unpackedSize: info.unpackedSize,
    files: info.files.map((f) => f.path),
    dir,
  };
}

/**
 * A fresh app outside the repository with the tarball and one flavour installed (from the npm cache when it can).
 * Asynchronous, so that both flavours install at once.
 */
export async function installApp(flavour: Flavour, tarball: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `logshipper-app-${flavour}-`));
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `logshipper-app-${flavour}`, version: "0.0.0", private: true }, null, 2)}\n`,
  );
  const args = [
    "install",
    "--prefer-offline",
    "--no-audit",
    "--no-fund",
    "--no-package-lock",
    "--loglevel=error",
    tarball,
    ...FLAVOURS[flavour].packages,
  ];
  const r = await runAsync(NPM[0], [...NPM[1], ...args], dir, dirname(process.execPath));
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return dir;
}

/** The README's `main.ts` (the code block that starts with `// main.ts`). */
export function readmeMainTs(): string {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const block = /```ts\n(\/\/ main\.ts[^\n]*\n[\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error("README.md has no ```ts block starting with // main.ts");
  return block[1] as string;
}

/**
 * A cdktf app's TypeScript renamed for CDK Terrain, as its upgrade guide says: `cdktf` → `cdktn`,
 * `@cdktf/provider-aws` → `@cdktn/provider-aws`, in import specifiers only.
 */
export function toCdktn(source: string): string {
  return source.replace(
    /(from\s+["'])(cdktf|@cdktf\/provider-aws)(["'/])/g,
    (_m, open: string, name: string, close: string) =>
      `${open}${name === "cdktf" ? "cdktn" : "@cdktn/provider-aws"}${close}`,
  );
}

/** A strict tsconfig.json that checks `main.ts` with `skipLibCheck` off, so the package's declarations are checked too. */
export const TSCONFIG_JSON = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "nodenext",
      moduleResolution: "nodenext",
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ["node"],
    },
    files: ["main.ts"],
  },
  null,
  2,
)}\n`;

/** A cdktf.json that runs `main.ts` with the app's tsx. */
export const CDKTF_JSON = `${JSON.stringify(
  {
    language: "typescript",
    app: "npx tsx main.ts",
    output: "cdktf.out",
    sendCrashReports: "false",
    terraformProviders: [],
    terraformModules: [],
    context: {},
  },
  null,
  2,
)}\n`;

/** Copies an example folder of the repository into `dir` (its main.ts renamed for cdktn when asked). */
export function copyExample(name: string, dir: string, flavour: Flavour): string {
  const to = join(dir, "examples", name);
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(join(REPO, "examples", name), { withFileTypes: true })) {
    if (!file.isFile()) continue;
    const text = readFileSync(join(REPO, "examples", name, file.name), "utf8");
    writeFileSync(
      join(to, file.name),
      file.name.endsWith(".ts") && flavour === "cdktn" ? toCdktn(text) : text,
    );
  }
  return to;
}

/** Runs a command without blocking (several synths at once); resolves when it exits. */
function runAsync(command: string, args: readonly string[], cwd: string, nodeBin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd,
      env: childEnv({}, nodeBin),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * Runs the flavour's `synth` in `dir`, offline (no terraform on PATH, no network needed); returns the CLI's output.
 * cdktn-cli is the app's own and runs on this Node; cdktf-cli is the repository's and runs on Node 22 (see
 * cdktfCliNodeBin), and so does the app it starts.
 */
export async function cdkSynth(flavour: Flavour, appDir: string, dir: string): Promise<Run> {
  const [cli, nodeBin] =
    flavour === "cdktf"
      ? [join(REPO, "node_modules", ".bin", "cdktf"), cdktfCliNodeBin()]
      : [join(appDir, "node_modules", ".bin", FLAVOURS[flavour].cli), dirname(process.execPath)];
  const r = await runAsync(cli, ["synth"], dir, nodeBin);
  if (r.status !== 0)
    throw new Error(`${flavour} synth in ${dir} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** The synthesized stack `id` under `dir`/cdktf.out. */
export function readStack(dir: string, id: string): StackJson {
  return JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", id, "cdk.tf.json"), "utf8")) as StackJson;
}

/** A synthesized cdk.tf.json. */
export interface StackJson {
  "//"?: { metadata?: Record<string, unknown> } & Record<string, unknown>;
  terraform?: { required_providers?: Record<string, { source: string; version: string }> } & Record<
    string,
    unknown
  >;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
}

/** Removes the temporary directories. */
export function removeAll(dirs: ReadonlyArray<string | undefined>): void {
  for (const dir of dirs) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
