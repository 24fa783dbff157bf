// The CPU breakdown section of the terminal table and summary.md: where each topology's CPU goes,
// side by side, and the cost of remote calls as a measured figure. Empty for runs without
// profiling. The figures come from bench/analysis (cpu-breakdown-groups.ts) over bench/profile.
import { cpuBreakdownGroups, remoteCallUs, type BreakdownColumn, type BreakdownGroup } from '@paybench/bench-analysis';
import { CPU_CATEGORIES, CPU_CATEGORY_LABELS, type CpuCategory, type HotFunction } from '@paybench/bench-profile';
import type { CellResult, RunResult } from '@paybench/bench-results';
import { MAX_LINE_WIDTH } from './cell-rows.js';
import { renderHeader, renderRow, wrap, type Column } from './text-table.js';

const ms = (us: number) => (us / 1000).toFixed(1);
const share = (us: number, total: number) => (total > 0 ? `${((100 * us) / total).toFixed(1)}%` : '-');
const perRequest = (us: number, successes: number | null) => (successes ? (us / 1000 / successes).toFixed(3) : '-');

/** How the breakdown is measured: said once above every rendering of it. */
export const CPU_BREAKDOWN_HOW =
  "the main thread's CPU time over the measured window (kernel-measured), shared out by category in proportion to a V8 sampling profile's samples (self time; idle apart); other threads = GC helpers, JIT compiler, libuv pool; ms/req = per 2xx answer of the whole topology. Rules: bench/profile/src/categories.ts.";

/** CPU of the column's processes outside their main threads (GC helpers, JIT, libuv pool), µs. */
export const otherThreads = (c: BreakdownColumn) => Math.max(0, (c.processCpuUs ?? 0) - c.busyUs);

/** 'all 5 processes', or the profiled processes' names. */
export function columnTitle(column: BreakdownColumn): string {
  if (column.wholeTopology && column.processes.length > 1) return `all ${column.processes.length} processes`;
  return column.processes.join('+') || '(no profile)';
}

/** The remote-call cost ("RPC tax") of each topology, in ms per 2xx answer, with ratios to the first. */
export function remoteCallLine(group: BreakdownGroup): string | null {
  const figures = group.columns.filter((c) => c.successes);
  if (figures.length === 0) return null;
  const [first] = figures;
  const parts = figures.map((c) => {
    const value = remoteCallUs(c) / 1000 / (c.successes as number);
    const base = first && c !== first ? remoteCallUs(first) / 1000 / (first.successes as number) : null;
    const ratio = base ? ` (x${(value / base).toFixed(1)})` : '';
    return `${c.topology}${c.wholeTopology ? '' : ` [${c.processes.join(', ')} only]`} ${value.toFixed(3)} ms/req${ratio}`;
  });
  return `HTTP server + HTTP client + JSON, the cost of serving and making calls: ${parts.join('; ')}`;
}

/** Lines for the terminal: per (logging, load, repeat), a side-by-side table, then per-process rows. */
export function cpuBreakdownText(run: RunResult): string[] {
  const groups = cpuBreakdownGroups(run);
  const lines: string[] = [];
  if (groups.length > 0) lines.push('== CPU breakdown ==', ...wrap(CPU_BREAKDOWN_HOW, MAX_LINE_WIDTH, ''));
  for (const group of groups) {
    lines.push(`-- logging ${group.logging} | load ${group.load} | repeat ${group.repeat} --`);
    const columns: Column[] = [{ title: 'category', width: 16, align: 'left' }];
    for (const _ of group.columns)
      columns.push(
        { title: 'ms', width: 9, align: 'right' },
        { title: 'share', width: 6, align: 'right' },
        { title: 'ms/req', width: 7, align: 'right' },
      );
    // An empty last column, so that every real one is padded (renderRow leaves the last as it is).
    columns.push({ title: '', width: 0, align: 'left' });
    const span = (text: (c: BreakdownColumn) => string) => ['', ...group.columns.flatMap((c) => [text(c), '', ''])];
    // The first two header lines name each column's topology and processes over its three sub-columns.
    lines.push(
      spanned(
        columns,
        span((c) => c.topology),
      ),
      spanned(columns, span(columnTitle)),
      renderHeader(columns),
    );
    const row = (label: string, value: (c: BreakdownColumn) => [string, string, string]) =>
      renderRow(columns, [label, ...group.columns.flatMap(value)]);
    for (const category of CPU_CATEGORIES) {
      lines.push(
        row(CPU_CATEGORY_LABELS[category], (c) => [
          ms(c.categories[category]),
          share(c.categories[category], c.busyUs),
          perRequest(c.categories[category], c.successes),
        ]),
      );
    }
    lines.push(
      row('main thread', (c) => [ms(c.busyUs), c.busyUs > 0 ? '100%' : '-', perRequest(c.busyUs, c.successes)]),
    );
    lines.push(
      row('other threads', (c) =>
        c.processCpuUs === null ? ['-', '', ''] : [ms(otherThreads(c)), '', perRequest(otherThreads(c), c.successes)],
      ),
    );
    lines.push(
      row('process CPU', (c) =>
        c.processCpuUs === null ? ['-', '', ''] : [ms(c.processCpuUs), '', perRequest(c.processCpuUs, c.successes)],
      ),
    );
    lines.push(row('idle (wall)', (c) => [ms(c.idleUs), '', '']));
    lines.push(row('samples', (c) => [String(c.samples), '', '']));
    lines.push(row('busy samples', (c) => [String(c.busySamples), '', '']));
    lines.push(row('2xx answers', (c) => [c.successes === null ? '-' : String(c.successes), '', '']));
    const remote = remoteCallLine(group);
    if (remote) lines.push(...wrap(remote, MAX_LINE_WIDTH, '  '));
    lines.push(...perProcessText(group), ...hottestText(group), ...errorLines(group.columns));
  }
  lines.push(...clinicLines(run.cells));
  return lines;
}

