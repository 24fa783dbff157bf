const DAY_MS = 86_400_000;

/**
 * The UTC calendar date (YYYY-MM-DD) of an instant. Due dates are days, not instants, and
 * UTC keeps them identical in every process whatever its time zone.
 */
export function utcDateOf(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** Adds whole days to a YYYY-MM-DD date. UTC has no daylight saving, so a day is 86 400 s. */
export function addDays(date: string, days: number): string {
  return utcDateOf(new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS));
}
