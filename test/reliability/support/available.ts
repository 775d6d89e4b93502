import { existsSync } from "node:fs";
import { join } from "node:path";
import { recordResult } from "./results";

const SRC = join(__dirname, "..", "..", "..", "src");

/**
 * Whether a part the suite depends on has landed in this build (decided from the source tree, because jest
 * collects tests synchronously). Scenarios that need a missing part are skipped and listed in the summary table
 * as `pending`, so the suite grows as the parts land.
 */
export const has = {
  destination: (file: string): boolean => existsSync(join(SRC, "exporters", `${file}.ts`)),
  dynamoDbState: (): boolean => existsSync(join(SRC, "state", "dynamodb-state-store.ts")),
  cloudWatchSource: (): boolean => existsSync(join(SRC, "sources", "cloudwatch-source.ts")),
  constructs: (): boolean => existsSync(join(SRC, "..", "constructs", "index.ts")),
  lambda: (): boolean => existsSync(join(SRC, "lambda", "runtime.ts")),
};

/** `it` when `ready`, else `it.skip` plus a `pending` row in the summary table. */
export function itWhen(ready: boolean, scenario: string, needs: string): jest.It {
  if (ready) return it;
  recordResult({
    scenario,
    faults: "pending",
    note: `needs ${needs}, not in this build yet`,
  });
  return it.skip;
}
