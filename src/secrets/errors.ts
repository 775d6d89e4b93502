import { LogShipperError } from "../core/errors";

/** A secret that cannot be read: missing, malformed, or not permitted. The message never holds the value. */
export class SecretError extends LogShipperError {
  readonly secretName: string;

  constructor(secretName: string, message: string, options?: { cause?: unknown }) {
    super("SECRET_UNRESOLVABLE", message, options);
    this.secretName = secretName;
  }
}
