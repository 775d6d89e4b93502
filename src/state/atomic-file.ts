import { randomBytes } from "node:crypto";
import type { BigIntStats } from "node:fs";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { faultPoint, type FaultPoint } from "../core/fault";
import { StateCorruptError } from "./errors";

/**
 * Replaces `file` with `content` atomically and durably: write a temp file beside it, fsync it, rename it over
 * the target, fsync the directory. A crash leaves either the old or the new content, never a mix. `fault` names
 * the fault-injection point between the fsync and the rename (see `core/fault.ts`). Resolves to the identity of
 * the file written (see {@link identityOf}).
 */
export async function writeFileAtomic(file: string, content: string, fault?: FaultPoint): Promise<string> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const handle = await open(tmp, "w", 0o600);
  let written: string;
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
    if (fault !== undefined) faultPoint(fault);
    try {
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    // the identity of the inode written, taken through its own handle after the rename (which changes its ctime):
    // never another writer's file that replaced it in between
    written = identityOf(await handle.stat({ bigint: true }));
  } finally {
    await handle.close();
  }
  await fsyncDir(dirname(file));
  return written;
}

/**
 * A file's identity: device, inode, size and modification and change times in nanoseconds. Writers here never
 * modify a file in place, they rename a new one over it, so an unchanged identity means the name still refers to
 * the very file a process wrote (or last verified). An inode number can be reused once its file is deleted, but
 * not with the same change time: a rename or a write sets it.
 */
export function identityOf(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The identity of the file a path names now (see {@link identityOf}), or `undefined` when there is none. */
export async function currentIdentity(file: string): Promise<string | undefined> {
  try {
    return identityOf(await stat(file, { bigint: true }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
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

/**
 * A state file's JSON value, or `undefined` when the file does not exist; `StateCorruptError` when it cannot be
 * read or is not JSON (an empty file is named as such: a truncated write).
 */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateCorruptError(file, (err as Error).message);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StateCorruptError(
      file,
      text.trim() === "" ? "the file is empty (truncated?)" : `not valid JSON (${(err as Error).message})`,
    );
  }
}
