import type { LoggerStats } from '@paybench/platform-logging';
import type { PolicyCountName, ProcessPolicies } from '@paybench/platform-resilience';
import type { Express } from 'express';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * Prometheus metrics of one process, served on the internal listener only, to callers holding the
 * deployment's secret (`GET /metrics`):
 * prom-client's defaults (CPU seconds, resident memory, heap, event-loop delay percentiles)
 * plus the logger's own line counters and what the resilience policies did (also on `GET /stats/resilience`),
 * for Prometheus users. The harness reads the lean `GET /stats/sample` instead (see sample-endpoint.ts): a
 * /metrics scrape costs the process ~2-3 ms of CPU.
 */
export function mountProcessMetrics(
  app: Express,
  options: { process: string; loggerStats: () => LoggerStats; policies: ProcessPolicies },
): void {
  const registry = new Registry();
  registry.setDefaultLabels({ proc: options.process });
  // A 10 ms event-loop-delay resolution is fine enough to see a stall and cheap to keep.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  new Counter({
    name: 'paybench_log_lines_emitted_total',
    help: 'Log lines the process handed to its logger destination',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(options.loggerStats().emitted);
    },
  });
  new Counter({
    name: 'paybench_log_lines_dropped_total',
    help: "Log lines dropped by the process's own bounded logger buffer",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(options.loggerStats().dropped);
    },
  });
  new Counter({
    name: 'paybench_resilience_events_total',
    help: 'What the resilience policies did, by callee and event (retries, breaker opens and refusals, bulkhead refusals, fallbacks)',
    labelNames: ['callee', 'event'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [callee, counts] of Object.entries(options.policies.counters.snapshot().byCallee)) {
        for (const [event, n] of Object.entries(counts)) this.inc({ callee, event: event as PolicyCountName }, n);
      }
    },
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.get('/stats/logging', (_req, res) => {
    res.json({ process: options.process, ...options.loggerStats(), memory: process.memoryUsage() });
  });
  // Read once per cell by the harness: the preset this process runs with and what its policies did.
  app.get('/stats/resilience', (_req, res) => {
    res.json({
      process: options.process,
      preset: options.policies.preset?.name ?? null,
      ...options.policies.counters.snapshot(),
    });
  });
}
