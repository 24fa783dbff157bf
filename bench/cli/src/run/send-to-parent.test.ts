import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/send-then-disconnect.mjs', import.meta.url));

/** The length of the message the parent received from a worker that disconnected right after sending. */
async function receivedLength(bytes: number): Promise<number | null> {
  const child = fork(FIXTURE, [String(bytes)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let length: number | null = null;
  child.on('message', (message: { payload: string }) => (length = message.payload.length));
  await once(child, 'exit');
  return length;
}

describe('sendToParent', () => {
  it('delivers a message of several megabytes although the worker disconnects right after', async () => {
    // A bare process.send + disconnect lost a 1 MB message (a long open loop's result) every time.
    expect(await receivedLength(5_000_000)).toBe(5_000_000);
    expect(await receivedLength(10)).toBe(10);
  });
});
