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

/** What both projects share: the transform and the per-file setup. */
const project = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j|mj)sx?$": ["@swc/jest"] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages().map(escapeRegExp).join("|")})/)`],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
    // the examples import the package by name, as users do; in the repository that is its sources (as in tsconfig)
    "^@logshipper/log-shipper$": "<rootDir>/src/index.ts",
    "^@logshipper/log-shipper/constructs$": "<rootDir>/constructs/index.ts",
  },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-cdktf.ts"],
};

/**
 * Two projects in one run: the unit, contract, AWS, construct and end-to-end tests, and the reliability suite
 * (test/reliability: crash and resume, faulty destinations, hostile input...; about 4 minutes, with a longer
 * timeout). `npm test` runs both, as CI does; `npm run test:reliability` only the second (its config takes
 * the project from here). One global setup builds the CLI and starts moto_server for both; the reliability
 * reporter prints the summary table when reliability tests ran.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  projects: [
    {
      ...project,
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/reliability/"],
    },
    {
      ...project,
      displayName: "reliability",
      testMatch: ["<rootDir>/test/reliability/**/*.test.ts"],
      setupFilesAfterEnv: [...project.setupFilesAfterEnv, "<rootDir>/test/reliability/support/setup.ts"],
    },
  ],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  reporters: ["default", "<rootDir>/test/reliability/support/summary-reporter.js"],
  testTimeout: 60_000,
};
