import type { LineItem } from '@paybench/payments-orders';

/** The amount the line items add up to, in minor units. */
export function itemsTotal(items: readonly LineItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}
