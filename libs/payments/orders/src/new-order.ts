import { randomUUID } from 'node:crypto';
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

/** `ord_` and 32 hex digits: unguessable, so a public order URL leaks nothing about volume. */
function newOrderId(): string {
  return `ord_${randomUUID().replaceAll('-', '')}`;
}
