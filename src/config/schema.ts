import type { default as Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020";
import configSchema from "../../schemas/config.schema.json";
import stateSchema from "../../schemas/state.schema.json";
import ajvOptions from "./ajv-options.json";
import { PRECOMPILED } from "./precompiled-validators";

const CONFIG_ID = configSchema.$id;

/** The report schema, read on first use: only report validation (tests, tools) needs it, never a run. */
function reportSchema(): typeof import("../../schemas/report.schema.json") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../schemas/report.schema.json") as typeof import("../../schemas/report.schema.json");
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (ajv === undefined) {
    // loaded on first use: the bundles' validators are precompiled, so a run that needs no other one never evaluates
    // ajv's compiler (about 80 modules, ~1 MiB of heap at rest)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require("ajv/dist/2020") as typeof import("ajv/dist/2020")).default;
    // the options live in ajv-options.json: the build precompiles the bundles' validators with the same ones
    ajv = new Ajv(ajvOptions);
    ajv.addSchema(configSchema);
    ajv.addSchema(reportSchema());
    ajv.addSchema(stateSchema);
  }
  return ajv;
}

function validator(ref: string): ValidateFunction {
  let fn = compiled.get(ref) ?? PRECOMPILED[ref];
  if (fn === undefined) {
    const found = instance().getSchema(ref);
    if (found === undefined) throw new Error(`schema not found: ${ref}`);
    fn = found;
    compiled.set(ref, fn);
  }
  return fn;
}

/** The JSON-Schema validation errors of a value, or an empty list when it is valid. */
export type SchemaErrors = ErrorObject[];

function run(ref: string, value: unknown): SchemaErrors {
  const fn = validator(ref);
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

/** Validates a native config document (`{ shippers: [...] }`). */
export function validateNativeConfig(value: unknown): SchemaErrors {
  return run(CONFIG_ID, value);
}

/** Validates one Kestra `LogShipper` task taken from a flow. */
export function validateKestraTask(value: unknown): SchemaErrors {
  return run(`${CONFIG_ID}#/$defs/kestraLogShipperTask`, value);
}

/** Validates a source object (used for `--source` overrides). */
export function validateSource(value: unknown): SchemaErrors {
  return run(`${CONFIG_ID}#/$defs/source`, value);
}

/** Validates a `plan --json` report. */
export function validatePlanReport(value: unknown): SchemaErrors {
  return run(`${reportSchema().$id}#/$defs/planReport`, value);
}

/** Validates an `apply --json` report. */
export function validateApplyReport(value: unknown): SchemaErrors {
  return run(`${reportSchema().$id}#/$defs/applyReport`, value);
}

/** Validates one stored offset record (file state and DynamoDB items share this shape). */
export function validateOffsetRecord(value: unknown): SchemaErrors {
  return run(`${stateSchema.$id}#/$defs/offsetRecord`, value);
}

/** Validates a stored slice plan (scale-out; file state and DynamoDB items share this shape). */
export function validateSlicePlan(value: unknown): SchemaErrors {
  return run(`${stateSchema.$id}#/$defs/slicePlan`, value);
}

/** Validates a stored slice progress record. */
export function validateSliceProgress(value: unknown): SchemaErrors {
  return run(`${stateSchema.$id}#/$defs/sliceProgress`, value);
}

/** Validates a whole file-state document. */
export function validateStateFile(value: unknown): SchemaErrors {
  return run(stateSchema.$id, value);
}

/** The raw JSON Schema of the config, for tools that read it (exporter type lists, docs). */
export const CONFIG_SCHEMA = configSchema;
