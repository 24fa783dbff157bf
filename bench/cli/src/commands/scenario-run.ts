// What `run` and `profile` share around runScenario: the command-line overrides of a scenario,
// Ctrl-C, and the end of a run (the table, the reports, the verdict on the exit code).
import { EXIT } from '../exit-codes.js';
import type { RunResult } from '@paybench/bench-results';
import { describeWritten, renderTerminalSummary, writeReports } from '@paybench/bench-outputs';
import type { Scenario } from '@paybench/bench-scenario';

export interface ScenarioOverrides {
  repeat?: number;
  duration?: number;
  warmup?: number;
  seed?: number;
  population?: number;
  /** Replaces the load with one open-loop point at this rate (keeping the scenario's retrying client, if any). */
  rate?: number;
  /** Runs every logging configuration with this node-level forwarder. */
  forwarder?: 'builtin' | 'syslog-ng';
}

/** The scenario with the command line's overrides, or a usage message when its faults no longer fit the window. */
export function applyOverrides(
  scenario: Scenario,
  options: ScenarioOverrides,
): { scenario: Scenario } | { error: string } {
  // A retrying client is part of how the scenario loads the system, not of its rate: --rate keeps it.
  const retrying = scenario.load.find((point) => point.kind === 'open' && point.clientRetries);
  const clientRetries = retrying?.kind === 'open' ? retrying.clientRetries : undefined;
  const overridden: Scenario = {
    ...scenario,
    ...(options.repeat ? { repeat: options.repeat } : {}),
    ...(options.duration ? { duration: options.duration } : {}),
    ...(options.warmup !== undefined ? { warmup: options.warmup } : {}),
    ...(options.rate
      ? {
          load: [
            {
              kind: 'open' as const,
              rate: options.rate,
              maxInFlight: 512,
              ...(clientRetries ? { clientRetries } : {}),
            },
          ],
        }
      : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.population ? { population: options.population } : {}),
    ...(options.forwarder
      ? {
          logging: scenario.logging.map((logging) => ({
            ...logging,
            forwarder: { ...logging.forwarder, kind: options.forwarder },
          })),
        }
      : {}),
  };
  const refit = options.forwarder === 'syslog-ng' && overridden.faults.find((f) => f.forwarder?.whenFull);
  if (refit)
    return {
      error: `--forwarder syslog-ng: the fault "${refit.phase}" changes whenFull, and syslog-ng's flow control is set when it starts`,
    };
  const late = overridden.faults.find((f) => f.at >= overridden.duration);
  if (late)
    return {
      error: `--duration ${overridden.duration} ms is too short: the fault "${late.phase}" is at ${late.at} ms`,
    };
  return { scenario: overridden };
}

/**
 * SIGINT or SIGTERM aborts the returned signal: the run stops the load and every process and
 * writes what it measured. A second one exits at once (supervised processes exit with us).
 */
export function abortOnInterrupt(): AbortSignal {
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write('second interrupt: exiting now (supervised processes exit with us)\n');
      process.exit(EXIT.failed);
    }
    process.stderr.write(`\n${signal}: stopping the load and every process, then writing what was measured...\n`);
    controller.abort(signal);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  return controller.signal;
}

/** Prints the summary table, writes summary.md and report.html, says where; true when the run is complete and every cell valid. */
export function finishRun(result: RunResult, dir: string): boolean {
  process.stdout.write(`${renderTerminalSummary(result)}\n`);
  const reports = writeReports(result, dir);
  process.stdout.write(`results: ${dir}/result.json (raw data), ${describeWritten(reports, dir).join(', ')}\n`);
  const allValid = result.complete && result.cells.length > 0 && result.cells.every((c) => c.status === 'ok');
  if (!allValid)
    process.stderr.write(
      result.complete ? 'some cells are invalid or failed: see the table above\n' : 'the run is INCOMPLETE\n',
    );
  return allValid;
}
