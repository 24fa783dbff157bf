import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { ClientRetryPolicy, type ClientRetryOptions } from './client-retries.js';
import { DeadlineQueue, Exchange } from './exchange.js';
import { OpenLoopRecorder } from './open-loop-recorder.js';
import type { OpenLoopResult, SecondSample } from './open-loop-result.js';
import type { RequestEnding } from './outcome-tally.js';
import { RateSchedule } from './rate-schedule.js';
import type { RequestLedger } from './request-ledger.js';
import { classifyStatus, type RequestSpec, type TrafficClass } from './request-spec.js';
import { scheduleWait } from './schedule-wait.js';
import { createTrafficMix, type MixPick } from './traffic-mix.js';

export interface OpenLoopOptions {
  /** Where requests go: one origin, or one per class (e.g. a class that targets another service). */
  origin: string | ((className: string) => string);
  /** Constant arrival rate: request n is due at start + n / ratePerSecond, whatever the answers. */
  ratePerSecond: number;
  /**
   * Changes of the rate on the fault timeline (a pulse): from `atMs` (ms from the start of the measured window,
   * increasing) on, the rate is ratePerSecond x `factor`. The schedule is fixed up front, so latency still runs
   * from each request's intended start under the changed rate.
   */
  rateSteps?: readonly { atMs: number; factor: number }[];
  /**
   * The generator as a retrying client: a failed attempt (timeout, transport error, 5xx) is sent again, same
   * request, bounded (see ClientRetryPolicy). Retries are extra load beside the schedule, never in its place;
   * the client request ends, and its latency is taken, at its final answer.
   */
  clientRetries?: ClientRetryOptions;
  /** Length of the measured window, after warm-up. */
  durationMs: number;
  /** Requests due in this first stretch are sent (to warm connections, JITs, caches) but not counted. */
  warmupMs?: number;
  classes: TrafficClass[];
  /** Fixes the class of every request, hence the whole request sequence. */
  seed: number;
  /**
   * Concurrency cap: a request that falls due while this many are outstanding is not sent and is
   * counted as dropped (the generator must not queue without bound, and must not hide it).
   */
  maxInFlight: number;
  /** A request with no complete answer this long after it was sent is abandoned as a timeout. */
  timeoutMs: number;
  /**
   * Keep-alive connections per origin (default 64). Requests beyond it wait in the client for a
   * free connection, and that wait is part of their latency, as it would be for a real client.
   */
  connections?: number;
  /**
   * The generator is declared the bottleneck when its schedule lag p99 exceeds this (default 10
   * ms). Node's timers have about 1 ms granularity, so a healthy generator stays at 1-2 ms; 10 ms
   * means its event loop was repeatedly blocked or starved of CPU.
   */
  maxScheduleLagMs?: number;
  /** Called as each second of the measured window closes: live progress. */
  onSecond?(sample: SecondSample): void;
  /** Stops the run early: nothing more is sent and outstanding requests are cancelled. */
  signal?: AbortSignal;
  /**
   * One of several generator processes on the same schedule (see workers/): this one sends request n only when
   * n % count === index. Every process draws every request's class (the mix stays the seed's), so the slices
   * together send each request exactly once. The result then carries the schedule lag's histogram (for an exact
   * merge). Absent: the whole schedule.
   */
  slice?: { index: number; count: number };
}

/** Keep-alive connections per origin unless told otherwise (several workers on one schedule share them out). */
export const DEFAULT_CONNECTIONS = 64;
const DEFAULT_MAX_SCHEDULE_LAG_MS = 10;
// After the schedule ends, seconds of the drain are still published while it lasts.
const DRAIN_PUBLISH_INTERVAL_MS = 250;

