import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";

/** The environment of a child `logshipper` that uses moto's DynamoDB (set only there, never in this process). */
export function dynamoEnv(): NodeJS.ProcessEnv {
  const endpoint = process.env.MOTO_ENDPOINT;
  if (endpoint === undefined)
    throw new Error("MOTO_ENDPOINT is not set (the global setup starts moto_server)");
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** A DynamoDB client on moto, with the endpoint given explicitly. */
export function dynamoClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: process.env.MOTO_ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}

/** A CloudWatch Logs client on moto, with the endpoint given explicitly. */
export function cloudWatchClient(): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint: process.env.MOTO_ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}

/** Creates a state table of the documented layout (partition key `shipper`, sort key `item`). */
export async function createStateTable(client: DynamoDBClient, table: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "shipper", AttributeType: "S" },
        { AttributeName: "item", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "shipper", KeyType: "HASH" },
        { AttributeName: "item", KeyType: "RANGE" },
      ],
    }),
  );
}

/** The offset item of `shipper/offsetKey/exporter`, or undefined. */
export async function getOffsetItem(
  client: DynamoDBClient,
  table: string,
  shipper: string,
  offsetKey: string,
  exporter: string,
): Promise<Record<string, AttributeValue> | undefined> {
  const out = await client.send(
    new GetItemCommand({
      TableName: table,
      Key: { shipper: { S: shipper }, item: { S: `offset#${offsetKey}#${exporter}` } },
      ConsistentRead: true,
    }),
  );
  return out.Item;
}

/** Writes an item as it is (to plant a wrong shape). */
export async function putItem(
  client: DynamoDBClient,
  table: string,
  item: Record<string, AttributeValue>,
): Promise<void> {
  await client.send(new PutItemCommand({ TableName: table, Item: item }));
}

/** `ts key` of an offset item's cursor, for ordering samples. */
export function cursorOf(item: Record<string, AttributeValue> | undefined): string | undefined {
  const c = item?.cursor?.M;
  return c?.ts?.S !== undefined ? `${c.ts.S} ${c.key?.S ?? ""}` : undefined;
}

/**
 * Moves a shipper's lease expiry into the past, as if its TTL (60 s) had run out: what the next run finds after a
 * crashed holder, without waiting. The takeover is then the store's own expired-lease path.
 */
export async function expireLease(client: DynamoDBClient, table: string, shipper: string): Promise<void> {
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { shipper: { S: shipper }, item: { S: "lease" } },
        UpdateExpression: "SET expiresAt = :past",
        ConditionExpression: "attribute_exists(expiresAt)",
        ExpressionAttributeValues: { ":past": { N: String(Date.now() - 1) } },
      }),
    );
  } catch (err) {
    if ((err as Error).name !== "ConditionalCheckFailedException") throw err;
  }
}
