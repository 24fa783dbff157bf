import type { Dispatcher } from 'undici';
import type { RequestEnding } from './outcome-tally.js';
import type { RequestSpec, ResponseOutcome } from './request-spec.js';
import { transportErrorKind } from './transport-error.js';

/**
 * Sends one request and reads its body to the end (the answer is complete at its last byte), then
 * discards it. Never throws: every failure becomes an ending with a kind, so nothing is lost.
 * `timeoutMs` runs from the moment the request is handed to the client, and covers the wait for
 * a free connection, connecting, and the whole answer.
 *
 * The deadline ends the request at the deadline, whatever the client is still doing. undici
 * settles an aborted request only once its pending connect attempt ends: against a stalled server
 * that no longer accepts connections, SYN retries made that 6-8 s late, which recorded 2 s
 * timeouts as 8 s, in the wrong second, and held in-flight slots long enough to drop requests.
 */
export async function sendRequest(
  client: Dispatcher,
  spec: RequestSpec,
  classify: (status: number) => ResponseOutcome,
  timeoutMs: number,
  runSignal: AbortSignal,
): Promise<RequestEnding> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<RequestEnding>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      resolve({ errorKind: 'timeout' });
    }, timeoutMs);
  });
  // A cancelled run also ends its requests at once, for the same reason.
  let cancel = () => controller.abort();
  const cancelled = new Promise<RequestEnding>((resolve) => {
    cancel = () => {
      controller.abort();
      resolve({ errorKind: 'cancelled' });
    };
  });
  if (runSignal.aborted) cancel();
  runSignal.addEventListener('abort', cancel, { once: true });
  const exchange = exchangeOnce(client, spec, classify, controller.signal, () => timedOut, runSignal);
  try {
    return await Promise.race([exchange, deadline, cancelled]);
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', cancel);
  }
}

async function exchangeOnce(
  client: Dispatcher,
  spec: RequestSpec,
  classify: (status: number) => ResponseOutcome,
  signal: AbortSignal,
  timedOut: () => boolean,
  runSignal: AbortSignal,
): Promise<RequestEnding> {
  try {
    const response = await client.request({
      method: spec.method,
      path: spec.path,
      headers: spec.headers,
      body: spec.body,
      signal,
    });
    for await (const _chunk of response.body) {
      // Discarded: only the time of the last byte matters.
    }
    return { status: response.statusCode, outcome: classify(response.statusCode) };
  } catch (error) {
    if (timedOut()) return { errorKind: 'timeout' };
    if (runSignal.aborted) return { errorKind: 'cancelled' };
    return { errorKind: transportErrorKind(error) };
  }
}
