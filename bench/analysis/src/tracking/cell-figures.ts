// The tracked figures of one cell (one repeat of one topology x logging x load), read from its
// summary: extract-figures.ts then takes medians over repeats and names them.
import type { CellResult, CellSummary, PhaseSummary } from '@paybench/bench-results';
import { perSecondLatency, type SecondLatency } from './per-second-latency.js';
import type { Direction } from './tracked-figure.js';

/** The stretch name of the whole measured window in figure names. */
export const WHOLE = 'whole';

export interface CellFigure {
  /** The part of the name below the cell, e.g. `whole/p99_ms` or `stall/availability`. */
  suffix: string;
  unit: string;
  direction: Direction;
  /** Null when the cell could not measure it (no sample, no CPU reading...). */
  value: number | null;
  /** Latency of each window second (open loop only), keyed by second so that ratios can pair seconds. */
  perSecond?: { second: number; value: number }[];
  how: string;
}

const MIB = 1024 * 1024;

export function cellFigures(summary: CellSummary, cell: CellResult): CellFigure[] {
  if (summary.capacity) {
    return [
      {
        suffix: 'capacity_rps',
        unit: 'req/s',
        direction: 'bigger',
        value: summary.capacity.capacityRps,
        how: 'highest offered rate of a step within the SLO (p99, >= 99.9% answered, generator on schedule)',
      },
      logLinesDropped(summary),
    ];
  }
  const traffic = summary.traffic;
  if (traffic === null) return [];
  const drops = logLinesDropped(summary);
  if (traffic.kind === 'closed') {
    return [
      {
        suffix: `${WHOLE}/throughput_rps`,
        unit: 'req/s',
        direction: 'bigger',
        value: traffic.throughputPerSecond,
        how: 'answers per second at saturation (autocannon, closed loop)',
      },
      {
        suffix: `${WHOLE}/p50_ms`,
        unit: 'ms',
        direction: 'smaller',
        value: traffic.latency.p50Ms,
        how: 'p50 service time at saturation (send to last byte)',
      },
      {
        suffix: `${WHOLE}/p99_ms`,
        unit: 'ms',
        direction: 'smaller',
        value: traffic.latency.p99Ms,
        how: 'p99 service time at saturation (send to last byte)',
      },
      ...resourceFigures(traffic.resources.cpuMsPerSuccess, traffic.resources.peakRssBytes),
      drops,
    ];
  }
  if (cell.loadResult?.kind !== 'open') return [];
  const seconds = perSecondLatency(cell.loadResult.result, cell.phases);
  const several = traffic.phases.length > 1;
  const stretches: { label: string; phase: PhaseSummary; seconds: SecondLatency[] }[] = [
    { label: WHOLE, phase: traffic.overall, seconds: seconds.whole },
    ...(several
      ? traffic.phases.map((phase) => ({ label: phase.name, phase, seconds: seconds.byPhase.get(phase.name) ?? [] }))
      : []),
  ];
  const figures = stretches.flatMap(({ label, phase, seconds: perSecond }) => stretchFigures(label, phase, perSecond));
  figures.push(
    ...resourceFigures(traffic.overall.resources.cpuMsPerSuccess, traffic.overall.resources.peakRssBytes),
    drops,
  );
  if (several) figures.push(...faultTimings(summary));
  return figures;
}

function stretchFigures(label: string, phase: PhaseSummary, seconds: readonly SecondLatency[]): CellFigure[] {
  const where = label === WHOLE ? 'whole window' : `phase ${label}`;
  const percent = (share: number | null) => (share === null ? null : share * 100);
  return [
    ...(['p50', 'p99'] as const).map((q): CellFigure => ({
      suffix: `${label}/${q}_ms`,
      unit: 'ms',
      direction: 'smaller',
      value: phase.traffic.latency[`${q}Ms`],
      perSecond: seconds.map((s) => ({ second: s.second, value: s[`${q}Ms`] })),
      how: `${q} of the ${where}, merged histograms of all classes, from intended start`,
    })),
    {
      suffix: `${label}/availability`,
      unit: '%',
      direction: 'bigger',
      value: percent(phase.traffic.availability),
      how: `(2xx + 422) / requests due in the ${where}`,
    },
    {
      suffix: `${label}/slo_availability`,
      unit: '%',
      direction: 'bigger',
      value: percent(phase.traffic.withinSlo.availability),
      how: `answers within the SLO / requests due in the ${where} (a lower bound)`,
    },
  ];
}

function resourceFigures(cpuMsPerSuccess: number | null, peakRssBytes: number | null): CellFigure[] {
  return [
    {
      suffix: `${WHOLE}/cpu_ms_per_req`,
      unit: 'ms/req',
      direction: 'smaller',
      value: cpuMsPerSuccess,
      how: 'CPU of every process / 2xx answers (process_cpu_seconds_total)',
    },
    {
      suffix: `${WHOLE}/peak_rss_mib`,
      unit: 'MiB',
      direction: 'smaller',
      value: peakRssBytes === null ? null : peakRssBytes / MIB,
      how: 'sum of per-process peak resident memory',
    },
  ];
}

/** Lines lost by the logger, the driver and the forwarder; unknown when a process could not report its logger's drops. */
function logLinesDropped(summary: CellSummary): CellFigure {
  const lines = summary.logLines;
  const value =
    lines === null || lines.droppedByLogger === null || lines.droppedByForwarder === null
      ? null
      : lines.droppedByLogger + lines.droppedByDriver + lines.droppedByForwarder;
  return {
    suffix: `${WHOLE}/log_lines_dropped`,
    unit: 'lines',
    direction: 'smaller',
    value,
    how: 'log lines dropped by logger + driver + forwarder (end-to-end accounting)',
  };
}

/**
 * Time to impact of each fault phase and time to recover in the last phase. The summary's
 * convention is that the last event lifts the fault, so the last phase gets no time to impact
 * (unless it is the only fault phase). A phase that never went bad, or never recovered, is
 * counted as its whole length: censored, so that the figure exists in every run and moves the
 * right way (no impact within 5 s is at least 5 s; no recovery within 7 s is at least 7 s).
 */
function faultTimings(summary: CellSummary): CellFigure[] {
  const traffic = summary.traffic;
  if (traffic?.kind !== 'open') return [];
  const phases = traffic.phases;
  const lengthOf = (phase: PhaseSummary) => phase.toMs - phase.fromMs;
  const impactPhases = phases.length === 2 ? phases.slice(1) : phases.slice(1, -1);
  const figures: CellFigure[] = impactPhases.map((phase) => ({
    suffix: `${phase.name}/time_to_impact_ms`,
    unit: 'ms',
    direction: 'bigger',
    value: traffic.impact.find((i) => i.phase === phase.name)?.ms ?? lengthOf(phase),
    how: 'phase start to its first bad second (1 s resolution; the phase length when none was bad)',
  }));
  const last = phases.at(-1);
  if (last && traffic.recovery) {
    figures.push({
      suffix: `${last.name}/time_to_recover_ms`,
      unit: 'ms',
      direction: 'smaller',
      value: traffic.recovery.outcome === 'recovered' ? traffic.recovery.ms : lengthOf(last),
      how: 'phase start to 3 good seconds in a row (1 s resolution; the phase length when not recovered)',
    });
  }
  return figures;
}
