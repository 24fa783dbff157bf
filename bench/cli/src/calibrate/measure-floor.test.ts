import { describe, expect, it } from 'vitest';
import { checkoutRequests, type TrafficPlan } from '../run/traffic.js';
import { floorRequest } from './measure-floor.js';

const traffic: TrafficPlan = {
  seed: 42,
  population: 200,
  authSecret: 'test-secret',
  runTag: 'run-floor',
  mix: { checkout: { pay_now: 100 }, orderStatus: 0 },
  orderIds: [],
};

describe('the floor request', () => {
  it("is a cell's checkout (same fields, same headers) posted to the floor servers' echo route", () => {
    const floor = floorRequest(traffic);
    const cell = checkoutRequests(traffic)(0);
    expect(floor).toMatchObject({ method: 'POST', path: '/echo', headers: cell.headers });
    const fields = (body: string | undefined) => Object.keys(JSON.parse(body ?? '{}') as object).sort();
    expect(fields(floor.body)).toEqual(fields(cell.body));
    expect(JSON.parse(floor.body ?? '{}')).toMatchObject({ idempotencyKey: 'run-floor-0', items: expect.any(Array) });
  });
});
