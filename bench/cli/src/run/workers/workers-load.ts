import {
  runWorkers,
  type GeneratorWorkers,
  type LedgerSnapshot,
  type SecondSample,
  type WorkerEndpoint,
} from '@paybench/bench-load';
import type { CellLoadResult } from '@paybench/bench-results';
import type { LoadProcess } from '../load-process.js';
import type { WorkerStart } from '../load-worker.js';

/** A worker that says nothing for the cell's timeout plus this long is hung (seconds arrive every second). */
const SILENCE_GRACE_MS = 15_000;

/**
 * The cell's open loop on several generator workers (local processes or remote hosts), through the worker
 * protocol: the same face as the single generator's process (startLoadProcess), so the cell measures it alike.
 * A failed or hung worker fails the load (named in the error): the cell is then failed, never merged short.
 */
export function startWorkersLoad(
  start: Extract<WorkerStart, { kind: 'open' }>,
  endpoints: readonly WorkerEndpoint[],
  options: {
    placement: GeneratorWorkers['placement'];
    token: string;
    onSecond?: (sample: SecondSample) => void;
    onLedger?: (checkout: Record<string, LedgerSnapshot>) => void;
  },
): LoadProcess {
  const abort = new AbortController();
  const { type: _type, kind: _kind, ...load } = start;
  const run = runWorkers(endpoints, {
    token: options.token,
    placement: options.placement,
    load,
    silenceMs: start.timeoutMs + SILENCE_GRACE_MS,
    signal: abort.signal,
    ...(options.onSecond && { onSecond: options.onSecond }),
  });
  const result = run.result.then(({ result: merged, ledgers }): CellLoadResult => {
    options.onLedger?.(ledgers);
    return { kind: 'open', result: merged };
  });
  return { started: run.started, result, abort: () => abort.abort() };
}
