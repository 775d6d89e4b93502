import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type {
  AttributeValue,
  CancellationReason,
  DynamoDBClient,
  TransactWriteItem,
  KeySchemaElement,
} from "@aws-sdk/client-dynamodb";
import { validateOffsetRecord } from "../config/schema";
import {
  awsClientConfig,
  awsErrorName,
  LazyAwsClient,
  type AwsClientOptions,
} from "../core/aws-client-options";
import { compareCursor, type Cursor } from "../core/cursor";
import { LogShipperError } from "../core/errors";
import type { ProgressEntry, SlicePlan, SliceProgress } from "../reconcile/slices";
import { DynamoDbSliceState } from "./dynamodb-slice-state";
import {
  CursorRegressionError,
  LeaseLostError,
  LockHeldError,
  StaleCursorError,
  StateCorruptError,
} from "./errors";
import {
  describeRef,
  showCursor,
  type Lease,
  type LeaseOptions,
  type OffsetRecord,
  type OffsetRef,
  type SliceRef,
  type SliceState,
  type StateStore,
  type StoredOffset,
} from "./state-store";

/** Partition key attribute: the shipper id (so IAM can fence a shipper with `dynamodb:LeadingKeys`). */
export const PARTITION_KEY = "shipper";
/** Sort key attribute: `offset#<offsetKey>#<exporterId>` or `lease`. */
export const SORT_KEY = "item";
/** Sort key of a shipper's lease item. */
export const LEASE_ITEM = "lease";
const OFFSET_PREFIX = "offset#";

/** Sort key of an offset item. */
export function offsetItemKey(ref: Pick<OffsetRef, "offsetKey" | "exporter">): string {
  return `${OFFSET_PREFIX}${ref.offsetKey}#${ref.exporter}`;
}

/** Where a DynamoDB state lives, and how to reach it. */
export interface DynamoDbStateStoreOptions extends AwsClientOptions {
  readonly table: string;
  /** An SDK client to use instead of creating one (it is then not destroyed by `close`). */
  readonly client?: DynamoDBClient;
  /** How long `init` waits for the table to become ACTIVE. Default 5 minutes. */
  readonly initTimeoutMs?: number;
}

type Item = Record<string, AttributeValue>;
type Sdk = typeof import("@aws-sdk/client-dynamodb");

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
/** Attempts for writes that DynamoDB cancels because a concurrent write touched the same item. */
const CONFLICT_ATTEMPTS = 6;

/**
 * Parses `dynamodb://TABLE[?region=R]`. Throws a `LogShipperError` naming what is wrong.
 */
export function parseDynamoDbLocation(location: string): { table: string; region?: string } {
  const m = /^dynamodb:\/\/([^?/]*)\/?(?:\?(.*))?$/.exec(location);
  const table = m?.[1] ?? "";
  if (m === null || !TABLE_NAME.test(table)) {
    throw new LogShipperError(
      "STATE_LOCATION",
      `--state ${location}: expected dynamodb://TABLE[?region=R] with a table name of 3-255 characters among A-Z a-z 0-9 _ . -`,
    );
  }
  let region: string | undefined;
  for (const [key, value] of new URLSearchParams(m[2] ?? "")) {
    if (key === "region" && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) region = value;
    else
      throw new LogShipperError(
        "STATE_LOCATION",
        key === "region"
          ? `--state ${location}: ${JSON.stringify(value)} is not an AWS region name (e.g. eu-west-1)`
          : `--state ${location}: unknown parameter ${JSON.stringify(key)}; only ?region=R is supported`,
      );
  }
  return region !== undefined ? { table, region } : { table };
}

