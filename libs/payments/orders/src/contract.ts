import { defineContract, DomainError } from '@paybench/platform-contract';
import { z } from 'zod';
import { EntityId, IdempotencyKey, LineItems, PurchaseParties, RiskScore } from '@paybench/payments-purchase';

// LineItem stays part of the orders contract (checkout's flow reads it from here).
export { LineItem } from '@paybench/payments-purchase';

/** How the order is paid: decided by the payment option's configuration. */
export const SettlementTerms = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('capture') }),
  z.object({ kind: z.literal('invoice'), dueInDays: z.number().int().positive().max(365) }),
  z.object({
    kind: z.literal('installments'),
    count: z.number().int().min(2).max(48),
    intervalDays: z.number().int().positive().max(92),
    /** Annual percentage rate in basis points (0 = interest-free). */
    aprBps: z.number().int().nonnegative().max(10_000).default(0),
  }),
]);
export type SettlementTerms = z.infer<typeof SettlementTerms>;

export const Settlement = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('capture'), capturedAmount: z.number().int(), capturedAt: z.string() }),
  z.object({ kind: z.literal('invoice'), dueDate: z.string() }),
  z.object({
    kind: z.literal('installments'),
    aprBps: z.number().int(),
    totalPayable: z.number().int(),
    installments: z.array(z.object({ number: z.number().int(), dueDate: z.string(), amount: z.number().int() })),
  }),
]);

/** The fields that identify a purchase: same idempotency key + same fields = same order. */
export const OrderRequest = PurchaseParties.extend({ items: LineItems });
export type OrderRequest = z.infer<typeof OrderRequest>;

export const Order = OrderRequest.extend({
  id: z.string(),
  status: z.enum(['captured', 'awaiting_payment', 'in_installments']),
  fundingSource: z.object({ id: z.string(), type: z.string() }),
  riskScore: z.number().int(),
  settlement: Settlement,
  createdAt: z.string(),
});
export type Order = z.infer<typeof Order>;

export const CreateOrderInput = z.object({
  idempotencyKey: IdempotencyKey,
  request: OrderRequest,
  fundingSource: z.object({ id: EntityId, type: z.string().min(1).max(32) }),
  riskScore: RiskScore,
  terms: SettlementTerms,
});

export const FindByIdempotencyKeyInput = z.object({ idempotencyKey: IdempotencyKey, request: OrderRequest });
export const FindByIdempotencyKeyOutput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('new') }),
  z.object({ status: z.literal('replay'), order: Order }),
]);

/** Risk's velocity window may look back at most this far. */
export const MAX_ACTIVITY_WINDOW_MINUTES = 60 * 24 * 90;

export const RecentActivityInput = z.object({
  consumerId: EntityId,
  windowMinutes: z.number().int().positive().max(MAX_ACTIVITY_WINDOW_MINUTES),
});
export const RecentActivity = z.object({ orders: z.number().int(), amount: z.number().int() });

export const ordersContract = defineContract({
  name: 'orders',
  operations: {
    /** Creates the order, or returns the original for a repeated key with the same request. */
    createOrder: { input: CreateOrderInput, output: Order },
    /** Replay check before a flow starts: 'replay' with the order, 'new', or an idempotency conflict. */
    findByIdempotencyKey: { input: FindByIdempotencyKeyInput, output: FindByIdempotencyKeyOutput, idempotent: true },
    getOrder: { input: z.object({ orderId: z.string().min(1).max(64) }), output: Order, idempotent: true },
    /** Orders and amount a consumer placed in the last `windowMinutes` (risk velocity). */
    recentActivity: { input: RecentActivityInput, output: RecentActivity, idempotent: true },
  },
  publicRoutes: [
    {
      method: 'get',
      path: '/v1/orders/:id',
      operation: 'getOrder',
      successStatus: 200,
      toInput: ({ params }) => ({ orderId: params['id'] }),
    },
  ],
});

export const ordersErrors = {
  orderNotFound: (orderId: string) =>
    new DomainError('order_not_found', 404, `order ${orderId} does not exist`, { orderId }),
  idempotencyConflict: (idempotencyKey: string) =>
    new DomainError(
      'idempotency_conflict',
      409,
      `idempotency key ${idempotencyKey} was already used with a different request`,
      { idempotencyKey },
    ),
};
