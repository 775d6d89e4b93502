// jest runs TypeScript through @swc/jest (fast, no type-check; `npm run typecheck` does that). got and its
// dependencies are ESM-only, so swc transforms every ESM package under node_modules too.
const fs = require("node:fs");
const path = require("node:path");

function esmOnlyPackages(root = path.join(__dirname, "node_modules")) {
  const names = new Set();
  const visit = (dir, prefix = "") => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if ((!e.isDirectory() && !e.isSymbolicLink()) || e.name.startsWith(".")) continue;
      const full = path.join(dir, e.name);
      if (!prefix && e.name.startsWith("@")) {
        visit(full, `${e.name}/`);
        continue;
      }
      try {
        if (JSON.parse(fs.readFileSync(path.join(full, "package.json"), "utf8")).type === "module")
          names.add(prefix + e.name);
      } catch {
        /* not a package */
      }
      if (fs.existsSync(path.join(full, "node_modules"))) visit(path.join(full, "node_modules"));
    }
  };
  visit(root);
  return [...names];
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j|mj)sx?$": ["@swc/jest"] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages().map(escapeRegExp).join("|")})/)`],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/reliability/"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-cdktf.ts"],
  testTimeout: 60_000,
};
