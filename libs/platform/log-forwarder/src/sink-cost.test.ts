import { describe, expect, it } from 'vitest';
import type { SinkConfig } from './config.js';
import { parseLogLine, type LogEvent } from './log-event.js';
import { SeriesMetrics } from './series-metrics.js';
import { eventCostUs } from './sink-cost.js';

describe('eventCostUs', () => {
  it('prices each mode in microseconds of wall time', () => {
    expect(eventCostUs({ mode: 'normal' }, 0)).toBe(0);
    expect(eventCostUs({ mode: 'fixed', perEventUs: 250 }, 0)).toBe(250);
    expect(eventCostUs({ mode: 'rate', eventsPerSecond: 4000 }, 0)).toBe(250);
  });

  it('grows with the number of distinct series in cardinality mode', () => {
    const config: SinkConfig = { mode: 'cardinality', baseUs: 5, perSeriesNs: 200, labels: ['proc'] };
    expect(eventCostUs(config, 10)).toBe(7);
    expect(eventCostUs(config, 50_000)).toBe(10_005);
  });
});

describe('SeriesMetrics', () => {
  const event = (fields: Record<string, unknown>): LogEvent => {
    const parsed = parseLogLine(Buffer.from(JSON.stringify(fields)));
    if (!parsed) throw new Error('test line did not parse');
    return parsed;
  };

  it('keeps one series per distinct label combination, a missing label included', () => {
    const metrics = new SeriesMetrics(['proc', 'trace']);
    metrics.record(event({ proc: 'risk', trace: 't1' }));
    metrics.record(event({ proc: 'risk', trace: 't1' }));
    metrics.record(event({ proc: 'risk', trace: 't2' }));
    metrics.record(event({ proc: 'risk' }));
    expect(metrics.record(event({ proc: 'risk', trace: 'null' }))).toBe(4);
  });
});
