import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

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
  /** Paths in the bundle are relative to this directory, so the bundle (and its hash) does not depend on the cwd. */
  readonly workingDir: string;
}

/**
 * Bundles the reconciler handler with esbuild (platform node, target node22, CommonJS, minified, the AWS SDK left to
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
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  try {
    buildSync({
      entryPoints: [options.entry],
      outfile: join(options.outDir, BUNDLE_FILE),
      absWorkingDir: options.workingDir,
      bundle: true,
      platform: "node",
      target: "node22",
      format: "cjs",
      external: ["@aws-sdk/*"],
      // the same choices as scripts/build.js's Lambda bundle: some ESM dependencies (fdir, under tinyglobby) call
      // createRequire(import.meta.url), which is undefined in CommonJS unless it is defined from __filename
      define: { "import.meta.url": "__importMetaUrl" },
      banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
      // minified: smaller, and no comments holding the build machine's paths (which would change the hash)
      minify: true,
      // typed errors are told apart by their class names in logs
      keepNames: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
  } catch (err) {
    throw new Error(`LogShipperRuntime: bundling ${options.entry} failed: ${(err as Error).message}`);
  }
  writeFileSync(join(options.outDir, CONFIG_FILE), `${JSON.stringify(options.config, null, 2)}\n`);
}
