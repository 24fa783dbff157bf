import type { ForwarderConfig } from './config.js';
import type { Totals } from './pipeline.js';
import type { SourceStats } from './source-stats.js';

/** The JSON served by `GET /stats`. */
export interface ForwarderStats {
  /** The effective config, with the real ports when 0 was asked for. */
  config: ForwarderConfig;
  /** Events in the buffer now (at most `maxEvents`, unless it was just lowered). */
  buffered: number;
  /** Distinct label combinations kept by the cardinality metrics. */
  series: number;
  totals: Totals;
  /** Keyed by the lines' `proc`. */
  sources: Record<string, SourceStats>;
  /** True while a full buffer under `block` has stopped the source reading its sockets. */
  pausedSockets: boolean;
  /** Open connections from log drivers. */
  connections: number;
  uptimeMs: number;
}

export type { SourceStats, Totals };
