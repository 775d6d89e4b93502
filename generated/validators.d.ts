/* eslint-disable */
// GENERATED from schemas/*.schema.json by scripts/generate-types.ts (Ajv standalone code). Do not edit by hand:
// change a schema and run `npm run generate`.
import type { ValidateFunction } from "ajv";

/** Validates against https://log-shipper.dev/schemas/config.schema.json. */
export declare const config: ValidateFunction;
/** Validates against https://log-shipper.dev/schemas/config.schema.json#/$defs/kestraLogShipperTask. */
export declare const kestraTask: ValidateFunction;
/** Validates against https://log-shipper.dev/schemas/config.schema.json#/$defs/source. */
export declare const source: ValidateFunction;
/** Validates against https://log-shipper.dev/schemas/report.schema.json#/$defs/planReport. */
export declare const planReport: ValidateFunction;
/** Validates against https://log-shipper.dev/schemas/report.schema.json#/$defs/applyReport. */
export declare const applyReport: ValidateFunction;
/** Validates against https://log-shipper.dev/schemas/state.schema.json#/$defs/offsetRecord. */
export declare const offsetRecord: ValidateFunction;
/** Validates against https://log-shipper.dev/schemas/state.schema.json. */
export declare const stateFile: ValidateFunction;
