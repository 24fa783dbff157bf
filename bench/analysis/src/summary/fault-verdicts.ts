import type { CellResult, CellSummary, OpenLoopSummary, RunResult, TopologyComparison } from '@paybench/bench-results';
import type { RatioBounds, TopologyRatio } from '@paybench/bench-results';
import { reconciliationVerdicts } from '../reconciliation/reconciliation-verdicts.js';
import { beyondNoise, formatRatioInterval, intervalBasis } from './format-interval.js';
import { formatMs, formatPercent, formatRate, formatRatio } from './format-units.js';
import { lostShareInterval } from './lost-share-interval.js';
import { median } from './median.js';
import { metastabilityVerdicts } from './metastability.js';
import { chooseRepeats, ratio } from './over-repeats.js';
import type { SloContext } from './traffic-figures.js';
import type { RichSegment, RichText } from './rich-text.js';
import { axisRank, configurationPhrase, scenarioAxes } from './scenario-axes.js';
import { topologyCapacities, type TopologyCapacity } from '../tables/capacity-table.js';

/**
 * One headline conclusion of a run, worded once for every renderer (summary.md, report.html):
 * - `fault`: how far each topology degraded in its worst fault phase, and which degraded more;
 * - `within-slo`: every topology held the SLO in every phase (and what that cost in log lines);
 * - `no-valid-cell`: a block with a fault timeline but nothing valid to conclude from;
 * - `logging-change`: what another logging configuration changed against the scenario's first;
 * - `ratios`: a block without faults (healthy comparison, saturation): the topology ratios;
 * - `payments`: first of all, whether any cell lost or doubled a payment (reconciled cells only; logging and
 *   load are empty: it speaks of the whole run).
 * - `metastability`: per cell of a scenario with a load pulse, whether goodput came back after it (metastability.ts).
 * - `capacity`: a stepped block: each topology's capacity at the SLO and its ratio to the first.
 */
export interface Verdict {
  kind:
    'fault' | 'within-slo' | 'no-valid-cell' | 'logging-change' | 'ratios' | 'payments' | 'metastability' | 'capacity';
  logging: string;
  load: string;
  text: RichText;
}

/**
 * The verdicts of a run, per (logging configuration, load) block in the order of `comparisons`,
 * then per load what each later logging configuration changed against the first. Medians over
 * valid repeats only (over-repeats.ts, `leave out`); a block with no valid cell says so instead of concluding anything.
 */
