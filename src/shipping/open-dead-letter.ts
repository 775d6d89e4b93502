import { LogShipperError } from "../core/errors";
import { FileDeadLetter, type DeadLetter } from "./dead-letter";

/** A dead-letter that may hold a client to release. */
export type ClosableDeadLetter = DeadLetter & { close?(): Promise<void> };

/**
 * Opens the dead-letter that a `--dead-letter` value names: a directory (JSON-lines files) or `s3://BUCKET`
 * (objects under `dead-letter/<shipper>/<exporter>/`). The AWS SDK is loaded only for the latter.
 */
export async function openDeadLetter(
  location: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClosableDeadLetter> {
  if (location.startsWith("s3://")) {
    const bucket = location.slice("s3://".length).replace(/\/+$/, "");
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new LogShipperError(
        "USAGE",
        `--dead-letter ${location}: expected s3://BUCKET (a bucket name, no key prefix: objects go under dead-letter/<shipper>/<exporter>/)`,
      );
    }
    const { S3DeadLetter } = await import("./s3-dead-letter.js");
    return new S3DeadLetter({ bucket, env });
  }
  return new FileDeadLetter(location);
}
