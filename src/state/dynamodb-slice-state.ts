import type { AttributeValue, DynamoDBClient, TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { awsErrorName } from "../core/aws-client-options";
import { compareCursor, type Cursor } from "../core/cursor";
import { LogShipperError } from "../core/errors";
import type { ProgressEntry, SlicePlan, SliceProgress } from "../reconcile/slices";
import {
  DynamoDbLease,
  fencedTransaction,
  PARTITION_KEY,
  queryByPrefix,
  SORT_KEY,
  unmarshalItem,
  type DynamoDbStateStore,
} from "./dynamodb-state-store";
import { CursorRegressionError, LeaseLostError, SlicePlanExistsError, StateCorruptError } from "./errors";
import {
  checkProgressCas,
  cleanProgress,
  parseSlicePlan,
  parseSliceProgress,
  planRecord,
} from "./slice-records";
import { describeSliceRef, showCursor, type Lease, type SliceRef, type SliceState } from "./state-store";

type Item = Record<string, AttributeValue>;
type Sdk = typeof import("@aws-sdk/client-dynamodb");

/** Sort key of a shipper × offsetKey's open plan. */
export function planItemKey(offsetKey: string): string {
  return `plan#${offsetKey}`;
}

/** Sort key of a progress record. */
export function sliceItemKey(ref: Pick<SliceRef, "runId" | "sliceId" | "exporter">): string {
  return `slice#${ref.runId}#${ref.sliceId}#${ref.exporter}`;
}

/** Progress items written per transaction when a plan is deleted (100 items at most, one is the lease). */
const DELETE_CHUNK = 99;

/**
 * Slice plans and progress in the DynamoDB state table (see `SliceState`), in the shipper's partition, so the
 * Lambda's IAM policy (leading keys = its shipper ids) covers them:
 *
 * - `plan#<offsetKey>`: the open plan, its JSON in attribute `plan` (an item holds 400 KB: about 2 000 slices
 *   without hints), created only when absent (or when the same run id resumes it);
 * - `slice#<runId>#<sliceId>#<exporter>`: one item per progress record, with a native `cursor` map for the
 *   compare-and-set.
 *
 * Plans are written and deleted by a `TransactWriteItems` with a conditional update of the lease item (owner and
 * fencing token unchanged, expiry extended), like offset commits. Progress commits are not: every slice worker
 * commits after each batch, and transactions that all touch the one lease item conflict with each other
 * (`TransactionConflict`) once a few workers run at once. A progress commit is a single conditional `PutItem`
 * instead: the compare-and-set on its cursor, and never over a record written by a later run (a higher fencing
 * token; tokens grow with every takeover). A progress record only ever states what the destination acknowledged,
 * so a writer whose lease lapsed cannot make it lie; the watermark itself moves only by fenced offset commits.
 */
export class DynamoDbSliceState implements SliceState {
  constructor(
    private readonly store: DynamoDbStateStore,
    private readonly table: string,
    private readonly client: () => Promise<{ sdk: Sdk; client: DynamoDBClient }>,
    private readonly where: () => string,
  ) {}

  async getSlicePlan(shipper: string, offsetKey: string): Promise<SlicePlan | undefined> {
    const { sdk, client } = await this.client();
    const out = await client.send(
      new sdk.GetItemCommand({
        TableName: this.table,
        Key: this.key(shipper, planItemKey(offsetKey)),
        ConsistentRead: true,
      }),
    );
    return out.Item === undefined ? undefined : this.parsePlan(out.Item);
  }

  async putSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    const put: TransactWriteItem = {
      Put: {
        TableName: this.table,
        Item: {
          ...this.key(plan.shipper, planItemKey(plan.offsetKey)),
          runId: { S: plan.runId },
          plan: { S: JSON.stringify(planRecord(plan)) },
        },
        ConditionExpression: "attribute_not_exists(#item) OR #runId = :runId",
        ExpressionAttributeNames: { "#item": SORT_KEY, "#runId": "runId" },
        ExpressionAttributeValues: { ":runId": { S: plan.runId } },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      },
    };
    await this.fenced(plan.shipper, lease, [put], (item) => {
      const runId = item?.runId?.S ?? "another run";
      return new SlicePlanExistsError(plan.shipper, plan.offsetKey, runId);
    });
  }

  async deleteSlicePlan(plan: SlicePlan, lease: Lease): Promise<void> {
    const items = await this.queryPrefix(plan.shipper, `slice#${plan.runId}#`);
    for (let i = 0; i < items.length; i += DELETE_CHUNK) {
      const deletes = items.slice(i, i + DELETE_CHUNK).map((item): TransactWriteItem => ({
        Delete: {
          TableName: this.table,
          Key: this.key(plan.shipper, item[SORT_KEY]?.S ?? ""),
        },
      }));
      await this.fenced(plan.shipper, lease, deletes, () => new Error("unreachable"));
    }
    const del: TransactWriteItem = {
      Delete: { TableName: this.table, Key: this.key(plan.shipper, planItemKey(plan.offsetKey)) },
    };
    await this.fenced(plan.shipper, lease, [del], () => new Error("unreachable"));
  }

  async listSliceProgress(shipper: string, runId: string): Promise<ProgressEntry[]> {
    const items = await this.queryPrefix(shipper, `slice#${runId}#`);
    return items.map((item) => {
      const sk = item[SORT_KEY]?.S ?? "";
      const [, , sliceId = "", exporter = ""] = sk.split("#");
      return { sliceId, exporter, progress: this.parseProgress(shipper, item) };
    });
  }

  async commitSliceProgress(
    ref: SliceRef,
    expected: Cursor | undefined,
    next: SliceProgress,
    lease: Lease,
  ): Promise<void> {
    if (expected !== undefined && (next.cursor === undefined || compareCursor(next.cursor, expected) < 0))
      throw new CursorRegressionError(describeSliceRef(ref), showCursor(expected), showCursor(next.cursor));
    const held = this.checkLease(ref.shipper, lease);
    const cas =
      expected === undefined
        ? "(attribute_not_exists(#item) OR attribute_not_exists(#cursor))"
        : "(#cursor.#ts = :ts AND #cursor.#key = :key)";
    const { sdk, client } = await this.client();
    try {
      await client.send(
        new sdk.PutItemCommand({
          TableName: this.table,
          Item: {
            ...this.key(ref.shipper, sliceItemKey(ref)),
            ...progressAttributes({ ...next, token: held.token }),
          },
          // fenced per record: never over a record that a later run (a higher token) wrote
          ConditionExpression: `${cas} AND (attribute_not_exists(#token) OR #token <= :token)`,
          ExpressionAttributeNames: {
            "#cursor": "cursor",
            "#token": "token",
            ...(expected === undefined ? { "#item": SORT_KEY } : { "#ts": "ts", "#key": "key" }),
          },
          ExpressionAttributeValues: {
            ":token": { N: String(held.token) },
            ...(expected !== undefined ? { ":ts": { S: expected.ts }, ":key": { S: expected.key } } : {}),
          },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
    } catch (err) {
      if (awsErrorName(err) !== "ConditionalCheckFailedException") throw err;
      const old = (err as { Item?: Item }).Item;
      const current = old === undefined ? undefined : this.parseProgress(ref.shipper, old);
      if (current?.token !== undefined && current.token > held.token)
        throw new LeaseLostError(
          ref.shipper,
          `a later run (fencing token ${current.token}) took over slice ${ref.sliceId} of run ${ref.runId}`,
        );
      checkProgressCas(ref, current, expected, next);
      throw new Error(`progress ${describeSliceRef(ref)} changed concurrently`);
    }
  }

  attachLease(shipper: string, owner: string, token: number, ttlMs: number): Lease {
    return new DynamoDbLease(this.store, shipper, owner, token, ttlMs);
  }

  /** Deletes a shipper's plans and progress, unfenced (`logshipper state rm SHIPPER --all`). */
  async removeShipper(shipper: string): Promise<void> {
    const { sdk, client } = await this.client();
    for (const prefix of ["plan#", "slice#"])
      for (const item of await this.queryPrefix(shipper, prefix))
        await client.send(
          new sdk.DeleteItemCommand({
            TableName: this.table,
            Key: this.key(shipper, item[SORT_KEY]?.S ?? ""),
          }),
        );
  }

  /** The lease as this table's lease on `shipper`, or a typed error. */
  private checkLease(shipper: string, lease: Lease): DynamoDbLease {
    if (!(lease instanceof DynamoDbLease) || lease.store !== this.store || lease.shipper !== shipper)
      throw new LogShipperError(
        "STATE_LEASE_MISMATCH",
        `a slice write on ${shipper} under a lease that is not this table's lease on it`,
      );
    return lease;
  }

  /**
   * Runs `writes` in one transaction with the lease's conditional update. A failed lease condition is
   * `LeaseLostError`; a failed condition of write `i` is `conflict(old item of write i)`.
   */
  private async fenced(
    shipper: string,
    lease: Lease,
    writes: TransactWriteItem[],
    conflict: (old: Item | undefined) => Error,
  ): Promise<void> {
    const held = this.checkLease(shipper, lease);
    try {
      await fencedTransaction(await this.client(), this.table, held, writes, conflict);
    } catch (err) {
      if (awsErrorName(err) === "ConditionalCheckFailedException") throw conflict(undefined);
      throw err;
    }
  }

  private async queryPrefix(shipper: string, prefix: string): Promise<Item[]> {
    return queryByPrefix(await this.client(), this.table, shipper, prefix);
  }

  private key(shipper: string, item: string): Item {
    return { [PARTITION_KEY]: { S: shipper }, [SORT_KEY]: { S: item } };
  }

  private describeItem(item: Item): string {
    return `${this.where()} (shipper ${JSON.stringify(item[PARTITION_KEY]?.S ?? "")}, item ${JSON.stringify(item[SORT_KEY]?.S ?? "")})`;
  }

  private parsePlan(item: Item): SlicePlan {
    const where = this.describeItem(item);
    const text = item.plan?.S;
    if (text === undefined) throw new StateCorruptError(where, "the plan attribute must be a string");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new StateCorruptError(where, `the plan is not valid JSON (${(err as Error).message})`);
    }
    return parseSlicePlan(value, where);
  }

  private parseProgress(shipper: string, item: Item): SliceProgress {
    const value = unmarshalItem(item);
    delete value[PARTITION_KEY];
    delete value[SORT_KEY];
    return parseSliceProgress(value, this.describeItem({ ...item, [PARTITION_KEY]: { S: shipper } }));
  }
}

/** A progress record as item attributes. */
function progressAttributes(p: SliceProgress): Item {
  const c = cleanProgress(p);
  return {
    ...(c.cursor !== undefined
      ? { cursor: { M: { ts: { S: c.cursor.ts }, key: { S: c.cursor.key } } } }
      : {}),
    done: { BOOL: c.done },
    ...(c.failed !== undefined ? { failed: { BOOL: c.failed } } : {}),
    shipped: { N: String(c.shipped) },
    rejected: { N: String(c.rejected) },
    uncertain: { N: String(c.uncertain) },
    updatedAt: { S: c.updatedAt },
    ...(c.error !== undefined ? { error: { S: c.error } } : {}),
    ...(c.token !== undefined ? { token: { N: String(c.token) } } : {}),
    ...(c.run !== undefined
      ? {
          run: {
            M: {
              shipped: { N: String(c.run.shipped) },
              rejected: { N: String(c.run.rejected) },
              uncertain: { N: String(c.run.uncertain) },
              ...(c.run.read !== undefined ? { read: { N: String(c.run.read) } } : {}),
            },
          },
        }
      : {}),
  };
}
