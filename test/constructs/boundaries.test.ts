import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Linter } from "eslint";

const REPO = resolve(__dirname, "..", "..");
const SKIP = new Set(["node_modules", "dist", "coverage", "cdktf.out", ".git", ".logshipper", "generated"]);

/** Every TypeScript/JavaScript source file under `dir`, relative to the repository. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name) && !e.name.startsWith("cdktf.out")) out.push(...sources(path));
    } else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name)) out.push(path);
  }
  return out;
}

/** The module specifiers a file imports (static, dynamic, require, export-from). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const p of patterns) for (const m of text.matchAll(p)) found.push(m[1] as string);
  return found;
}

const CDKTF = /^(cdktf|constructs|cdktf-cli)(\/|$)|^@cdktf\//;
/** The provider package root, spelled so that this file does not import it in the eyes of the scan below. */
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");

/** ESLint's findings (rule ids) for a snippet linted, with the repository's config, as if it were the file `path`. */
function lintRules(path: string, text: string): string[] {
  // eslint.config.mjs is ESM; jest's transform turns it into CommonJS, so it can be required here
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const config = require("../../eslint.config.mjs").default as Linter.Config[];
  return new Linter({ cwd: REPO }).verify(text, config, join(REPO, path)).map((m) => m.ruleId ?? m.message);
}

describe("import boundaries", () => {
  it("finds the imports it looks for", () => {
    const sample = `import { App } from "cdktf";\nconst x = await import("${PROVIDER_ROOT}");\nexport * from "./y";`;
    expect(specifiers(sample)).toEqual(["cdktf", "./y", PROVIDER_ROOT]);
  });

  it("the runtime (src/) never imports cdktf, constructs or the provider bindings", () => {
    const offenders = sources("src").flatMap((file) =>
      specifiers(readFileSync(join(REPO, file), "utf8"))
        .filter(
          (s) =>
            CDKTF.test(s) ||
            (s.startsWith(".") && relative(REPO, resolve(REPO, file, "..", s)).startsWith("constructs")),
        )
        .map((s) => `${file}: ${s}`),
    );
    expect(sources("src").length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it("nothing imports the root of @cdktf/provider-aws (it loads 2,212 modules)", () => {
    const files = sources(".");
    const offenders = files.flatMap((file) =>
      specifiers(readFileSync(join(REPO, file), "utf8"))
        .filter((s) => s === PROVIDER_ROOT)
        .map((s) => `${file}: ${s}`),
    );
    expect(files.some((f) => f.startsWith("constructs/"))).toBe(true);
    expect(offenders).toEqual([]);
  });

  it("ESLint refuses them in new code", () => {
    expect(
      lintRules("src/boundary-probe.ts", 'import { App } from "cdktf";\nexport const app = new App();\n'),
    ).toContain("no-restricted-imports");
    expect(
      lintRules(
        "constructs/boundary-probe.ts",
        `import { provider } from "${PROVIDER_ROOT}";\nexport const p = provider;\n`,
      ),
    ).toContain("no-restricted-imports");
    // the constructs reach cdktf or cdktn only through constructs/private/cdk.ts (it loads the installed flavour)
    for (const specifier of [
      "cdktf",
      "cdktn",
      "@cdktf/provider-aws/lib/iam-role",
      "@cdktn/provider-aws/lib/iam-role",
    ]) {
      expect(
        lintRules(
          "constructs/boundary-probe.ts",
          `import * as m from "${specifier}";\nexport const x = m;\n`,
        ),
      ).toContain("no-restricted-imports");
    }
    expect(
      lintRules(
        "constructs/private/cdk.ts",
        'import type * as Core from "cdktf";\nexport type App = Core.App;\n',
      ),
    ).toEqual([]);
    expect(
      lintRules(
        "examples/boundary-probe.ts",
        'import { App } from "cdktf";\nexport const app = new App();\n',
      ),
    ).toEqual([]);
  });
});
