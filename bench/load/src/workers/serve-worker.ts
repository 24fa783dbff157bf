import { createHash, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { OpenLoopResult, SecondSample } from '../open-loop-result.js';
import type { LedgerSnapshot } from '../request-ledger.js';
import { MessageStream } from './message-stream.js';
import { RunnerMessage, WORKER_PROTOCOL_VERSION, type WorkerMessage } from './protocol.js';

/** A start further ahead than this on the worker's clock is refused (a broken clock or offset, not a plan). */
const MAX_START_DELAY_MS = 60_000;

/** Runs the worker's slice of the schedule: the host knows how to turn `load` into traffic (see protocol.ts). */
export type SliceRunner = (
  load: Record<string, unknown>,
  slice: { index: number; count: number },
  hooks: { onSecond: (sample: SecondSample) => void; signal: AbortSignal },
) => Promise<{ result: OpenLoopResult; ledgers: Record<string, LedgerSnapshot> }>;

export interface WorkerSessionOptions {
  /** How the worker names itself to the runner. */
  name: string;
  /**
   * The shared secret the runner's hello must carry; null only for a private channel (a local child's pipe). An
   * open worker would be a load amplifier anyone could aim anywhere.
   */
  token: string | null;
  runSlice: SliceRunner;
}

/**
 * The worker's end of one session (see protocol.ts): hello (token checked), pings, one start, then its
 * seconds and its result. The session, and its load, end when the runner goes away or sends abort.
 * Resolves when the session is over.
 */
export function serveWorkerSession(stream: Duplex, options: WorkerSessionOptions): Promise<void> {
  const channel = new MessageStream<RunnerMessage, WorkerMessage>(stream, RunnerMessage);
  const abort = new AbortController();
  let greeted = false;
  let started = false;
  return new Promise<void>((resolve) => {
    const fail = (message: string) => {
      channel.send({ type: 'error', message });
      abort.abort();
      channel.close();
    };
    channel.listen(
      (message) => {
        if (message.type === 'hello') {
          if (message.version !== WORKER_PROTOCOL_VERSION)
            return fail(`protocol version ${message.version} is not this worker's ${WORKER_PROTOCOL_VERSION}`);
          if (options.token !== null && !sameSecret(message.token, options.token))
            return fail('wrong token: the runner and the worker need the same PAYBENCH_WORKER_TOKEN');
          greeted = true;
          return channel.send({ type: 'hello', version: WORKER_PROTOCOL_VERSION, worker: options.name });
        }
        if (!greeted) return fail('hello first');
        if (message.type === 'ping')
          return channel.send({ type: 'pong', id: message.id, sentAt: message.sentAt, workerAt: Date.now() });
        if (message.type === 'abort') return abort.abort();
        if (started) return fail('one start per session');
        started = true;
        const delayMs = message.atEpochMs - Date.now();
        if (delayMs > MAX_START_DELAY_MS) return fail(`asked to start ${Math.round(delayMs / 1000)} s from now`);
        // Every slice starts its schedule at the same moment (the runner translated it to this clock).
        setTimeout(() => void run(message.load, message.slice), Math.max(0, delayMs));
      },
      () => {
        // The runner is gone (or broke the protocol): no load without someone to report to.
        abort.abort();
        resolve();
      },
    );
    const run = async (load: Record<string, unknown>, slice: { index: number; count: number }) => {
      if (abort.signal.aborted) return;
      try {
        channel.send({ type: 'started', epochMs: Date.now() });
        const { result, ledgers } = await options.runSlice(load, slice, {
          onSecond: (sample) => channel.send({ type: 'second', sample } as unknown as WorkerMessage),
          signal: abort.signal,
        });
        // The result is checked for shape by the runner's schema; its types are the open loop's own.
        channel.send({ type: 'done', result, ledgers } as unknown as WorkerMessage);
      } catch (error) {
        channel.send({ type: 'error', message: (error as Error).stack ?? String(error) });
      } finally {
        channel.close();
      }
    };
  });
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