export function runVerdicts(
  run: RunResult,
  summaries: readonly CellSummary[],
  comparisons: readonly TopologyComparison[],
): Verdict[] {
  const slo = run.scenario.slo.p99Ms;
  const timeoutMs = run.scenario.timeout;
  const verdicts: Verdict[] = reconciliationVerdicts(summaries).map((text) => ({
    kind: 'payments',
    logging: '',
    load: '',
    text,
  }));
  const faultBlocks: { logging: string; load: string; figures: TopologyDamage[]; cells: CellSummary[] }[] = [];
  for (const comparison of comparisons) {
    const { logging, load } = comparison;
    const cells = summaries.filter((s) => s.logging === logging && s.load === load);
    const open = cells.filter((s) => s.traffic?.kind === 'open');
    const hasFaults = open.some((s) => (s.traffic as OpenLoopSummary).phases.length >= 2);
    const label: RichText = ['under the ', ...configurationPhrase(logging), ` at ${load}`];
    const capacities = topologyCapacities(
      cells,
      comparison.topologies.map((t) => t.topology),
    );
    if (capacities.length > 0) {
      verdicts.push({ kind: 'capacity', logging, load, text: capacityVerdict(label, capacities, slo) });
      continue;
    }
    if (!hasFaults) {
      const ratios = ratioVerdict(comparison);
      if (ratios) verdicts.push({ kind: 'ratios', logging, load, text: ratios });
      continue;
    }
    const valid = chooseRepeats(open, 'leave out').used;
    if (valid.length === 0) {
      verdicts.push({
        kind: 'no-valid-cell',
        logging,
        load,
        text: [...capitalise(label), ': no valid cell, no conclusion (see the cells that are not valid).'],
      });
      continue;
    }
    const topologies = [...new Set(valid.map((s) => s.topology))];
    // A topology with no valid cell is named, never silently left out of "every topology".
    const unjudged = [...new Set(open.map((s) => s.topology))].filter((t) => !topologies.includes(t));
    const unjudgedNote = unjudged.length > 0 ? [` ${unjudged.join(', ')}: no valid cell, not judged.`] : [];
    const every =
      unjudged.length > 0 ? `every topology with a valid cell (${topologies.join(', ')})` : 'every topology';
    const figures = topologies.map((topology) =>
      topologyDamage(
        valid.filter((s) => s.topology === topology),
        run.cells,
        slo,
        timeoutMs,
      ),
    );
    faultBlocks.push({ logging, load, figures, cells: valid });
    const repeats = new Set(valid.map((s) => s.repeat)).size;
    if (figures.every((t) => t.allWithinSlo)) {
      const dropped = droppedLines(valid);
      verdicts.push({
        kind: 'within-slo',
        logging,
        load,
        text: [
          ...capitalise(label),
          `, ${every} stayed within the SLO (p99 <= ${slo} ms) in every phase; ${dropped.total.toLocaleString('en-US')} log lines were dropped and counted${repeats > 1 ? ` over ${repeats} repeats` : ''}.`,
          ...unjudgedNote,
        ],
      });
      continue;
    }
    const parts = figures.map((t) => {
      // "rose x0.55" would misread: when even the worst fault phase beat the first phase, say so.
      const change =
        t.rise !== null && t.rise < 1 && !t.worstAtTimeout
          ? `never rose above the first phase's: at most ${formatRatio(t.rise)}, during `
          : `rose ${t.worstAtTimeout ? 'at least ' : ''}${formatRatio(t.rise)} during `;
      return [
        `${t.topology} p99 ${change}`,
        { code: t.worstPhase },
        ` (${formatMs(t.baselineP99)} -> ${worstP99(t)} ms, availability ${formatPercent(t.worstAvailability)}%)`,
      ] as RichSegment[];
    });
    // A p99 at the timeout is where the load generator gave up, not how long the requests took.
    const timeoutNote = figures.some((t) => t.worstAtTimeout)
      ? [
          ` A p99 at the ${timeoutMs} ms request timeout is a floor: those requests were abandoned unanswered at the deadline.`,
        ]
      : [];
    const more = whichDegradedMore(figures, { sloP99Ms: slo, requestTimeoutMs: timeoutMs });
    verdicts.push({
      kind: 'fault',
      logging,
      load,
      text: [
        ...capitalise(label),
        ...(more.length > 0 ? [', ', ...more, ' Worst phase: '] : [': ']),
        ...joinParts(parts, '; '),
        '.',
        ...timeoutNote,
        ...unjudgedNote,
      ],
    });
  }
  verdicts.push(...loggingChanges(run, faultBlocks));
  for (const m of metastabilityVerdicts(run))
    verdicts.push({ kind: 'metastability', logging: m.logging, load: m.load, text: m.text });
  return verdicts;
}

/** One topology's damage in one block, medians over its valid repeats. */
interface TopologyDamage {
  topology: string;
  worstPhase: string;
  baselineP99: number | null;
  worstP99: number | null;
  rise: number | null;
  /** Answered share (2xx + 422) of the worst phase. */
  worstAvailability: number | null;
  /**
   * The worst phase's p99 is a timed-out request, recorded at the request timeout: the real
   * latency of the tail is unknown beyond it, so the p99 and its rise are lower bounds.
   */
  worstAtTimeout: boolean;
  allWithinSlo: boolean;
  /**
   * Share of the requests due from the first fault on (every phase but the first) that failed or
   * were answered slower than the SLO: 1 - sum(good within SLO) / sum(scheduled). The within-SLO
   * count is a lower bound (see WithinSlo), so this share is an upper bound.
   */
  lostShare: number | null;
  /** The lost share of each repeat that has one, and the raw cells of the repeats used: what its interval resamples. */
  lostByRepeat: number[];
  rawCells: (CellResult | undefined)[];
}

