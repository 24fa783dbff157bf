import type { z } from 'zod';
import { addDays, utcDateOf } from './calendar-date.js';
import type { Order, Settlement, SettlementTerms } from './contract.js';
import { installmentPlan } from './installment-plan.js';

export type OrderSettlement = z.infer<typeof Settlement>;

export interface Settled {
  status: Order['status'];
  settlement: OrderSettlement;
}

/** What paying under `terms` means for an order placed at `createdAt` (an ISO instant). */
export function settle(terms: SettlementTerms, amount: number, createdAt: string): Settled {
  switch (terms.kind) {
    case 'capture':
      return { status: 'captured', settlement: { kind: 'capture', capturedAmount: amount, capturedAt: createdAt } };
    case 'invoice':
      return {
        status: 'awaiting_payment',
        settlement: { kind: 'invoice', dueDate: addDays(utcDateOf(createdAt), terms.dueInDays) },
      };
    case 'installments':
      return {
        status: 'in_installments',
        settlement: { kind: 'installments', ...installmentPlan(amount, terms, utcDateOf(createdAt)) },
      };
  }
}
