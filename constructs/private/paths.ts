import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The package's name in package.json: how the package root is recognised, in the repository and once installed. */
export const PACKAGE_NAME = "@logshipper/log-shipper";

/**
 * The package root: the nearest directory above this file whose package.json is log-shipper's. That is the
 * repository root when the constructs run from their TypeScript sources (`constructs/private/`), and the installed
 * package (`node_modules/@logshipper/log-shipper/`) when they run from its build (`dist/constructs/`).
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME)
          return dir;
      } catch {
        /* not a package.json we can read: keep looking */
      }
    }
    if (dirname(dir) === dir) {
      throw new Error(`log-shipper constructs: no package.json named ${PACKAGE_NAME} above ${from}`);
    }
  }
}

/** The package root (see {@link packageRoot}). */
export const PACKAGE_ROOT = packageRoot();

/**
 * The prebuilt reconciler handler shipped in the package (`npm pack` builds it: `prepack`); in the repository,
 * `npm ci` (`prepare`), `npm run build` and jest's global setup build it.
 */
export const PREBUILT_HANDLER = join(PACKAGE_ROOT, "dist", "lambda", "index.js");
