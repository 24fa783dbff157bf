import { scenarioAxes } from '@paybench/bench-analysis';
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { AppliedFault, CellResult, Phase, RunResult } from '@paybench/bench-results';
import { loadLabel } from '@paybench/bench-scenario';
import { cellsOf, shownRepeat } from './cell-layout.js';
import { chartId, type Chart } from './chart.js';
import { perSecondSeries, type SecondPoint } from './per-second-series.js';
import { renderSvgChart } from './render-svg-chart.js';
import { COLORS, logRange, niceCeiling, phaseTint, statusLabel } from './chart-style.js';

const WIDTH = 1160;
const LEFT = 64;
const RIGHT = 24;
const COLUMN_GAP = 56;
const LEGEND = 36;
const PANEL_TITLE = 26;
const LATENCY_HEIGHT = 190;
const GAP = 14;
const THROUGHPUT_HEIGHT = 84;
const AXIS_BELOW = 52;
const ROW_HEIGHT = PANEL_TITLE + LATENCY_HEIGHT + GAP + THROUGHPUT_HEIGHT + AXIS_BELOW;

/** How to read every timeline: shown once above them. */
export function timelineIntro(sloP99Ms: number): string {
  return (
    'Per second, all traffic classes together: p99 and p50 latency of the requests that ended in that second (log scale; a gap means nothing ended: a stall), ' +
    "requests answered OK (2xx and 422), failed (errors, timeouts, dropped) and due. Shaded: the phases, named at the top where the name fits, tinted by what their fault event did to the forwarder's sink (red stalled, amber slowed, blue back to normal); grey: the drain after the window. " +
    `Dashed red: the SLO (p99 <= ${sloP99Ms} ms).`
  );
}

/**
 * One timeline figure per open-loop load point: a grid with a row per logging configuration and
 * a column per topology, every panel on the same axes (same seconds, same latency and rate
 * ranges) so that broken-vs-fixed and monolith-vs-microservices compare at a glance. Each panel
 * shows per-second p99 and p50 (log scale) over per-second answered and failed requests, the
 * phases shaded and named, the SLO as a line. Each panel shows one repeat: the lowest that
 * measured something (the panel title names it when the scenario has repeats).
 */
export function timelineCharts(run: RunResult): Chart[] {
  const layout = scenarioAxes(run);
  const charts: Chart[] = [];
  for (const load of layout.loads) {
    const panels = layout.loggings.map((logging) =>
      layout.topologies.map((topology) => shownRepeat(cellsOf(run, topology, logging, load))),
    );
    const openCells = panels.flat().filter((c): c is CellResult => c?.loadResult?.kind === 'open');
    if (openCells.length === 0) continue;
    charts.push(timelineChart(run, load, layout.loggings, layout.topologies, panels));
  }
  return charts;
}

