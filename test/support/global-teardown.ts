import type { ChildProcess } from "node:child_process";

/** Stops the moto_server started by the global setup (its state is in memory only, so SIGKILL loses nothing). */
export default async function globalTeardown(): Promise<void> {
  const moto = (globalThis as Record<string, unknown>).__MOTO__ as ChildProcess | undefined;
  if (moto && moto.exitCode === null) {
    const exited = new Promise((resolve) => moto.once("exit", resolve));
    moto.kill("SIGKILL");
    await exited;
  }
}
