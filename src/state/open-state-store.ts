import { LogShipperError } from "../core/errors";
import { FileStateStore } from "./file-state-store";
import type { StateStore } from "./state-store";

/** The default state location of the CLI. */
export const DEFAULT_STATE_DIR = "./.logshipper/state";

/**
 * Opens the state store that a `--state` value names: a directory path (default `./.logshipper/state`) or
 * `dynamodb://TABLE[?region=R]` (region default: `AWS_REGION`, then `AWS_DEFAULT_REGION`; endpoint: `AWS_ENDPOINT_URL`
 * when set, for LocalStack or moto).
 */
export async function openStateStore(
  location: string = DEFAULT_STATE_DIR,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StateStore> {
  if (location.startsWith("dynamodb://")) {
    // loaded on demand: the CLI only pays for the AWS SDK when it uses DynamoDB
    const { DynamoDbStateStore, parseDynamoDbLocation } = await import("./dynamodb-state-store.js");
    return new DynamoDbStateStore({ ...parseDynamoDbLocation(location), env });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new LogShipperError(
      "STATE_LOCATION",
      `--state ${location}: unknown scheme; use a directory or dynamodb://TABLE[?region=R]`,
    );
  }
  return new FileStateStore(location);
}
