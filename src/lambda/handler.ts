/**
 * The reconciler's AWS Lambda entry point (bundled by the construct into `index.js`, next to
 * `logshipper.config.json`). See `runtime.ts` for what an invocation does, and docs/aws-runtime.md.
 */
import { createHandler, type Handler } from "./runtime";

export type { HandlerResult, LambdaContext } from "./runtime";

/** `handler(event, context)`: event `{ "shipper"?: "<id>", "hop"?: <n> }`. */
export const handler: Handler = createHandler();
