import { mkdir, open } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { LogRecord } from "../core/log-record";
import { redact } from "../secrets/redaction";

/** A record a destination rejected for good, and why. */
export interface Rejected {
  readonly record: LogRecord;
  readonly reason: string;
}

/**
 * Where rejected records are kept: never dropped, never silently. Written (durably) before the offset that
 * passes them is committed. Adapters: local JSON-lines files; S3 in AWS.
 */
export interface DeadLetter {
  /** Where one exporter's rejected records go, for the report. */
  describe(shipper: string, exporter: string): string;
  write(shipper: string, exporter: string, items: readonly Rejected[]): Promise<void>;
}

/** One dead-letter line: the entry as it was read, the reason, and where it was going. */
export function deadLetterLine(shipper: string, exporter: string, item: Rejected, at: string): string {
  const entry = item.record.raw ?? entryJson(item.record);
  return `{"at":${JSON.stringify(at)},"shipper":${JSON.stringify(shipper)},"exporter":${JSON.stringify(exporter)},"reason":${JSON.stringify(redact(item.reason))},"entry":${entry}}\n`;
}

/** The entry as JSON; one that cannot be serialized (nested too deeply) is kept as its message and time. */
function entryJson(record: LogRecord): string {
  try {
    return JSON.stringify(record.entry);
  } catch (err) {
    return JSON.stringify({
      timestamp: record.entry.timestamp,
      message: record.entry.message,
      unserializable: String(err),
    });
  }
}

/** Dead-letter files under a directory: `<dir>/<shipper>/<exporter>.jsonl`, appended and fsynced. */
export class FileDeadLetter implements DeadLetter {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  describe(shipper: string, exporter: string): string {
    return join(this.dir, shipper, `${exporter}.jsonl`);
  }

  async write(shipper: string, exporter: string, items: readonly Rejected[]): Promise<void> {
    if (items.length === 0) return;
    await mkdir(join(this.dir, shipper), { recursive: true });
    const at = new Date().toISOString();
    const handle = await open(this.describe(shipper, exporter), "a", 0o600);
    try {
      await handle.writeFile(items.map((i) => deadLetterLine(shipper, exporter, i, at)).join(""));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
