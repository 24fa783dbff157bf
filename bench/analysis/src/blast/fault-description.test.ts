import { describe, expect, it } from 'vitest';
import type { FaultEvent } from '@paybench/bench-scenario';
import { describeFault } from './fault-description.js';

const event = (change: Partial<FaultEvent>) => ({ at: 10_000, phase: 'p', ...change }) as FaultEvent;

describe('a fault event in words', () => {
  it('names module faults and load changes by what they do', () => {
    expect(
      describeFault(event({ modules: [{ module: 'risk', faults: [{ type: 'crash', restartAfter: 5_000 }] }] }), 'p'),
    ).toBe('a crashed risk process (restarted after 5 s)');
    expect(
      describeFault(
        event({
          modules: [
            {
              module: 'risk',
              faults: [
                { type: 'latency', ms: 200, jitterMs: 50 },
                { type: 'errors', rate: 0.1 },
              ],
            },
          ],
        }),
        'p',
      ),
    ).toBe('risk +200 ± 50 ms with risk failing 10% of calls');
    expect(describeFault(event({ modules: [{ module: 'orders', faults: [] }] }), 'p')).toBe(
      'lifting the faults of orders',
    );
    expect(describeFault(event({ load: { factor: 3 } }), 'p')).toBe('the load x3');
    expect(describeFault(event({ load: { factor: 1 } }), 'p')).toBe('the load back to its rate');
  });

  it('names a kind it does not know by its key, never silently', () => {
    expect(describeFault({ ...event({}), novel: {} } as unknown as FaultEvent, 'p')).toBe('a novel change');
  });
});
