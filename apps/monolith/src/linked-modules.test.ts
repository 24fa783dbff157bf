import { PAYMENT_MODULES } from '@paybench/platform-topology';
import { describe, expect, it } from 'vitest';
import { linkedModules } from './linked-modules.js';

describe('monolith', () => {
  it('links every payment module the topologies know, so it can host any partition', () => {
    expect(linkedModules.map((m) => m.name).sort()).toEqual([...PAYMENT_MODULES].sort());
  });

  it('links every module any linked module depends on', () => {
    const linked = new Set(linkedModules.map((m) => m.name));
    const needed = linkedModules.flatMap((m) => Object.keys(m.dependencies));
    expect(needed.filter((n) => !linked.has(n))).toEqual([]);
  });
});
