// Types of scripts/build.js, for TypeScript callers (the construct bundles the Lambda with bundleLambda).

/** One bundle of the project. */
export interface BundleSpec {
  readonly entry: string;
  readonly outfile: string;
  readonly target: string;
}

/** The bundles this project ships (the CLI and the Lambda handler). */
export declare const bundles: readonly BundleSpec[];

/** The Lambda handler's entry point, relative to the repository root. */
export declare const LAMBDA_ENTRY: string;

/** Builds every bundle into dist/; resolves to their output paths. */
export declare function buildAll(): Promise<string[]>;

/**
 * Bundles the Lambda handler into `<outdir>/index.js` (CommonJS, Node 22, `@aws-sdk/*` external, minified), for a
 * deployment archive that also holds `logshipper.config.json`. Resolves to the file's path and size in bytes.
 */
export declare function bundleLambda(
  outdir: string,
  options?: { readonly minify?: boolean; readonly sourcemap?: boolean; readonly entry?: string },
): Promise<{ file: string; bytes: number }>;
