// The CPU breakdown section of the terminal table and summary.md: where each topology's CPU goes,
// side by side, and the cost of remote calls as a measured figure. Empty for runs without
// profiling. The figures come from bench/analysis (cpu-breakdown-groups.ts) over bench/profile.
import {
  cpuBreakdownGroups,
  cpuBreakdownTable,
  cpuPerProcessTable,
  type BreakdownColumn,
  type BreakdownGroup,
} from '@paybench/bench-analysis';
import { CPU_CATEGORY_LABELS, type HotFunction } from '@paybench/bench-profile';
import type { CellResult, RunResult } from '@paybench/bench-results';
import { markdownTable } from '../tables/markdown-table.js';
import { terminalTable } from '../tables/terminal-table.js';
import { MAX_LINE_WIDTH, wrap } from './text-table.js';

const ms = (us: number) => (us / 1000).toFixed(1);

/** How the breakdown is measured: said once above every rendering of it. */
const CPU_BREAKDOWN_HOW =
  "the main thread's CPU time over the measured window (kernel-measured), shared out by category in proportion to a V8 sampling profile's samples (self time; idle apart); other threads = GC helpers, JIT compiler, libuv pool; ms/req = per 2xx answer of the whole topology. Rules: bench/profile/src/categories.ts.";

/**
 * How the breakdown is measured, with where V8's sampler thread ran (profiles written before that was recorded:
 * nothing said). Beside the profiled process on a shared core, the sampler gets the core mostly when the main
 * thread yields it, so its samples pile up on the writes that wake a peer.
 */
export function cpuBreakdownHow(run: RunResult): string {
  const profiles = run.cells.flatMap((cell) => cell.cpuProfiles ?? []).filter((p) => p.error === null);
  const placed = profiles.filter((p) => p.samplerCpus !== undefined);
  if (placed.length === 0) return CPU_BREAKDOWN_HOW;
  const beside = placed.filter((p) => p.samplerCpus === null).length;
  if (beside === 0) {
    const moved = new Set(placed.map((p) => p.samplerCpus));
    return `${CPU_BREAKDOWN_HOW} V8's sampler thread ran on CPU ${[...moved].join(', ')} (the load generator's), off the profiled processes' core.`;
  }
  return (
    `${CPU_BREAKDOWN_HOW} V8's sampler thread ran beside the profiled process in ${beside} of ${placed.length} ` +
    'profiles (an unpinned run, or moving it failed): on a shared core its samples pile up where the process ' +
    'yields the core, so logging and socket writes read high.'
  );
}

/** Lines for the terminal: per (logging, load, repeat), a side-by-side table, then per-process rows. */
export function cpuBreakdownText(run: RunResult): string[] {
  const groups = cpuBreakdownGroups(run);
  const lines: string[] = [];
  if (groups.length > 0) lines.push('== CPU breakdown ==', ...wrap(cpuBreakdownHow(run), MAX_LINE_WIDTH, ''));
  for (const group of groups) {
    lines.push(`-- logging ${group.logging} | load ${group.load} | repeat ${group.repeat} --`);
    const table = cpuBreakdownTable(group);
    lines.push(
      ...terminalTable(table, {
        widths: [16, ...group.columns.flatMap(() => [9, 6, 7])],
        maxWidth: MAX_LINE_WIDTH,
        padLast: true,
      }),
    );
    lines.push(...perProcessText(group), ...hottestText(group), ...errorLines(group.columns));
  }
  lines.push(...clinicLines(run.cells));
  return lines;
}

/** Per process, when a topology has several: the same categories, short headings. */
function perProcessText(group: BreakdownGroup): string[] {
  const table = cpuPerProcessTable(group);
  if (!table) return [];
  const widths = [28, ...table.columns.slice(1).map(() => 8)];
  return terminalTable(table, { widths, maxWidth: MAX_LINE_WIDTH, padLast: true });
}

function hottestText(group: BreakdownGroup): string[] {
  const lines: string[] = [];
  for (const column of group.columns) {
    if (column.top.length === 0) continue;
    lines.push(
      `hottest functions, ${column.topology} (self ms, category, process, function <- its caller in application code):`,
    );
    for (const f of column.top.slice(0, 5)) {
      lines.push(
        `  ${ms(f.selfUs).padStart(8)}  ${CPU_CATEGORY_LABELS[f.category].padEnd(14)} ${f.process.padEnd(10)} ${where(f)}`.slice(
          0,
          MAX_LINE_WIDTH,
        ),
      );
    }
  }
  return lines;
}

function where(f: HotFunction): string {
  const own = f.url ? `${f.url}:${f.line}` : '(native)';
  return `${f.functionName} ${own}${f.via ? ` <- ${f.via}` : ''}`;
}

function errorLines(columns: readonly BreakdownColumn[]): string[] {
  return columns.flatMap((c) =>
    c.profiles.filter((p) => p.error !== null).map((p) => `  no CPU profile of ${c.topology}/${p.process}: ${p.error}`),
  );
}

function clinicLines(cells: readonly CellResult[]): string[] {
  const runs = cells.flatMap((cell) => (cell.clinic ?? []).map((c) => ({ cell, c })));
  if (runs.length === 0) return [];
  return [
    '== clinic.js ==',
    ...runs.map(
      ({ cell, c }) =>
        `  ${cell.key} repeat ${cell.repeat}, process ${c.process}: ${c.status === 'ok' ? `report ${c.html}` : `${c.status.toUpperCase()}: ${c.message}`}`,
    ),
  ];
}

/** summary.md's section: the same tables in markdown, the hottest functions folded. */
export function cpuBreakdownMarkdown(run: RunResult): string[] {
  const groups = cpuBreakdownGroups(run);
  const lines: string[] = [];
  if (groups.length > 0)
    lines.push(
      '## CPU breakdown',
      '',
      `Where the CPU goes: ${cpuBreakdownHow(run)} Raw profiles (\`.cpuprofile\`, for Chrome DevTools or speedscope) are under \`profiles/\`.`,
      '',
    );
  for (const group of groups) {
    lines.push(`### Logging \`${group.logging}\`, load \`${group.load}\`, repeat ${group.repeat}`, '');
    lines.push(...markdownTable(cpuBreakdownTable(group)));
    const perProcess = cpuPerProcessTable(group);
    if (perProcess) lines.push('', ...markdownTable(perProcess));
    for (const column of group.columns.filter((c) => c.top.length > 0)) {
      lines.push(
        '',
        `<details><summary>Hottest functions, ${column.topology}</summary>`,
        '',
        '| self ms | category | process | function | where |',
        '|---:|---|---|---|---|',
      );
      for (const f of column.top)
        lines.push(
          `| ${ms(f.selfUs)} | ${CPU_CATEGORY_LABELS[f.category]} | ${f.process} | \`${f.functionName}\` | ${f.url ? `\`${f.url}:${f.line}\`` : '(native)'}${f.via ? ` called by \`${f.via}\`` : ''} |`,
        );
      lines.push('', '</details>');
    }
    const errors = errorLines(group.columns);
    if (errors.length > 0) lines.push('', ...errors.map((e) => `- ${e.trim()}`));
    lines.push('');
  }
  const clinic = clinicLines(run.cells);
  if (clinic.length > 0) lines.push('## clinic.js', '', ...clinic.slice(1).map((l) => `- ${l.trim()}`), '');
  return lines;
}