/**
 * Offsets in a DynamoDB table (partition key `shipper`, sort key `item`, on-demand): one item per shipper ×
 * offsetKey × exporter, plus one lease item per shipper.
 *
 * - Every commit is a conditional write on the cursor the writer read (`attribute_not_exists` for the first), so a
 *   stale writer fails with `StaleCursorError` and nothing moves backwards (`CursorRegressionError`).
 * - A commit made under a lease is a `TransactWriteItems` of that put and a conditional update of the lease item
 *   (owner and fencing token unchanged): a writer whose lease was taken over cannot commit (`LeaseLostError`).
 *   An update rather than a `ConditionCheck`, because `ConditionCheck` needs `dynamodb:ConditionCheckItem`, which
 *   the runtime's IAM policy does not grant; the update also extends the lease.
 * - An item with the wrong shape is reported as `StateCorruptError` and never overwritten by a commit.
 *
 * The SDK is imported on first use, so the CLI only loads it when `--state dynamodb://...` is used.
 */
export class DynamoDbStateStore implements StateStore, SliceState {
  readonly table: string;
  private readonly options: DynamoDbStateStoreOptions;
  private readonly dynamodb: LazyAwsClient<Sdk, DynamoDBClient>;
  private readonly slices: DynamoDbSliceState;

  constructor(options: DynamoDbStateStoreOptions) {
    if (!TABLE_NAME.test(options.table))
      throw new LogShipperError(
        "STATE_LOCATION",
        `invalid DynamoDB table name ${JSON.stringify(options.table)}`,
      );
    this.table = options.table;
    this.options = options;
    this.dynamodb = new LazyAwsClient<Sdk, DynamoDBClient>(
      () => import("@aws-sdk/client-dynamodb"),
      (sdk) => new sdk.DynamoDBClient(awsClientConfig("dynamodb", options)),
      options.client,
    );
    this.slices = new DynamoDbSliceState(
      this,
      this.table,
      () => this.dynamodb.get(),
      () => this.describe(),
    );
  }

  getSlicePlan(shipper: string, offsetKey: string): Promise<SlicePlan | undefined> {
    return this.slices.getSlicePlan(shipper, offsetKey);
  }

  putSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    return this.slices.putSlicePlan(plan, lease);
  }

  deleteSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    return this.slices.deleteSlicePlan(plan, lease);
  }

  listSliceProgress(shipper: string, runId: string): Promise<ProgressEntry[]> {
    return this.slices.listSliceProgress(shipper, runId);
  }

  commitSliceProgress(
    ref: SliceRef,
    expected: Cursor | undefined,
    next: SliceProgress,
    lease: Lease,
  ): Promise<void> {
    return this.slices.commitSliceProgress(ref, expected, next, lease);
  }

  attachLease(shipper: string, owner: string, token: number, ttlMs: number): Lease {
    return this.slices.attachLease(shipper, owner, token, ttlMs);
  }

  describe(): string {
    return `dynamodb://${this.table}${this.options.region !== undefined ? `?region=${this.options.region}` : ""}`;
  }

  async get(ref: OffsetRef): Promise<OffsetRecord | undefined> {
    const { sdk, client } = await this.dynamodb.get();
    const out = await client.send(
      new sdk.GetItemCommand({
        TableName: this.table,
        Key: this.key(ref.shipper, offsetItemKey(ref)),
        ConsistentRead: true,
      }),
    );
    return out.Item === undefined ? undefined : this.parseOffset(out.Item).record;
  }

  async list(shipper?: string): Promise<StoredOffset[]> {
    const items = shipper !== undefined ? await this.queryOffsets(shipper) : await this.scanOffsets();
    const order = (o: StoredOffset): string => `${o.shipper}\u0000${offsetItemKey(o)}`;
    return items
      .map((item) => this.parseOffset(item))
      .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  async commit(
    ref: OffsetRef,
    expected: Cursor | undefined,
    next: OffsetRecord,
    lease?: Lease,
  ): Promise<void> {
    if (expected !== undefined && compareCursor(next.cursor, expected) < 0) {
      throw new CursorRegressionError(describeRef(ref), showCursor(expected), showCursor(next.cursor));
    }
    const { sdk, client } = await this.dynamodb.get();
    const put = {
      TableName: this.table,
      Item: this.offsetItem(ref, next),
      ...cursorCondition(expected),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
    };
    if (lease === undefined) {
      try {
        await client.send(new sdk.PutItemCommand(put));
      } catch (err) {
        if (awsErrorName(err) !== "ConditionalCheckFailedException") throw err;
        throw this.staleError(ref, expected, (err as { Item?: Item }).Item);
      }
      return;
    }
    if (!(lease instanceof DynamoDbLease) || lease.store !== this || lease.shipper !== ref.shipper) {
      throw new LogShipperError(
        "STATE_LEASE_MISMATCH",
        `commit of ${describeRef(ref)} under a lease that is not this table's lease on ${ref.shipper}`,
      );
    }
    await fencedTransaction({ sdk, client }, this.table, lease, [{ Put: put }], (old) =>
      this.staleError(ref, expected, old),
    );
  }

  async put(ref: OffsetRef, record: OffsetRecord): Promise<void> {
    const { sdk, client } = await this.dynamodb.get();
    await client.send(new sdk.PutItemCommand({ TableName: this.table, Item: this.offsetItem(ref, record) }));
  }

  async remove(ref: OffsetRef): Promise<boolean> {
    const { sdk, client } = await this.dynamodb.get();
    const out = await client.send(
      new sdk.DeleteItemCommand({
        TableName: this.table,
        Key: this.key(ref.shipper, offsetItemKey(ref)),
        ReturnValues: "ALL_OLD",
      }),
    );
    return out.Attributes !== undefined;
  }

  /**
   * Deletes every offset item of a shipper, even malformed ones (`logshipper state rm SHIPPER --all`). The lease
   * item is left alone: it may belong to a live run.
   */
  async removeShipper(shipper: string): Promise<boolean> {
    const { sdk, client } = await this.dynamodb.get();
    const items = await this.queryOffsets(shipper);
    await this.slices.removeShipper(shipper);
    for (const item of items) {
      await client.send(
        new sdk.DeleteItemCommand({
          TableName: this.table,
          Key: {
            [PARTITION_KEY]: item[PARTITION_KEY] as AttributeValue,
            [SORT_KEY]: item[SORT_KEY] as AttributeValue,
          },
        }),
      );
    }
    return items.length > 0;
  }

  async acquireLease(shipper: string, options: LeaseOptions): Promise<Lease> {
    const { sdk, client } = await this.dynamodb.get();
    const key = this.key(shipper, LEASE_ITEM);
    let holder = "another run";
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = (
        await client.send(new sdk.GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }))
      ).Item;
      const now = Date.now();
      const info = current !== undefined ? readLease(current) : undefined;
      let token = clockMicros();
      let condition: {
        ConditionExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues?: Item;
      };
      if (current === undefined) {
        condition = {
          ConditionExpression: "attribute_not_exists(#item)",
          ExpressionAttributeNames: { "#item": SORT_KEY },
        };
      } else if (info === undefined) {
        // a malformed lease item is treated as stale (as an unreadable lock file is), replaced only while still malformed
        condition = {
          ConditionExpression:
            "attribute_exists(#item) AND (attribute_not_exists(#owner) OR attribute_not_exists(#token) OR attribute_not_exists(#expiresAt) OR NOT attribute_type(#token, :n) OR NOT attribute_type(#expiresAt, :n) OR NOT attribute_type(#owner, :s))",
          ExpressionAttributeNames: { "#item": SORT_KEY, ...LEASE_NAMES },
          ExpressionAttributeValues: { ":n": { S: "N" }, ":s": { S: "S" } },
        };
      } else if (info.expiresAt > now) {
        holder = describeHolder(info);
        throw new LockHeldError(shipper, holder);
      } else {
        // expired: take it over, conditional on the old holder's token (two takers cannot both win)
        token = Math.max(token, info.token + 1);
        condition = {
          ConditionExpression: "#owner = :oldOwner AND #token = :oldToken",
          ExpressionAttributeNames: OWNER_NAMES,
          ExpressionAttributeValues: {
            ":oldOwner": { S: info.owner },
            ":oldToken": { N: String(info.token) },
          },
        };
      }
      try {
        await client.send(
          new sdk.PutItemCommand({
            TableName: this.table,
            Item: {
              ...key,
              owner: { S: options.owner },
              token: { N: String(token) },
              expiresAt: { N: String(now + options.ttlMs) },
              acquiredAt: { S: new Date(now).toISOString() },
            },
            ...condition,
          }),
        );
        return new DynamoDbLease(this, shipper, options.owner, token, options.ttlMs);
      } catch (err) {
        const name = awsErrorName(err);
        if (name === "ConditionalCheckFailedException" || name === "TransactionConflictException") continue; // raced; look again
        throw err;
      }
    }
    throw new LockHeldError(shipper, holder);
  }

  /**
   * Creates the table (partition key `shipper`, sort key `item`, on-demand) and waits until it is ACTIVE. An existing
   * table with the same key schema is accepted; one with another key schema is an error.
   */
  async init(): Promise<string> {
    const { sdk, client } = await this.dynamodb.get();
    let created = true;
    try {
      await client.send(
        new sdk.CreateTableCommand({
          TableName: this.table,
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [
            { AttributeName: PARTITION_KEY, KeyType: "HASH" },
            { AttributeName: SORT_KEY, KeyType: "RANGE" },
          ],
          AttributeDefinitions: [
            { AttributeName: PARTITION_KEY, AttributeType: "S" },
            { AttributeName: SORT_KEY, AttributeType: "S" },
          ],
        }),
      );
    } catch (err) {
      if (awsErrorName(err) !== "ResourceInUseException") throw err;
      created = false;
    }
    // poll DescribeTable ourselves: the SDK waiter's minimum delay is 20 s
    const until = Date.now() + (this.options.initTimeoutMs ?? 300_000);
    let delay = 100;
    for (;;) {
      const table = (await client.send(new sdk.DescribeTableCommand({ TableName: this.table }))).Table;
      if (!created) checkKeySchema(this.table, table?.KeySchema);
      if (table?.TableStatus === "ACTIVE")
        return created
          ? `Created DynamoDB table ${this.table} (partition key ${PARTITION_KEY}, sort key ${SORT_KEY}, on-demand).`
          : `DynamoDB table ${this.table} already exists with the expected key schema.`;
      if (Date.now() >= until)
        throw new LogShipperError(
          "STATE_INIT_TIMEOUT",
          `DynamoDB table ${this.table} is still ${table?.TableStatus ?? "unknown"}; run \`logshipper state init\` again later`,
        );
      await sleep(delay);
      delay = Math.min(delay * 2, 2_000);
    }
  }

  close(): Promise<void> {
    return this.dynamodb.destroy();
  }

  /** @internal Extends a lease that is still held by this owner and token. */
  async renewLease(lease: DynamoDbLease): Promise<void> {
    const { sdk, client } = await this.dynamodb.get();
    try {
      await retryOnConflict(() =>
        client.send(
          new sdk.UpdateItemCommand({
            TableName: this.table,
            Key: this.key(lease.shipper, LEASE_ITEM),
            UpdateExpression: "SET #expiresAt = :expiresAt",
            ...leaseCondition(
              lease,
              { "#expiresAt": "expiresAt" },
              { ":expiresAt": { N: String(Date.now() + lease.ttlMs) } },
            ),
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        ),
      );
    } catch (err) {
      if (awsErrorName(err) !== "ConditionalCheckFailedException") throw err;
      throw new LeaseLostError(lease.shipper, describeLeaseLoss((err as { Item?: Item }).Item));
    }
  }

  /** @internal Deletes a lease only while it is still held by this owner and token. */
  async releaseLease(lease: DynamoDbLease): Promise<void> {
    const { sdk, client } = await this.dynamodb.get();
    try {
      await retryOnConflict(() =>
        client.send(
          new sdk.DeleteItemCommand({
            TableName: this.table,
            Key: this.key(lease.shipper, LEASE_ITEM),
            ...leaseCondition(lease, {}, {}),
          }),
        ),
      );
    } catch (err) {
      // no longer ours: nothing to release
      if (awsErrorName(err) !== "ConditionalCheckFailedException") throw err;
    }
  }

  private key(shipper: string, item: string): Item {
    return { [PARTITION_KEY]: { S: shipper }, [SORT_KEY]: { S: item } };
  }

  private offsetItem(ref: OffsetRef, record: OffsetRecord): Item {
    return {
      ...this.key(ref.shipper, offsetItemKey(ref)),
      offsetKey: { S: ref.offsetKey },
      exporter: { S: ref.exporter },
      cursor: { M: { ts: { S: record.cursor.ts }, key: { S: record.cursor.key } } },
      updatedAt: { S: record.updatedAt },
      configHash: { S: record.configHash },
      ...(record.exporterType !== undefined ? { exporterType: { S: record.exporterType } } : {}),
      shipped: { N: String(record.shipped) },
      rejected: { N: String(record.rejected) },
    };
  }

  private async queryOffsets(shipper: string): Promise<Item[]> {
    return queryByPrefix(await this.dynamodb.get(), this.table, shipper, OFFSET_PREFIX);
  }

  private async scanOffsets(): Promise<Item[]> {
    const { sdk, client } = await this.dynamodb.get();
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await client.send(
        new sdk.ScanCommand({
          TableName: this.table,
          FilterExpression: "begins_with(#sk, :prefix)",
          ExpressionAttributeNames: { "#sk": SORT_KEY },
          ExpressionAttributeValues: { ":prefix": { S: OFFSET_PREFIX } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  /** Reads an offset item; throws `StateCorruptError` for a wrong shape. */
  private parseOffset(item: Item): StoredOffset {
    const shipper = item[PARTITION_KEY]?.S ?? "";
    const sk = item[SORT_KEY]?.S ?? "";
    const where = `${this.describe()} (shipper ${JSON.stringify(shipper)}, item ${JSON.stringify(sk)})`;
    const offsetKey = item.offsetKey?.S;
    const exporter = item.exporter?.S;
    if (offsetKey === undefined || exporter === undefined)
      throw new StateCorruptError(where, "the offsetKey and exporter attributes must be strings");
    if (sk !== offsetItemKey({ offsetKey, exporter }))
      throw new StateCorruptError(
        where,
        `its sort key does not match offsetKey ${offsetKey} and exporter ${exporter}`,
      );
    const value = unmarshalItem(item);
    const record: Record<string, unknown> = {};
    for (const name of ["cursor", "updatedAt", "configHash", "exporterType", "shipped", "rejected"]) {
      if (name in value) record[name] = value[name];
    }
    const errors = validateOffsetRecord(record);
    if (errors.length > 0) {
      const e = errors[0];
      throw new StateCorruptError(
        where,
        `wrong shape at ${e?.instancePath || "/"}: ${e?.message ?? "invalid"}`,
      );
    }
    return { shipper, offsetKey, exporter, record: record as unknown as OffsetRecord };
  }

  private staleError(ref: OffsetRef, expected: Cursor | undefined, old: Item | undefined): Error {
    const found = old === undefined ? undefined : this.parseOffset(old).record.cursor;
    return new StaleCursorError(describeRef(ref), showCursor(expected), showCursor(found));
  }
}

/** A lease on one shipper, held in the table's `lease` item. */
export class DynamoDbLease implements Lease {
  constructor(
    /** @internal */ readonly store: DynamoDbStateStore,
    readonly shipper: string,
    readonly owner: string,
    readonly token: number,
    /** @internal */ readonly ttlMs: number,
  ) {}

  renew(): Promise<void> {
    return this.store.renewLease(this);
  }

  release(): Promise<void> {
    return this.store.releaseLease(this);
  }
}

const OWNER_NAMES = { "#owner": "owner", "#token": "token" } as const;
const LEASE_NAMES = { ...OWNER_NAMES, "#expiresAt": "expiresAt" } as const;

interface LeaseInfo {
  readonly owner: string;
  readonly token: number;
  readonly expiresAt: number;
  readonly acquiredAt?: string;
}

function readLease(item: Item): LeaseInfo | undefined {
  const owner = item.owner?.S;
  const token = Number(item.token?.N);
  const expiresAt = Number(item.expiresAt?.N);
  if (owner === undefined || item.token?.N === undefined || item.expiresAt?.N === undefined) return undefined;
  if (!Number.isSafeInteger(token) || !Number.isFinite(expiresAt)) return undefined;
  return { owner, token, expiresAt, acquiredAt: item.acquiredAt?.S };
}

function describeHolder(info: LeaseInfo): string {
  return `run ${info.owner} (fencing token ${info.token}${info.acquiredAt ? `, since ${info.acquiredAt}` : ""}, lease until ${new Date(info.expiresAt).toISOString()})`;
}

/** @internal Why a fenced write found the lease gone. */
export function describeLeaseLoss(old: Item | undefined): string {
  const info = old !== undefined ? readLease(old) : undefined;
  return info !== undefined
    ? `it is now held by ${describeHolder(info)}`
    : "the lease item is gone (released or removed)";
}

/** @internal "Still held by this owner and token", with the names and values of the update expression that goes with it. */
export function leaseCondition(
  lease: DynamoDbLease,
  names: Record<string, string>,
  values: Item,
): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Item;
} {
  return {
    ConditionExpression: "#owner = :owner AND #token = :token",
    ExpressionAttributeNames: { ...OWNER_NAMES, ...names },
    ExpressionAttributeValues: {
      ...values,
      ":owner": { S: lease.owner },
      ":token": { N: String(lease.token) },
    },
  };
}

/** @internal The compare-and-set condition on a `cursor` attribute. */
export function cursorCondition(expected: Cursor | undefined): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Item;
} {
  if (expected === undefined)
    return {
      ConditionExpression: "attribute_not_exists(#item)",
      ExpressionAttributeNames: { "#item": SORT_KEY },
    };
  return {
    ConditionExpression: "#cursor.#ts = :ts AND #cursor.#key = :key",
    ExpressionAttributeNames: { "#cursor": "cursor", "#ts": "ts", "#key": "key" },
    ExpressionAttributeValues: { ":ts": { S: expected.ts }, ":key": { S: expected.key } },
  };
}

function checkKeySchema(table: string, schema: KeySchemaElement[] | undefined): void {
  const hash = schema?.find((k) => k.KeyType === "HASH")?.AttributeName;
  const range = schema?.find((k) => k.KeyType === "RANGE")?.AttributeName;
  if (hash !== PARTITION_KEY || range !== SORT_KEY) {
    throw new LogShipperError(
      "STATE_TABLE_SCHEMA",
      `DynamoDB table ${table} exists with key schema (${hash ?? "none"}, ${range ?? "none"}); log-shipper needs partition key ${PARTITION_KEY} (S) and sort key ${SORT_KEY} (S). Use another table`,
    );
  }
}

/** @internal Plain values of an item, keeping unexpected attribute types visible to the shape check. */
export function unmarshalItem(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) out[name] = unmarshalValue(value);
  return out;
}

function unmarshalValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return unmarshalItem(value.M);
  if (value.L !== undefined) return value.L.map(unmarshalValue);
  // binary and set types never occur in an offset item: keep a marker that fails the shape check
  return { [`(DynamoDB ${Object.keys(value)[0] ?? "unknown"} attribute)`]: true };
}

/**
 * A new holder's fencing token: the wall clock in microseconds (below 2^53 until the year 2255), and above the
 * previous holder's token on a takeover. After a release (the item is deleted), the next token still exceeds the
 * released one unless clocks disagree; fencing compares owner and token for equality, so it never depends on that.
 */
function clockMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

/** @internal The per-item reasons of a cancelled transaction (empty for any other error). */
export function cancellationReasons(err: unknown): CancellationReason[] {
  if (awsErrorName(err) !== "TransactionCanceledException") return [];
  return (err as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

/**
 * Runs a write again (a few times, with jitter) when DynamoDB refused it only because a concurrent write or
 * transaction touched the same item: `TransactionConflictException` for a single write, a cancelled transaction
 * whose reasons hold a `TransactionConflict` and no failed condition. The SDK does not retry either.
 */
export async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const reasons = cancellationReasons(err).map((r) => r.Code);
      const conflict =
        awsErrorName(err) === "TransactionConflictException" ||
        (reasons.includes("TransactionConflict") && !reasons.includes("ConditionalCheckFailed"));
      if (!conflict || attempt >= CONFLICT_ATTEMPTS) throw err;
      await sleep(randomInt(10, 20 + 40 * attempt));
    }
  }
}

/** Every item of a shipper's partition whose sort key starts with `prefix` (a consistent, paged `Query`). */
export async function queryByPrefix(
  { sdk, client }: { readonly sdk: Sdk; readonly client: DynamoDBClient },
  table: string,
  shipper: string,
  prefix: string,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await client.send(
      new sdk.QueryCommand({
        TableName: table,
        KeyConditionExpression: "#pk = :shipper AND begins_with(#sk, :prefix)",
        ExpressionAttributeNames: { "#pk": PARTITION_KEY, "#sk": SORT_KEY },
        ExpressionAttributeValues: { ":shipper": { S: shipper }, ":prefix": { S: prefix } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

/**
 * Runs `writes` in one `TransactWriteItems` with a conditional update of `lease`'s item (owner and fencing token
 * unchanged; expiry extended, `lastCommitAt` set), retried on a transaction conflict. A failed lease condition is
 * a `LeaseLostError`; a failed condition of one of `writes` is `conflict(the old item of that write)`.
 */
export async function fencedTransaction(
  { sdk, client }: { readonly sdk: Sdk; readonly client: DynamoDBClient },
  table: string,
  lease: DynamoDbLease,
  writes: TransactWriteItem[],
  conflict: (old: Item | undefined) => Error,
): Promise<void> {
  const now = Date.now();
  const update: TransactWriteItem = {
    Update: {
      TableName: table,
      Key: { [PARTITION_KEY]: { S: lease.shipper }, [SORT_KEY]: { S: LEASE_ITEM } },
      UpdateExpression: "SET #expiresAt = :expiresAt, #lastCommitAt = :now",
      ...leaseCondition(
        lease,
        { "#expiresAt": "expiresAt", "#lastCommitAt": "lastCommitAt" },
        { ":expiresAt": { N: String(now + lease.ttlMs) }, ":now": { N: String(now) } },
      ),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
  try {
    await retryOnConflict(() =>
      client.send(new sdk.TransactWriteItemsCommand({ TransactItems: [...writes, update] })),
    );
  } catch (err) {
    const reasons = cancellationReasons(err);
    const leaseReason = reasons[writes.length];
    if (leaseReason?.Code === "ConditionalCheckFailed")
      throw new LeaseLostError(lease.shipper, describeLeaseLoss(leaseReason.Item));
    const failed = reasons.findIndex((r) => r.Code === "ConditionalCheckFailed");
    if (failed >= 0) throw conflict(reasons[failed]?.Item);
    throw err;
  }
}
