import type { LogAccounting, ProcessLogAccount } from '@paybench/platform-runtime';
import { describe, expect, it } from 'vitest';
import type { ClinicRun, ProcessCpuProfile } from '@paybench/bench-profile';
import {
  accountingProblem,
  clinicProblem,
  cpuProfileProblem,
  errorProblem,
  interruptedProblem,
  killedProblem,
  liftFaultsProblem,
  primingProblem,
  stoppingProblem,
  unexpectedExitProblem,
} from './cell-problems.js';

const accounting = (holds: boolean, settled: boolean, problems: string[] = []): LogAccounting => ({
  at: '2026-01-01T00:00:00.000Z',
  processes: [{ process: 'checkout', problems } as unknown as ProcessLogAccount],
  holds,
  settled,
  forwarderError: null,
});

describe('problems that disqualify a cell', () => {
  it('a process that exited unexpectedly, with the last lines of its stderr', () => {
    expect(unexpectedExitProblem('risk', { code: 1, signal: null }, 'boot\nError: boom\n  at x')).toEqual({
      message: 'process risk exited unexpectedly (code 1, signal -): Error: boom   at x',
      disqualifies: true,
    });
  });

  it('log accounting that does not hold, naming each process and what is wrong', () => {
    expect(accountingProblem(accounting(false, true, ['12 lines unaccounted for']), 20_000)).toEqual({
      message: 'log accounting does not hold: checkout: 12 lines unaccounted for',
      disqualifies: true,
    });
  });

  it('log lines still in flight once the drain timed out', () => {
    expect(accountingProblem(accounting(true, false), 20_000)).toEqual({
      message: 'log lines still in flight 20 s after the load stopped',
      disqualifies: true,
    });
  });

  it('none from an accounting that holds and settled', () => {
    expect(accountingProblem(accounting(true, true), 20_000)).toBeNull();
  });
});

describe('problems recorded without disqualifying the cell', () => {
  it('priming checkouts that failed (none when all succeeded)', () => {
    expect(primingProblem(['HTTP 503 busy', 'HTTP 503 busy'], 200)).toEqual({
      message: '2 of 200 priming checkouts failed (HTTP 503 busy)',
      disqualifies: false,
    });
    expect(primingProblem([], 200)).toBeNull();
  });

  it('a CPU profile that could not be taken (none for a profile taken)', () => {
    const profile = (error: string | null) => ({ process: 'checkout', error }) as ProcessCpuProfile;
    expect(cpuProfileProblem(profile('the profiler did not start: ECONNREFUSED'))).toEqual({
      message: 'CPU profile of checkout: the profiler did not start: ECONNREFUSED',
      disqualifies: false,
    });
    expect(cpuProfileProblem(profile(null))).toBeNull();
  });

  it('a process killed after ignoring SIGTERM, a failed stop, faults that could not be lifted', () => {
    expect(killedProblem('orders')).toEqual({ message: 'orders ignored SIGTERM and was killed', disqualifies: false });
    expect(stoppingProblem(new Error('EPERM'))).toEqual({ message: 'stopping failed: EPERM', disqualifies: false });
    expect(liftFaultsProblem(new Error('forwarder gone'))).toEqual({
      message: 'could not lift the faults: forwarder gone',
      disqualifies: false,
    });
  });

  it('a clinic.js tool that timed out or wrote no report (none for a report written)', () => {
    const run = (status: ClinicRun['status']): ClinicRun => {
      return { tool: 'doctor', process: 'checkout', data: null, html: null, status, message: `clinic ${status}` };
    };
    expect(clinicProblem(run('timeout'))).toEqual({ message: 'clinic timeout', disqualifies: false });
    expect(clinicProblem(run('failed'))).toEqual({ message: 'clinic failed', disqualifies: false });
    expect(clinicProblem(run('ok'))).toBeNull();
  });

  it('an error that ended the run: its message as it is; after the load it leaves the cell invalid, never ok', () => {
    expect(errorProblem(new Error('the load generator failed: EPIPE'))).toEqual({
      message: 'the load generator failed: EPIPE',
      disqualifies: true,
    });
  });

  it('an interruption: when it came and what the figures cover, without disqualifying them', () => {
    expect(interruptedProblem('SIGINT', 20_340, 52_000)).toEqual({
      message: 'stopped by SIGINT 20.3 s into the 52 s measured window: the figures cover only the part that ran',
      disqualifies: false,
    });
    expect(interruptedProblem('SIGTERM', -1_200, 52_000).message).toBe(
      'stopped by SIGTERM during the warm-up: the figures cover only the part that ran',
    );
  });
});
