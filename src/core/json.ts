/** A JSON value (what `JSON.parse` returns), for opaque data kept in state or passed between processes. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
