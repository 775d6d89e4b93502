/* eslint-disable */
/**
 * GENERATED from schemas/state.schema.json by json-schema-to-typescript. Do not edit by hand:
 * change the schema and run `npm run generate`.
 */

/**
 * A file state store's document: the offsets of one shipper, one per offsetKey and exporter.
 */
export interface StateFile {
  version: 1;
  shipper: string;
  /**
   * Keyed by `<offsetKey>/<exporterId>`.
   */
  offsets: {
    [k: string]: OffsetRecord | undefined;
  };
}
/**
 * This interface was referenced by `StateFile`'s JSON-Schema
 * via the `definition` "offsetRecord".
 */
export interface OffsetRecord {
  cursor: StoredCursor;
  updatedAt: string;
  configHash: string;
  exporterType?: string;
  shipped: number;
  rejected: number;
}
export interface StoredCursor {
  ts: string;
  key: string;
}
/**
 * A stored slice plan (scale-out): at most one open per shipper and offsetKey.
 *
 * This interface was referenced by `StateFile`'s JSON-Schema
 * via the `definition` "slicePlan".
 */
export interface SlicePlanRecord {
  version: 1;
  shipper: string;
  offsetKey: string;
  runId: string;
  createdAt: string;
  owner: string;
  leaseToken: number;
  to: string;
  exporters: {
    id: string;
    configHash: string;
    start: StoredCursor;
  }[];
  slices: SliceSpecRecord[];
  maxConcurrency: number;
}
export interface SliceSpecRecord {
  id: string;
  index: number;
  bucket: number;
  from: string;
  until: string;
  estimate: number | null;
  groups?: string[];
  /**
   * Opaque source-specific JSON.
   */
  hint?: {
    [k: string]: unknown | undefined;
  };
}
/**
 * One exporter's progress in one slice of a plan.
 *
 * This interface was referenced by `StateFile`'s JSON-Schema
 * via the `definition` "sliceProgress".
 */
export interface SliceProgressRecord {
  cursor?: StoredCursor;
  done: boolean;
  failed?: boolean;
  shipped: number;
  rejected: number;
  uncertain: number;
  updatedAt: string;
  error?: string;
  token?: number;
  /**
   * The part of the counts written under `token` (this run), for its report.
   */
  run?: {
    shipped: number;
    rejected: number;
    uncertain: number;
  };
}