function topologyDamage(
  cells: readonly CellSummary[],
  raw: readonly CellResult[],
  slo: number,
  timeoutMs: number,
): TopologyDamage {
  const traffic = cells.map((c) => c.traffic as OpenLoopSummary);
  const phases = traffic[0].phases.map((p) => p.name);
  const p99Of = (name: string) =>
    median(traffic.map((t) => t.phases.find((p) => p.name === name)?.traffic.latency.p99Ms ?? null));
  const availabilityOf = (name: string) =>
    median(traffic.map((t) => t.phases.find((p) => p.name === name)?.traffic.availability ?? null));
  const baselineP99 = p99Of(phases[0]);
  let worst = { phase: phases[1], p99: p99Of(phases[1]) };
  for (const name of phases.slice(1)) {
    const p99 = p99Of(name);
    if (p99 !== null && (worst.p99 === null || p99 > worst.p99)) worst = { phase: name, p99 };
  }
  const lost = traffic.map((t) => {
    const faulted = t.phases.slice(1);
    const scheduled = faulted.reduce((sum, p) => sum + p.traffic.scheduled, 0);
    const good = faulted.reduce((sum, p) => sum + p.traffic.withinSlo.good, 0);
    return scheduled > 0 ? Math.max(0, 1 - good / scheduled) : null;
  });
  return {
    topology: cells[0].topology,
    worstPhase: worst.phase,
    baselineP99,
    worstP99: worst.p99,
    rise: ratio(worst.p99, baselineP99),
    worstAvailability: availabilityOf(worst.phase),
    // HdrHistogram reports a value recorded at the deadline within its 3-digit precision, above or below.
    worstAtTimeout: worst.p99 !== null && worst.p99 >= timeoutMs * 0.99,
    allWithinSlo: phases.every((name) => (p99Of(name) ?? Infinity) <= slo),
    lostShare: median(lost),
    lostByRepeat: lost.filter((share): share is number => share !== null),
    rawCells: cells.map((c) => raw.find((r) => r.key === c.key && r.repeat === c.repeat)),
  };
}

/**
 * `**monolith degraded more**: 20.6% of its requests ... against 12.5% for microservices (x1.6 [1.3-2.0] as many,
 * 95% interval per-second, 1 repeat).` Ranked by the share of requests lost (failed or slower than the SLO) from
 * the first fault on: what the users of each topology saw, whatever each topology's healthy latency was (a ratio
 * of p99s would flatter the topology that was slower to begin with). Called a difference only when the 95%
 * interval of the most over the least lost excludes x1 (lost-share-interval.ts); otherwise the figures are given
 * as within noise, or as not judged when there is no interval.
 */
function whichDegradedMore(figures: readonly TopologyDamage[], slo: SloContext): RichText {
  const known = figures.filter((f) => f.lostShare !== null).sort((a, b) => (b.lostShare ?? 0) - (a.lostShare ?? 0));
  if (known.length < 2) return [];
  const [worst, ...others] = known;
  const least = others.at(-1) as TopologyDamage;
  if (formatLostShare(worst.lostShare) === formatLostShare(least.lostShare)) {
    return [
      { strong: 'every topology degraded alike' },
      `: ${formatLostShare(worst.lostShare)}% of the requests from the first fault on failed or were slower than the SLO.`,
    ];
  }
  const against = others.map((o) => `${formatLostShare(o.lostShare)}% for ${o.topology}`).join(', ');
  const interval = lostShareInterval(
    { perRepeat: worst.lostByRepeat, cells: worst.rawCells },
    { perRepeat: least.lostByRepeat, cells: least.rawCells },
    slo,
  );
  const ratio = least.lostShare ? formatRatioInterval((worst.lostShare ?? 0) / least.lostShare, interval.bounds) : '';
  // One interval: the shared legend speaks of several.
  const basis = interval.bounds
    ? intervalBasis(interval.basis).replace('intervals', 'interval')
    : 'no interval: the per-second data of a cell is missing';
  const beyond = beyondNoise(interval.bounds);
  const judged = beyond ? basis : `${basis}: ${interval.bounds ? 'within noise' : 'not judged'}`;
  // No ratio: the least lost nothing at all, and (but for an unknown interval) nothing in any resample either.
  const note = ratio ? ` (${ratio} as many, ${judged})` : beyond ? '' : ` (${judged})`;
  const most = known.length > 2 ? 'most' : 'more';
  if (beyond)
    return [
      { strong: `${worst.topology} degraded ${most}` },
      `: ${formatLostShare(worst.lostShare)}% of its requests from the first fault on failed or were slower than the SLO, against ${against}${note}.`,
    ];
  return [
    { strong: `no topology degraded ${most} beyond noise` },
    `: ${formatLostShare(worst.lostShare)}% of ${possessive(worst.topology)} requests from the first fault on failed or were slower than the SLO, against ${against}${note}.`,
  ];
}

