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
