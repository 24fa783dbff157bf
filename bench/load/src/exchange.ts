import type { Dispatcher } from 'undici';
import type { RequestEnding } from './outcome-tally.js';
import type { RequestLedger } from './request-ledger.js';
import type { RequestSpec, ResponseOutcome } from './request-spec.js';
import { transportErrorKind } from './transport-error.js';

/** What undici is told when a request is given up: never seen outside, every later report is ignored. */
const GIVEN_UP = new Error('given up by the load generator');

/**
 * One request in flight, as undici's dispatch handler: no promise, no stream, no AbortController and no
 * timer of its own (the {@link DeadlineQueue} holds every deadline). The body is discarded as it arrives;
 * the answer is complete at its last byte. It ends exactly once, through `onEnd`: with its answer, with a
 * transport error, or when it is given up (its deadline passed, or the run was stopped), whichever comes
 * first. Whatever undici reports after that is ignored.
 *
 * A request given up while it still waits in the client's queue for a free connection is aborted by
 * undici as soon as it reaches one, before anything is written. Its ending is not delayed until then:
 * undici settles an aborted request only once a pending connect attempt ends, and against a stalled
 * server that no longer accepts connections, SYN retries made that 6-8 s late, which recorded 2 s timeouts
 * as 8 s, in the wrong second, and held in-flight slots long enough to drop requests.
 */
export class Exchange implements Dispatcher.DispatchHandler {
  /** Links of the deadline queue (outstanding exchanges in send order). */
  previous: Exchange | null = null;
  next: Exchange | null = null;
  queued = false;
  ended = false;
  #status = 0;
  #controller: Dispatcher.DispatchController | null = null;
  /** Where its ending is recorded by its index in its class, when its class keeps a ledger (reconciliation). */
  ledger: RequestLedger | null = null;
  ledgerIndex = 0;
  #idRead = true;

  readonly classIndex: number;
  /** performance.now() at which the schedule meant to send it. */
  readonly intendedAt: number;
  /** Whether it belongs to the measured window (warm-up requests are sent, not counted). */
  readonly measured: boolean;
  /** performance.now() from which it is given up as a timeout. */
  readonly deadline: number;
  /** What was sent: a retry sends the same (same body, same idempotency key). */
  readonly spec: RequestSpec | null;
  /** 0 for the client request's first attempt, n for its n-th retry (which keeps the first's intendedAt). */
  readonly attempt: number;
  readonly #classify: (status: number) => ResponseOutcome;
  readonly #onEnd: (exchange: Exchange, ending: RequestEnding) => void;

  constructor(
    classIndex: number,
    intendedAt: number,
    measured: boolean,
    deadline: number,
    classify: (status: number) => ResponseOutcome,
    onEnd: (exchange: Exchange, ending: RequestEnding) => void,
    spec: RequestSpec | null = null,
    attempt = 0,
  ) {
    this.classIndex = classIndex;
    this.intendedAt = intendedAt;
    this.measured = measured;
    this.deadline = deadline;
    this.#classify = classify;
    this.#onEnd = onEnd;
    this.spec = spec;
    this.attempt = attempt;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.ended) controller.abort(GIVEN_UP);
    else this.#controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.#status = statusCode;
    if (this.ledger !== null && statusCode >= 200 && statusCode < 300) this.#idRead = false;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // Discarded: only the time of the last byte matters (and, for a ledger, the id of a 2xx answer).
    if (!this.#idRead && !this.ended) this.#idRead = (this.ledger as RequestLedger).readId(this.ledgerIndex, chunk);
  }

  onResponseEnd(): void {
    if (!this.ended) this.#end({ status: this.#status, outcome: this.#classify(this.#status) });
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (!this.ended) this.#end({ errorKind: transportErrorKind(error) });
  }

  /** Ends it now, as a timeout or as cancelled, and has undici drop the request. */
  giveUp(kind: 'timeout' | 'cancelled'): void {
    if (this.ended) return;
    this.#end({ errorKind: kind });
    this.#controller?.abort(GIVEN_UP);
  }

  #end(ending: RequestEnding): void {
    this.ended = true;
    this.ledger?.ended(this.ledgerIndex, ending);
    this.#onEnd(this, ending);
  }
}

/**
 * The deadlines of every outstanding exchange, with one timer. All exchanges of a run share one timeout,
 * so send order is deadline order: a linked list in send order, which an exchange leaves in O(1) when it
 * ends, has the next deadline at its head. The timer is armed for the head's deadline; when it fires it
 * gives up every exchange whose deadline has passed and re-arms for the new head. In a healthy run the
 * head it was armed for has long been answered, so it fires about once per timeout.
 */
export class DeadlineQueue {
  #head: Exchange | null = null;
  #tail: Exchange | null = null;
  #size = 0;
  #timer: NodeJS.Timeout | undefined;

  get size(): number {
    return this.#size;
  }

  add(exchange: Exchange): void {
    if (exchange.queued) return;
    exchange.queued = true;
    exchange.previous = this.#tail;
    exchange.next = null;
    if (this.#tail === null) this.#head = exchange;
    else this.#tail.next = exchange;
    this.#tail = exchange;
    this.#size++;
    if (this.#timer === undefined) this.#arm(exchange.deadline);
  }

  remove(exchange: Exchange): void {
    if (!exchange.queued) return;
    exchange.queued = false;
    if (exchange.previous === null) this.#head = exchange.next;
    else exchange.previous.next = exchange.next;
    if (exchange.next === null) this.#tail = exchange.previous;
    else exchange.next.previous = exchange.previous;
    exchange.previous = exchange.next = null;
    this.#size--;
  }

  /** Gives up every exchange still outstanding, as cancelled (the run was stopped). */
  cancelAll(): void {
    this.close();
    for (let head = this.#head; head !== null; head = this.#head) {
      this.remove(head);
      head.giveUp('cancelled');
    }
  }

  /** Stops the timer (the run is over); exchanges still listed keep their state. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(deadline: number): void {
    // Node's timers count whole milliseconds and may fire a fraction of one early: sweep re-arms then.
    this.#timer = setTimeout(this.#sweep, Math.max(1, Math.ceil(deadline - performance.now())));
  }

  readonly #sweep = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    for (let head = this.#head; head !== null && head.deadline <= now; head = this.#head) {
      this.remove(head);
      head.giveUp('timeout');
    }
    if (this.#head !== null) this.#arm(this.#head.deadline);
  };
}