/** `monolith's`, `microservices'`. */
function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** A lost share as a percentage with 1 decimal, `<0.1` rather than `0.0` when anything was lost. */
function formatLostShare(share: number | null): string {
  if (share === null) return '-';
  if (share === 0) return '0';
  if (share < 0.001) return '<0.1';
  return (share * 100).toFixed(1);
}

/**
 * Per load: what each later logging configuration changed against the first one with a fault
 * verdict, topology by topology (lost share and worst-phase p99), and in log lines dropped.
 */
function loggingChanges(
  run: RunResult,
  blocks: readonly { logging: string; load: string; figures: TopologyDamage[]; cells: CellSummary[] }[],
): Verdict[] {
  const verdicts: Verdict[] = [];
  const loads = [...new Set(blocks.map((b) => b.load))];
  const { loggings } = scenarioAxes(run);
  for (const load of loads) {
    const forLoad = blocks
      .filter((b) => b.load === load)
      .sort((a, b) => axisRank(loggings, a.logging) - axisRank(loggings, b.logging));
    const [base, ...others] = forLoad;
    for (const other of others) {
      const parts = other.figures.flatMap((f) => {
        const before = base.figures.find((b) => b.topology === f.topology);
        if (!before) return [];
        return [
          [
            `${trend(before.lostShare, f.lostShare)} on ${f.topology} (worst-phase p99 ${worstP99(before)} -> ${worstP99(f)} ms)`,
          ] as RichSegment[],
        ];
      });
      if (parts.length === 0) continue;
      const droppedNow = droppedLines(other.cells);
      const droppedBefore = droppedLines(base.cells);
      const accounting =
        droppedNow.unaccounted > 0
          ? `the accounting did not hold in ${droppedNow.unaccounted} cell(s)`
          : droppedNow.unknown > 0
            ? `no accounting for ${droppedNow.unknown} cell(s)`
            : 'every one accounted for';
      verdicts.push({
        kind: 'logging-change',
        logging: other.logging,
        load,
        text: [
          'The ',
          ...configurationPhrase(other.logging),
          ' against ',
          { strong: base.logging },
          ` at ${load}: the requests failed or slower than the SLO from the first fault on `,
          ...joinParts(parts, ' and '),
          `; ${droppedNow.total.toLocaleString('en-US')} log lines were dropped (${droppedBefore.total.toLocaleString('en-US')} under ${base.logging})`,
          droppedNow.lost > 0
            ? ` and ${droppedNow.lost.toLocaleString('en-US')} lost with a broken connection to the forwarder`
            : '',
          `, ${accounting}.`,
        ],
      });
    }
  }
  return verdicts;
}

/** The worst phase's p99, `>= 2003` when it sits at the request timeout (a floor). */
function worstP99(damage: TopologyDamage): string {
  return `${damage.worstAtTimeout ? '>= ' : ''}${formatMs(damage.worstP99)}`;
}

/** `fell from 24.3% to 0%`, `rose from ...`, `stayed at ...`: the direction in words, so nobody misreads it. */
function trend(before: number | null, after: number | null): string {
  const [from, to] = [formatLostShare(before), formatLostShare(after)];
  if (from === to) return `stayed at ${to}%`;
  if (before === null || after === null) return `went from ${from}% to ${to}%`;
  return `${after < before ? 'fell' : 'rose'} from ${from}% to ${to}%`;
}

/** Log lines dropped anywhere (logger, driver, forwarder) over the cells; cells whose accounting did not hold, or is missing. */
function droppedLines(cells: readonly CellSummary[]): {
  total: number;
  lost: number;
  unaccounted: number;
  unknown: number;
} {
  let total = 0;
  let lost = 0;
  let unaccounted = 0;
  let unknown = 0;
  for (const s of cells) {
    if (s.logLines === null) unknown++;
    else {
      total += s.logLines.droppedByDriver + (s.logLines.droppedByForwarder ?? 0) + (s.logLines.droppedByLogger ?? 0);
      lost += s.logLines.lost ?? 0;
      if (!s.logLines.holds) unaccounted++;
    }
  }
  return { total, lost, unaccounted, unknown };
}

