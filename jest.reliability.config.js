// The reliability and security suite (`npm run test:reliability`): crash and resume, faulty destinations,
// concurrent applies, corrupt state, hostile input, secrets and transport security. Same transform and global
// setup (CLI build, moto_server) as jest.config.js; a reporter prints the summary table at the end.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["<rootDir>/test/reliability/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  reporters: ["default", "<rootDir>/test/reliability/support/summary-reporter.js"],
  testTimeout: 240_000,
};
