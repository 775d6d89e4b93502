// Bundles the CLI (dist/cli.js) with esbuild. Runs on `npm ci` (prepare), in jest's global setup, and by hand
// with `npm run build`. The AWS SDK stays external: it is a dependency, and Lambda's runtime provides it.
"use strict";
const { build } = require("esbuild");
const { join } = require("node:path");

const root = join(__dirname, "..");

/** The bundles this project ships. */
const bundles = [{ entry: "src/cli/main.ts", outfile: "dist/cli.js", target: "node20" }];

/** Builds every bundle; resolves to their output paths. */
async function buildAll() {
  await Promise.all(
    bundles.map((b) =>
      build({
        entryPoints: [join(root, b.entry)],
        outfile: join(root, b.outfile),
        bundle: true,
        platform: "node",
        format: "cjs",
        target: b.target,
        sourcemap: "linked",
        external: ["@aws-sdk/*"],
        legalComments: "none",
        logLevel: "warning",
        // some ESM dependencies read import.meta.url (createRequire); give them this file's URL in CJS
        define: { "import.meta.url": "__importMetaUrl" },
        banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
      }),
    ),
  );
  return bundles.map((b) => join(root, b.outfile));
}

module.exports = { bundles, buildAll };

if (require.main === module) {
  buildAll().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
