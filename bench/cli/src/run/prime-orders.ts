import { request } from 'undici';
import { buyersOf, checkoutBody, type TrafficPlan } from './traffic.js';

/**
 * Creates orders before the measured window, so order-status reads have real ids to read.
 * Uses the same deterministic purchases as the load, under their own key prefix.
 */
export async function primeOrders(
  origin: string,
  plan: TrafficPlan,
  count: number,
): Promise<{ ids: string[]; failures: string[] }> {
  const buyers = buyersOf(plan);
  const tokens = new Map<number, string>();
  const primingPlan = { ...plan, runTag: `${plan.runTag}-prime` };
  const ids: string[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        const reply = await request(`${origin}/v1/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: checkoutBody(primingPlan, buyers, tokens, 1_000_000 + i),
          signal: AbortSignal.timeout(5_000),
        });
        const body = (await reply.body.json()) as { id?: string; error?: { code: string } };
        if (reply.statusCode === 201 && body.id) ids.push(body.id);
        else if (reply.statusCode !== 422) failures.push(`HTTP ${reply.statusCode} ${body.error?.code ?? ''}`.trim());
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { ids, failures };
}
