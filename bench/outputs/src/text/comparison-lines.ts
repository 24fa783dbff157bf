import type { FaultPhaseComparison, TopologyComparison, TopologyFigures } from '@paybench/bench-results';
import { formatMs, formatPercent, formatRatio, formatSeconds } from '@paybench/bench-analysis';
import { wrap } from './text-table.js';

/**
 * One line per topology against the baseline, e.g.
 * `microservices/monolith: p50 x14, p99 x3.2, req/s x0.98, CPU/req x2.9, RSS x4.1 (medians of 3 repeats)`.
 */
export function ratioLines(comparison: TopologyComparison, width: number): string[] {
  if (comparison.ratios.length === 0) return [`  ${comparison.baseline} only: no other topology to compare with`];
  const baseline = comparison.topologies[0];
  return comparison.ratios.flatMap((r) => {
    const figures = comparison.topologies.find((t) => t.topology === r.topology) ?? baseline;
    const ratios = `p50 ${formatRatio(r.p50)}, p99 ${formatRatio(r.p99)}, req/s ${formatRatio(r.throughput)}, CPU/req ${formatRatio(r.cpuPerSuccess)}, RSS ${formatRatio(r.peakRss)}`;
    return wrap(`  ${r.topology}/${r.baseline}: ${ratios}${basisNote([figures, baseline])}`, width, '      ');
  });
}

/** Where the medians come from, when it is not simply one valid repeat each. */
function basisNote(figures: readonly TopologyFigures[]): string {
  const parts: string[] = [];
  if (figures.some((f) => f.basis === 'invalid only')) parts.push('from INVALID cells: not trustworthy');
  if (figures.some((f) => f.basis === 'none')) parts.push('a topology has no measurement');
  const repeats = Math.max(...figures.map((f) => f.repeatsUsed.length));
  if (repeats > 1) parts.push(`medians of up to ${repeats} repeats`);
  const excluded = figures.flatMap((f) => f.repeatsExcluded.map((e) => `${f.topology} #${e.repeat} ${e.status}`));
  if (excluded.length > 0) parts.push(`left out: ${excluded.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * One line per (fault phase, topology): p99 with each class's p99 (blast radius), availability
 * within the SLO and answered (avail%), time from the phase start to the first bad second, and
 * for the last phase to the first of 3 good seconds, e.g.
 * `stall:  monolith  p99 2013 ms (checkout 2100, orderStatus 1900); in SLO 41.0%, answered 97.0%; impact +1.0 s`.
 */
export function verdictLines(comparison: TopologyComparison, width: number): string[] {
  const indent = ' '.repeat(2 + 14 + 14 + 1);
  return comparison.faultPhases.flatMap((phase) =>
    phase.byTopology.flatMap((t, i) => wrap(verdictLine(phase, t, i === 0), width, indent)),
  );
}

function verdictLine(
  phase: FaultPhaseComparison,
  t: FaultPhaseComparison['byTopology'][number],
  firstOfPhase: boolean,
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
  const invalid = t.basis === 'invalid only' ? ' [INVALID cells]' : t.basis === 'none' ? ' [not measured]' : '';
  return `  ${label}${t.topology.padEnd(14)} ${parts.join('; ')}${invalid}`;
}

function ofRepeats(count: number, repeats: number): string {
  return repeats > 1 ? ` (${count} of ${repeats} repeats)` : '';
}
