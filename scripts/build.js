// Bundles the CLI (dist/cli.js), the prebuilt Lambda handler (dist/lambda/index.js), the runtime API (dist/index.js)
// and the constructs (dist/constructs/index.js) with esbuild. Runs on `npm ci` (prepare), in jest's global setup,
// by hand with `npm run build`, and with the type declarations on `npm pack` (prepack). The AWS SDK stays external:
// it is a dependency of the package, and Lambda's Node.js runtime provides it.
"use strict";
const { build } = require("esbuild");
const { join, resolve } = require("node:path");
const { execFileSync } = require("node:child_process");
const { readFileSync, rmSync, statSync, writeFileSync } = require("node:fs");

const root = join(__dirname, "..");

/** The Lambda handler's entry point (the construct bundles the same file). */
const LAMBDA_ENTRY = "src/lambda/handler.ts";

/**
 * The schema refs whose validators are compiled at build time (src/config/schema.ts falls back to compiling any
 * other at run time). Compiling the config schema costs about 0.4 s of CPU; loading its standalone code ~10 ms.
 */
function precompiledRefs() {
  const config = require("../schemas/config.schema.json").$id;
  const state = require("../schemas/state.schema.json").$id;
  return [
    config,
    `${config}#/$defs/kestraLogShipperTask`,
    `${config}#/$defs/source`,
    state,
    `${state}#/$defs/offsetRecord`,
    `${state}#/$defs/slicePlan`,
    `${state}#/$defs/sliceProgress`,
  ];
}

let validatorsSource;

/** ajv standalone code of the precompiled validators, as a module exporting PRECOMPILED (like the source file). */
function precompiledValidatorsModule() {
  if (validatorsSource === undefined) {
    const Ajv2020 = require("ajv/dist/2020").default;
    const standaloneCode = require("ajv/dist/standalone").default;
    const ajv = new Ajv2020({ ...require("../src/config/ajv-options.json"), code: { source: true } });
    for (const name of ["config", "report", "state"])
      ajv.addSchema(require(`../schemas/${name}.schema.json`));
    const refs = Object.fromEntries(precompiledRefs().map((r) => [r, r]));
    validatorsSource = [
      "const validators = {};",
      `(function (exports) {\n${standaloneCode(ajv, refs)}\n})(validators);`,
      "export const PRECOMPILED = validators;",
    ].join("\n");
  }
  return validatorsSource;
}

/** esbuild plugin: swaps src/config/precompiled-validators.ts (an empty table) for the precompiled validators. */
const precompiledValidators = {
  name: "precompiled-validators",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]config[\\/]precompiled-validators\.ts$/ }, () => ({
      contents: precompiledValidatorsModule(),
      loader: "js",
      resolveDir: root,
    }));
  },
};

/**
 * esbuild plugin: one copy of luxon. Our ESM imports would resolve its `import` build and cron-parser's `require`
 * its CommonJS build: two copies of the same library in the bundle (about 250 KB of source each, kept in memory
 * for the whole run), with classes that do not recognise each other's objects. Both get the CommonJS build.
 */
const oneLuxon = {
  name: "one-luxon",
  setup(b) {
    b.onResolve({ filter: /^luxon$/ }, () => ({ path: require.resolve("luxon") }));
  },
};

/** What the package's users install themselves (peer dependencies): the constructs load whichever flavour is there. */
const CDK_PEERS = ["cdktf", "cdktn", "@cdktf/*", "@cdktn/*", "constructs"];

/**
 * The bundles this project ships, all CommonJS for Node 22 and later, each self-contained but for the AWS SDK (a
 * dependency of the package, and provided by Lambda's runtime) and, for the constructs, the CDK peers:
 * - `dist/cli.js`, the CLI, with its whitespace and comments removed (`minifyWhitespace`; names are kept, and
 *   `dist/cli.js.map` maps stack positions back to the sources with `node --enable-source-maps`): V8 keeps a script's
 *   source text in the heap for the whole run, and the readable bundle was 2.4 MB whose few non-ASCII characters (in
 *   dependencies' comments) made it a two-byte string of 4.7 MB. Minified it is 1.2 MB of one-byte text. Every
 *   megabyte the heap keeps alive costs about four at the peak (V8 lets the old generation grow to about four times
 *   its live size before collecting it).
 * - `dist/lambda/index.js`, the reconciler Lambda's handler, prebuilt: the constructs copy it into the function's
 *   archive at synth (they never bundle anything), so synth needs neither esbuild nor any file outside the package.
 * - `dist/index.js`, the runtime API (`loadConfig`, `plan`, `apply`), and `dist/constructs/index.js`, the constructs.
 */
