import type { RequestLedger } from './request-ledger.js';

/** One HTTP request, relative to an origin. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path and query, starting with '/'. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** How a request that got an HTTP answer counts. */
export type ResponseOutcome = 'success' | 'rejection' | 'error';

/** A kind of request in the traffic mix (for example "checkout, pay later" or "order lookup"). */
export interface TrafficClass {
  name: string;
  /** Relative share of the offered load; weights need not sum to anything in particular. */
  weight: number;
  /**
   * The class's i-th request (i counts this class's requests from 0). Must be a pure function of
   * i, so that a seed fixes the whole run: which class each request belongs to and what it sends.
   */
  next(i: number): RequestSpec;
  /** Defaults to {@link classifyStatus}. */
  classify?(status: number): ResponseOutcome;
  /**
   * When given, the open loop records in it how each of this class's requests ended, by index (warm-up
   * included): what a reconciliation after the run compares with what the system holds.
   */
  ledger?: RequestLedger;
}

/**
 * 2xx is a success; 422 is a business rejection (the payment flow answers a declined payment
 * with 422: a correct answer, not a failure); everything else is an error.
 */
export function classifyStatus(status: number): ResponseOutcome {
  if (status >= 200 && status < 300) return 'success';
  if (status === 422) return 'rejection';
  return 'error';
}
