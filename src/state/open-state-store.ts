import { LogShipperError } from "../core/errors";
import { FileStateStore } from "./file-state-store";
import type { StateStore } from "./state-store";

/** The default state location of the CLI. */
export const DEFAULT_STATE_DIR = "./.logshipper/state";

/**
 * Opens the state store that a `--state` value names: a directory path (default `./.logshipper/state`) or
 * `dynamodb://TABLE[?region=R]`.
 */
export async function openStateStore(location: string = DEFAULT_STATE_DIR): Promise<StateStore> {
  if (location.startsWith("dynamodb://")) {
    throw new LogShipperError(
      "STATE_LOCATION",
      `--state ${location}: the DynamoDB state store is not available in this build`,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new LogShipperError(
      "STATE_LOCATION",
      `--state ${location}: unknown scheme; use a directory or dynamodb://TABLE[?region=R]`,
    );
  }
  return new FileStateStore(location);
}
