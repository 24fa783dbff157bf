import { request } from 'undici';
import { RequestLedger, type RequestEnding } from '@paybench/bench-load';
import type { PaymentOptionName } from '@paybench/bench-scenario';
import { buyersOf, checkoutBody, type TrafficPlan } from './traffic.js';

export interface RetryOptions {
  /** The entry's public URL (where the load sent its checkouts). */
  origin: string;
  /** Each attempt is given up after this long. */
  attemptTimeoutMs: number;
  /** Retrying stops starting new requests once this much time has passed; what is left stays unknown. */
  budgetMs: number;
  /** Requests re-sent at once. */
  concurrency?: number;
  /** Attempts per request until one answers 2xx or 4xx (default 3). */
  attempts?: number;
  /** The checkout class (payment option) whose requests these are; absent: the single `checkout` class. */
  option?: PaymentOptionName;
}

const PAUSE_BETWEEN_ATTEMPTS_MS = 250;

/**
 * Re-sends each checkout whose outcome its client could not know (timed out, failed at the transport, 5xx),
 * exactly as first sent (same body, same idempotency key), as a client that retries after the faults would:
 * an order that exists must come back as the same order, one that does not must be created once. Returns how
 * each retry ended, by request index, with the id each 201 carried (a ledger, like the load's); a request it had
 * no time for stays unscheduled there.
 */
export async function retryUnknowns(
  plan: TrafficPlan,
  indices: readonly number[],
  options: RetryOptions,
): Promise<RequestLedger> {
  const ledger = new RequestLedger({ capacity: (indices.at(-1) ?? 0) + 1 });
  const buyers = buyersOf(plan);
  const tokens = new Map<number, string>();
  const deadline = Date.now() + options.budgetMs;
  const attempts = options.attempts ?? 3;
  let next = 0;
  const worker = async () => {
    while (next < indices.length && Date.now() < deadline) {
      const index = indices[next++] as number;
      const body = checkoutBody(plan, buyers, tokens, index, options.option);
      for (let attempt = 1; ; attempt++) {
        const { ending, id } = await send(options, body);
        ledger.ended(index, ending);
        if (id !== null) ledger.recordId(index, id);
        const settled = 'status' in ending && ending.status >= 200 && ending.status < 500;
        if (settled || attempt >= attempts || Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ATTEMPTS_MS));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return ledger;
}

async function send(options: RetryOptions, body: string): Promise<{ ending: RequestEnding; id: string | null }> {
  try {
    const reply = await request(`${options.origin}/v1/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(options.attemptTimeoutMs),
    });
    const text = await reply.body.text();
    const status = reply.statusCode;
    const ok = status >= 200 && status < 300;
    const id = ok ? ((JSON.parse(text) as { id?: unknown }).id ?? null) : null;
    return {
      ending: { status, outcome: ok ? 'success' : status < 500 ? 'rejection' : 'error' },
      id: typeof id === 'string' ? id : null,
    };
  } catch (error) {
    const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'other';
    return { ending: { errorKind: kind }, id: null };
  }
}
