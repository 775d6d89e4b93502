// Types of scripts/build.js, for TypeScript callers (jest's global setup, tests and the benchmark).

/** One bundle of the project. */
export interface BundleSpec {
  readonly entry: string;
  readonly outfile: string;
}

/** The bundles this project ships (the CLI, the Lambda handler, the runtime API and the constructs). */
export declare const bundles: readonly BundleSpec[];

/** The Lambda handler's entry point, relative to the repository root. */
export declare const LAMBDA_ENTRY: string;

/** Builds every bundle into dist/; resolves to their output paths. */
export declare function buildAll(): Promise<string[]>;

/** Cleans dist/, builds every bundle and the `.d.ts` files (what `npm pack` ships); resolves to the bundles' paths. */
export declare function buildPackage(): Promise<string[]>;

/**
 * Bundles the Lambda handler into `<outdir>/index.js` (CommonJS, Node 22, `@aws-sdk/*` external, minified), for a
 * deployment archive that also holds `logshipper.config.json`. Resolves to the file's path and size in bytes.
 */
export declare function bundleLambda(
  outdir: string,
  options?: { readonly sourcemap?: boolean; readonly entry?: string },
): Promise<{ file: string; bytes: number }>;
