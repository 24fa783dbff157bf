import type { SinkConfig } from './config.js';
import type { LogEvent } from './log-event.js';
import type { Pipeline } from './pipeline.js';
import { SeriesMetrics } from './series-metrics.js';
import { eventCostUs } from './sink-cost.js';

/** Events per turn in `normal` mode before yielding, so sockets and the control API stay served. */
const FREE_BATCH = 1024;
/** Longest single sleep: Node turns a timer beyond 2^31 ms into 1 ms, so a huge cost sleeps in steps. */
const MAX_SLEEP_MS = 60_000;
/** Upper bound per turn in the paced modes when costs are tiny, for the same reason. */
const PACED_BATCH = 4096;
/**
 * Timers fire late (resolution about 1 ms, later under load). The paced modes repay that lateness
 * by processing more on the next turn, which keeps the average rate at 1e6 / cost; beyond this
 * much debt (a blocked event loop) the time is forgotten rather than repaid in one burst.
 */
const MAX_DEBT_MS = 50;

type NextTurn = 'idle' | { inMs: number };

/**
 * Takes events out of the buffer and processes them at a cost that can change while running.
 * The cost is paid in wall time by a scheduler, never by busy waiting: the sink keeps a virtual
 * clock of when its worker is free (`busyUntil`), processes every event that is due, then sleeps
 * on a timer until the next one is. Mode changes take effect at once.
 */
export class Sink {
  readonly #pipeline: Pipeline;
  #config: SinkConfig;
  #series: SeriesMetrics | undefined;
  /** performance.now() at which the worker has paid for every event processed so far. */
  #busyUntil = 0;
  /** The buffer ran empty: idle time is not credit to spend on the next events. */
  #idle = true;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #stopped = false;

  constructor(pipeline: Pipeline, config: SinkConfig) {
    this.#pipeline = pipeline;
    this.#config = config;
    this.#keepSeriesFor(config);
  }

  get config(): SinkConfig {
    return this.#config;
  }

  /** Distinct label combinations seen by the cardinality metrics (0 if never enabled). */
  get series(): number {
    return this.#series?.count ?? 0;
  }

  setConfig(config: SinkConfig): void {
    this.#config = config;
    this.#keepSeriesFor(config);
    // The time owed under the old mode is forgiven: a stall lifts at once, and one slow event
    // does not hold back a faster mode.
    this.#cancel();
    this.#busyUntil = performance.now();
    this.#idle = true;
    this.#scheduleTurn({ inMs: 0 });
  }

  /** An event was queued: wake up unless a turn is already coming. */
  notify(): void {
    if (this.#timer === undefined && this.#immediate === undefined) this.#scheduleTurn({ inMs: 0 });
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  #turn = (): void => {
    this.#timer = undefined;
    this.#immediate = undefined;
    if (this.#config.mode === 'stall') return;
    const next = this.#config.mode === 'normal' ? this.#drainFreely() : this.#drainPaced();
    // Room was made: a blocked source delivers what it holds (which may schedule a turn itself).
    this.#pipeline.releaseIfRoom();
    if (this.#timer === undefined && this.#immediate === undefined) this.#scheduleTurn(next);
  };

  #drainFreely(): NextTurn {
    for (let i = 0; i < FREE_BATCH; i++) {
      const event = this.#pipeline.take();
      if (event === undefined) return 'idle';
      this.#process(event);
    }
    return this.#pipeline.buffer.size > 0 ? { inMs: 0 } : 'idle';
  }

  #drainPaced(): NextTurn {
    const now = performance.now();
    if (this.#idle) {
      // The last event may not be paid for yet; idle time before now is not credit.
      this.#busyUntil = Math.max(this.#busyUntil, now);
      this.#idle = false;
    }
    this.#busyUntil = Math.max(this.#busyUntil, now - MAX_DEBT_MS);
    const config = this.#config;
    for (let i = 0; i < PACED_BATCH && this.#busyUntil <= now; i++) {
      const event = this.#pipeline.take();
      if (event === undefined) break;
      const series = this.#process(event);
      this.#busyUntil += eventCostUs(config, series) / 1000;
    }
    if (this.#pipeline.buffer.size === 0) {
      this.#idle = true;
      return 'idle';
    }
    return { inMs: Math.max(0, this.#busyUntil - now) };
  }

  /** The real work every mode does; returns the series count after this event (cardinality). */
  #process(event: LogEvent): number {
    this.#pipeline.processed(event);
    if (this.#config.mode === 'cardinality' && this.#series) return this.#series.record(event);
    return 0;
  }

  #scheduleTurn(next: NextTurn): void {
    if (next === 'idle' || this.#stopped || this.#config.mode === 'stall') return;
    // setImmediate runs after pending I/O, so a draining sink never starves the sockets.
    if (next.inMs <= 0) this.#immediate = setImmediate(this.#turn);
    else this.#timer = setTimeout(this.#turn, Math.min(MAX_SLEEP_MS, Math.ceil(next.inMs)));
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#immediate !== undefined) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
  }

  /** Series survive mode changes, so a bench can stop and resume the cardinality feature. */
  #keepSeriesFor(config: SinkConfig): void {
    if (config.mode !== 'cardinality') return;
    if (!this.#series || !this.#series.sameLabels(config.labels)) this.#series = new SeriesMetrics(config.labels);
  }
}
