// Bundles the CLI (dist/cli.js) and the Lambda handler (dist/lambda/index.js) with esbuild. Runs on `npm ci`
// (prepare), in jest's global setup, and by hand with `npm run build`. The AWS SDK stays external: it is a
// dependency of the CLI, and Lambda's Node.js runtime provides it.
"use strict";
const { build } = require("esbuild");
const { join, resolve } = require("node:path");
const { statSync } = require("node:fs");

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

/**
 * The bundles this project ships. The CLI is bundled with its whitespace and comments removed (`minifyWhitespace`;
 * names are kept, and `dist/cli.js.map` maps stack positions back to the sources with `node --enable-source-maps`):
 * V8 keeps a script's source text in the heap for the whole run, and the readable bundle was 2.4 MB whose few
 * non-ASCII characters (in dependencies' comments) made it a two-byte string of 4.7 MB. Minified it is 1.2 MB of
 * one-byte text. Every megabyte the heap keeps alive costs about four at the peak (V8 lets the old generation grow
 * to about four times its live size before collecting it).
 */
const bundles = [
  { entry: "src/cli/main.ts", outfile: "dist/cli.js", target: "node20", minifyWhitespace: true },
  { entry: LAMBDA_ENTRY, outfile: "dist/lambda/index.js", target: "node22" },
];

/**
 * esbuild options shared by every bundle. `dynamic-import: false` turns the adapters' lazy
 * `await import("@aws-sdk/...")` into `require()`: Lambda provides the SDK under /var/runtime/node_modules, which
 * `require` finds through NODE_PATH, while ESM `import()` does not search NODE_PATH in plain Node.js.
 */
function options(entry, outfile, target, sourcemap) {
  return {
    supported: { "dynamic-import": false },
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target,
    sourcemap,
    external: ["@aws-sdk/*"],
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    plugins: [precompiledValidators, oneLuxon],
    // some ESM dependencies read import.meta.url (createRequire); give them this file's URL in CJS
    define: { "import.meta.url": "__importMetaUrl" },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
}

/** Builds every bundle; resolves to their output paths. */
async function buildAll() {
  await Promise.all(
    bundles.map((b) =>
      build({
        ...options(b.entry, join(root, b.outfile), b.target, "linked"),
        minifyWhitespace: b.minifyWhitespace === true,
      }),
    ),
  );
  return bundles.map((b) => join(root, b.outfile));
}

/**
 * Bundles the Lambda handler into `<outdir>/index.js` (CommonJS, Node 22, `@aws-sdk/*` external, minified, no
 * source map unless asked), for the construct to zip together with `logshipper.config.json`. Resolves to the
 * file's path and size in bytes.
 * @param {string} outdir
 * @param {{ minify?: boolean, sourcemap?: boolean, entry?: string }} [opts]
 * @returns {Promise<{ file: string, bytes: number }>}
 */
async function bundleLambda(outdir, opts = {}) {
  const file = join(resolve(outdir), "index.js");
  await build({
    ...options(opts.entry ?? LAMBDA_ENTRY, file, "node22", opts.sourcemap ? "inline" : false),
    minify: opts.minify ?? true,
    // keep class and function names: typed errors are told apart by name in logs
    keepNames: true,
  });
  return { file, bytes: statSync(file).size };
}

module.exports = {
  bundles,
  buildAll,
  bundleLambda,
  LAMBDA_ENTRY,
  precompiledValidatorsModule,
  precompiledRefs,
};

if (require.main === module) {
  // `node scripts/build.js` builds dist/; `node scripts/build.js --lambda <outdir> [--entry <file>]` bundles only the
  // Lambda handler (the constructs call it synchronously at synth)
  const args = process.argv.slice(2);
  const at = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const run = args.includes("--lambda") ? bundleLambda(at("--lambda"), { entry: at("--entry") }) : buildAll();
  run.catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
