import { describe, expect, it } from 'vitest';
import { linkedModules } from './linked-modules.js';

describe('orders-service', () => {
  it('links exactly the orders module, so every other module is reached through its contract', () => {
    expect(linkedModules.map((m) => m.name)).toEqual(['orders']);
  });
});
