import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { createLatencyHistogram, recordMillis } from './latency-histogram.js';
import type { ClassResult, ScheduleLag, SecondSample } from './open-loop-result.js';
import { createTally, summarizeTally, tallyEnding, type OutcomeTally, type RequestEnding } from './outcome-tally.js';

/**
 * Accumulates the measured window of an open-loop run: whole-window tallies per class, one tally
 * per class for the current second, and the generator's own schedule lag. All times are
 * milliseconds since the end of warm-up (the start of the measured window).
 */
export class OpenLoopRecorder {
  readonly #classNames: readonly string[];
  readonly #onSecond: ((sample: SecondSample) => void) | undefined;
  readonly #whole: OutcomeTally[];
  // Seconds still open, by index. Usually one, but a request's intended second can trail the
  // second in which it completes, and a late tick can leave several open at once.
  readonly #openSeconds = new Map<number, OutcomeTally[]>();
  readonly #closedSeconds: SecondSample[] = [];
  #firstOpenSecond = 0;
  readonly #lag = createLatencyHistogram();

  constructor(classNames: readonly string[], onSecond?: (sample: SecondSample) => void) {
    this.#classNames = classNames;
    this.#onSecond = onSecond;
    this.#whole = classNames.map(createTally);
    warmUpSummaries();
  }

  recordDropped(classIndex: number, intendedAtMs: number): void {
    this.#whole[classIndex].dropped++;
    this.#second(intendedAtMs)[classIndex].dropped++;
  }

  recordSent(classIndex: number, intendedAtMs: number, lagMs: number): void {
    this.#whole[classIndex].sent++;
    this.#second(intendedAtMs)[classIndex].sent++;
    recordMillis(this.#lag, lagMs);
  }

  /** An attempt sent again (the generator as a retrying client), counted in the second it was sent. */
  recordRetry(classIndex: number, sentAtMs: number): void {
    const whole = this.#whole[classIndex];
    whole.retries = (whole.retries ?? 0) + 1;
    const second = this.#second(sentAtMs)[classIndex];
    second.retries = (second.retries ?? 0) + 1;
  }

  /** A retry the client's budget refused (its client request ends there), counted in the second it was refused. */
  recordRetryOverBudget(classIndex: number, refusedAtMs: number): void {
    const whole = this.#whole[classIndex];
    whole.retriesOverBudget = (whole.retriesOverBudget ?? 0) + 1;
    const second = this.#second(refusedAtMs)[classIndex];
    second.retriesOverBudget = (second.retriesOverBudget ?? 0) + 1;
  }

  recordEnding(classIndex: number, endedAtMs: number, latencyMs: number, ending: RequestEnding): void {
    tallyEnding(this.#whole[classIndex], ending, latencyMs);
    tallyEnding(this.#second(endedAtMs)[classIndex], ending, latencyMs);
  }

  /**
   * Publishes every second that ends at or before `nowMs`. Safe because the caller sends every
   * request due up to now before calling, and completions only happen from now on.
   */
  closeSecondsBefore(nowMs: number): void {
    const current = Math.floor(nowMs / 1000);
    for (; this.#firstOpenSecond < current; this.#firstOpenSecond++) this.#close(this.#firstOpenSecond);
  }

  /** Publishes every second still open, up to the last one that saw any activity. */
  closeAll(): void {
    const last = Math.max(this.#firstOpenSecond - 1, ...this.#openSeconds.keys());
    for (; this.#firstOpenSecond <= last; this.#firstOpenSecond++) this.#close(this.#firstOpenSecond);
  }

  perSecond(): SecondSample[] {
    return this.#closedSeconds;
  }

  classResults(windowMs: number): Record<string, ClassResult> {
    const seconds = windowMs / 1000;
    const results: Record<string, ClassResult> = {};
    this.#classNames.forEach((name, classIndex) => {
      const summary = summarizeTally(this.#whole[classIndex]);
      const scheduled = summary.sent + summary.dropped;
      const answered = sumOf(summary.statuses);
      results[name] = {
        ...summary,
        scheduled,
        offeredRate: scheduled / seconds,
        achievedRate: answered / seconds,
      };
    });
    return results;
  }

  /** With `withHistogram`, the whole distribution too (a slice of a schedule: its runner merges them). */
  scheduleLag(withHistogram = false): ScheduleLag {
    return {
      count: this.#lag.totalCount,
      p50: this.#lag.getValueAtPercentile(50),
      p99: this.#lag.getValueAtPercentile(99),
      max: this.#lag.maxValue,
      ...(withHistogram && { histogram: encodeIntoCompressedBase64(this.#lag) }),
    };
  }

  #second(atMs: number): OutcomeTally[] {
    // Never reopen a published second: anything that would land there (it cannot, see
    // closeSecondsBefore) goes to the oldest open one instead of vanishing.
    const index = Math.max(this.#firstOpenSecond, Math.floor(atMs / 1000));
    let tallies = this.#openSeconds.get(index);
    if (tallies === undefined) {
      tallies = this.#classNames.map(createTally);
      this.#openSeconds.set(index, tallies);
    }
    return tallies;
  }

  #close(index: number): void {
    const tallies = this.#openSeconds.get(index) ?? this.#classNames.map(createTally);
    this.#openSeconds.delete(index);
    const classes: SecondSample['classes'] = {};
    this.#classNames.forEach((name, classIndex) => (classes[name] = summarizeTally(tallies[classIndex])));
    const sample: SecondSample = { second: index, classes };
    this.#closedSeconds.push(sample);
    this.#onSecond?.(sample);
  }
}

let summariesWarm = false;

/**
 * The first summary of a process costs milliseconds (lazy compilation of the percentile and encoding code),
 * which would block the schedule at the end of the first measured second: pay it once per process, before the
 * schedule starts.
 */
function warmUpSummaries(): void {
  if (summariesWarm) return;
  summariesWarm = true;
  const tally = createTally();
  for (let i = 1; i <= 100; i++) tallyEnding(tally, { status: 200, outcome: 'success' }, i / 10);
  tallyEnding(tally, { errorKind: 'timeout' }, 1000);
  summarizeTally(tally);
}

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