function timelineChart(
  run: RunResult,
  load: string,
  loggings: readonly string[],
  topologies: readonly string[],
  panels: (CellResult | undefined)[][],
): Chart {
  const slo = run.scenario.slo.p99Ms;
  const series = new Map<CellResult, SecondPoint[]>();
  for (const cell of panels.flat())
    if (cell?.loadResult?.kind === 'open') series.set(cell, perSecondSeries(cell.loadResult.result));
  const allPoints = [...series.values()].flat();
  const latencies = allPoints.flatMap((p) => [p.p50Ms, p.p99Ms]).filter((v): v is number => v !== null && v > 0);
  const [yMin, yMax] = logRange([...latencies, slo]);
  // A retrying client's attempts are plotted too (issue 13's retry storm: the load the system really got).
  const retrying = run.scenario.load.some((l) => l.kind === 'open' && loadLabel(l) === load && l.clientRetries);
  const rateMax = niceCeiling(
    Math.max(1, ...allPoints.flatMap((p) => [p.due, p.answeredOk, p.failed, retrying ? p.attempts : 0])),
  );
  const windowSeconds = Math.max(run.scenario.duration / 1000, ...allPoints.map((p) => p.second + 1));
  const xMax = Math.ceil(windowSeconds);
  const columnWidth = (WIDTH - LEFT - RIGHT - COLUMN_GAP * (topologies.length - 1)) / topologies.length;

  const option = {
    legend: {
      top: 6,
      left: 'center',
      itemGap: 24,
      data: [
        'p99 latency',
        'p50 latency',
        'answered OK /s',
        'failed /s',
        'due /s',
        ...(retrying ? ['attempts /s'] : []),
      ],
    },
    title: [] as object[],
    grid: [] as object[],
    xAxis: [] as object[],
    yAxis: [] as object[],
    series: [] as LineSeriesOption[],
    graphic: [] as object[],
  } satisfies EChartsOption;

  let points = 0;
  panels.forEach((row, r) =>
    row.forEach((cell, c) => {
      const left = LEFT + c * (columnWidth + COLUMN_GAP);
      const top = LEGEND + r * ROW_HEIGHT;
      const latencyGrid = option.grid.length;
      const throughputGrid = latencyGrid + 1;
      const repeatNote = run.scenario.repeat > 1 && cell ? `, repeat ${cell.repeat} of ${run.scenario.repeat}` : '';
      const status = cell ? statusLabel(cell.status) : 'NOT RUN';
      option.title.push({
        text: `${topologies[c]} · ${loggings[r]} logging${repeatNote}`,
        left,
        top,
        textStyle: { fontSize: 13, fontWeight: 'bold', color: COLORS.text },
      });
      // An invalid, failed or missing cell is marked in red in its panel's top right corner, never hidden.
      if (status !== '')
        option.graphic.push({
          type: 'text',
          right: WIDTH - (left + columnWidth),
          top: top + 4,
          style: { text: status, fill: COLORS.bad, fontSize: 12, fontWeight: 'bold' },
        });
      option.grid.push({ left, top: top + PANEL_TITLE, width: columnWidth, height: LATENCY_HEIGHT });
      option.grid.push({
        left,
        top: top + PANEL_TITLE + LATENCY_HEIGHT + GAP,
        width: columnWidth,
        height: THROUGHPUT_HEIGHT,
      });
      const xAxis = (gridIndex: number, labels: boolean) => ({
        type: 'value',
        gridIndex,
        min: 0,
        max: xMax,
        splitLine: { show: false },
        axisLabel: { show: labels, fontSize: 11 },
        ...(labels
          ? {
              name: 'seconds into the measured window',
              nameLocation: 'middle',
              nameGap: 24,
              nameTextStyle: { fontSize: 11, color: COLORS.muted },
            }
          : {}),
      });
      option.xAxis.push(xAxis(latencyGrid, false), xAxis(throughputGrid, true));
      option.yAxis.push(
        {
          type: 'log',
          logBase: 10,
          gridIndex: latencyGrid,
          min: yMin,
          max: yMax,
          name: 'latency, ms (log)',
          nameLocation: 'middle',
          nameGap: 44,
          nameTextStyle: { fontSize: 11, color: COLORS.muted },
          axisLabel: { fontSize: 11 },
        },
        {
          type: 'value',
          gridIndex: throughputGrid,
          min: 0,
          max: rateMax,
          interval: rateMax / 2,
          name: 'req/s',
          nameLocation: 'middle',
          nameGap: 44,
          nameTextStyle: { fontSize: 11, color: COLORS.muted },
          axisLabel: { fontSize: 11 },
        },
      );
      const data = cell ? series.get(cell) : undefined;
      if (!data) {
        option.graphic.push({
          type: 'text',
          left: left + 12,
          top: top + PANEL_TITLE + LATENCY_HEIGHT / 2 - 8,
          style: {
            text: cell
              ? `no per-second data (${cell.status}${cell.problems[0] ? `: ${cell.problems[0].slice(0, 80)}` : ''})`
              : 'this cell did not run',
            fill: COLORS.bad,
            font: '12px sans-serif',
          },
        });
        return;
      }
      const phases = cell?.phases ?? [];
      const tints = phases.map((phase, i) => phaseTint(sinkModeOf(phase.name, cell?.faults ?? [], run), i === 0));
      const drainFrom =
        (cell?.loadResult?.kind === 'open' ? cell.loadResult.result.durationMs : run.scenario.duration) / 1000;
      const xy = (pick: (p: SecondPoint) => number | null) =>
        data.map((p) => {
          const value = pick(p);
          if (value !== null) points++;
          // Plotted mid-second: second s covers [s, s+1) of the window. '-' leaves a gap (a stall has no latency).
          return [p.second + 0.5, value ?? '-'];
        });
      const line = (
        name: string,
        color: string,
        values: ReturnType<typeof xy>,
        axes: number,
        extra: Partial<LineSeriesOption> = {},
      ): LineSeriesOption => ({
        type: 'line',
        name,
        xAxisIndex: axes,
        yAxisIndex: axes,
        data: values as LineSeriesOption['data'],
        color,
        symbol: 'circle',
        symbolSize: 3,
        lineStyle: { width: 1.5, color },
        ...extra,
      });
      option.series.push(
        line(
          'p99 latency',
          COLORS.p99,
          xy((p) => p.p99Ms),
          latencyGrid,
          {
            markArea: phaseAreas(phases, tints, drainFrom, xMax, columnWidth / xMax),
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: COLORS.slo, type: 'dashed', width: 1.5 },
              label: {
                formatter: `SLO ${slo} ms`,
                position: 'insideEndTop',
                color: COLORS.slo,
                fontSize: 11,
                backgroundColor: 'rgba(255, 255, 255, 0.75)',
                padding: [1, 3],
              },
              data: [{ yAxis: slo }],
            },
          },
        ),
        line(
          'p50 latency',
          COLORS.p50,
          xy((p) => p.p50Ms),
          latencyGrid,
        ),
        line(
          'answered OK /s',
          COLORS.ok,
          xy((p) => p.answeredOk),
          throughputGrid,
          { markArea: phaseAreas(phases, tints, drainFrom, xMax, null) },
        ),
        line(
          'failed /s',
          COLORS.bad,
          xy((p) => p.failed),
          throughputGrid,
        ),
        line(
          'due /s',
          COLORS.due,
          xy((p) => p.due),
          throughputGrid,
          { symbol: 'none', lineStyle: { width: 1, type: 'dashed', color: COLORS.due } },
        ),
      );
      if (retrying)
        option.series.push(
          line(
            'attempts /s',
            COLORS.attempts,
            xy((p) => p.attempts),
            throughputGrid,
            { symbol: 'none', lineStyle: { width: 1.5, type: 'dotted', color: COLORS.attempts } },
          ),
        );
    }),
  );

  const height = LEGEND + loggings.length * ROW_HEIGHT;
  const rate = run.scenario.load.find((l) => l.kind === 'open' && loadLabel(l) === load);
  const id = chartId('timeline', load);
  return {
    id,
    title: `Timeline at ${load}${rate?.kind === 'open' ? ` (${rate.rate} req/s offered)` : ''}`,
    caption: `Rows: logging configurations; columns: topologies; every panel on the same axes.${run.scenario.repeat > 1 ? ` Each panel shows one repeat (named in its title), the lowest that measured something; the tables cover every repeat.` : ''}`,
    svg: renderSvgChart(option as EChartsOption, { width: WIDTH, height }, id),
    points,
  };
}

