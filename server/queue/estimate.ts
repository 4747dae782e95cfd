import { quantile } from '../quantile.js';

/** Fewer serve times than this say nothing yet about how long the day's tickets take. */
const MIN_SAMPLES = 3;
/** Minutes are rounded outwards to this step: a phone saying "13 phút" promises too much. */
const STEP = 5;

/**
 * How long a ticket may still wait, in whole minutes: the quicker and the slower half of
 * today's serve times at the counters of its service (first and third quartile), times the
 * people before it, shared by the counters open. With no open counter or too few serve times,
 * null: the page says so rather than guessing.
 */
export function waitEstimate(
  serveMs: readonly number[],
  waitingBefore: number,
  countersOpen: number,
): { minMinutes: number; maxMinutes: number } | null {
  if (countersOpen === 0 || serveMs.length < MIN_SAMPLES) return null;
  const sorted = [...serveMs].sort((a, b) => a - b);
  const fast = quantile(sorted, 0.25);
  const slow = quantile(sorted, 0.75);
  // The counter may be midway through someone: the slow end allows one more serve.
  const min = (waitingBefore * fast) / countersOpen / 60_000;
  const max = ((waitingBefore + 1) * slow) / countersOpen / 60_000;
  const minMinutes = Math.floor(min / STEP) * STEP;
  return { minMinutes, maxMinutes: Math.max(minMinutes + STEP, Math.ceil(max / STEP) * STEP) };
}
