import type { RunResult } from '../results/result-schema.js';
import { formatMs, formatPercent, formatRatio } from './format-units.js';
import { median } from './median.js';
import type { OpenLoopSummary } from './open-loop-summary.js';
import type { CellSummary } from './summarize-cell.js';

/**
 * One sentence per (logging configuration, load) with a fault timeline: how far each topology's
 * p99 rose in its worst fault phase relative to its first (healthy) phase, with that phase's
 * availability; or, when every phase of every topology stayed within the SLO, that it held and
 * how many log lines were dropped (and counted) to achieve it. Medians over valid repeats; a
 * block with no valid cell says so instead of concluding anything.
 */
export function faultVerdicts(run: RunResult, summaries: readonly CellSummary[]): string[] {
  const slo = run.scenario.slo.p99Ms;
  const verdicts: string[] = [];
  for (const comparison of run.comparisons) {
    const cells = summaries.filter((s) => s.logging === comparison.logging && s.load === comparison.load && s.traffic?.kind === 'open');
    const valid = cells.filter((s) => s.valid);
    if (cells.length === 0 || (cells[0]?.traffic as OpenLoopSummary).phases.length < 2) continue;
    const label = `under the **${comparison.logging}** logging configuration at ${comparison.load}`;
    if (valid.length === 0) {
      verdicts.push(`${capitalise(label)}: no valid cell, no conclusion (see the problems below).`);
      continue;
    }
    const topologies = [...new Set(valid.map((s) => s.topology))];
    const perTopology = topologies.map((topology) => worstPhase(valid.filter((s) => s.topology === topology), slo));
    const dropped = valid.reduce((sum, s) => sum + (s.logLines ? s.logLines.droppedByDriver + s.logLines.droppedByForwarder + (s.logLines.droppedByLogger ?? 0) : 0), 0);
    const repeats = new Set(valid.map((s) => s.repeat)).size;
    if (perTopology.every((t) => t.allWithinSlo)) {
      verdicts.push(
        `${capitalise(label)}, every topology stayed within the SLO (p99 <= ${slo} ms) in every phase; ${dropped.toLocaleString('en-US')} log lines were dropped and counted${repeats > 1 ? ` over ${repeats} repeats` : ''}.`,
      );
    } else {
      const parts = perTopology.map(
        (t) => `${t.topology} p99 rose ${formatRatio(t.rise)} during \`${t.phase}\` (${formatMs(t.baselineP99)} -> ${formatMs(t.worstP99)} ms, availability ${formatPercent(t.availability)}%)`,
      );
      verdicts.push(`${capitalise(label)}: ${parts.join('; ')}.`);
    }
  }
  return verdicts;
}

function worstPhase(cells: readonly CellSummary[], slo: number) {
  const phases = (cells[0]?.traffic as OpenLoopSummary).phases.map((p) => p.name);
  const p99Of = (name: string) => median(cells.map((c) => (c.traffic as OpenLoopSummary).phases.find((p) => p.name === name)?.traffic.latency.p99Ms ?? null));
  const availabilityOf = (name: string) => median(cells.map((c) => (c.traffic as OpenLoopSummary).phases.find((p) => p.name === name)?.traffic.availability ?? null));
  const baselineP99 = p99Of(phases[0] as string);
  let worst = { phase: phases[1] as string, p99: p99Of(phases[1] as string) };
  for (const name of phases.slice(1)) {
    const p99 = p99Of(name);
    if (p99 !== null && (worst.p99 === null || p99 > worst.p99)) worst = { phase: name, p99 };
  }
  return {
    topology: cells[0]?.topology as string,
    phase: worst.phase,
    baselineP99,
    worstP99: worst.p99,
    rise: baselineP99 && worst.p99 !== null ? worst.p99 / baselineP99 : null,
    availability: availabilityOf(worst.phase),
    allWithinSlo: phases.every((name) => (p99Of(name) ?? Infinity) <= slo),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
