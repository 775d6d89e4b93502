import { dirname } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/node-line.js is CommonJS
const nodeLine = require("../../scripts/node-line.js") as {
  LINES: Record<"22" | "24", string>;
  ensureNode(version: string): string;
};

/**
 * The bin directory of the Node that runs cdktf-cli 0.21 in tests: Node 22. The CLI is archived, and its node-pty
 * ships prebuilt binaries up to Node 22 (ABI 127) only; on Node 24 it needs node-pty compiled at install (python3,
 * make, a C++ compiler and Node 24's headers). cdktf the library runs on Node 24 (the construct tests do); cdktn-cli
 * has no native code. Installed from the npm registry like CI's Node lines (scripts/node-line.js), once.
 */
export function cdktfCliNodeBin(): string {
  if (process.versions.node.startsWith("22.")) return dirname(process.execPath);
  return nodeLine.ensureNode(nodeLine.LINES["22"]);
}
