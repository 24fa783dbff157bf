// Helpers for the forwarder's tests: real forwarders on free ports, real TCP senders.
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startForwarder, type Forwarder, type ForwarderConfig } from '../src/index.js';

const started = new Set<Forwarder>();

/** A forwarder on free ports; defaults mirror the incident setup (500 events, block). */
export async function forwarderWith(overrides: Partial<ForwarderConfig> = {}): Promise<Forwarder> {
  const forwarder = await startForwarder({
    host: '127.0.0.1',
    dataPort: 0,
    controlPort: 0,
    maxEvents: 500,
    whenFull: 'block',
    sink: { mode: 'normal' },
    ...overrides,
  });
  started.add(forwarder);
  return forwarder;
}

/** For afterEach: stops every forwarder a test started. */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((forwarder) => forwarder.stop()));
  started.clear();
}

export async function connectSender(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Resolves once `data` has been handed to the kernel. */
export function write(socket: Socket, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
}

/** Ends the connection and resolves once every byte written has been handed to the kernel. */
export function finish(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.end(resolve));
}

/** Newline-terminated JSON lines for `proc` with consecutive `seq` from `firstSeq`. */
export function logLines(
  proc: string,
  firstSeq: number,
  count: number,
  fields: (seq: number) => Record<string, unknown> = () => ({ msg: 'payment step done' }),
): string {
  let out = '';
  for (let seq = firstSeq; seq < firstSeq + count; seq++) out += `${JSON.stringify({ proc, seq, ...fields(seq) })}\n`;
  return out;
}

/**
 * Polls until `read()` satisfies `done`, and returns that value. Waits are for conditions, never
 * for a fixed time; the deadline only turns a hang into a readable failure.
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (performance.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(20);
  }
}
