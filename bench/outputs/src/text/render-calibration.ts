import { formatMicrosAsMs, formatRate } from '@paybench/bench-analysis';
import type { CalibrationResult } from '@paybench/bench-results';
import { renderHeader, renderRow, type Column } from './text-table.js';

const COLUMNS: Column[] = [
  { title: 'offered/s', width: 9, align: 'right' },
  { title: 'achieved/s', width: 10, align: 'right' },
  { title: 'lag p50 ms', width: 10, align: 'right' },
  { title: 'lag p99 ms', width: 10, align: 'right' },
  { title: 'p50 ms', width: 7, align: 'right' },
  { title: 'p99 ms', width: 7, align: 'right' },
  { title: 'dropped', width: 7, align: 'right' },
  { title: 'failed', width: 6, align: 'right' },
  { title: 'CPU µs/req', width: 10, align: 'right' },
  { title: 'schedule', width: 0, align: 'left' },
];

/** The ladder as a table, autocannon's figures, and what they say about the generator. */
export function renderCalibration(result: CalibrationResult): string {
  const lines: string[] = [`pinning: ${result.pinning.note}`, ''];
  if (result.rungs.length > 0) lines.push('open loop (paybench), one process:', renderHeader(COLUMNS));
  for (const rung of result.rungs) {
    lines.push(
      renderRow(COLUMNS, [
        formatRate(rung.offeredRate),
        formatRate(rung.achievedRate),
        formatMicrosAsMs(rung.lagP50),
        formatMicrosAsMs(rung.lagP99),
        formatMicrosAsMs(rung.p50),
        formatMicrosAsMs(rung.p99),
        String(rung.dropped),
        String(rung.failed),
        rung.cpuMicrosPerRequest.toFixed(1),
        (rung.misses.length === 0 ? 'kept' : `missed: ${rung.misses.join(', ')}`) +
          (rung.attempts > 1 ? ` (best of ${rung.attempts})` : ''),
      ]),
    );
  }
  if (result.rungs.length > 0) lines.push('');
  for (const closed of result.autocannon) {
    lines.push(
      `autocannon (closed loop, ${closed.connections} connections): ${formatRate(closed.throughput)} req/s, ` +
        `p50 ${formatMicrosAsMs(closed.p50)} ms, p99 ${formatMicrosAsMs(closed.p99)} ms, ` +
        `${closed.failed} failed, CPU ${closed.cpuMicrosPerRequest.toFixed(1)} µs/req`,
    );
  }
  lines.push(verdict(result));
  return lines.join('\n');
}

function verdict(result: CalibrationResult): string {
  const reference =
    result.autocannon.length === 0
      ? null
      : result.autocannon.reduce((total, closed) => total + closed.throughput, 0) / result.autocannon.length;
  const share = (rate: number) =>
    reference === null || reference === 0 ? '' : ` (${Math.round((rate / reference) * 100)}% of autocannon's)`;
  const limit = `lag p99 <= ${result.maxLagMs} ms, every request answered`;
  let text =
    result.sustainedRate > 0
      ? `the open loop kept its schedule (${limit}) up to ${formatRate(result.sustainedRate)} req/s` +
        share(result.sustainedRate)
      : result.rungs.length > 0
        ? `the open loop missed its schedule (${limit}) from the first rung on`
        : 'no rung was measured';
  if (result.highestKeptRate > result.sustainedRate)
    text += `; it kept it again at ${formatRate(result.highestKeptRate)} req/s${share(result.highestKeptRate)}`;
  if (reference !== null && result.autocannon.length > 1) text += `; autocannon's mean: ${formatRate(reference)} req/s`;
  return `${text}${result.aborted ? ' (INTERRUPTED: the ladder is partial)' : ''}.`;
}
