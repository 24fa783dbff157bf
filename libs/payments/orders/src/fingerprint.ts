import { createHash } from 'node:crypto';
import type { OrderRequest } from './contract.js';

/**
 * SHA-256 of the request in canonical JSON. Two requests that mean the same purchase get the
 * same fingerprint whatever order their keys were sent in; array order is kept because the
 * order of line items is part of the request.
 */
export function fingerprint(request: OrderRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** JSON with every object's keys sorted, recursively. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
