import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startMoto } from "./moto";

/**
 * Builds the CLI bundle (end-to-end tests run `node dist/cli.js` as a child process, so they test this very
 * code), makes sure syslog-ng is installed, and starts one moto_server for the AWS tests. Its endpoint is exported as MOTO_ENDPOINT; AWS_ENDPOINT_URL
 * is deliberately not set, so that nothing reaches moto by accident.
 */
export default async function globalSetup(): Promise<void> {
  // the syslog exporter's tests start a real syslog-ng: `npm test` installs Debian's package where it is missing
  execFileSync(join(__dirname, "ensure-syslog-ng.sh"), { stdio: "inherit" });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildAll } = require("../../scripts/build.js") as { buildAll: () => Promise<string[]> };
  await buildAll();
  const moto = await startMoto();
  process.env.MOTO_ENDPOINT = moto.endpoint;
  (globalThis as Record<string, unknown>).__MOTO__ = moto.process;
}
