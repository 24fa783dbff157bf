import type { OpenRung } from '@paybench/bench-results';

/** Rates rounded to 2 significant digits read as plans, not as arithmetic: 1000, 1500, 2200, 3400... */
function roundTwoDigits(rate: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(rate)) - 1);
  return Math.round(rate / unit) * unit;
}

/** A geometric ladder of offered rates from `start` (included) while at most `max`. */
export function ladderRates(start: number, factor: number, max: number): number[] {
  if (!(start >= 1) || !(factor > 1) || !(max >= start))
    throw new RangeError(`a ladder needs start >= 1, factor > 1 and max >= start (got ${start}, ${factor}, ${max})`);
  const rates: number[] = [];
  for (let rate = start; rate <= max * (1 + 1e-9); rate *= factor) {
    const rounded = Math.min(max, roundTwoDigits(rate));
    if (rates.at(-1) !== rounded) rates.push(rounded);
  }
  return rates;
}

/** Answered this share of the offered rate at least, or the server (or the client) fell behind. */
export const MIN_ACHIEVED_SHARE = 0.99;

/**
 * Whether the open loop kept its schedule at this rung: sent on time (lag p99 within the limit), and
 * every request answered, with nothing dropped and no failure. Empty when it did; the reasons otherwise.
 */
export function rungMisses(rung: OpenRung, maxLagMs: number): string[] {
  const misses: string[] = [];
  if (rung.lagP99 > maxLagMs * 1000) misses.push(`lag p99 ${(rung.lagP99 / 1000).toFixed(1)} ms > ${maxLagMs} ms`);
  if (rung.achievedRate < rung.offeredRate * MIN_ACHIEVED_SHARE)
    misses.push(`achieved ${Math.floor((rung.achievedRate / rung.offeredRate) * 100)}% of offered`);
  if (rung.dropped > 0) misses.push(`${rung.dropped} dropped`);
  if (rung.failed > 0) misses.push(`${rung.failed} failed`);
  return misses;
}

/** A schedule lag p99 this many times the limit is no longer lateness but a generator that cannot keep up. */
export const FALLING_BEHIND_LAG_FACTOR = 5;

/**
 * Whether the generator fell behind at this rung, rather than just sent late: lag p99 far above the limit,
 * or requests dropped, failed or left unanswered. A rung only a little late does not end the ladder (the
 * rungs above it may keep their schedule: more answers wake the generator more often).
 */
export function rungFellBehind(rung: OpenRung, maxLagMs: number): boolean {
  return (
    rung.lagP99 > maxLagMs * 1000 * FALLING_BEHIND_LAG_FACTOR || rungMisses(rung, Number.POSITIVE_INFINITY).length > 0
  );
}

/** The ladder stops once this many rungs in a row fell behind: one on a shared machine can be noise. */
export const FALLS_TO_STOP = 2;

export function ladderShouldStop(fellBehind: readonly boolean[]): boolean {
  return fellBehind.length >= FALLS_TO_STOP && fellBehind.slice(-FALLS_TO_STOP).every(Boolean);
}

/** The highest rate up to which every rung, from the first, kept its schedule; 0 when the first missed. */
export function sustainedRate(rungs: readonly { rate: number; missed: boolean }[]): number {
  let sustained = 0;
  for (const rung of rungs) {
    if (rung.missed) break;
    sustained = rung.rate;
  }
  return sustained;
}

/** The highest rate at which a rung kept its schedule, whatever happened below it; 0 when none did. */
export function highestKeptRate(rungs: readonly { rate: number; missed: boolean }[]): number {
  return rungs.reduce((highest, rung) => (rung.missed ? highest : Math.max(highest, rung.rate)), 0);
}
