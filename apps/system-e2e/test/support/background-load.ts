import { request } from 'undici';
import { purchase } from './purchases.js';

export interface BackgroundLoad {
  /** Stops sending and waits for the requests in flight; returns how many were sent. */
  stop(): Promise<{ sent: number; ok: number; failed: number }>;
}

/**
 * Keeps `concurrency` checkouts in flight against a system until stopped: enough log volume to
 * fill pipes and socket buffers within seconds. Each request has a deadline, so a stalled
 * system makes requests fail instead of hanging the test.
 */
export function startBackgroundLoad(url: string, concurrency = 8, timeoutMs = 2_000): BackgroundLoad {
  let running = true;
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const markets = ['SE', 'DE', 'US'] as const;
  const worker = async (id: number) => {
    while (running) {
      const market = markets[(sent + id) % 3] as (typeof markets)[number];
      sent++;
      try {
        const reply = await request(`${url}/v1/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(purchase(market, 'pay_now')),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await reply.body.dump();
        if (reply.statusCode < 500) ok++;
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, i) => worker(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return { sent, ok, failed };
    },
  };
}

/** True if the URL answers 200 within `timeoutMs`. */
export async function answers(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const reply = await request(url, { signal: AbortSignal.timeout(timeoutMs) });
    await reply.body.dump();
    return reply.statusCode === 200;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true; resolves to the elapsed ms, or null on timeout. */
export async function within(timeoutMs: number, check: () => Promise<boolean>, everyMs = 250): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return Date.now() - start;
    await sleep(everyMs);
  }
  return null;
}
