import type { Duplex } from 'node:stream';
import type { GeneratorWorkers, OpenLoopResult, SecondSample, WorkerShare } from '../open-loop-result.js';
import type { LedgerSnapshot } from '../request-ledger.js';
import { mergeLedgersByClass } from './merge-ledgers.js';
import { mergeOpenLoopResults, mergeSeconds } from './merge-open-loop.js';
import { MessageStream } from './message-stream.js';
import { WORKER_PROTOCOL_VERSION, WorkerMessage, type RunnerMessage } from './protocol.js';

/** Ping exchanges per worker; the one with the smallest round trip gives the clock offset. */
const CLOCK_SAMPLES = 5;
/** The schedules start this long after the last worker is ready (plus the slowest round trip): time to deliver. */
const START_MARGIN_MS = 250;
/** Time allowed for the hello and the clock samples of one worker. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** A worker to drive: its name (for messages and the result), its stream, and how to get rid of it. */
export interface WorkerEndpoint {
  readonly name: string;
  readonly stream: Duplex;
  /** Ends the worker's side for good (kills a local process, closes a socket). Safe to call twice. */
  dispose(): void;
}

export interface RunWorkersOptions {
  /** The shared secret (remote workers check it; a local child's pipe ignores it). */
  token: string;
  /** Where the workers run, as the result states it (see GeneratorWorkers). */
  placement: GeneratorWorkers['placement'];
  /** The open loop's configuration every slice gets (see protocol.ts). */
  load: Record<string, unknown>;
  /** A worker that says nothing for this long after its start is hung: the run fails (and names it). */
  silenceMs: number;
  /** A second, merged across every worker, once all of them have published it (live progress). */
  onSecond?: (sample: SecondSample) => void;
  signal?: AbortSignal;
}

export interface WorkersRun {
  /** The agreed start of the schedule, epoch ms on the runner's clock. */
  readonly started: Promise<number>;
  readonly result: Promise<{ result: OpenLoopResult; ledgers: Record<string, LedgerSnapshot> }>;
}

interface Session {
  readonly endpoint: WorkerEndpoint;
  readonly channel: MessageStream<WorkerMessage, RunnerMessage>;
  /** The next message of this worker (null: its stream ended), in order. */
  next(): Promise<WorkerMessage | null>;
  clockOffsetMs: number;
  rttMs: number;
  /** Why its stream ended, when it broke rather than closed. */
  endReason: Error | null;
}

/**
 * The runner's end of the worker protocol (protocol.ts): greets every worker, measures its clock offset, gives each
 * its slice of one schedule (worker i sends every n-th request) starting at one agreed moment, merges their seconds
 * as they come, and their results exactly at the end. Any worker that fails, breaks the protocol, goes away or falls
 * silent fails the whole run, with its name: a schedule merged short of a slice would look like a quieter system.
 * Every worker is disposed of when the run ends, however it ends.
 */
export function runWorkers(endpoints: readonly WorkerEndpoint[], options: RunWorkersOptions): WorkersRun {
  let resolveStarted: (epochMs: number) => void = () => undefined;
  let rejectStarted: (error: Error) => void = () => undefined;
  const started = new Promise<number>((resolve, reject) => ((resolveStarted = resolve), (rejectStarted = reject)));
  // A run that fails before its start must not leave an unhandled rejection behind.
  started.catch(() => undefined);
  const sessions = endpoints.map(openSession);
  const result = drive(sessions, options, resolveStarted).then(
    (value) => {
      for (const session of sessions) session.endpoint.dispose();
      return value;
    },
    (error: Error) => {
      for (const session of sessions) {
        session.channel.send({ type: 'abort' });
        session.endpoint.dispose();
      }
      rejectStarted(error);
      throw error;
    },
  );
  return { started, result };
}

