/**
 * Reusable buffers for request bodies that live only until they are compressed. A body of ~0.7 MB per request,
 * allocated fresh, is external memory that V8 frees only when it collects the Buffer object; dozens of them pile
 * up between collections, and that pile is what starts most full (mark-compact) collections of a shipping run.
 * A body taken here goes back once compressed (see `gzipBody`), so a run reuses a handful of buffers instead.
 */

/** Buffers kept for reuse: at most this many, and at most `MAX_POOLED_BYTES` in all. */
const MAX_POOLED = 8;
const MAX_POOLED_BYTES = 16 * 1024 * 1024;
/** Sizes are rounded up to this, so that bodies of about the same size share buffers. */
const GRAIN = 256 * 1024;

const free: ArrayBuffer[] = [];
let freeBytes = 0;
/** The buffers of the bodies handed out and not given back yet. */
const lent = new WeakSet<ArrayBuffer>();

/**
 * A buffer of exactly `size` bytes (uninitialized) for a request body, reused from earlier bodies when one is
 * large enough. Give it back with {@link recycleBody} once nothing reads it any more.
 */
export function bodyBuffer(size: number): Buffer {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    const len = (free[i] as ArrayBuffer).byteLength;
    if (len >= size && (best < 0 || len < (free[best] as ArrayBuffer).byteLength)) best = i;
  }
  let ab: ArrayBuffer;
  if (best >= 0) {
    ab = free[best] as ArrayBuffer;
    free.splice(best, 1);
    freeBytes -= ab.byteLength;
  } else {
    ab = Buffer.allocUnsafeSlow(Math.max(GRAIN, Math.ceil(size / GRAIN) * GRAIN)).buffer as ArrayBuffer;
  }
  lent.add(ab);
  return Buffer.from(ab, 0, size);
}

/**
 * Gives a body from {@link bodyBuffer} back for reuse (any view of its buffer does; anything else is ignored).
 * The caller must not read or write it afterwards.
 */
export function recycleBody(body: Buffer): void {
  const ab = body.buffer as ArrayBuffer;
  if (!lent.has(ab)) return;
  lent.delete(ab);
  if (free.length >= MAX_POOLED || freeBytes + ab.byteLength > MAX_POOLED_BYTES) return;
  free.push(ab);
  freeBytes += ab.byteLength;
}
