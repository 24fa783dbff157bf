// Did a cell come back after a load pulse (the trigger of a retry storm), or did it stay down (metastable)?
// Computed from each cell's raw per-second samples whenever it is shown; nothing of it is stored.
import type { SecondSample } from '@paybench/bench-load';
import type { CellResult, RunResult } from '@paybench/bench-results';
import { loadLabel, type FaultEvent } from '@paybench/bench-scenario';
import { formatRate, formatRatio, formatSeconds } from './format-units.js';
import { median } from './median.js';
import type { RichText } from './rich-text.js';
import { cellConfiguration } from './scenario-axes.js';
import { RECOVERY_GOOD_SECONDS } from './second-verdicts.js';
import { trafficFigures, type SloContext } from './traffic-figures.js';

/** Goodput counts as back when it is within this share of its pre-trigger level. */
export const GOODPUT_RECOVERED_SHARE = 0.95;

/** The trigger of a scenario: from its first fault event to its last, which brings the load back. */
export interface Trigger {
  /** The first fault event's time: the seconds before it are the pre-trigger level. */
  fromMs: number;
  /** The last fault event's time: recovery is judged from here on. */
  toMs: number;
  /** The highest load factor of the timeline (the pulse). */
  peakFactor: number;
}

export interface MetastabilityVerdict {
  key: string;
  topology: string;
  logging: string;
  load: string;
  repeat: number;
  valid: boolean;
  trigger: Trigger;
  /** Median goodput (2xx answers within the SLO) per window second before the trigger; null without any. */
  preTriggerGoodput: number | null;
  /**
   * recovered: RECOVERY_GOOD_SECONDS seconds in a row with goodput >= 95% of the pre-trigger level, after the trigger;
   * metastable: never within the window; not judged: no pre-trigger goodput, or too few seconds after the trigger.
   */
  outcome: 'recovered' | 'metastable' | 'not judged';
  /** ms from the end of the trigger to the first of those seconds. */
  recoveryMs: number | null;
  /** Attempts per client request ((sent + retries) / sent): during the trigger, and after it. */
  amplification: { during: number | null; after: number | null };
  /** Whether the cell's load generator retried at all (clientRetries). */
  retryingClient: boolean;
  /** Goodput of each window second, for the reader's own check. */
  goodput: { second: number; perSecond: number }[];
  text: RichText;
}

/**
 * The trigger of a scenario whose timeline has a load pulse (a `load` factor above 1) and ends with the load back
 * at its rate (the last load change is factor 1) on its last fault event; null otherwise (no verdict then). The
 * trigger runs from the first fault event to the last: a pulse "while a dependency is slow" is one trigger, and
 * the last event is expected to lift everything.
 */
export function triggerOf(faults: readonly FaultEvent[]): Trigger | null {
  const changes = faults.filter((f) => f.load !== undefined);
  const peakFactor = Math.max(0, ...changes.map((f) => f.load?.factor ?? 0));
  const last = faults.at(-1);
  if (peakFactor <= 1 || last === undefined || changes.at(-1)?.load?.factor !== 1 || !last.load) return null;
  return { fromMs: faults[0].at, toMs: last.at, peakFactor };
}

/** One verdict per open-loop cell of a run whose scenario has a pulse (see triggerOf), in the order of the cells. */
export function metastabilityVerdicts(run: RunResult): MetastabilityVerdict[] {
  const trigger = triggerOf(run.scenario.faults);
  if (trigger === null) return [];
  const slo: SloContext = { sloP99Ms: run.scenario.slo.p99Ms, requestTimeoutMs: run.scenario.timeout };
  return run.cells.flatMap((cell) =>
    cell.loadResult?.kind === 'open'
      ? [cellVerdict(cell, cell.loadResult.result.perSecond, cell.loadResult.result.durationMs, trigger, slo)]
      : [],
  );
}

/**
 * 2xx answers within the SLO that ended in this second, every class together: the successes less the answers
 * slower than the SLO that were not timeouts (the estimate of WithinSlo, restricted to 2xx: a lower bound).
 */
export function goodputOf(sample: SecondSample, slo: SloContext): number {
  const figures = trafficFigures(Object.values(sample.classes), 1000, slo);
  const slow = Math.max(0, figures.withinSlo.samplesAboveSlo - figures.withinSlo.timeoutsAboveSlo);
  return Math.max(0, figures.success - slow);
}

