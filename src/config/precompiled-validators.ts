import type { ValidateFunction } from "ajv";

/**
 * Schema validators compiled at build time, by schema ref. Empty in the source tree (tests and tsx compile the
 * schemas at first use); the bundles replace this module with ajv standalone code (scripts/build.js), so that a
 * cold start (a Lambda invocation, a CLI command) does not spend about 0.4 s of CPU compiling the config schema.
 */
export const PRECOMPILED: Readonly<Record<string, ValidateFunction>> = {};