/**
 * Offers load at a constant arrival rate (open loop, like wrk2 or k6's constant-arrival-rate) and
 * measures each request's latency from its intended start time, so that a stalled system shows
 * its whole stall in the tail instead of making the generator wait (coordinated omission).
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  validate(options);
  const warmupMs = options.warmupMs ?? 0;
  const { ratePerSecond, durationMs, maxInFlight, timeoutMs, classes } = options;
  // The run holds every request due before warm-up + duration; with no step, request n is due at n / rate.
  const schedule = new RateSchedule(
    [
      { atMs: 0, ratePerSecond },
      ...(options.rateSteps ?? []).map((step) => ({
        atMs: warmupMs + step.atMs,
        ratePerSecond: ratePerSecond * step.factor,
      })),
    ],
    warmupMs + durationMs,
  );
  const total = schedule.total;
  const firstMeasured = schedule.countBefore(warmupMs);
  const stride = options.slice?.count ?? 1;
  const slot = options.slice?.index ?? 0;
  // A slice's retry budget is sized by the rate it sends itself.
  const retryPolicy = options.clientRetries
    ? new ClientRetryPolicy(options.clientRetries, ratePerSecond / stride)
    : undefined;
  // Retries waiting for their backoff: still outstanding client requests (they hold their in-flight slot).
  const waitingRetries = new Set<{ timer: NodeJS.Timeout; exchange: Exchange }>();

  const pools = new Map<string, Pool>();
  const classPools = classes.map((trafficClass) => {
    const origin = typeof options.origin === 'function' ? options.origin(trafficClass.name) : options.origin;
    let pool = pools.get(origin);
    if (pool === undefined) {
      // Timeouts are enforced by the deadline queue; undici's own would only race with it.
      pool = new Pool(origin, {
        connections: options.connections ?? DEFAULT_CONNECTIONS,
        pipelining: 1,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      pools.set(origin, pool);
    }
    return pool;
  });
  // Classes that keep a ledger (reconciliation) get room for every request that can fall due, once.
  for (const trafficClass of classes) trafficClass.ledger?.reserve(total);
  const ledgers = classes.map((trafficClass) => trafficClass.ledger ?? null);
  const classifiers = classes.map((trafficClass) => trafficClass.classify?.bind(trafficClass) ?? classifyStatus);
  const recorder = new OpenLoopRecorder(
    classes.map((trafficClass) => trafficClass.name),
    options.onSecond,
  );
  const nextPick = createTrafficMix(classes, options.seed);

  // Every outstanding request is an Exchange (undici's dispatch handler) in one deadline queue: per
  // request, one object and no promise, timer or listener.
  const deadlines = new DeadlineQueue();
  let inFlight = 0;
  let next = 0;
  let aborted = false;
  let abortedAt = 0;
  let onDrained: (() => void) | undefined;
  // True while the schedule runs; `sending` keeps sendDue from re-entering itself.
  let scheduling = true;
  // False once the run is stopped (even during the drain): no new retry then.
  let retrying = true;
  let sending = false;
  // Every request due before this instant (ms from t0) has been sent: the seconds before it can be published.
  let sentUpTo = 0;

  const t0 = performance.now();
  const measureStart = t0 + warmupMs;

  const onEnd = (exchange: Exchange, ending: RequestEnding): void => {
    deadlines.remove(exchange);
    const decision = retryPolicy !== undefined && retrying ? retryPolicy.decide(exchange.attempt, ending) : 'final';
    if (decision === 'retry') {
      retryLater(exchange);
      return;
    }
    inFlight--;
    if (exchange.measured) {
      const endedAt = performance.now();
      if (decision === 'over-budget') recorder.recordRetryOverBudget(exchange.classIndex, endedAt - measureStart);
      recorder.recordEnding(exchange.classIndex, endedAt - measureStart, endedAt - exchange.intendedAt, ending);
    }
    if (inFlight === 0) onDrained?.();
    sendDue();
  };

  // One attempt of a client request: its first (from fire) or a retry of the same request.
  const dispatch = (
    classIndex: number,
    intendedAt: number,
    measured: boolean,
    spec: RequestSpec,
    sentAt: number,
    attempt: number,
    ledgerIndex: number,
  ): void => {
    // The deadline runs from the moment the request is handed to the client, and covers the wait for a
    // free connection, connecting, and the whole answer.
    const exchange = new Exchange(
      classIndex,
      intendedAt,
      measured,
      sentAt + timeoutMs,
      classifiers[classIndex],
      onEnd,
      retryPolicy ? spec : null,
      attempt,
    );
    // A retry records its ending under the same index: the ledger keeps the last answer its client got.
    const ledger = ledgers[classIndex] as RequestLedger | null;
    if (ledger !== null) {
      exchange.ledger = ledger;
      exchange.ledgerIndex = ledgerIndex;
    }
    deadlines.add(exchange);
    // undici reports a request it cannot take (even synchronously) through the handler's onResponseError.
    classPools[classIndex].dispatch(spec, exchange);
  };

  const retryLater = (failed: Exchange): void => {
    const attempt = failed.attempt + 1;
    const waiting = {
      exchange: failed,
      timer: setTimeout(
        () => {
          waitingRetries.delete(waiting);
          const sentAt = performance.now();
          if (failed.measured) recorder.recordRetry(failed.classIndex, sentAt - measureStart);
          dispatch(
            failed.classIndex,
            failed.intendedAt,
            failed.measured,
            failed.spec as RequestSpec,
            sentAt,
            attempt,
            failed.ledgerIndex,
          );
        },
        (retryPolicy as ClientRetryPolicy).delayMs(attempt),
      ),
    };
    waitingRetries.add(waiting);
  };

  // The first request at or after n that is this process's to send (n itself without a slice).
  const ownFrom = (n: number): number => n + ((slot - (n % stride) + stride) % stride);

  // The next request, drawn and built in the last stretch before it is due (see the tick): building a checkout's
  // body takes 0.1-0.5 ms in a process that sends a few dozen a second (its code is not yet optimised), which was
  // most of the schedule lag at a low rate. Each request is drawn once and in order, prepared or not.
  let prepared: { n: number; pick: MixPick; spec: RequestSpec } | null = null;
  const prepare = (n: number): void => {
    const pick = nextPick();
    prepared = { n, pick, spec: classes[pick.classIndex].next(pick.classRequestIndex) };
  };

  const fire = (n: number): void => {
    const ready = prepared?.n === n ? prepared : null;
    prepared = null;
    const pick = ready?.pick ?? nextPick();
    if (stride > 1 && n % stride !== slot) return;
    // Its second is taken from the schedule's own offset (not through t0, whose rounding could move a request
    // due exactly at a step into the second before).
    const offset = schedule.intendedAt(n);
    const intendedAt = t0 + offset;
    const measured = n >= firstMeasured;
    const ledger = ledgers[pick.classIndex] as RequestLedger | null;
    if (inFlight >= maxInFlight) {
      if (measured) recorder.recordDropped(pick.classIndex, offset - warmupMs);
      ledger?.dropped(pick.classRequestIndex);
      return;
    }
    const spec = ready?.spec ?? classes[pick.classIndex].next(pick.classRequestIndex);
    const sentAt = performance.now();
    if (measured) recorder.recordSent(pick.classIndex, offset - warmupMs, sentAt - intendedAt);
    ledger?.sent(pick.classRequestIndex);
    inFlight++;
    retryPolicy?.clientRequestSent();
    dispatch(pick.classIndex, intendedAt, measured, spec, sentAt, 0, pick.classRequestIndex);
  };

  // Sends every request due by now, so that a late call catches up in a burst instead of shifting the rest
  // of the schedule. The schedule's timer calls it, and so does every request that ends: on a busy event
  // loop, requests due between two timer ticks go out as soon as the generator runs at all.
  const sendDue = (): void => {
    if (!scheduling || sending) return;
    sending = true;
    try {
      const now = performance.now() - t0;
      const due = schedule.dueBy(now);
      while (next < due) fire(next++);
      sentUpTo = now;
    } finally {
      sending = false;
    }
  };

  // The run was stopped: a retry waiting for its backoff ends its client request as cancelled.
  const cancelWaitingRetries = (): void => {
    retrying = false;
    for (const waiting of [...waitingRetries]) {
      clearTimeout(waiting.timer);
      waitingRetries.delete(waiting);
      onEnd(waiting.exchange, { errorKind: 'cancelled' });
    }
  };

  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      scheduling = false;
      aborted = true;
      abortedAt = performance.now();
      clearTimeout(timer);
      cancelWaitingRetries();
      deadlines.cancelAll();
      resolve();
    };
    if (options.signal?.aborted) return stop();
    options.signal?.addEventListener('abort', stop, { once: true });

    // Each tick sends what is due, then waits for the next request (see scheduleWait).
    // The request the early timer was set for: only its last stretch is waited out turn by turn.
    let wokenFor = -1;
    const tick = () => {
      sendDue();
      if (next >= total) {
        recorder.closeSecondsBefore(performance.now() - measureStart);
        scheduling = false;
        options.signal?.removeEventListener('abort', stop);
        return resolve();
      }
      // With a slice, sleep until this process's own next request (the others' are only drawn, on the way). Own
      // indices only grow, so the schedule's cursor never goes back.
      const own = Math.min(ownFrom(next), total - 1);
      // Publishing a finished second takes a millisecond or so: never in the last stretch before a request is due.
      // Up to where sendDue looked, not the clock now: a request that fell due since (a stall between the two
      // readings) would otherwise land in the second after its own, which was already published.
      const lastStretch = wokenFor === own;
      if (!lastStretch) recorder.closeSecondsBefore(sentUpTo - warmupMs);
      // In the last stretch the next request is drawn and built while there is time, if it is this process's own
      // (draws go in order; `own` is the schedule's last request when none is left to this process).
      else if (prepared === null && ownFrom(next) === next) prepare(next);
      const wait = scheduleWait(t0 + schedule.intendedAt(own) - performance.now(), lastStretch);
      if (wait.kind === 'turn') setImmediate(() => scheduling && tick());
      else timer = setTimeout(tick, wait.ms);
      if (wait.kind === 'early-timer') wokenFor = own;
    };
    tick();
  });

  // Every outstanding request ends within timeoutMs (or at once if the run was aborted).
  const drainPublisher = setInterval(
    () => recorder.closeSecondsBefore(performance.now() - measureStart),
    DRAIN_PUBLISH_INTERVAL_MS,
  );
  // A stop during the drain cancels the retries still waiting; attempts in flight end within timeoutMs.
  options.signal?.addEventListener('abort', cancelWaitingRetries, { once: true });
  if (inFlight > 0) await new Promise<void>((resolve) => (onDrained = resolve));
  options.signal?.removeEventListener('abort', cancelWaitingRetries);
  clearInterval(drainPublisher);
  deadlines.close();
  recorder.closeAll();
  await Promise.all([...pools.values()].map((pool) => pool.destroy()));

  const scheduleLag = recorder.scheduleLag(options.slice !== undefined);
  const lagLimitMicros = (options.maxScheduleLagMs ?? DEFAULT_MAX_SCHEDULE_LAG_MS) * 1000;
  const generatorLimited = scheduleLag.p99 > lagLimitMicros;
  return {
    // An aborted run's rates are over the part of the window it measured.
    classes: recorder.classResults(aborted ? Math.min(durationMs, Math.max(1, abortedAt - measureStart)) : durationMs),
    perSecond: recorder.perSecond(),
    scheduleLag,
    generatorLimited,
    ...(generatorLimited && {
      reason:
        `schedule lag p99 ${(scheduleLag.p99 / 1000).toFixed(1)} ms exceeds ${lagLimitMicros / 1000} ms: ` +
        'the generator could not send on time, so latencies include its own delay',
    }),
    aborted,
    durationMs,
    warmupMs,
    ratePerSecond,
    seed: options.seed,
  };
}

function validate(options: OpenLoopOptions): void {
  const positive = {
    ratePerSecond: options.ratePerSecond,
    durationMs: options.durationMs,
    timeoutMs: options.timeoutMs,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (!(value > 0) || !Number.isFinite(value))
      throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  const counts = { maxInFlight: options.maxInFlight, connections: options.connections ?? DEFAULT_CONNECTIONS };
  const slice = options.slice;
  if (slice && !(Number.isInteger(slice.count) && slice.count >= 1 && Number.isInteger(slice.index)))
    throw new RangeError(`a slice needs an integer count >= 1, got ${slice.count}`);
  if (slice && !(slice.index >= 0 && slice.index < slice.count))
    throw new RangeError(`a slice's index must be in 0 .. ${slice.count - 1}, got ${slice.index}`);
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  }
  const warmupMs = options.warmupMs ?? 0;
  if (!(warmupMs >= 0) || !Number.isFinite(warmupMs)) throw new RangeError(`warmupMs must be >= 0, got ${warmupMs}`);
  const names = new Set(options.classes.map((trafficClass) => trafficClass.name));
  if (names.size !== options.classes.length) throw new RangeError('traffic class names must be unique');
}
