import { parentPort, workerData } from "node:worker_threads";
import { loadConfigFile, parseSourceOption } from "../config/load";
import type { LoadedConfig } from "../config/model";
import { describeError } from "../core/errors";
import type { ApplyContext } from "../reconcile/apply";
import { shipSlice } from "../reconcile/scale-out";
import { openSecretResolver } from "../secrets/open-secret-resolver";
import { redact } from "../secrets/redaction";
import { CachingSecretResolver } from "../secrets/secret-resolver";
import { openDeadLetter } from "../shipping/open-dead-letter";
import { openStateStore } from "../state/open-state-store";
import type { ShipRequest, WorkerInit, WorkerMessage } from "./worker-protocol";

/**
 * A slice worker of `logshipper apply --parallel N`: `dist/cli.js` loaded in a worker thread runs this instead of
 * the CLI (one bundle for both: a second one would add 1.6 MB to the package). It opens the config, state,
 * secrets and dead letter once, then ships each slice the parent sends with the core's `shipSlice`, one at a
 * time, and answers with the slice's result.
 */
export function startSliceWorker(): void {
  void runWorker(workerData as WorkerInit).catch((err: unknown) => {
    // the parent sees the thread's error event and fails the slices it gave this worker
    throw err;
  });
}

async function runWorker(init: WorkerInit): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error("slice-worker: not started as a worker thread");
  const send = (m: WorkerMessage): void => port.postMessage(m);
  const config: LoadedConfig = await loadConfigFile(init.config, {
    vars: init.vars,
    source: init.source !== undefined ? parseSourceOption(init.source) : undefined,
    strictVars: true,
  });
  const state = await openStateStore(init.state, process.env);
  const secrets = await openSecretResolver(init.secrets, process.env);
  const deadLetter = await openDeadLetter(init.deadLetter, process.env);
  const context = (owner: string): ApplyContext => ({
    state,
    secrets: new CachingSecretResolver(secrets),
    deadLetter,
    now: new Date(init.now),
    owner,
    env: process.env,
    warn: (m) => send({ kind: "warn", message: redact(m) }),
    // several workers append to one `file` exporter's file at once: the parent ended partial lines before
    sharedAppend: true,
  });
  let queue = Promise.resolve();
  port.on("message", (req: ShipRequest | "close") => {
    if (req === "close") {
      queue = queue.then(async () => {
        await deadLetter.close?.();
        await secrets.close?.();
        await state.close?.();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      const shipper = config.shippers.find((s) => s.id === req.shipper);
      try {
        if (shipper === undefined) throw new Error(`no shipper ${req.shipper} in ${config.file}`);
        const run = await shipSlice(shipper, req.handle, req.sliceId, context(req.handle.owner));
        send({ kind: "result", id: req.id, run });
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        send({ kind: "error", id: req.id, message: redact(describeError(e)), name: e.name });
      }
    });
  });
}
