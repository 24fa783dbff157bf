import type { Dispatcher } from 'undici';
import type { RequestEnding } from './outcome-tally.js';
import type { RequestSpec, ResponseOutcome } from './request-spec.js';
import { transportErrorKind } from './transport-error.js';

/**
 * Sends one request and reads its body to the end (the answer is complete at its last byte), then
 * discards it. Never throws: every failure becomes an ending with a kind, so nothing is lost.
 * `timeoutMs` runs from the moment the request is handed to the client, and covers the wait for
 * a free connection, connecting, and the whole answer.
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
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  runSignal.addEventListener('abort', cancel, { once: true });
  try {
    const response = await client.request({
      method: spec.method,
      path: spec.path,
      headers: spec.headers,
      body: spec.body,
      signal: controller.signal,
    });
    for await (const _chunk of response.body) {
      // Discarded: only the time of the last byte matters.
    }
    return { status: response.statusCode, outcome: classify(response.statusCode) };
  } catch (error) {
    if (timedOut) return { errorKind: 'timeout' };
    if (runSignal.aborted) return { errorKind: 'cancelled' };
    return { errorKind: transportErrorKind(error) };
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', cancel);
  }
}
