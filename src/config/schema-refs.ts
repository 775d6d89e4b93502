import type { Options } from "ajv";

/**
 * How the schemas are validated: the Ajv options and the schema references that get a validator. Shared by
 * `scripts/generate-types.ts`, which compiles the validators ahead of time into `generated/validators.js`, and
 * `schema.ts`, which uses them.
 */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  discriminator: true,
  strict: true,
  allowUnionTypes: true,
  verbose: true,
};

const CONFIG = "https://log-shipper.dev/schemas/config.schema.json";
const REPORT = "https://log-shipper.dev/schemas/report.schema.json";
const STATE = "https://log-shipper.dev/schemas/state.schema.json";

/** The validators, by export name, and the schema each one checks. */
export const VALIDATOR_REFS = {
  config: CONFIG,
  kestraTask: `${CONFIG}#/$defs/kestraLogShipperTask`,
  source: `${CONFIG}#/$defs/source`,
  planReport: `${REPORT}#/$defs/planReport`,
  applyReport: `${REPORT}#/$defs/applyReport`,
  offsetRecord: `${STATE}#/$defs/offsetRecord`,
  stateFile: STATE,
} as const;
