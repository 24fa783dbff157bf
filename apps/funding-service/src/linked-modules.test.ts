import { describe, expect, it } from 'vitest';
import { linkedModules } from './linked-modules.js';

describe('funding-service', () => {
  it('links exactly the funding module, so every other module is reached through its contract', () => {
    expect(linkedModules.map((m) => m.name)).toEqual(['funding']);
  });
});
