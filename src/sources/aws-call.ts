import { setTimeout as sleep } from "node:timers/promises";
import { awsErrorInfo } from "../shipping/aws-client";
import { backoffDelay, type BackoffPolicy } from "../shipping/backoff";
import { SourceError } from "./errors";

/** How an AWS source calls its service. */
export interface AwsCallPolicy {
  readonly backoff: BackoffPolicy;
  /** Attempts per call for throttling, 5xx and network failures. */
  readonly maxAttempts: number;
  /** AWS error names that mean "the thing read does not exist" (`ResourceNotFoundException`, `NoSuchKey`). */
  readonly notFound: ReadonlySet<string>;
  /** The permission to name when the call is refused, e.g. `logs:FilterLogEvents` or `s3:GetObject`. */
  readonly permission: (what: string) => string;
}

/**
 * One AWS call of a source, with retries on throttling, 5xx and network failures (backoff with jitter); other
 * errors become a `SourceError`: `not-found`, `auth` (refused credentials or permission, with the permission to
 * check), `unavailable` (still failing after the retries) or `other`. `where` and `what` start the message.
 */
export async function awsCall<T>(
  fn: () => Promise<T>,
  where: string,
  what: string,
  policy: AwsCallPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const info = awsErrorInfo(err);
      const message = `${where}: ${what}: ${info.message}`;
      if (info.retryable && attempt < policy.maxAttempts) {
        await sleep(Math.max(1, backoffDelay(policy.backoff, attempt)));
        continue;
      }
      if (policy.notFound.has(info.name)) throw new SourceError("not-found", message, { cause: err });
      if (
        /AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken|Unauthorized|InvalidAccessKeyId|SignatureDoesNotMatch/.test(
          info.name,
        )
      ) {
        throw new SourceError(
          "auth",
          `${message}; check the credentials and ${policy.permission(what)} permission`,
          {
            status: info.status,
            cause: err,
          },
        );
      }
      throw new SourceError(
        info.retryable ? "unavailable" : "other",
        info.retryable ? `${message} (gave up after ${attempt} attempts)` : message,
        { status: info.status, retryable: info.retryable, cause: err },
      );
    }
  }
}