/** What the fault event that starts a phase did to the sink: the cell's applied fault, else the scenario's. */
function sinkModeOf(phase: string, faults: readonly AppliedFault[], run: RunResult): string | null {
  const applied = faults.find((f) => f.phase === phase);
  if (applied) return applied.change.sink?.mode ?? null;
  return run.scenario.faults.find((f) => f.phase === phase)?.forwarder?.sink?.mode ?? null;
}

/** Roughly how wide a character of an 11 px area label is, to tell whether a name fits its area. */
const LABEL_CHAR_PX = 6.5;

/**
 * The phases as tinted areas (see phaseTint), the drain in grey; each named at the top where its name fits (a phase
 * or a drain of a second or two is too narrow: names would run into each other; the tint, the caption and the
 * tables say it). `pxPerSecond` null: no names (the throughput panel under the named latency panel).
 */
function phaseAreas(
  phases: readonly Phase[],
  tints: readonly string[],
  drainFrom: number,
  xMax: number,
  pxPerSecond: number | null,
): LineSeriesOption['markArea'] {
  const fits = (name: string, seconds: number) =>
    pxPerSecond !== null && seconds * pxPerSecond >= name.length * LABEL_CHAR_PX;
  const areas = phases.map((phase, i) => {
    const named = fits(phase.name, (phase.toMs - phase.fromMs) / 1000);
    return [
      {
        name: named ? phase.name : '',
        xAxis: phase.fromMs / 1000,
        itemStyle: { color: tints[i] },
        label: { show: named, position: 'insideTop', color: COLORS.text, fontSize: 11 },
      },
      { xAxis: phase.toMs / 1000 },
    ];
  });
  const named = fits('drain', xMax - drainFrom);
  if (xMax > drainFrom)
    areas.push([
      {
        name: named ? 'drain' : '',
        xAxis: drainFrom,
        itemStyle: { color: COLORS.drain },
        label: { show: named, position: 'insideTop', color: COLORS.muted, fontSize: 11 },
      },
      { xAxis: xMax },
    ]);
  return { silent: true, data: areas as NonNullable<LineSeriesOption['markArea']>['data'] };
}
