import type { ErrorObject, ValidateFunction } from "ajv";
import configSchema from "../../schemas/config.schema.json";
import * as validators from "../../generated/validators";

// The validators are compiled ahead of time by `npm run generate` (generated/validators.js, Ajv standalone code
// with the options in schema-refs.ts): compiling the schemas at start-up cost about 0.3 s of CPU per run.

/** The JSON-Schema validation errors of a value, or an empty list when it is valid. */
export type SchemaErrors = ErrorObject[];

function run(fn: ValidateFunction, value: unknown): SchemaErrors {
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

/** Validates a native config document (`{ shippers: [...] }`). */
export function validateNativeConfig(value: unknown): SchemaErrors {
  return run(validators.config, value);
}

/** Validates one Kestra `LogShipper` task taken from a flow. */
export function validateKestraTask(value: unknown): SchemaErrors {
  return run(validators.kestraTask, value);
}

/** Validates a source object (used for `--source` overrides). */
export function validateSource(value: unknown): SchemaErrors {
  return run(validators.source, value);
}

/** Validates a `plan --json` report. */
export function validatePlanReport(value: unknown): SchemaErrors {
  return run(validators.planReport, value);
}

/** Validates an `apply --json` report. */
export function validateApplyReport(value: unknown): SchemaErrors {
  return run(validators.applyReport, value);
}

/** Validates one stored offset record (file state and DynamoDB items share this shape). */
export function validateOffsetRecord(value: unknown): SchemaErrors {
  return run(validators.offsetRecord, value);
}

/** Validates a whole file-state document. */
export function validateStateFile(value: unknown): SchemaErrors {
  return run(validators.stateFile, value);
}

/** The raw JSON Schema of the config, for tools that read it (exporter type lists, docs). */
export const CONFIG_SCHEMA = configSchema;
