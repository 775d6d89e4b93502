import { distance } from "fastest-levenshtein";

/**
 * The allowed word nearest to `word`, when it is close enough to be a likely typo (at most a third of its
 * letters differ, case ignored); otherwise `undefined`.
 */
export function nearest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of allowed) {
    const score = distance(lower, candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const budget = Math.max(2, Math.floor(word.length / 3));
  return bestScore <= budget ? best : undefined;
}

/** `; did you mean "x"?` when a near allowed word exists, else the empty string. */
export function didYouMean(word: string, allowed: readonly string[]): string {
  const hit = nearest(word, allowed);
  return hit !== undefined && hit !== word ? `; did you mean ${JSON.stringify(hit)}?` : "";
}
