// Every problem a cell records, each with its consequence decided where it is made, not read back
// from its wording: rewording a message cannot change whether a cell is valid.
import type { ExitInfo, LogAccounting } from '@paybench/platform-runtime';
import type { ClinicRun, ProcessCpuProfile } from '@paybench/bench-profile';
import type { Reconciliation } from '@paybench/bench-results';

/** Something that went wrong in a cell, and whether it makes the cell's figures untrustworthy. */
export interface Problem {
  readonly message: string;
  /** True: the cell ran, but its figures cannot be trusted (status `invalid`). False: recorded only. */
  readonly disqualifies: boolean;
}

/** A process of the topology died while the cell ran: every figure after that is of another system. */
export function unexpectedExitProblem(name: string, info: ExitInfo, stderr: string): Problem {
  const lastLines = stderr.split('\n').slice(-2).join(' ');
  const exit = `code ${info.code ?? '-'}, signal ${info.signal ?? '-'}`;
  return { message: `process ${name} exited unexpectedly (${exit}): ${lastLines}`, disqualifies: true };
}

/**
 * A process killed on purpose (a crash fault) was restarted and did not become ready: from then on the cell
 * ran a topology short of a process it was meant to have back.
 */
export function restartFailedProblem(name: string, error: Error): Problem {
  return {
    message: `process ${name} was restarted after a crash fault and did not become ready: ${error.message}`,
    disqualifies: true,
  };
}

/** Some orders to read could not be created: the order-status class reads fewer distinct orders. */
export function primingProblem(failures: readonly string[], attempted: number): Problem | null {
  if (failures.length === 0) return null;
  const message = `${failures.length} of ${attempted} priming checkouts failed (${failures[0]})`;
  return { message, disqualifies: false };
}

/** A profiled process gave no profile: the CPU breakdown lacks it, the measurements stand. */
export function cpuProfileProblem(profile: ProcessCpuProfile): Problem | null {
  if (!profile.error) return null;
  return { message: `CPU profile of ${profile.process}: ${profile.error}`, disqualifies: false };
}

/** The faults could not be lifted before the drain: the accounting that follows says what it cost. */
export function liftFaultsProblem(error: Error): Problem {
  return { message: `could not lift the faults: ${error.message}`, disqualifies: false };
}

/**
 * The log accounting after the drain: lines unaccounted for, or still in flight once the drain's
 * time was up, leave the log-loss figures unknown.
 */
export function accountingProblem(accounting: LogAccounting, settleTimeoutMs: number): Problem | null {
  if (!accounting.holds) {
    const why = accounting.processes.flatMap((a) => a.problems.map((p) => `${a.process}: ${p}`)).join('; ');
    return { message: `log accounting does not hold: ${why}`, disqualifies: true };
  }
  if (!accounting.settled) {
    const message = `log lines still in flight ${settleTimeoutMs / 1000} s after the load stopped`;
    return { message, disqualifies: true };
  }
  return null;
}

/**
 * An error that ended the cell's run early. Before the load ended it leaves no figures (status
 * `failed`, see cellStatus); after it (draining or reading the log accounting failed, say), the
 * figures already taken are kept but the cell is invalid: what should have checked them never did.
 */
export function errorProblem(error: Error): Problem {
  return { message: error.message, disqualifies: true };
}

/** The topology could not be stopped cleanly: the measurements were over by then. */
export function stoppingProblem(error: Error): Problem {
  return { message: `stopping failed: ${error.message}`, disqualifies: false };
}

/** A process that did not stop on SIGTERM was killed, after the measurements. */
export function killedProblem(name: string): Problem {
  return { message: `${name} ignored SIGTERM and was killed`, disqualifies: false };
}

/** A clinic.js tool that timed out or wrote no report: the profile is missing, the measurements stand. */
export function clinicProblem(run: ClinicRun): Problem | null {
  return run.status === 'ok' ? null : { message: run.message, disqualifies: false };
}

/**
 * Ctrl-C (or SIGTERM) stopped the load early, `atMs` after the measured window began (negative:
 * during the warm-up). Not disqualifying: the status says `interrupted`; this says what the figures cover.
 */
export function interruptedProblem(reason: string, atMs: number, windowMs: number): Problem {
  const when =
    atMs < 0 ? 'during the warm-up' : `${(atMs / 1000).toFixed(1)} s into the ${windowMs / 1000} s measured window`;
  return { message: `stopped by ${reason} ${when}: the figures cover only the part that ran`, disqualifies: false };
}

/**
 * Payments lost or doubled (see Reconciliation). Not disqualifying: the figures measured the system as it
 * behaved; this is what the system did wrong, said in capitals so that no reader misses it.
 */
export function reconciliationProblem(r: Reconciliation, runTag: string): Problem | null {
  if (r.lost === 0 && r.duplicated === 0) return null;
  const keys = (list: string[]) =>
    list.length > 0 ? ` (keys ${list.map((key) => `${runTag}-${key}`).join(', ')})` : '';
  const parts = [
    ...(r.lost > 0 ? [`${r.lost} acknowledged payment(s) LOST (keys ${keys(r.examples.lost)})`] : []),
    ...(r.duplicated > 0
      ? [`${r.duplicated} order(s) DOUBLED or unexplained (keys ${keys(r.examples.duplicated)})`]
      : []),
  ];
  return { message: `PAYMENTS NOT RECONCILED: ${parts.join('; ')}`, disqualifies: false };
}

/** The reconciliation could not be made (the database unreadable, say): nothing is known of lost payments. */
export function reconciliationErrorProblem(error: Error): Problem {
  return { message: `reconciliation failed: ${error.message}`, disqualifies: false };
}