/** A header line whose text for a column group starts at the group's first sub-column. */
function spanned(columns: readonly Column[], cells: readonly string[]): string {
  let line = '';
  let position = 0;
  columns.forEach((column, i) => {
    const text = cells[i] ?? '';
    if (text) line = `${line.padEnd(position)}${text}`;
    position += column.width + 2;
  });
  return line.trimEnd();
}

function perProcessText(group: BreakdownGroup): string[] {
  const profiles = group.columns.flatMap((c) =>
    c.profiles.filter((p) => p.error === null).map((p) => ({ topology: c.topology, profile: p })),
  );
  if (profiles.length <= group.columns.length) return [];
  const columns: Column[] = [
    { title: 'per process, ms', width: 28, align: 'left' },
    ...CPU_CATEGORIES.map((c): Column => ({ title: shortLabel(c), width: 8, align: 'right' })),
    { title: 'main thr', width: 8, align: 'right' },
    { title: 'process', width: 8, align: 'right' },
    { title: '', width: 0, align: 'left' },
  ];
  return [
    renderHeader(columns),
    ...profiles.map(({ topology, profile }) =>
      renderRow(columns, [
        `${topology}/${profile.process}`,
        ...CPU_CATEGORIES.map((c) => ms(profile.categories[c])),
        ms(profile.busyUs),
        profile.processCpuUs === null ? '-' : ms(profile.processCpuUs),
      ]),
    ),
  ];
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

function shortLabel(category: CpuCategory): string {
  return {
    business: 'business',
    httpServer: 'HTTP srv',
    httpClient: 'HTTP cli',
    json: 'JSON',
    logging: 'logging',
    database: 'database',
    other: 'other',
  }[category];
}

/** summary.md's section: the same tables in markdown, the hottest functions folded. */
export function cpuBreakdownMarkdown(run: RunResult): string[] {
  const groups = cpuBreakdownGroups(run);
  const lines: string[] = [];
  if (groups.length > 0)
    lines.push(
      '## CPU breakdown',
      '',
      `Where the CPU goes: ${CPU_BREAKDOWN_HOW} Raw profiles (\`.cpuprofile\`, for Chrome DevTools or speedscope) are under \`profiles/\`.`,
      '',
    );
  for (const group of groups) {
    lines.push(`### Logging \`${group.logging}\`, load \`${group.load}\`, repeat ${group.repeat}`, '');
    lines.push(
      `| category | ${group.columns.map((c) => `${c.topology} (${columnTitle(c)}) ms | share | ms/req`).join(' | ')} |`,
    );
    lines.push(`|---|${group.columns.map(() => '---:|---:|---:').join('|')}|`);
    for (const category of CPU_CATEGORIES) {
      lines.push(
        `| ${CPU_CATEGORY_LABELS[category]} | ${group.columns.map((c) => `${ms(c.categories[category])} | ${share(c.categories[category], c.busyUs)} | ${perRequest(c.categories[category], c.successes)}`).join(' | ')} |`,
      );
    }
    lines.push(
      `| **main thread (total)** | ${group.columns.map((c) => `**${ms(c.busyUs)}** | ${c.busyUs > 0 ? '100%' : '-'} | **${perRequest(c.busyUs, c.successes)}**`).join(' | ')} |`,
    );
    lines.push(
      `| other threads | ${group.columns.map((c) => (c.processCpuUs === null ? '- | | -' : `${ms(otherThreads(c))} | | ${perRequest(otherThreads(c), c.successes)}`)).join(' | ')} |`,
    );
    lines.push(
      `| process CPU | ${group.columns.map((c) => (c.processCpuUs === null ? '- | | -' : `${ms(c.processCpuUs)} | | ${perRequest(c.processCpuUs, c.successes)}`)).join(' | ')} |`,
    );
    lines.push(`| idle (wall, excluded) | ${group.columns.map((c) => `${ms(c.idleUs)} | | `).join(' | ')} |`);
    lines.push(
      `| samples (busy) / 2xx answers | ${group.columns.map((c) => `${c.samples} (${c.busySamples}) | | ${c.successes ?? '-'}`).join(' | ')} |`,
    );
    const remote = remoteCallLine(group);
    if (remote) lines.push('', `${remote}.`);
    const profiles = group.columns.flatMap((c) =>
      c.profiles.filter((p) => p.error === null).map((p) => ({ topology: c.topology, profile: p })),
    );
    if (profiles.length > group.columns.length) {
      lines.push(
        '',
        `| process, ms | ${CPU_CATEGORIES.map((c) => CPU_CATEGORY_LABELS[c]).join(' | ')} | main thread | process CPU |`,
        `|---|${CPU_CATEGORIES.map(() => '---:').join('|')}|---:|---:|`,
      );
      for (const { topology, profile } of profiles)
        lines.push(
          `| ${topology}/${profile.process} | ${CPU_CATEGORIES.map((c) => ms(profile.categories[c])).join(' | ')} | ${ms(profile.busyUs)} | ${profile.processCpuUs === null ? '-' : ms(profile.processCpuUs)} |`,
        );
    }
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
