import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The file name of the handler inside the archive; the Lambda handler is `index.handler`. */
export const BUNDLE_FILE = "index.js";
/** The config file next to the handler, read through `LOGSHIPPER_CONFIG_PATH`'s default. */
export const CONFIG_FILE = "logshipper.config.json";

/** What to stage and where. */
export interface StageOptions {
  /** The prebuilt handler: one CommonJS file exporting `handler(event, context)`. */
  readonly handler: string;
  /** The directory to (re)create with `index.js` and `logshipper.config.json`. */
  readonly outDir: string;
  /** The native config document to write next to the handler. */
  readonly config: unknown;
}

/**
 * Stages the Lambda's code: a copy of the prebuilt handler (built once, by the package's build, never at synth) and
 * the shippers' config next to it, serialized deterministically (the caller sorts the shippers), so the archive's
 * hash changes only when the handler or the config does. Synchronous, because it runs while cdktf resolves the
 * function's `filename` at synth.
 */
export function stageReconciler(options: StageOptions): void {
  if (!existsSync(options.handler)) {
    throw new Error(
      `LogShipperRuntime: the prebuilt reconciler handler ${options.handler} does not exist; in the repository run ` +
        "`npm run build` (an installed package ships it), or pass `handlerBundle`",
    );
  }
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  copyFileSync(options.handler, join(options.outDir, BUNDLE_FILE));
  writeFileSync(join(options.outDir, CONFIG_FILE), `${JSON.stringify(options.config, null, 2)}\n`);
}
