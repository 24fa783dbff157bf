import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CreateOrderInput, Order } from './contract.js';
import { settle } from './settle.js';

/** Builds the order a create request describes, stamped with `now`; nothing is stored yet. */
export function newOrder(input: z.infer<typeof CreateOrderInput>, now: Date): Order {
  const createdAt = now.toISOString();
  return {
    ...input.request,
    id: newOrderId(),
    fundingSource: { id: input.fundingSource.id, type: input.fundingSource.type },
    riskScore: input.riskScore,
    ...settle(input.terms, input.request.amount, createdAt),
    createdAt,
  };
}

/**
 * `ord_` and 128 random bits in hex. `GET /v1/orders/:id` asks for no credential (the
 * order-status traffic touches only orders, by design), so the id itself is the secret: it
 * cannot be guessed, and says nothing about how many orders there are.
 */
function newOrderId(): string {
  return `ord_${randomBytes(16).toString('hex')}`;
}
