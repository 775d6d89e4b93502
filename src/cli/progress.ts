import { humanDuration } from "../core/duration";
import { num } from "./format";

/** A one-line progress display on a TTY (stderr): records read, rate, elapsed. Silent elsewhere. */
export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(p: { shipper: string; read: number; shipped: number }): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    const elapsed = now - this.started;
    const rate = elapsed > 0 ? Math.round((p.read * 1000) / elapsed) : 0;
    this.stream.write(
      `\r\x1b[2K  ${p.shipper}: read ${num(p.read)} · shipped ${num(p.shipped)} · ${num(rate)} rec/s · ${humanDuration(elapsed)}`,
    );
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