const bundles = [
  { entry: "src/cli/main.ts", outfile: "dist/cli.js", minifyWhitespace: true, sourcemap: "linked" },
  { entry: LAMBDA_ENTRY, outfile: "dist/lambda/index.js", minify: true },
  { entry: "src/index.ts", outfile: "dist/index.js", minifyWhitespace: true },
  {
    entry: "constructs/index.ts",
    outfile: "dist/constructs/index.js",
    minifyWhitespace: true,
    external: CDK_PEERS,
  },
];

/** The Node.js version every bundle targets: the oldest line the package supports (`engines`). */
const TARGET = "node22";

/**
 * esbuild options shared by every bundle. `dynamic-import: false` turns the adapters' lazy
 * `await import("@aws-sdk/...")` into `require()`: Lambda provides the SDK under /var/runtime/node_modules, which
 * `require` finds through NODE_PATH, while ESM `import()` does not search NODE_PATH in plain Node.js.
 */
function options(entry, outfile, sourcemap, external = []) {
  return {
    supported: { "dynamic-import": false },
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: TARGET,
    sourcemap,
    external: ["@aws-sdk/*", ...external],
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    plugins: [precompiledValidators, oneLuxon],
    // some ESM dependencies read import.meta.url (createRequire); give them this file's URL in CJS
    define: { "import.meta.url": "__importMetaUrl" },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
}

/** The Lambda handler's options: minified, with class and function names kept (typed errors are told apart by name). */
function lambdaOptions(entry, file, sourcemap) {
  return { ...options(entry, file, sourcemap), minify: true, keepNames: true };
}

/** Builds every bundle; resolves to their output paths. */
async function buildAll() {
  await Promise.all(
    bundles.map((b) => {
      const outfile = join(root, b.outfile);
      return build(
        b.minify
          ? lambdaOptions(b.entry, outfile, b.sourcemap ?? false)
          : {
              ...options(b.entry, outfile, b.sourcemap ?? false, b.external),
              minifyWhitespace: b.minifyWhitespace === true,
            },
      );
    }),
  );
  return bundles.map((b) => join(root, b.outfile));
}

/**
 * Everything `npm pack` puts in the package (`prepack`): a clean dist/ with every bundle, and the `.d.ts` files of the
 * two entry points (`dist/types/`, from tsconfig.build.json).
 */
async function buildPackage() {
  rmSync(join(root, "dist"), { recursive: true, force: true });
  const files = await buildAll();
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
  markFlavourTypes(join(root, "dist", "types", "constructs", "private", "cdk.d.ts"));
  return files;
}

/**
 * The constructs' declarations type the cdk classes with cdktf's (constructs/private/cdk.ts). An app on CDK Terrain
 * has no cdktf to resolve them: each of those imports gets a `@ts-ignore`, so that such an app type-checks even with
 * `skipLibCheck: false` (the provider-typed properties, `runtime.function` and the like, are `any` there).
 */
function markFlavourTypes(file) {
  const text = readFileSync(file, "utf8");
  const marked = text.replace(
    /^(import type \* as \w+ from "(?:cdktf|@cdktf\/[^"]+)";)$/gm,
    "// @ts-ignore -- resolves where cdktf is installed; on CDK Terrain these types are any\n$1",
  );
  if (marked === text) throw new Error(`${file}: no cdktf type import to mark`);
  writeFileSync(file, marked);
}

/**
 * Bundles the Lambda handler into `<outdir>/index.js` exactly as `dist/lambda/index.js` is built (CommonJS, Node 22,
 * `@aws-sdk/*` external, minified, no source map unless asked), for tests and the benchmark that need a handler of
 * their own entry. Resolves to the file's path and size in bytes.
 * @param {string} outdir
 * @param {{ sourcemap?: boolean, entry?: string }} [opts]
 * @returns {Promise<{ file: string, bytes: number }>}
 */
async function bundleLambda(outdir, opts = {}) {
  const file = join(resolve(outdir), "index.js");
  await build(lambdaOptions(opts.entry ?? LAMBDA_ENTRY, file, opts.sourcemap ? "inline" : false));
  return { file, bytes: statSync(file).size };
}

module.exports = {
  bundles,
  buildAll,
  buildPackage,
  bundleLambda,
  LAMBDA_ENTRY,
  precompiledValidatorsModule,
  precompiledRefs,
};

if (require.main === module) {
  // `node scripts/build.js` builds dist/; `--package` also cleans it first and writes the .d.ts files (prepack);
  // `--lambda <outdir> [--entry <file>]` bundles only a Lambda handler
  const args = process.argv.slice(2);
  const at = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const run = args.includes("--lambda")
    ? bundleLambda(at("--lambda"), { entry: at("--entry") })
    : args.includes("--package")
      ? buildPackage()
      : buildAll();
  run.catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
