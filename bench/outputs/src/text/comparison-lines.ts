import type { CellSummary, FaultPhaseComparison, TopologyComparison, TopologyFigures } from '@paybench/bench-results';
import { formatMs, formatPercent, formatRatioInterval, formatSeconds, intervalBasis } from '@paybench/bench-analysis';
import { wrap } from './text-table.js';

/**
 * One line per topology against the baseline, e.g.
 * `microservices/monolith: p50 x14 [11-17], p99 x3.2 [1.1-9.0], req/s x0.98 [0.95-1.0], CPU/req x2.9 [2.7-3.1],
 * RSS x4.1 [4.0-4.2] (95% intervals over 3 repeats; medians of up to 3 repeats)`.
 */
export function ratioLines(comparison: TopologyComparison, cells: readonly CellSummary[], width: number): string[] {
  if (comparison.ratios.length === 0) return [`  ${comparison.baseline} only: no other topology to compare with`];
  const baseline = comparison.topologies[0];
  return comparison.ratios.flatMap((r) => {
    const figures = comparison.topologies.find((t) => t.topology === r.topology) ?? baseline;
    const i = r.intervals;
    const ratios = `p50 ${formatRatioInterval(r.p50, i?.p50)}, p99 ${formatRatioInterval(r.p99, i?.p99)}, req/s ${formatRatioInterval(r.throughput, i?.throughput)}, CPU/req ${formatRatioInterval(r.cpuPerSuccess, i?.cpuPerSuccess)}, RSS ${formatRatioInterval(r.peakRss, i?.peakRss)}`;
    const note = basisNote([figures, baseline], cells, intervalBasis(i));
    return wrap(`  ${r.topology}/${r.baseline}: ${ratios}${note}`, width, '      ');
  });
}

/** What the brackets are, and where the medians come from when it is not simply one valid repeat each. */
function basisNote(figures: readonly TopologyFigures[], cells: readonly CellSummary[], intervals: string): string {
  const parts: string[] = [intervals];
  const notValid = [...new Set(figures.flatMap((f) => statusesUsed(f, cells)))];
  if (notValid.length > 0)
    parts.push(
      notValid.every((s) => s === 'interrupted')
        ? 'from INTERRUPTED cells: windows cut short'
        : `from ${statusLabel(notValid)} cells: not trustworthy`,
    );
  if (figures.some((f) => f.basis === 'none')) parts.push('a topology has no measurement');
  const repeats = Math.max(...figures.map((f) => f.repeatsUsed.length));
  if (repeats > 1) parts.push(`medians of up to ${repeats} repeats`);
  const excluded = figures.flatMap((f) => f.repeatsExcluded.map((e) => `${f.topology} #${e.repeat} ${e.status}`));
  if (excluded.length > 0) parts.push(`left out: ${excluded.join(', ')}`);
  return ` (${parts.join('; ')})`;
}

/**
 * One line per (fault phase, topology): p99 with each class's p99 (blast radius), availability
 * within the SLO and answered (avail%), time from the phase start to the first bad second, and
 * for the last phase to the first of 3 good seconds, e.g.
 * `stall:  monolith  p99 2013 ms (checkout 2100, orderStatus 1900); in SLO 41.0%, answered 97.0%; impact +1.0 s`.
 */
export function verdictLines(comparison: TopologyComparison, cells: readonly CellSummary[], width: number): string[] {
  const indent = ' '.repeat(2 + 14 + 14 + 1);
  const notValid = (topology: string) => {
    const figures = comparison.topologies.find((f) => f.topology === topology);
    return figures ? statusesUsed(figures, cells) : [];
  };
  return comparison.faultPhases.flatMap((phase) =>
    phase.byTopology.flatMap((t, i) => wrap(verdictLine(phase, t, i === 0, notValid(t.topology)), width, indent)),
  );
}

/**
 * The statuses of the cells a topology's medians come from when none is valid (basis `invalid
 * only`): looked up by the repeats the comparison used, so that interrupted cells (stopped early,
 * not disqualified) are not called invalid. Empty when the medians come from valid cells.
 */
function statusesUsed(figures: TopologyFigures, cells: readonly CellSummary[]): string[] {
  if (figures.basis !== 'invalid only') return [];
  const statuses = figures.repeatsUsed.map(
    (repeat) => cells.find((c) => c.topology === figures.topology && c.repeat === repeat)?.status ?? 'invalid',
  );
  return [...new Set(statuses)];
}

/** 'INVALID', 'INTERRUPTED', 'INVALID/INTERRUPTED'. */
function statusLabel(statuses: readonly string[]): string {
  return statuses.map((s) => s.toUpperCase()).join('/');
}

function verdictLine(
  phase: FaultPhaseComparison,
  t: FaultPhaseComparison['byTopology'][number],
  firstOfPhase: boolean,
  notValid: readonly string[],
): string {
  const label = (firstOfPhase ? `${phase.phase}:` : '').padEnd(14);
  if (t.repeats === 0) return `  ${label}${t.topology.padEnd(14)} not measured: no open-loop result`;
  const classes = Object.entries(t.classP99Ms)
    .map(([name, p99]) => `${name} ${formatMs(p99)}`)
    .join(', ');
  const parts = [
    `p99 ${formatMs(t.p99Ms)} ms${classes ? ` (${classes})` : ''}`,
    `in SLO ${formatPercent(t.availabilityWithinSlo)}%, answered ${formatPercent(t.availability)}%`,
    t.impactSeen > 0
      ? `impact +${formatSeconds(t.timeToImpactMs)}${ofRepeats(t.impactSeen, t.repeats)}`
      : 'no impact seen',
  ];
  if (phase.last)
    parts.push(
      t.recovered > 0
        ? `recovered +${formatSeconds(t.timeToRecoverMs)}${ofRepeats(t.recovered, t.repeats)}`
        : 'recovery not seen',
    );
  const invalid =
    t.basis === 'invalid only'
      ? ` [${statusLabel(notValid.length > 0 ? notValid : ['invalid'])} cells]`
      : t.basis === 'none'
        ? ' [not measured]'
        : '';
  return `  ${label}${t.topology.padEnd(14)} ${parts.join('; ')}${invalid}`;
}

function ofRepeats(count: number, repeats: number): string {
  return repeats > 1 ? ` (${count} of ${repeats} repeats)` : '';
}
