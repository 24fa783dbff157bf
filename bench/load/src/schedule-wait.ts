/** How early the schedule's timer fires before a request due more than this plus 1 ms away. */
export const EARLY_WAKE_MS = 1.5;

/** How the open loop waits for its next request: a timer of `ms` (set early, or not), or the next turn of the loop. */
export type ScheduleWait = { kind: 'early-timer'; ms: number } | { kind: 'timer'; ms: number } | { kind: 'turn' };

/**
 * The wait before the next request, due in `waitMs` (negative: already due). A timer fires up to a millisecond or
 * two late (its 1 ms granularity, the loop's other work), which at a low rate is most of the schedule lag; so a
 * request more than EARLY_WAKE_MS + 1 ms away gets a timer EARLY_WAKE_MS early, and once that has fired
 * (`lastStretch`: the caller's to remember) the rest is waited out turn by turn (setImmediate: I/O still runs
 * between turns). At higher rates requests are never that far apart, and the plain timer sends them in small bursts.
 *
 * A request already due never waits for a timer: the clock can pass its due time between the reading that sent
 * nothing and the one that computed `waitMs`, and a timer of 0 ms fires a millisecond or more later. At 40 req/s
 * that was 1 request in 15-25, each sent 1.3-1.5 ms late: the whole lag p99 of a low-rate run.
 */
export function scheduleWait(waitMs: number, lastStretch: boolean): ScheduleWait {
  if (waitMs > EARLY_WAKE_MS + 1) return { kind: 'early-timer', ms: Math.floor(waitMs - EARLY_WAKE_MS) };
  if (lastStretch || waitMs <= 0) return { kind: 'turn' };
  return { kind: 'timer', ms: Math.ceil(waitMs) };
}
