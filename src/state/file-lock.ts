import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { currentIdentity, identityOf, writeFileAtomic } from "./atomic-file";
import { LeaseLostError, LockHeldError } from "./errors";
import type { Lease, LeaseOptions } from "./state-store";

/** What a lock file holds. */
interface LockInfo {
  owner: string;
  pid: number;
  host: string;
  token: number;
  acquiredAt: string;
  expiresAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readLock(file: string): Promise<LockInfo | undefined | "garbage"> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info.owner !== "string" || typeof info.token !== "number") return "garbage";
    return info;
  } catch {
    return "garbage";
  }
}

/** Why a lock is stale, or `undefined` while its holder is alive. */
function staleness(info: LockInfo | "garbage", now: number): string | undefined {
  if (info === "garbage") return "the lock file is unreadable";
  if (Date.parse(info.expiresAt) < now) return `it expired at ${info.expiresAt}`;
  if (info.host === hostname() && !isAlive(info.pid)) return `process ${info.pid} is gone`;
  return undefined;
}

function describeHolder(info: LockInfo): string {
  return `pid ${info.pid} on ${info.host} (run ${info.owner}, since ${info.acquiredAt}, lease until ${info.expiresAt})`;
}

/**
 * A lock file with a lease: created with O_EXCL, renewed by rewriting its expiry, and detected as stale when it
 * expired or its process is gone. A stale lock is broken by renaming it away first, so that two runs that both
 * saw it stale cannot both take it.
 */
export async function acquireFileLease(file: string, shipper: string, options: LeaseOptions): Promise<Lease> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await readLock(file);
    let token = Date.now();
    if (existing !== undefined) {
      const why = staleness(existing, Date.now());
      if (why === undefined) throw new LockHeldError(shipper, describeHolder(existing as LockInfo));
      if (existing !== "garbage") token = Math.max(token, existing.token + 1);
      const aside = `${file}.stale-${randomBytes(4).toString("hex")}`;
      try {
        await rename(file, aside);
        await unlink(aside).catch(() => undefined);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // someone else broke it first
        throw err;
      }
    }
    const info: LockInfo = {
      owner: options.owner,
      pid: process.pid,
      host: hostname(),
      token,
      acquiredAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + options.ttlMs).toISOString(),
    };
    let identity: string;
    try {
      const handle = await open(file, "wx", 0o600);
      try {
        await handle.writeFile(JSON.stringify(info));
        await handle.sync();
        identity = identityOf(await handle.stat({ bigint: true }));
      } finally {
        await handle.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue; // lost the race; look again
      throw err;
    }
    return new FileLease(file, shipper, info, options.ttlMs, identity);
  }
  const info = await readLock(file);
  throw new LockHeldError(shipper, info && info !== "garbage" ? describeHolder(info) : "another run");
}

class FileLease implements Lease {
  readonly owner: string;
  readonly token: number;

  constructor(
    private readonly file: string,
    readonly shipper: string,
    private info: LockInfo,
    private readonly ttlMs: number,
    /** The identity of the lock file this lease wrote last (see `identityOf`). */
    private identity: string,
  ) {
    this.owner = info.owner;
    this.token = info.token;
  }

  /**
   * Throws `LeaseLostError` unless the lock file still names this lease. While the lock file is the very file
   * this lease wrote (same identity: one `stat`), it names this lease; anything else is read and checked.
   */
  async verify(): Promise<void> {
    await this.current();
  }

  /** The lock file's content, checked to name this lease (see `verify`). */
  private async current(): Promise<LockInfo> {
    if ((await currentIdentity(this.file)) === this.identity) return this.info;
    const current = await readLock(this.file);
    if (
      current === undefined ||
      current === "garbage" ||
      current.owner !== this.owner ||
      current.token !== this.token
    ) {
      throw new LeaseLostError(
        this.shipper,
        current && current !== "garbage" ? `now held by ${describeHolder(current)}` : "the lock file is gone",
      );
    }
    return current;
  }

  async renew(): Promise<void> {
    const current = await this.current();
    this.info = { ...current, expiresAt: new Date(Date.now() + this.ttlMs).toISOString() };
    this.identity = await writeFileAtomic(this.file, JSON.stringify(this.info));
  }

  async release(): Promise<void> {
    const current = await readLock(this.file);
    if (current !== undefined && current !== "garbage" && current.owner === this.owner) {
      await unlink(this.file).catch(() => undefined);
    }
  }
}

/**
 * A handle on a lease that another process (or thread) took: it names the lock file's `owner` and `token`; its
 * first `verify` or `renew` reads the lock file, and fails with `LeaseLostError` unless they still hold it.
 */
export function attachFileLease(
  file: string,
  shipper: string,
  owner: string,
  token: number,
  ttlMs: number,
): Lease {
  const info: LockInfo = { owner, token, pid: 0, host: "", acquiredAt: "", expiresAt: "" };
  return new FileLease(file, shipper, info, ttlMs, "");
}

/** True when `lease` is a file lease, which can be verified before each commit (fencing). */
export function isFileLease(lease: Lease): lease is Lease & { verify(): Promise<void> } {
  return lease instanceof FileLease;
}
