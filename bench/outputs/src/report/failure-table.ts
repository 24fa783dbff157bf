import type { CellSummary, OpenLoopSummary, PhaseSummary } from '@paybench/bench-results';
import { formatMs, formatPercent, formatSeconds, paymentsMark } from '@paybench/bench-analysis';
import { cellText } from '../tables/cell-text.js';
import { escapeHtml } from './html-text.js';

/**
 * The failure-propagation table of one (logging configuration, load): a row per cell (topology
 * and repeat), a column per phase with the share answered, the share answered within the SLO and
 * the p99 (the cell tinted by the within-SLO share; the generator's lag p99 under the topology), then time to impact of each fault phase,
 * time to recover, and where log lines were dropped (or lost) and whether the accounting held; then, when a cell
 * was reconciled, its payments (ack/lost/dup unknown>resolved, marked bad when one was lost or doubled).
 */
export function failureTable(cells: readonly CellSummary[]): string {
  const open = cells.filter((c) => c.traffic?.kind === 'open');
  const phaseNames = [...new Set(open.flatMap((c) => (c.traffic as OpenLoopSummary).phases.map((p) => p.name)))];
  const head = [
    '<th scope="col">topology</th>',
    ...phaseNames.map(
      (name) => `<th scope="col">${escapeHtml(name)}<br><span class="unit">answered · in SLO · p99</span></th>`,
    ),
    '<th scope="col">time to impact<br><span class="unit">from the fault event</span></th>',
    '<th scope="col">time to recover<br><span class="unit">from the last event</span></th>',
    '<th scope="col">log lines<br><span class="unit">emitted → delivered</span></th>',
    '<th scope="col">dropped<br><span class="unit">logger · driver · forwarder</span></th>',
    '<th scope="col">accounting</th>',
  ];
  const reconciled = cells.some((cell) => cell.reconciliation);
  if (reconciled)
    head.push('<th scope="col">payments<br><span class="unit">ack/lost/dup unknown&gt;resolved</span></th>');
  const rows = cells.map((cell) => row(cell, phaseNames, reconciled));
  return `<table class="failure"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function row(cell: CellSummary, phaseNames: readonly string[], reconciled: boolean): string {
  const traffic = cell.traffic?.kind === 'open' ? cell.traffic : null;
  // The generator's lag p99 (whole window) is inside every p99 of the row: said once, beside them.
  const lag = traffic ? `<br><span class="unit">lag p99 ${formatMs(traffic.generator.scheduleLagP99Ms)} ms</span>` : '';
  const name = `<th scope="row">${escapeHtml(cell.topology)}${cell.repeat > 1 ? ` #${cell.repeat}` : ''}${cell.valid ? '' : ` <span class="status bad">${escapeHtml(cell.status.toUpperCase())}</span>`}${lag}</th>`;
  const phases = phaseNames.map((phaseName) => {
    const phase = traffic?.phases.find((p) => p.name === phaseName);
    return phase ? phaseCell(phase) : '<td class="na">-</td>';
  });
  const impact = traffic
    ? traffic.impact
        .map(
          (i) =>
            `${escapeHtml(i.phase)} ${i.ms === null ? '<span class="unit">none</span>' : `<strong>+${formatSeconds(i.ms)}</strong>`}`,
        )
        .join('<br>') || '-'
    : '-';
  const recovery = !traffic?.recovery
    ? '-'
    : traffic.recovery.outcome === 'recovered'
      ? `+${formatSeconds(traffic.recovery.ms)}`
      : `<span class="bad">${escapeHtml(traffic.recovery.outcome)}</span><br><span class="unit">${escapeHtml(traffic.recovery.detail)}</span>`;
  const lines = cell.logLines;
  const count = (n: number | null) => (n === null ? '?' : n.toLocaleString('en-US'));
  const logCells = lines
    ? [
        `<td class="num">${count(lines.emitted)} → ${count(lines.delivered)}${lines.inFlight ? `<br><span class="unit">${count(lines.inFlight)} in flight</span>` : ''}${lines.lost !== 0 ? `<br><span class="bad">${count(lines.lost)} lost</span>` : ''}</td>`,
        `<td class="num">${count(lines.droppedByLogger)} · ${count(lines.droppedByDriver)} · ${count(lines.droppedByForwarder)}</td>`,
        lines.holds && lines.settled
          ? '<td class="good">holds</td>'
          : `<td class="bad"><span class="bad">${lines.holds ? 'holds, not settled' : 'DOES NOT HOLD'}</span>${lines.problems.length > 0 ? `<br><span class="unit">${escapeHtml(lines.problems.slice(0, 3).join('; '))}</span>` : ''}</td>`,
      ]
    : ['<td class="na" colspan="3">no accounting (the cell did not finish)</td>'];
  const mark = paymentsMark(cell.reconciliation);
  const bad = mark.kind === 'mark' && mark.bad;
  const payments = !reconciled
    ? ''
    : bad
      ? `<td class="bad"><span class="bad">${escapeHtml(cellText(mark))}</span></td>`
      : `<td class="num${cell.reconciliation ? ' good' : ' na'}">${escapeHtml(cellText(mark))}</td>`;
  return `<tr>${name}${phases.join('')}<td class="nowrap">${impact}</td><td>${recovery}</td>${logCells.join('')}${payments}</tr>`;
}

/** answered % · within-SLO % · p99, tinted by the within-SLO share (what a user of the system saw). */
function phaseCell(phase: PhaseSummary): string {
  const t = phase.traffic;
  const inSlo = t.withinSlo.availability;
  const tint = inSlo === null ? 'na' : inSlo >= 0.99 ? 'good' : inSlo >= 0.9 ? 'warn' : 'bad';
  return `<td class="num ${tint}">${formatPercent(t.availability)}% · ${formatPercent(inSlo)}%<br><span class="unit">p99 ${formatMs(t.latency.p99Ms)} ms</span></td>`;
}
