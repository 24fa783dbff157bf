import { defineModule } from '@paybench/platform-host';
import { transaction } from '@paybench/platform-storage';
import { ordersContract, ordersErrors, type OrderRequest } from './contract.js';
import { fingerprint } from './fingerprint.js';
import { newOrder } from './new-order.js';
import { createOrderStore, type IdempotencyScope } from './order-store.js';

/**
 * Orders: records each purchase once per idempotency key of a consumer at a merchant, with how
 * it settles (captured, invoiced or split into installments), and answers risk's velocity question.
 */
export const ordersModule = defineModule({
  name: 'orders',
  contract: ordersContract,
  dependencies: {},
  create: ({ db, logger }) => {
    const store = createOrderStore(db);

    return {
      createOrder: async (input) => {
        const requestFingerprint = fingerprint(input.request);
        const candidate = newOrder(input, new Date());
        // The UNIQUE key decides, not a prior read: of two racing creates, exactly one insert
        // wins and the other reads the winner back, so a key can never make two orders.
        const { order, replay } = transaction(db, () => {
          if (store.insert(candidate, input.idempotencyKey, requestFingerprint)) {
            return { order: candidate, replay: false };
          }
          const existing = store.findByKey(scopeOf(input.idempotencyKey, input.request));
          if (!existing) throw new Error(`order with idempotency key ${input.idempotencyKey} vanished`);
          if (existing.fingerprint !== requestFingerprint) throw ordersErrors.idempotencyConflict(input.idempotencyKey);
          return { order: existing.order, replay: true };
        });
        logger.info(
          { step: 'create_order', orderId: order.id, status: order.status, replay },
          replay ? 'order replayed' : 'order created',
        );
        return order;
      },

      findByIdempotencyKey: async ({ idempotencyKey, request }) => {
        const existing = store.findByKey(scopeOf(idempotencyKey, request));
        if (existing && existing.fingerprint !== fingerprint(request)) {
          throw ordersErrors.idempotencyConflict(idempotencyKey);
        }
        logger.info(
          { step: 'idempotency_check', replay: Boolean(existing), orderId: existing?.order.id },
          'key checked',
        );
        return existing ? { status: 'replay' as const, order: existing.order } : { status: 'new' as const };
      },

      getOrder: async ({ orderId }) => {
        const order = store.findById(orderId);
        if (!order) throw ordersErrors.orderNotFound(orderId);
        logger.info({ step: 'get_order', orderId }, 'order read');
        return order;
      },

      recentActivity: async ({ consumerId, windowMinutes }) => {
        const activity = store.activitySince(consumerId, Date.now() - windowMinutes * 60_000);
        logger.info({ step: 'recent_activity', consumerId, orders: activity.orders }, 'activity counted');
        return activity;
      },
    };
  },
});

/** Keys are the consumer's own at one merchant: the same key from anyone else is another purchase. */
function scopeOf(idempotencyKey: string, request: OrderRequest): IdempotencyScope {
  return { consumerId: request.consumerId, merchantId: request.merchantId, idempotencyKey };
}
