import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedKeyAuthorization } from "../../src/exporters/azure-storage-auth";
import { freePort } from "./moto";

/** Azurite's well-known development account (documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = "devstoreaccount1";
export const DEV_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** A running Azurite blob service. */
export interface Azurite {
  /** The blob service URL of the development account, e.g. `http://127.0.0.1:PORT/devstoreaccount1`. */
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts Azurite's blob service (the `azurite` devDependency, Microsoft's Azure Storage emulator) on 127.0.0.1 and a
 * free port, with its files in a temporary directory and telemetry off; resolves once it accepts connections.
 */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const location = mkdtempSync(join(tmpdir(), "azurite-"));
  const child = spawn(
    process.execPath,
    [
      require.resolve("azurite/dist/src/blob/main.js"),
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      String(port),
      "--location",
      location,
      "--disableTelemetry",
      "--silent",
    ],
    { stdio: "ignore" },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    rmSync(location, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) return { endpoint: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`, process: child, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error("Azurite did not start within 20 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A Shared Key request of the development account (for the test's own setup and checks). */
export async function devRequest(
  method: "GET" | "PUT",
  url: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    "x-ms-date": new Date().toUTCString(),
    "x-ms-version": "2021-12-02",
    "content-length": String(Buffer.byteLength(body ?? "")),
  };
  headers.authorization = sharedKeyAuthorization(
    { account: DEV_ACCOUNT, key: Buffer.from(DEV_KEY, "base64") },
    method,
    new URL(url),
    headers,
  );
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, text: await res.text() };
}

/** Creates a container. */
export async function createContainer(endpoint: string, name: string): Promise<void> {
  const res = await devRequest("PUT", `${endpoint}/${name}?restype=container`);
  if (res.status !== 201) throw new Error(`create container ${name}: ${res.status} ${res.text}`);
}

/** Every blob of a container: name and content. */
export async function blobs(
  endpoint: string,
  container: string,
): Promise<Array<{ name: string; text: string }>> {
  const list = await devRequest("GET", `${endpoint}/${container}?restype=container&comp=list`);
  const names = [...list.text.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1] as string);
  return Promise.all(
    names.map(async (name) => ({
      name,
      text: (
        await devRequest(
          "GET",
          `${endpoint}/${container}/${name.split("/").map(encodeURIComponent).join("/")}`,
        )
      ).text,
    })),
  );
}
