// The reliability and security suite alone (`npm run test:reliability`): crash and resume, faulty destinations,
// concurrent applies, corrupt state, hostile input, secrets and transport security. `npm test` runs it too, after
// the other tests (see jest.config.js, whose reliability project this is).
const all = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...all,
  projects: all.projects.filter((p) => p.displayName === "reliability"),
};