/**
 * A block without fault phases, e.g. `At open-50 with the **fixed** logging configuration, microservices vs
 * monolith (95% intervals over 3 repeats): beyond noise: p50 x2.5 [2.1-2.9], ...; within noise: throughput
 * x1.0 [0.97-1.0]`. Only a ratio whose interval excludes x1 is called a difference; without intervals none is.
 */
function ratioVerdict(comparison: TopologyComparison): RichText | null {
  if (comparison.ratios.length === 0) return null;
  const invalid = comparison.topologies.some((t) => t.basis !== 'valid');
  const parts = comparison.ratios.map((r) => [`${r.topology} vs ${r.baseline} `, ...ratioGroups(r)] as RichSegment[]);
  return [
    `At ${comparison.load} with the `,
    ...configurationPhrase(comparison.logging),
    ', ',
    ...joinParts(parts, '; '),
    invalid ? ' (from INVALID or missing cells: not trustworthy).' : '.',
  ];
}

/** The ratios split by whether their interval excludes x1: `(basis): beyond noise: ...; within noise: ...`. */
function ratioGroups(r: TopologyRatio): RichSegment[] {
  const i = r.intervals;
  const figures: [string, number | null, RatioBounds | null | undefined][] = [
    ['p50', r.p50, i?.p50],
    ['p99', r.p99, i?.p99],
    ['throughput', r.throughput, i?.throughput],
    ['CPU per request', r.cpuPerSuccess, i?.cpuPerSuccess],
    ['peak RSS', r.peakRss, i?.peakRss],
  ];
  const list = (subset: typeof figures) =>
    subset.map(([name, value, bounds]) => `${name} ${formatRatioInterval(value, bounds)}`).join(', ');
  const beyond = figures.filter(([, , bounds]) => beyondNoise(bounds));
  const within = figures.filter(([, , bounds]) => bounds && !beyondNoise(bounds));
  const unjudged = figures.filter(([, , bounds]) => !bounds);
  const groups = [
    beyond.length > 0 ? `differ beyond noise in ${list(beyond)}` : 'no difference beyond noise',
    ...(within.length > 0 ? [`${beyond.length > 0 ? 'not beyond noise' : 'within noise'}: ${list(within)}`] : []),
    ...(unjudged.length > 0 ? [`no interval, not judged: ${list(unjudged)}`] : []),
  ];
  return [`(${intervalBasis(i)}): ${groups.join('; ')}`];
}

function joinParts(parts: readonly RichSegment[][], separator: string): RichSegment[] {
  return parts.flatMap((part, i) => (i === 0 ? part : [separator, ...part]));
}

function capitalise(text: RichText): RichText {
  const [first, ...rest] = text;
  return typeof first === 'string' ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest] : text;
}

/** Capacity at the SLO per topology (median over valid repeats), each later one as a ratio to the first. */
function capacityVerdict(label: RichText, capacities: readonly TopologyCapacity[], sloMs: number): RichText {
  const parts: RichSegment[] = [];
  capacities.forEach((t, i) => {
    if (i > 0) parts.push(', ');
    parts.push({ strong: t.topology }, ' ');
    if (t.capacityRps === null) parts.push('no step within the SLO');
    else parts.push(`${t.lowerBound ? 'at least ' : ''}${formatRate(t.capacityRps)} req/s`);
    const bound = t.ratioBound === 'at-most' ? 'at most ' : t.ratioBound === 'at-least' ? 'at least ' : '';
    if (i > 0 && t.ratio !== null) parts.push(` (${bound}${formatRatio(t.ratio)} of ${capacities[0]?.topology ?? ''})`);
    if (t.repeats === 0) parts.push(' (no valid cell)');
  });
  const ended = capacities.filter((t) => t.lowerBound).map((t) => t.topology);
  const note =
    ended.length > 0 ? ` (${ended.join(', ')} kept the SLO up to the ladder's top step: its knee lies beyond it)` : '';
  return [...capitalise(label), `: capacity at the SLO (p99 <= ${sloMs} ms, >= 99.9% answered): `, ...parts, note, '.'];
}