function cellVerdict(
  cell: CellResult,
  perSecond: readonly SecondSample[],
  durationMs: number,
  trigger: Trigger,
  slo: SloContext,
): MetastabilityVerdict {
  const window = [...perSecond].filter((s) => s.second * 1000 < durationMs).sort((a, b) => a.second - b.second);
  const goodput = window.map((s) => ({ second: s.second, perSecond: goodputOf(s, slo) }));
  // Whole seconds only: a second cut by the trigger's start or end belongs to neither side.
  const before = goodput.filter((g) => (g.second + 1) * 1000 <= trigger.fromMs);
  const after = goodput.filter((g) => g.second * 1000 >= trigger.toMs);
  const during = window.filter((s) => s.second * 1000 >= trigger.fromMs && (s.second + 1) * 1000 <= trigger.toMs);
  const level = median(before.map((g) => g.perSecond));
  const retryingClient = cell.load.kind === 'open' && cell.load.clientRetries !== undefined;
  const amplification = {
    during: attemptsPerRequest(during),
    after: attemptsPerRequest(window.filter((s) => s.second * 1000 >= trigger.toMs)),
  };

  let outcome: MetastabilityVerdict['outcome'] = 'not judged';
  let recoveryMs: number | null = null;
  if (level !== null && level > 0 && after.length >= RECOVERY_GOOD_SECONDS) {
    const threshold = level * GOODPUT_RECOVERED_SHARE;
    const start = after.findIndex((_, i) => {
      const run = after.slice(i, i + RECOVERY_GOOD_SECONDS);
      return (
        run.length === RECOVERY_GOOD_SECONDS &&
        run.every((g, k) => g.second === run[0].second + k && g.perSecond >= threshold)
      );
    });
    outcome = start === -1 ? 'metastable' : 'recovered';
    if (start !== -1) recoveryMs = after[start].second * 1000 - trigger.toMs;
  }
  const verdict = {
    key: cell.key,
    topology: cell.topology,
    // Its configuration (`fixed/naive` under a preset), as every table and verdict names it.
    logging: cellConfiguration(cell),
    load: loadLabel(cell.load),
    repeat: cell.repeat,
    valid: cell.status === 'ok',
    trigger,
    preTriggerGoodput: level,
    outcome,
    recoveryMs,
    amplification,
    retryingClient,
    goodput,
  };
  return { ...verdict, text: verdictText(verdict, after) };
}

/** (sent + retries) / sent over some seconds: what the system was asked per client request; null when none was sent. */
function attemptsPerRequest(seconds: readonly SecondSample[]): number | null {
  let sent = 0;
  let retries = 0;
  for (const second of seconds)
    for (const c of Object.values(second.classes)) {
      sent += c.sent;
      retries += c.retries ?? 0;
    }
  return sent > 0 ? (sent + retries) / sent : null;
}

/**
 * `microservices #1 at open-150-retry3: **metastable**: goodput 140/s before the trigger (0-20 s, load up to x3);
 * in the 30 s after it ended it never held >= 133/s for 3 s (best second 41/s); 2.9 attempts per client request
 * after the trigger (3.4 during it).`
 */
function verdictText(
  v: Omit<MetastabilityVerdict, 'text'>,
  after: readonly { second: number; perSecond: number }[],
): RichText {
  const preset = v.logging.includes('/') ? ` (${v.logging})` : '';
  const label = `${v.topology} #${v.repeat}${preset} at ${v.load}${v.valid ? '' : ' [INVALID cell]'}: `;
  const trigger = `(trigger ${v.trigger.fromMs / 1000}-${v.trigger.toMs / 1000} s, load up to ${formatRatio(v.trigger.peakFactor)})`;
  const amplification = v.retryingClient
    ? ` ${formatRatio(v.amplification.after)} attempts per client request after the trigger (${formatRatio(v.amplification.during)} during it).`
    : ' The client did not retry (x1.0 attempts per client request).';
  if (v.outcome === 'not judged') {
    const why =
      v.preTriggerGoodput === null || v.preTriggerGoodput === 0
        ? 'no goodput before the trigger to come back to'
        : `only ${after.length} s of the window after the trigger (${RECOVERY_GOOD_SECONDS} needed)`;
    return [label, { strong: 'recovery not judged' }, `: ${why} ${trigger}.`];
  }
  const level = `goodput (2xx within the SLO) ${formatRate(v.preTriggerGoodput)}/s before the trigger ${trigger}`;
  if (v.outcome === 'recovered')
    return [
      label,
      { strong: 'recovered' },
      `: ${level}; back within 5% of it ${formatSeconds(v.recoveryMs)} after the trigger ended.`,
      amplification,
    ];
  const best = Math.max(0, ...after.map((g) => g.perSecond));
  return [
    label,
    { strong: 'metastable' },
    `: ${level}; in the ${after.length} s after the trigger ended it never held ${formatRate((v.preTriggerGoodput ?? 0) * GOODPUT_RECOVERED_SHARE)}/s for ${RECOVERY_GOOD_SECONDS} s in a row (best second ${formatRate(best)}/s).`,
    amplification,
  ];
}
