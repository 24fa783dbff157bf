// The CPU breakdown of a run, per topology side by side: what the terminal table, summary.md and
// the HTML report draw. Built from the cells' `cpuProfiles` (see profile/cpu-profile-types.ts).
import {
  CPU_CATEGORIES,
  type CpuCategory,
  emptyCategories,
  type HotFunction,
  type ProcessCpuProfile,
} from '@paybench/bench-profile';
import type { CellResult, CellSummary, RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';
import { axisRank, cellConfiguration, scenarioAxes } from './scenario-axes.js';
import { summarizeRun } from './summarize-run.js';

/** One process x category of one cell: the shape a renderer draws. */
export interface CpuBreakdownRow {
  cell: string;
  topology: string;
  logging: string;
  load: string;
  repeat: number;
  process: string;
  category: CpuCategory;
  selfMs: number;
  /** Of the process's busy (non-idle) time, 0..1. */
  share: number;
  /** selfMs / 2xx answers of the cell's measured window (the topology's, whichever process); null without any. */
  msPerRequest: number | null;
}

/** Every profiled process of every cell, one row per category, in run order. */
export function cpuBreakdownRows(run: RunResult): CpuBreakdownRow[] {
  const { summaries } = summarizeRun(run);
  return run.cells.flatMap((cell, i) => {
    const successes = successesOf(summaries[i]);
    return (cell.cpuProfiles ?? [])
      .filter((p) => p.error === null)
      .flatMap((profile) =>
        CPU_CATEGORIES.map((category) => ({
          cell: cell.key,
          topology: cell.topology,
          logging: cellConfiguration(cell),
          load: loadLabel(cell.load),
          repeat: cell.repeat,
          process: profile.process,
          category,
          selfMs: profile.categories[category] / 1000,
          share: profile.busyUs > 0 ? profile.categories[category] / profile.busyUs : 0,
          msPerRequest: successes ? profile.categories[category] / 1000 / successes : null,
        })),
      );
  });
}

/** One topology's column of a side-by-side table: its profiled processes added up. */
export interface BreakdownColumn {
  topology: string;
  cell: string;
  /** The profiled processes that produced a profile. */
  processes: string[];
  /** True when every process of the topology is in the sum (only then is it the topology's whole cost). */
  wholeTopology: boolean;
  categories: Record<CpuCategory, number>;
  busyUs: number;
  idleUs: number;
  samples: number;
  samplingIntervalUs: number | null;
  /** 2xx answers of the measured window; null when unknown. */
  successes: number | null;
  /** The same processes' CPU time over the window, all threads (busyUs is the main threads'); null when unknown. */
  processCpuUs: number | null;
  busySamples: number;
  /** The hottest functions across its processes. */
  top: (HotFunction & { process: string })[];
  profiles: ProcessCpuProfile[];
}

/** The cells of one (logging, load, repeat): one column per topology, in the scenario's order. */
export interface BreakdownGroup {
  logging: string;
  load: string;
  repeat: number;
  columns: BreakdownColumn[];
}

export function cpuBreakdownGroups(run: RunResult): BreakdownGroup[] {
  const groups: BreakdownGroup[] = [];
  const { topologies } = scenarioAxes(run);
  const { summaries } = summarizeRun(run);
  for (const [i, cell] of run.cells.entries()) {
    if (!cell.cpuProfiles || cell.cpuProfiles.length === 0) continue;
    const load = loadLabel(cell.load);
    const logging = cellConfiguration(cell);
    let group = groups.find((g) => g.logging === logging && g.load === load && g.repeat === cell.repeat);
    if (!group) groups.push((group = { logging, load, repeat: cell.repeat, columns: [] }));
    group.columns.push(column(cell, cell.cpuProfiles, summaries[i]));
    group.columns.sort((a, b) => axisRank(topologies, a.topology) - axisRank(topologies, b.topology));
  }
  return groups;
}

function column(cell: CellResult, profiles: ProcessCpuProfile[], summary: CellSummary): BreakdownColumn {
  const ok = profiles.filter((p) => p.error === null);
  const categories = emptyCategories();
  for (const p of ok) for (const c of CPU_CATEGORIES) categories[c] += p.categories[c];
  const intervals = [...new Set(ok.map((p) => p.samplingIntervalUs))];
  return {
    topology: cell.topology,
    cell: cell.key,
    processes: ok.map((p) => p.process),
    wholeTopology: cell.processes.every((p) => ok.some((o) => o.process === p.name)),
    categories,
    busyUs: ok.reduce((sum, p) => sum + p.busyUs, 0),
    idleUs: ok.reduce((sum, p) => sum + p.idleUs, 0),
    samples: ok.reduce((sum, p) => sum + p.samples, 0),
    samplingIntervalUs: intervals.length === 1 ? (intervals[0] as number) : null,
    successes: successesOf(summary),
    processCpuUs:
      ok.length > 0 && ok.every((p) => p.processCpuUs !== null)
        ? ok.reduce((sum, p) => sum + (p.processCpuUs ?? 0), 0)
        : null,
    busySamples: ok.reduce((sum, p) => sum + p.busySamples, 0),
    top: ok
      .flatMap((p) => p.top.map((f) => ({ ...f, process: p.process })))
      .sort((a, b) => b.selfUs - a.selfUs)
      .slice(0, 10),
    profiles,
  };
}

/** The remote-call cost of a column: HTTP server + HTTP client + JSON, µs. */
export function remoteCallUs(column: Pick<BreakdownColumn, 'categories'>): number {
  return column.categories.httpServer + column.categories.httpClient + column.categories.json;
}

/** 2xx answers of a cell's measured window, as the CPU-per-request figure counts them. */
function successesOf(summary: CellSummary): number | null {
  const traffic = summary.traffic;
  if (!traffic) return null;
  const success = traffic.kind === 'open' ? traffic.overall.traffic.success : traffic.success;
  return success > 0 ? success : null;
}
