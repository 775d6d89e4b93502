/** Small text helpers for the CLI's human output. */

/** `1234567` → `1,234,567`. */
export function num(n: number): string {
  return n.toLocaleString("en-US");
}

/** Pads to a width (left-aligned). */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** Pads to a width (right-aligned). */
export function padStart(text: string, width: number): string {
  return text.length >= width ? text : " ".repeat(width - text.length) + text;
}

/** `1 thing` / `2 things`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : many}`;
}
