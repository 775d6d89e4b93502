import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { faultPoint, type FaultPoint } from "../core/fault";

/**
 * Replaces `file` with `content` atomically and durably: write a temp file beside it, fsync it, rename it over
 * the target, fsync the directory. A crash leaves either the old or the new content, never a mix. `fault` names
 * the fault-injection point between the fsync and the rename (see `core/fault.ts`).
 */
export async function writeFileAtomic(file: string, content: string, fault?: FaultPoint): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (fault !== undefined) faultPoint(fault);
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dirname(file));
}

/** fsyncs a directory so that a rename inside it is durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // some filesystems refuse fsync on directories; the rename is still atomic
  } finally {
    await handle.close();
  }
}
