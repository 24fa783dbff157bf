// The CPU breakdown's tables, per profiled (logging, load, repeat): category x topology, and per
// process when a topology has several. The figures are summary/cpu-breakdown-groups.ts'.
import { CPU_CATEGORIES, CPU_CATEGORY_LABELS, type CpuCategory } from '@paybench/bench-profile';
import { remoteCallUs, type BreakdownColumn, type BreakdownGroup } from '../summary/cpu-breakdown-groups.js';
import { empty, num, text, type TableCell, type TableColumn, type TableModel } from './table-model.js';

/** CPU of the column's processes outside their main threads (GC helpers, JIT, libuv pool), µs. */
export const otherThreads = (c: BreakdownColumn) => Math.max(0, (c.processCpuUs ?? 0) - c.busyUs);

/** 'all 5 processes', or the profiled processes' names. */
export function columnTitle(column: BreakdownColumn): string {
  if (column.wholeTopology && column.processes.length > 1) return `all ${column.processes.length} processes`;
  return column.processes.join('+') || '(no profile)';
}

const ms = (us: number | null) => (us === null ? null : us / 1000);
const perRequest = (us: number | null, c: BreakdownColumn) =>
  us !== null && c.successes ? us / 1000 / c.successes : null;

/**
 * Category x topology: for each topology (its profiled processes added up) the main thread's ms,
 * its share and ms per 2xx answer per category; then the totals, the idle time and the counts
 * behind them. The note is the remote-call cost.
 */
export function cpuBreakdownTable(group: BreakdownGroup): TableModel {
  const columns: TableColumn[] = [
    { title: 'category', align: 'left' },
    ...group.columns.flatMap((c): TableColumn[] => {
      const of = { title: c.topology, subtitle: columnTitle(c) };
      return [
        { title: 'ms', align: 'right', group: of },
        { title: 'share', align: 'right', group: of },
        { title: 'ms/req', align: 'right', group: of },
      ];
    }),
  ];
  const row = (label: string, cells: (c: BreakdownColumn) => TableCell[], total = false) => ({
    cells: [text(label), ...group.columns.flatMap(cells)],
    ...(total ? { total } : {}),
  });
  const share = (us: number, c: BreakdownColumn) => num(c.busyUs > 0 ? us / c.busyUs : null, 'share1');
  const count = (n: number | null) => [num(n, 'count'), empty, empty];
  const rows = [
    ...CPU_CATEGORIES.map((category) =>
      row(CPU_CATEGORY_LABELS[category], (c) => [
        num(ms(c.categories[category]), 'fixed1'),
        share(c.categories[category], c),
        num(perRequest(c.categories[category], c), 'fixed3'),
      ]),
    ),
    row(
      'main thread',
      (c) => [
        num(ms(c.busyUs), 'fixed1', true),
        num(c.busyUs > 0 ? 1 : null, 'share0'),
        num(perRequest(c.busyUs, c), 'fixed3', true),
      ],
      true,
    ),
    row('other threads', (c) =>
      c.processCpuUs === null
        ? [num(null, 'fixed1'), empty, empty]
        : [num(ms(otherThreads(c)), 'fixed1'), empty, num(perRequest(otherThreads(c), c), 'fixed3')],
    ),
    row(
      'process CPU',
      (c) =>
        c.processCpuUs === null
          ? [num(null, 'fixed1'), empty, empty]
          : [num(ms(c.processCpuUs), 'fixed1', true), empty, num(perRequest(c.processCpuUs, c), 'fixed3', true)],
      true,
    ),
    row('idle (wall)', (c) => [num(ms(c.idleUs), 'fixed1'), empty, empty]),
    row('samples', (c) => count(c.samples)),
    row('busy samples', (c) => count(c.busySamples)),
    row('2xx answers', (c) => count(c.successes)),
  ];
  const remote = remoteCallPhrase(group);
  return { columns, rows, notes: remote ? [remote] : [] };
}

/** The remote-call cost ("RPC tax") of each topology, in ms per 2xx answer, with ratios to the first. */
export function remoteCallPhrase(group: BreakdownGroup): string | null {
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

const SHORT_LABELS: Record<CpuCategory, string> = {
  business: 'business',
  httpServer: 'HTTP srv',
  httpClient: 'HTTP cli',
  json: 'JSON',
  logging: 'logging',
  database: 'database',
  other: 'other',
};

/** Per profiled process, ms by category: null when no topology has more than one profile (nothing to add). */
export function cpuPerProcessTable(group: BreakdownGroup): TableModel | null {
  const profiles = group.columns.flatMap((c) =>
    c.profiles.filter((p) => p.error === null).map((p) => ({ topology: c.topology, profile: p })),
  );
  if (profiles.length <= group.columns.length) return null;
  const columns: TableColumn[] = [
    { title: 'process, ms', short: 'per process, ms', align: 'left' },
    ...CPU_CATEGORIES.map((c): TableColumn => ({
      title: CPU_CATEGORY_LABELS[c],
      short: SHORT_LABELS[c],
      align: 'right',
    })),
    { title: 'main thread', short: 'main thr', align: 'right' },
    { title: 'process CPU', short: 'process', align: 'right' },
  ];
  const rows = profiles.map(({ topology, profile }) => ({
    cells: [
      text(`${topology}/${profile.process}`),
      ...CPU_CATEGORIES.map((c) => num(ms(profile.categories[c]), 'fixed1')),
      num(ms(profile.busyUs), 'fixed1'),
      num(ms(profile.processCpuUs), 'fixed1'),
    ],
  }));
  return { columns, rows, notes: [] };
}
