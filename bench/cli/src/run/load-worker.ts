// The load generator's own process, pinned to its own CPU(s) apart from the system under test,
// so neither steals the other's time and the supervisor's log drivers never delay a request.
// Protocol (IPC): parent sends one `start`, may send `abort`; worker sends `second` samples,
// then one `result` (or `error`), then exits.
import {
  type ClientRetryOptions,
  runOpenLoop,
  runSaturation,
  type LedgerSnapshot,
  runSteps,
  type SaturationResult,
  type OpenLoopResult,
  type SecondSample,
  type StepPlan,
  type StepsResult,
} from '@paybench/bench-load';
import { checkoutWeight } from '@paybench/bench-scenario';
import { openLoadRun, originByClass } from './open-load.js';
import { checkoutRequests, trafficClasses, type TrafficPlan } from './traffic.js';
import { sendToParent } from './send-to-parent.js';

export type WorkerStart =
  | {
      type: 'start';
      kind: 'open';
      origins: Record<string, string>;
      plan: TrafficPlan;
      rate: number;
      /** The fault timeline's load changes (a pulse), ms from the start of the measured window. */
      rateSteps?: { atMs: number; factor: number }[];
      clientRetries?: ClientRetryOptions;
      maxInFlight: number;
      durationMs: number;
      warmupMs: number;
      timeoutMs: number;
      seed: number;
    }
  | {
      type: 'start';
      kind: 'steps';
      origins: Record<string, string>;
      plan: TrafficPlan;
      steps: StepPlan;
      stepMs: number;
      sloP99Ms: number;
      maxInFlight: number;
      warmupMs: number;
      timeoutMs: number;
      seed: number;
    }
  | {
      type: 'start';
      kind: 'closed';
      origin: string;
      plan: TrafficPlan;
      connections: number;
      durationMs: number;
      warmupMs: number;
      timeoutMs: number;
    };

export type WorkerMessage =
  | { type: 'started'; epochMs: number }
  | { type: 'second'; sample: SecondSample }
  /** Open loop only, just before its result: per checkout class (payment option), how each of its requests ended
   * (reconciliation, see reconcile-cell.ts). */
  | { type: 'ledger'; checkout: Record<string, LedgerSnapshot> }
  /** A step of a stepped load ended: what it offered and whether it kept the SLO (progress only). */
  | { type: 'step'; rate: number; p99Ms: number | null; availability: number; withinSlo: boolean }
  | { type: 'result'; kind: 'open'; result: OpenLoopResult }
  | { type: 'result'; kind: 'closed'; result: SaturationResult }
  | { type: 'result'; kind: 'steps'; result: StepsResult }
  | { type: 'error'; message: string };

// Progress goes out as it comes; the ledger and the result are awaited before the worker disconnects (see
// sendToParent: a result over ~1 MB was lost otherwise).
const send = (message: WorkerMessage) => process.send?.(message);
const sendFinal = (message: WorkerMessage) => sendToParent(message);
const abort = new AbortController();

process.on('message', (message: WorkerStart | { type: 'abort' }) => {
  if (message.type === 'abort') abort.abort();
  else void run(message);
});
// Parent gone: nothing to report to.
process.on('disconnect', () => process.exit(0));
// Ctrl-C is the runner's to act on (it sends `abort`, then waits for what was measured); the worker
// leads a group of its own, and ignores a SIGINT that reaches it anyway.
process.on('SIGINT', () => undefined);

async function run(start: WorkerStart): Promise<void> {
  try {
    if (start.kind === 'open') {
      const open = openLoadRun(start, { onSecond: (sample) => send({ type: 'second', sample }), signal: abort.signal });
      send({ type: 'started', epochMs: Date.now() });
      const result = await runOpenLoop(open.options);
      await sendFinal({ type: 'ledger', checkout: open.ledgerSnapshots() });
      await sendFinal({ type: 'result', kind: 'open', result });
    } else if (start.kind === 'steps') {
      send({ type: 'started', epochMs: Date.now() });
      // Every step warms up again: its connection pools are its own.
      const result = await runSteps({
        origin: originByClass(start.origins),
        plan: start.steps,
        stepMs: start.stepMs,
        sloP99Ms: start.sloP99Ms,
        warmupMs: start.warmupMs,
        // Each step numbers its requests from 0: its own run tag keeps its idempotency keys new.
        classesForStep: (index) => trafficClasses({ ...start.plan, runTag: `${start.plan.runTag}-s${index}` }),
        seed: start.seed,
        maxInFlight: start.maxInFlight,
        timeoutMs: start.timeoutMs,
        signal: abort.signal,
        onStep: (step, verdict) => send({ type: 'step', rate: step.rate, ...verdict }),
      });
      await sendFinal({ type: 'result', kind: 'steps', result });
    } else {
      if (checkoutWeight(start.plan.mix) === 0) throw new Error('closed-loop load needs checkouts (mix.checkout > 0)');
      const checkout = checkoutRequests(start.plan);
      send({ type: 'started', epochMs: Date.now() });
      const result = await runSaturation({
        signal: abort.signal,
        origin: start.origin,
        connections: start.connections,
        durationMs: start.durationMs,
        warmupMs: start.warmupMs,
        requests: checkout,
        timeoutMs: Math.max(1_000, start.timeoutMs),
      });
      await sendFinal({ type: 'result', kind: 'closed', result });
    }
  } catch (error) {
    await sendFinal({ type: 'error', message: (error as Error).stack ?? String(error) });
  } finally {
    process.disconnect?.();
  }
}
