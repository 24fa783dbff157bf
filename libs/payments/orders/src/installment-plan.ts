import { addDays } from './calendar-date.js';

export interface InstallmentTerms {
  readonly count: number;
  readonly intervalDays: number;
  /** Annual percentage rate in basis points (0 = interest-free). */
  readonly aprBps: number;
}

export interface Installment {
  number: number;
  dueDate: string;
  amount: number;
}

export interface InstallmentPlan {
  aprBps: number;
  totalPayable: number;
  installments: Installment[];
}

/**
 * Splits a purchase into `count` payments, the first due on the purchase date (the usual
 * pay-in-N convention) and the next ones every `intervalDays`.
 *
 * Interest is simple interest over the plan's length, rounded once to whole minor units.
 * Amounts stay integers end to end: the remainder of the even split goes to the first
 * installment, so the installments always add up to exactly `totalPayable`.
 */
export function installmentPlan(amount: number, terms: InstallmentTerms, purchaseDate: string): InstallmentPlan {
  const { count, intervalDays, aprBps } = terms;
  // One division at the end keeps the product exact: for the contract's maxima
  // (1e8 minor units, 10 000 bps, 48 × 92 days) it stays far below 2^53.
  const interest = Math.round((amount * aprBps * count * intervalDays) / (10_000 * 365));
  const totalPayable = amount + interest;
  const share = Math.floor(totalPayable / count);
  const remainder = totalPayable - share * count;
  const installments = Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    dueDate: addDays(purchaseDate, i * intervalDays),
    amount: i === 0 ? share + remainder : share,
  }));
  return { aprBps, totalPayable, installments };
}
