import type { SinkConfig } from './config.js';

/**
 * Wall time one event costs the sink, in microseconds; 0 means "as fast as the process can".
 * `series` is the number of distinct series after recording the event (cardinality mode only).
 */
export function eventCostUs(config: SinkConfig, series: number): number {
  switch (config.mode) {
    case 'normal':
    case 'stall':
      return 0;
    case 'fixed':
      return config.perEventUs;
    case 'rate':
      return 1e6 / config.eventsPerSecond;
    case 'cardinality':
      return config.baseUs + (config.perSeriesNs * series) / 1000;
  }
}
