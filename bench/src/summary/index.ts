// The summary layer: figures derived from a run's raw results (per-second histograms and counts,
// process samples, log accounting), each documented where it is computed, and the end-of-run table.
export type { CellSummary } from './summarize-cell.js';
export { summarizeCell } from './summarize-cell.js';
export type { OpenLoopSummary, PhaseSummary } from './open-loop-summary.js';
export type { ClosedLoopSummary } from './closed-loop-summary.js';
export type { SloContext, TrafficFigures, WithinSlo } from './traffic-figures.js';
export type { LatencyFigures } from './merged-latency.js';
export { countSamplesAbove, mergeEncodedHistograms } from './merged-latency.js';
export type { ImpactTiming, RecoveryTiming, SecondVerdict } from './second-verdicts.js';
export type { ProcessResources, ResourceFigures } from './resource-usage.js';
export type { LogLineFigures } from './log-lines.js';
export type { FaultPhaseComparison, MedianBasis, TopologyComparison, TopologyFigures, TopologyRatio } from './compare-topologies.js';
export { compareTopologies } from './compare-topologies.js';
export { renderTerminalSummary } from './render-terminal-summary.js';
export { formatMicrosAsMs, formatMiB, formatMs, formatPercent, formatRate, formatRatio, formatSeconds } from './format-units.js';
export { renderMarkdownSummary } from './render-markdown-summary.js';
export type { Verdict } from './fault-verdicts.js';
export { runVerdicts } from './fault-verdicts.js';
export type { RichSegment, RichText } from './rich-text.js';
export { richTextToMarkdown } from './rich-text.js';
export { runFigures } from './run-figures.js';
export { FIGURE_NOTES, MEASUREMENT_NOTES } from './measurement-notes.js';
export { CPU_BREAKDOWN_HOW, columnTitle, otherThreads, remoteCallLine } from './cpu-breakdown.js';