async function drive(
  sessions: readonly Session[],
  options: RunWorkersOptions,
  resolveStarted: (epochMs: number) => void,
): Promise<{ result: OpenLoopResult; ledgers: Record<string, LedgerSnapshot> }> {
  if (sessions.length === 0) throw new RangeError('no generator worker to run');
  await Promise.all(sessions.map((session) => withTimeout(handshake(session, options.token), session)));
  const slowest = Math.max(...sessions.map((s) => s.rttMs));
  const atEpochMs = Date.now() + START_MARGIN_MS + slowest;
  sessions.forEach((session, index) =>
    session.channel.send({
      type: 'start',
      slice: { index, count: sessions.length },
      atEpochMs: atEpochMs + session.clockOffsetMs,
      load: options.load,
    }),
  );
  const onAbort = () => sessions.forEach((session) => session.channel.send({ type: 'abort' }));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  // Seconds are published live once every worker has sent them.
  const pending = new Map<number, SecondSample[]>();
  const onSecond = (sample: SecondSample) => {
    const samples = [...(pending.get(sample.second) ?? []), sample];
    if (samples.length < sessions.length) return void pending.set(sample.second, samples);
    pending.delete(sample.second);
    options.onSecond?.(mergeSeconds(sample.second, samples));
  };
  let startedCount = 0;
  try {
    const parts = await Promise.all(
      sessions.map(async (session) => {
        for (;;) {
          const message = await silenceLimit(session.next(), session, options.silenceMs);
          if (message === null) {
            const why = session.endReason ? ` (${session.endReason.message})` : '';
            throw new Error(`generator worker ${session.endpoint.name} went away before its result${why}`);
          }
          if (message.type === 'error')
            throw new Error(`generator worker ${session.endpoint.name} failed: ${message.message}`);
          if (message.type === 'started' && ++startedCount === sessions.length) resolveStarted(atEpochMs);
          else if (message.type === 'second') onSecond(message.sample as unknown as SecondSample);
          else if (message.type === 'done') {
            return {
              session,
              result: message.result as unknown as OpenLoopResult,
              ledgers: message.ledgers,
            };
          }
        }
      }),
    );
    const merged = mergeOpenLoopResults(parts.map((part) => part.result));
    const each: WorkerShare[] = parts.map(({ session, result }) => ({
      worker: session.endpoint.name,
      sent: Object.values(result.classes).reduce((total, c) => total + c.sent, 0),
      lagP99: result.scheduleLag.p99,
      lagMax: result.scheduleLag.max,
      clockOffsetMs: round(session.clockOffsetMs),
      rttMs: round(session.rttMs),
    }));
    return {
      result: { ...merged, workers: { placement: options.placement, each } },
      ledgers: mergeLedgersByClass(parts.map((part) => part.ledgers)),
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function openSession(endpoint: WorkerEndpoint): Session {
  const channel = new MessageStream<WorkerMessage, RunnerMessage>(endpoint.stream, WorkerMessage);
  const queue: (WorkerMessage | null)[] = [];
  const waiting: ((message: WorkerMessage | null) => void)[] = [];
  let ended = false;
  const push = (message: WorkerMessage | null) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  };
  const session: Session = {
    endpoint,
    channel,
    clockOffsetMs: 0,
    rttMs: 0,
    endReason: null,
    next: () => {
      if (queue.length > 0) return Promise.resolve(queue.shift() as WorkerMessage | null);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
  channel.listen(push, (error) => {
    ended = true;
    session.endReason = error;
    push(null);
  });
  return session;
}

/** hello both ways, then CLOCK_SAMPLES pings: offset = workerAt - midpoint of the exchange with the least RTT. */
async function handshake(session: Session, token: string): Promise<void> {
  const name = session.endpoint.name;
  session.channel.send({ type: 'hello', version: WORKER_PROTOCOL_VERSION, token });
  const hello = await session.next();
  if (hello === null) throw new Error(`generator worker ${name} closed the connection at hello`);
  if (hello.type === 'error') throw new Error(`generator worker ${name} refused: ${hello.message}`);
  if (hello.type !== 'hello' || hello.version !== WORKER_PROTOCOL_VERSION)
    throw new Error(`generator worker ${name} does not speak protocol version ${WORKER_PROTOCOL_VERSION}`);
  let best = { rtt: Infinity, offset: 0 };
  for (let id = 0; id < CLOCK_SAMPLES; id++) {
    const sentAt = Date.now();
    session.channel.send({ type: 'ping', id, sentAt });
    const pong = await session.next();
    const receivedAt = Date.now();
    if (pong?.type !== 'pong' || pong.id !== id) throw new Error(`generator worker ${name} did not answer a ping`);
    const rtt = receivedAt - sentAt;
    if (rtt < best.rtt) best = { rtt, offset: pong.workerAt - (sentAt + receivedAt) / 2 };
  }
  session.clockOffsetMs = best.offset;
  session.rttMs = best.rtt;
}

function withTimeout<T>(promise: Promise<T>, session: Session): Promise<T> {
  return silenceLimit(promise, session, HANDSHAKE_TIMEOUT_MS);
}

/** The message, unless the worker stays silent for `ms`: then it is hung, and named. */
function silenceLimit<T>(promise: Promise<T>, session: Session, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`generator worker ${session.endpoint.name} said nothing for ${ms / 1000} s: hung`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
