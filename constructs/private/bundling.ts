import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The file name of the bundled handler inside the archive; the Lambda handler is `index.handler`. */
export const BUNDLE_FILE = "index.js";
/** The config file next to the handler, read through `LOGSHIPPER_CONFIG_PATH`'s default. */
export const CONFIG_FILE = "logshipper.config.json";

/** What to bundle and where. */
export interface BundleOptions {
  /** The handler's TypeScript entry point. */
  readonly entry: string;
  /** The directory to (re)create with `index.js` and `logshipper.config.json`. */
  readonly outDir: string;
  /** The native config document to write next to the handler. */
  readonly config: unknown;
  /** The repository root, where `scripts/build.js` lives. */
  readonly workingDir: string;
}

/**
 * Bundles built in this process, by entry and the entry's modification time: every runtime of an app (and every
 * test of a file) shares one bundle, since the handler does not depend on the shippers' config.
 */
const built = new Map<string, string>();

function bundleOnce(entry: string, workingDir: string): string {
  const key = `${entry}@${statSync(entry).mtimeMs}`;
  const cached = built.get(key);
  if (cached !== undefined && existsSync(cached)) return cached;
  const dir = mkdtempSync(join(tmpdir(), "logshipper-lambda-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  // scripts/build.js's bundleLambda is the one Lambda build (precompiled validators, require() for the AWS SDK);
  // it is asynchronous, and cdktf resolves the function's code synchronously, so it runs in a child process
  execFileSync(
    process.execPath,
    [join(workingDir, "scripts", "build.js"), "--lambda", dir, "--entry", entry],
    {
      cwd: workingDir,
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    },
  );
  const file = join(dir, BUNDLE_FILE);
  built.set(key, file);
  return file;
}

/**
 * Bundles the reconciler handler (with `scripts/build.js`: esbuild, Node 22, CommonJS, minified, the AWS SDK left to
 * the Lambda runtime) and writes the config next to it. Synchronous, because it runs while cdktf resolves the
 * function's `filename` at synth. Throws when the entry is missing or does not compile.
 */
export function bundleReconciler(options: BundleOptions): void {
  if (!existsSync(options.entry)) {
    throw new Error(
      `LogShipperRuntime: the reconciler handler ${options.entry} does not exist; build it (src/lambda/handler.ts ` +
        "exporting handler(event, context)) or pass `handlerEntry` (or the `logshipper:handlerEntry` context value)",
    );
  }
  let bundle: string;
  try {
    bundle = bundleOnce(options.entry, options.workingDir);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? "";
    throw new Error(
      `LogShipperRuntime: bundling ${options.entry} failed: ${stderr.trim() || (err as Error).message}`,
    );
  }
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  copyFileSync(bundle, join(options.outDir, BUNDLE_FILE));
  writeFileSync(join(options.outDir, CONFIG_FILE), `${JSON.stringify(options.config, null, 2)}\n`);
}
